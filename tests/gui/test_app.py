"""The application shell: errors shown, one copy at a time, keyboard order."""

import os
import signal
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.carriers import CarrierPagesError
from kiosk.id_documents import IdDocumentsError
from kiosk.intake import Carrier
from kiosk.ledger import LedgerBusy
from tests.gui.conftest import start_counter
from tests.gui.scripted import phone_facts
from ui.app import install_excepthook
from ui.signal_handler import SignalHandler

pytestmark = pytest.mark.gui


def open_message_boxes():
    return [widget for widget in QApplication.topLevelWidgets()
            if isinstance(widget, QMessageBox) and widget.isVisible()]


@pytest.fixture
def hooks_restored(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_an_uncaught_error_is_logged_and_shown(qtbot, counter, hooks_restored, caplog):
    install_excepthook(counter.gateway, counter.window)
    try:
        raise RuntimeError("the printer caught fire")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())

    [box] = open_message_boxes()
    assert "the printer caught fire" in box.text()
    assert "Traceback" in box.detailedText()
    assert "uncaught error" in caplog.text
    box.close()


def test_an_error_in_a_background_thread_is_shown_on_the_gui_thread(qtbot, counter, hooks_restored):
    install_excepthook(counter.gateway, counter.window)

    def fail():
        raise ValueError("a worker failed")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(open_message_boxes()) == 1)
    [box] = open_message_boxes()
    assert "a worker failed" in box.text()
    box.close()


def test_a_second_copy_stops_instead_of_sharing_the_ledger(qtbot, counter, isolated_data_dir, services, japanese):
    with pytest.raises(LedgerBusy):
        start_counter(qtbot, isolated_data_dir, services, japanese)


def test_tab_follows_the_technicians_path(qtbot, counter, services):
    services["ios"].plug(phone_facts())
    qtbot.waitUntil(lambda: counter.window.counter.current_editor() is not None
                    and counter.window.counter.current_editor().facts is not None)
    editor = counter.window.counter.current_editor()
    order = [editor.mark_entry.carrier, *editor.mark_entry.mark_buttons.values(),
             editor.condition_form._answers["powers_on"].buttons[True], editor.seller_form.name,
             editor.seller_form.id_number, editor.grade_panel.staff_name, editor.grade_panel.confirm]

    widget, reached = order[0], []
    for _step in range(200):
        if widget in order:
            reached.append(widget)
        widget = widget.nextInFocusChain()
    assert [order.index(widget) for widget in dict.fromkeys(reached)] == list(range(len(order)))


def test_the_shops_carrier_pages_are_used_and_a_bad_file_stops_the_start(qtbot, isolated_data_dir, services, japanese):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    override = isolated_data_dir / "carriers.json"
    override.write_text('{"carriers": [{"carrier": "mineo", "check_url": "https://example.jp/check"}]}',
                        encoding="utf-8")
    counter = start_counter(qtbot, isolated_data_dir, services, japanese)
    try:
        assert counter.carrier_pages[Carrier.MINEO].check_url == "https://example.jp/check"
    finally:
        counter.shutdown()
    override.write_text('{"carriers": [{"carrier": "mineo", "check_url": "ftp://example.jp"}]}', encoding="utf-8")
    with pytest.raises(CarrierPagesError, match="mineo.check_url"):
        start_counter(qtbot, isolated_data_dir, services, japanese)


def test_the_shops_id_documents_reach_the_seller_form_and_a_bad_file_stops_the_start(qtbot, isolated_data_dir,
                                                                                    services, japanese):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    override = isolated_data_dir / "id_documents.json"
    override.write_text('{"special_permanent_resident": {"ja": "特別永住者証明書", "en": "Special permanent resident '
                        'certificate", "proves": ["name", "address"], "number": "record"}}', encoding="utf-8")
    counter = start_counter(qtbot, isolated_data_dir, services, japanese)
    try:
        card_serial = phone_facts().serial
        services["ios"].plug(phone_facts())
        view = counter.window.counter
        qtbot.waitUntil(lambda: card_serial in view.cards and view.editor_for(card_serial) is not None)
        combo = view.editor_for(card_serial).seller_form.id_method
        assert combo.itemText(combo.findData("special_permanent_resident")) == "特別永住者証明書"
    finally:
        counter.shutdown()
    override.write_text('{"my_number_card": {"number": "record"}}', encoding="utf-8")
    with pytest.raises(IdDocumentsError, match="my_number_card.number"):
        start_counter(qtbot, isolated_data_dir, services, japanese)


@pytest.fixture
def signal_handler(qapp):
    calls = {"ask": 0, "close": 0, "exit": []}

    def ask():
        calls["ask"] += 1

    def close():
        calls["close"] += 1

    handler = SignalHandler(ask, close, exit_now=calls["exit"].append)
    handler.activate()
    yield handler, calls
    handler.deactivate()


POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="os.kill cannot send SIGINT to itself on Windows")


@POSIX_ONLY
def test_ctrl_c_asks_from_the_event_loop_and_a_second_forces_the_exit(qtbot, signal_handler):
    _handler, calls = signal_handler
    os.kill(os.getpid(), signal.SIGINT)
    assert calls["ask"] == 0  # not inside the signal handler: on the next turn of the event loop
    qtbot.waitUntil(lambda: calls["ask"] == 1)
    assert calls["exit"] == [] and calls["close"] == 0

    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: calls["exit"] == [128 + signal.SIGTERM])
    assert calls["ask"] == 1


@POSIX_ONLY
def test_sigterm_closes_without_asking(qtbot, signal_handler):
    _handler, calls = signal_handler
    os.kill(os.getpid(), signal.SIGTERM)
    qtbot.waitUntil(lambda: calls["close"] == 1)
    assert calls["ask"] == 0 and calls["exit"] == []


@POSIX_ONLY
def test_staying_when_asked_rearms_ctrl_c(qtbot, signal_handler):
    handler, calls = signal_handler
    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: calls["ask"] == 1)
    handler.rearm()
    os.kill(os.getpid(), signal.SIGINT)
    qtbot.waitUntil(lambda: calls["ask"] == 2)
    assert calls["exit"] == []


def test_the_previous_handlers_come_back(qapp):
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    handler = SignalHandler(lambda: None, lambda: None)
    handler.activate()
    assert signal.getsignal(signal.SIGINT) != before[signal.SIGINT]
    handler.deactivate()
    assert {signum: signal.getsignal(signum) for signum in before} == before
    if sys.platform != "win32":
        assert signal.set_wakeup_fd(-1) == -1  # no wakeup pipe left behind
