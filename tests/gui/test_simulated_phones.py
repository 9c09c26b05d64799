"""The technician's whole flow on simulated phones, read through the real device services.

The simulators speak the real protocols (usbmuxd/lockdownd, adb), so these
tests run the same pymobiledevice3 and adbutils code as a phone on a cable.
"""

import datetime as dt
import os
import signal
import sys
import threading
import time

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication

from device_probes.facts import DeviceState
from device_probes.sim.phones import DEMO_PHONES, SimulatedPhones
from kiosk.grading import Outcome
from kiosk.intake import Carrier, IdMethod, RestrictionMark, Wear
from tests.gui.conftest import in_ledger, start_counter, stop_counter
from ui.app import device_services, run
from ui.condition_form import QUESTIONS
from ui.demo import DemoPanel
from ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.slow]

READ_TIMEOUT_MS = 20_000


def outcome_of(editor):
    return editor.grade.outcome if editor.grade is not None else None


@pytest.fixture
def phones():
    with SimulatedPhones() as phones:
        yield phones


@pytest.fixture
def counter(qtbot, isolated_data_dir, phones, japanese):
    counter = start_counter(qtbot, isolated_data_dir, device_services(isolated_data_dir), japanese)
    yield counter
    stop_counter(counter)


def wait_for_phone(qtbot, counter, serial, state=DeviceState.READY):
    view = counter.window.counter
    qtbot.waitUntil(lambda: serial in view.cards and view.facts_of(serial) is not None
                    and view.facts_of(serial).state is state, timeout=READ_TIMEOUT_MS)
    view.select(serial)
    return view.cards[serial], view.editor_for(serial)


def enter_intake(qtbot, window, editor, carrier):
    """What the technician enters, with the keyboard where the app offers a shortcut."""
    window.activateWindow()
    editor.mark_entry.set_carrier(carrier)
    qtbot.keyClick(editor.seller_form.name, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    for name in QUESTIONS:
        editor.condition_form.answer(name, name == "powers_on")
    editor.condition_form.set_wear(Wear.S)
    form = editor.seller_form
    form.name.setText("山田 太郎")
    form.address.setText("東京都千代田区外神田1-1-1")
    form.occupation.setText("会社員")
    form.date_of_birth.setText("1990-04-01")
    form.id_method.setCurrentIndex(form.id_method.findData(IdMethod.MY_NUMBER_CARD.value))
    form.id_number.setText("123456789012")
    editor.grade_panel.staff_name.setText("佐藤")


def test_plug_in_read_grade_record_and_export_an_iphone(qtbot, counter, phones, tmp_path):
    serial = phones.plug("ios", "iphone15_dual_sim")
    card, editor = wait_for_phone(qtbot, counter, serial)
    assert card.title.text() == "iPhone 15"
    assert editor.facts.region == "J/A" and "J/A" in editor.facts_view._rows["model"].value.text()
    assert editor.facts.imei == ["350162321000014", "350162321000022"]
    assert editor.facts_view._rows["imei"].source.text() == "[端末]"

    enter_intake(qtbot, counter.window, editor, Carrier.SOFTBANK)
    assert editor.mark_entry.mark() is RestrictionMark.CLEAR
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY)
    editor.grade_panel.price.setValue(98000)
    qtbot.keyClick(editor.grade_panel.staff_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: editor.grade_panel.status.text() == "保存しました(台帳番号 1)")
    [entry] = in_ledger(counter, lambda ledger: list(ledger.entries_on(dt.date.today())))
    assert (entry.imei1, entry.imei2, entry.outcome, entry.price_yen) == (
        "350162321000014", "350162321000022", "buy", 98000)

    dialog = counter.window.open_export()
    out = tmp_path / "day.csv"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "ok")
    assert "350162321000014" in out.read_bytes().decode("utf-8-sig")


def test_a_docomo_galaxy_is_recognised_and_unplugging_keeps_the_input(qtbot, counter, phones):
    serial = phones.plug("android", "galaxy_s21")
    card, editor = wait_for_phone(qtbot, counter, serial)
    assert editor.mark_entry.chosen_carrier() is Carrier.DOCOMO
    enter_intake(qtbot, counter.window, editor, Carrier.DOCOMO)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY_REDUCED)  # battery below 80 %

    phones.unplug("android", serial)
    qtbot.waitUntil(lambda: card.unplugged, timeout=READ_TIMEOUT_MS)
    assert editor.mark_entry.mark() is RestrictionMark.CLEAR
    assert editor.seller_form.name.text() == "山田 太郎"
    assert editor.grade.outcome is Outcome.BUY_REDUCED


def test_an_iphone_waiting_for_trust_says_so_until_it_is_trusted(qtbot, counter, phones):
    serial = phones.plug("ios", "untrusted_then_trusted")
    card, _editor = wait_for_phone(qtbot, counter, serial, DeviceState.PAIRING_PENDING)
    assert card.instruction.text() == "iPhoneのロックを解除して「信頼」をタップしてください"
    wait_for_phone(qtbot, counter, serial)
    assert not card.instruction.isVisible()


def test_eight_phones_are_read_at_once(qtbot, counter, phones):
    """All eight read through the real services; the longest GUI-thread stall is printed (bench/ measures it)."""
    profiles = [("ios", "iphone15_dual_sim"), ("ios", "iphone_se3_findmy_off"), ("ios", "worn_battery"),
                ("ios", "iphone13pro_findmy_on"), ("android", "galaxy_s21"), ("android", "pixel8_frp"),
                ("android", "reno7a_dual_sim"), ("android", "redmi_note11")]
    serials = []
    heartbeat, clock, gaps = QTimer(), QElapsedTimer(), []

    def beat():
        gaps.append(clock.restart())

    heartbeat.setInterval(5)
    heartbeat.timeout.connect(beat)
    clock.start()
    heartbeat.start()
    # Plugging a simulated phone blocks (adb connect), so it happens off the GUI thread, as on a real hub.
    plugging = threading.Thread(target=lambda: serials.extend(phones.plug(*profile) for profile in profiles))
    started = time.monotonic()
    plugging.start()
    try:
        view = counter.window.counter
        qtbot.waitUntil(lambda: len(serials) == 8 and all(
            serial in view.cards and view.facts_of(serial) is not None
            and view.facts_of(serial).state is DeviceState.READY for serial in serials),
            timeout=READ_TIMEOUT_MS * 2)
    finally:
        plugging.join()
        heartbeat.stop()
    print(f"\nEight phones read in {time.monotonic() - started:.2f} s; "
          f"longest GUI-thread stall {max(gaps)} ms over {len(gaps)} heartbeats")


def test_the_gui_thread_runs_while_every_phone_is_stuck_mid_read(qtbot, counter, phones):
    """Four iPhones that never answer and four Android phones that hang: while all eight reads are
    under way, the GUI thread still runs what is posted to it, so nothing on it waits on a phone."""
    ios, android = phones.simulators["ios"], phones.simulators["android"]
    reads: dict[str, tuple[object, threading.Event]] = {}  # serial: its simulator, its "read started"

    def plug_stuck_phones() -> None:
        for profile in ("iphone15_dual_sim", "iphone_se3_findmy_off", "worn_battery", "iphone13pro_findmy_on"):
            udid = ios.plug(profile, silent=True)
            reads[udid] = ios, ios.phone(udid).read_started
        for profile in ("galaxy_s21", "pixel8_frp", "reno7a_dual_sim", "redmi_note11"):
            serial = android.plug(profile, hang=True)
            reads[serial] = android, android.phones[serial].read_started

    # Plugging blocks (adb connect), so it happens off the GUI thread, as on a real hub.
    plugging = threading.Thread(target=plug_stuck_phones)
    plugging.start()
    try:
        qtbot.waitUntil(lambda: len(reads) == 8 and all(started.is_set() for _sim, started in reads.values()),
                        timeout=READ_TIMEOUT_MS)
    finally:
        plugging.join()
    editors = counter.window.counter.editors
    facts_when_it_ran = []
    QTimer.singleShot(0, lambda: facts_when_it_ran.extend(getattr(editors.get(serial), "facts", None)
                                                          for serial in reads))
    qtbot.waitUntil(lambda: len(facts_when_it_ran) == 8)
    assert facts_when_it_ran == [None] * 8  # it ran while every read was still stuck
    for serial, (simulator, _started) in reads.items():
        simulator.unplug(serial)


def test_demo_mode_starts_with_phones_and_closes_cleanly(qtbot, isolated_data_dir, monkeypatch, japanese):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    seen = []
    deadline = time.monotonic() + READ_TIMEOUT_MS / 1000

    def close_when_every_phone_is_read():
        windows = [widget for widget in QApplication.topLevelWidgets()
                   if isinstance(widget, MainWindow) and widget.isVisible()]
        view = windows[0].counter if windows else None
        facts = [view.facts_of(key) for key in view.cards] if view else []
        if len(facts) == len(DEMO_PHONES) and all(each is not None for each in facts):
            seen.extend(each.serial for each in facts)
        if windows and (seen or time.monotonic() > deadline):
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_every_phone_is_read)

    QTimer.singleShot(100, close_when_every_phone_is_read)
    assert run(isolated_data_dir, demo=True) == 0
    assert len(seen) == len(DEMO_PHONES)


def test_sigterm_ends_the_app_like_closing_it(qtbot, isolated_data_dir, monkeypatch, japanese):
    """Ctrl-C in a terminal (or SIGTERM from a service manager) must not become an error dialog."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handler_before = signal.getsignal(signal.SIGTERM)

    def terminate_once_the_window_shows():
        if any(isinstance(widget, MainWindow) and widget.isVisible() for widget in QApplication.topLevelWidgets()):
            os.kill(os.getpid(), signal.SIGTERM)
        else:
            QTimer.singleShot(100, terminate_once_the_window_shows)

    QTimer.singleShot(100, terminate_once_the_window_shows)
    # Demo mode: the app's adb client must talk to the simulators' private server, never start the system one.
    assert run(isolated_data_dir, demo=True) == 0
    assert signal.getsignal(signal.SIGTERM) is handler_before


def test_the_demo_panel_plugs_and_unplugs_phones(qtbot, counter, phones):
    panel = DemoPanel(phones, counter.gateway)
    qtbot.addWidget(panel)
    panel.profile.setCurrentIndex(panel.profile.findData("android/redmi_note11"))
    panel.plug_button.click()
    qtbot.waitUntil(lambda: panel.plugged.count() == 1, timeout=READ_TIMEOUT_MS)
    serial = panel.plugged.currentData()
    card, _editor = wait_for_phone(qtbot, counter, serial)

    panel.unplug_button.click()
    qtbot.waitUntil(lambda: card.unplugged, timeout=READ_TIMEOUT_MS)
    assert panel.plugged.count() == 0
    assert not panel.unplug_button.isEnabled()
