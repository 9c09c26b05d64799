"""Every string the UI shows is translated, the catalogues are current, and the switch is immediate.

The source strings in the code are English; Japanese comes from ``kiosk_ja.ts``.
English needs only its plural forms (``kiosk_en.ts``, made with ``-pluralonly``).
"""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu, QTableView, QTabWidget, QWidget,
)

from device_probes import problems
from device_probes.facts import BatteryMeasurement, DeviceState, Source
from kiosk.counter import record_intake
from kiosk.intake import RestrictionMark, intake_from_json
from kiosk.staff_pin import StaffPin, set_pin
from kiosk.tickets import PhoneKind
from tests.factories import intake_json
from tests.gui.conftest import in_ledger
from tests.gui.customer_steps import Finger, walk_to_ticket
from tests.gui.scripted import phone_facts
from ui.customer.window import IDLE_SECONDS
from ui.i18n import Language

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
UI_SOURCES = sorted(str(path) for path in (ROOT / "ui").rglob("*.py"))
CATALOGUES = {"ja": TRANSLATIONS / "kiosk_ja.ts", "en": TRANSLATIONS / "kiosk_en.ts"}


def messages(ts_path: Path):
    """(context, source, translation element, is plural) for each message of a .ts file."""
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation"), message.get("numerus") == "yes"


def tool(name: str) -> str:
    # Beside this Python first: a virtual environment's scripts need not be on PATH.
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert path, f"{name} (shipped with PySide6) is neither beside {sys.executable} nor on PATH"
    return path


def fresh_catalogue(tmp_path: Path, *options: str) -> Path:
    out = tmp_path / "fresh.ts"
    subprocess.run([tool("pyside6-lupdate"), *UI_SOURCES, *options, "-ts", str(out)], check=True,
                   capture_output=True)
    return out


def test_the_japanese_catalogue_holds_every_string_of_the_code(tmp_path):
    in_code = {(context, source) for context, source, _t, _p in messages(fresh_catalogue(tmp_path))}
    in_catalogue = {(context, source) for context, source, translation, _p in messages(CATALOGUES["ja"])
                    if translation.get("type") not in ("obsolete", "vanished")}
    assert in_code - in_catalogue == set(), "run pyside6-lupdate and translate the new strings"
    assert in_catalogue - in_code == set(), "run pyside6-lupdate -no-obsolete"


def test_the_english_catalogue_holds_every_plural_of_the_code(tmp_path):
    in_code = {(context, source) for context, source, _t, _p in messages(fresh_catalogue(tmp_path, "-pluralonly"))}
    assert in_code == {(context, source) for context, source, _t, _p in messages(CATALOGUES["en"])}
    assert in_code, "the English catalogue exists for plural forms"


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_no_translation_is_unfinished_or_empty(language):
    problems = []
    for context, source, translation, plural in messages(CATALOGUES[language]):
        texts = [form.text for form in translation.iter("numerusform")] if plural else [translation.text]
        if translation.get("type") == "unfinished" or not all(text and text.strip() for text in texts):
            problems.append(f"{context}: {source!r}")
        placeholders = set(re.findall(r"\{\w+\}|%n", source))
        if any(placeholders - set(re.findall(r"\{\w+\}|%n", text or "")) for text in texts):
            problems.append(f"{context}: {source!r} loses a placeholder")
    assert problems == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_the_compiled_catalogue_matches_its_source(tmp_path, language):
    compiled = tmp_path / f"kiosk_{language}.qm"
    subprocess.run([tool("pyside6-lrelease"), str(CATALOGUES[language]), "-qm", str(compiled)], check=True,
                   capture_output=True)
    assert compiled.read_bytes() == CATALOGUES[language].with_suffix(".qm").read_bytes(), "run pyside6-lrelease"


def visible_texts(top: QWidget) -> list[str]:
    """Every text a user can see in a window: labels, buttons, titles, items, tabs, menus, headers."""
    texts = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(index) for index in range(widget.count()))
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts.extend(widget.tabText(index) for index in range(widget.count()))
        elif isinstance(widget, QTableView):
            model = widget.model()
            texts.extend(model.headerData(column, widget.horizontalHeader().orientation())
                         for column in range(model.columnCount()))
        texts.append(widget.toolTip())
        texts.append(widget.windowTitle())
    for menu in top.findChildren(QMenu):
        texts.append(menu.title())
        texts.extend(action.text() for action in menu.actions())
    return [re.sub(r"\(&\w\)|&", "", text) for text in texts if text]


def leftovers(texts: list[str]) -> list[str]:
    """Texts that still show an English source string (or the fixed start of one)."""
    english = set()
    for _context, source, translation, plural in messages(CATALOGUES["ja"]):
        if not plural and translation.text != source:
            english.add(re.split(r"\{|%n", source)[0].strip())
    english = {text for text in english if len(text) >= 3}
    return sorted({text for text in texts for source in english if text == source or text.startswith(source + " ")})


@pytest.fixture
def busy_counter(qtbot, counter, services):
    """A window with a phone being graded, an entry in the day log and every dialog open."""
    entry, _grade = in_ledger(counter, lambda ledger: record_intake(
        intake_from_json(intake_json(), for_record=True), counter.policy, ledger))
    services["ios"].plug(phone_facts(lock="unknown", battery=None))
    qtbot.waitUntil(lambda: any(editor.grade for editor in counter.window.counter.editors.values()))
    with qtbot.waitSignal(counter.window.day_log.refreshed):
        counter.window.day_log.refresh()
    counter.window.open_export()
    counter.window.day_log.open_entry(0)
    qtbot.waitUntil(lambda: counter.window.day_log.dialog is not None)
    return counter


def all_windows(counter) -> list[QWidget]:
    window = counter.window
    return [window, window.export_dialog, window.day_log.dialog]


def test_the_japanese_ui_shows_no_english_source_text(busy_counter):
    texts = []
    for top in all_windows(busy_counter):
        texts += visible_texts(top)
    busy_counter.window.tabs.setCurrentIndex(1)
    texts += visible_texts(busy_counter.window)
    assert len(texts) > 100
    assert leftovers(texts) == []


def test_the_language_switch_takes_effect_at_once(qtbot, busy_counter, japanese):
    window = busy_counter.window
    editor = window.counter.current_editor()
    card = next(iter(window.counter.cards.values()))
    assert window.tabs.tabText(0) == "カウンター"

    window.language_actions[Language.ENGLISH].trigger()

    # Qt delivers LanguageChange on the next turn of the event loop: no restart, no reopening.
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Counter")
    assert card.state.text() == "Read"
    assert editor.grade_panel.outcome.text() == "Not finished"  # the phone's form is still being filled in
    assert editor.facts_view._rows["lock"].value.text() == "Unknown"
    assert editor.condition_form._status["powers_on"].text() == "not checked"
    assert window.day_log.model.headerData(0, window.day_log.table.horizontalHeader().orientation()) == "No."
    assert window.export_dialog.windowTitle() == "Export the ledger"
    assert "Reasons" in visible_texts(window)
    assert window.language_actions[Language.ENGLISH].isChecked()

    window.language_actions[Language.JAPANESE].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "カウンター")
    assert editor.grade_panel.outcome.text() == "入力途中"


#: Problems a phone can bring to the counter, with English-only technical details in them.
PHONE_PROBLEMS = [
    problems.imei_invalid(1, "356789101234560", "The number's checksum or check digit is invalid."),
    problems.imei_unreadable(2, ["service call: refused: Requires READ_PHONE_STATE"]),
    problems.not_activated("Unactivated"),
    problems.ios_battery_unreadable("DiagnosticsServiceError: no battery"),
    problems.usbmuxd_unreachable("usbmuxd: cannot reach usbmuxd at /var/run/usbmuxd", "Install usbmuxd."),
]
STATE_NAMES = re.compile(r"\b(" + "|".join(state.value for state in DeviceState) + r")\b")
#: What the probes say for the record, never for the screen: registers, commands, files and the codes of values.
INTERNAL_NAMES = re.compile("|".join([
    "IORegistry", "AppleRawMaxCapacity", "NominalChargeCapacity", "DesignCapacity", "mSavedBatteryAsoc", "ASOC",
    "dumpsys", "batterystats", "charge_full", "/sys/", "MobileConfig", "device_policy", "supervised",
    "remote management", "jp\\.example",
    *(f"\\b{measurement.value}\\b" for measurement in BatteryMeasurement if "_" in measurement.value),
    *(f"\\b{source.value}\\b" for source in Source if "_" in source.value),
]))
#: A phone read by each way of measuring its battery, and one managed by a company.
MEASURED_PHONES = [
    phone_facts(serial=f"00008110-0000000000000B{number:02d}", imei=[],
                battery={"health_percent": 81.0, "cycle_count": 400, "method": method, "measured_by": measurement.value})
    for number, (measurement, method) in enumerate([
        (BatteryMeasurement.IPHONE_GAUGE,
         "IORegistry AppleRawMaxCapacity / DesignCapacity (battery gauge; Settings smooths its figure)"),
        (BatteryMeasurement.GAUGE, "charge_full / charge_full_design (/sys/class/power_supply/battery)"),
        (BatteryMeasurement.SAMSUNG_CHECK, "Samsung ASOC (mSavedBatteryAsoc in dumpsys battery)"),
        (BatteryMeasurement.LEARNED_CAPACITY, "last learned capacity / design capacity (dumpsys batterystats)"),
    ])
]
MANAGED_PHONE = phone_facts(serial="00008110-0000000000000C01", imei=[], managed={
    "state": "on", "detail": "device owner Example MDM Agent (jp.example.mdm.agent)", "organisation": "Example MDM Agent"})


@pytest.fixture
def phones_with_problems(qtbot, counter, services):
    """A phone that refused Trust, one read with problems, one for each way of measuring the battery and a
    company's phone, each with a card and an editor (its grade and reasons in view); one read failed."""
    denied = phone_facts(serial="00008110-00000000000000D1", state=DeviceState.PAIRING_DENIED.value, imei=[],
                         problems=[problems.IOS_PAIRING_DENIED.to_json()])
    troubled = phone_facts(problems=[problem.to_json() for problem in PHONE_PROBLEMS])
    for facts in (denied, troubled, *MEASURED_PHONES, MANAGED_PHONE):
        services["ios"].plug(facts)
    qtbot.waitUntil(lambda: len(counter.window.counter.cards) == 3 + len(MEASURED_PHONES)
                    and all(editor.facts for editor in counter.window.counter.editors.values()))
    counter.hub.probe_failed.emit(denied.serial, "RuntimeError: an unexpected answer")
    counter.hub.service_failed.emit("android", "adb server: could not start it")
    return counter


def texts_of_every_phone(qtbot, counter) -> list[str]:
    texts = []
    for serial in counter.window.counter.cards:
        counter.window.counter.select(serial)
        editor = counter.window.counter.editors[serial]
        if editor.facts.state is DeviceState.READY:
            qtbot.waitUntil(lambda editor=editor: editor.grade is not None)
        texts += visible_texts(counter.window)
    return texts + [counter.window.statusBar().currentMessage()]


def test_the_japanese_ui_shows_phone_problems_in_japanese_and_no_state_names(qtbot, phones_with_problems):
    texts = "\n".join(texts_of_every_phone(qtbot, phones_with_problems))
    for problem in [problems.IOS_PAIRING_DENIED, *PHONE_PROBLEMS]:
        assert problem.ja in texts
        assert problem.en not in texts
    assert "RuntimeError" not in texts and "adb server" not in texts
    assert STATE_NAMES.findall(texts) == []
    assert leftovers(texts.splitlines()) == []
    assert INTERNAL_NAMES.findall(texts) == []
    for measurement in BatteryMeasurement:
        assert measurement.ja in texts
    assert "(管理元: Example MDM Agent)" in texts


def test_the_english_ui_shows_phone_problems_in_english(qtbot, phones_with_problems, japanese):
    window = phones_with_problems.window
    window.language_actions[Language.ENGLISH].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Counter")
    texts = "\n".join(texts_of_every_phone(qtbot, phones_with_problems))
    for problem in [problems.IOS_PAIRING_DENIED, *PHONE_PROBLEMS]:
        assert problem.en in texts and problem.ja not in texts
    assert INTERNAL_NAMES.findall(texts) == []
    for measurement in BatteryMeasurement:
        assert measurement.en in texts


# -- the customer screen: its own language, apart from the counter's -----------------

JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def customer_screen(counter, isolated_data_dir):
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    set_pin(isolated_data_dir, "2580")
    counter.add_customer_screen(StaffPin.load(isolated_data_dir), IDLE_SECONDS)
    counter.customer_window.present(None)
    return counter.customer_window


def every_customer_text(screen) -> list[str]:
    """The visible texts of each page after the (bilingual) first, with the idle warning,
    the hints that appear on bad input, the steps for each kind of phone and the PIN's rest."""
    screen.contact_page.keypad.digit_buttons["0"].click()
    screen.pin_page.show_refused()
    texts = []
    for page in (*screen.flow[1:], screen.pin_page):
        screen.show_page(page)
        screen.idle.warning.emit(5)
        texts += visible_texts(screen)
    screen.show_page(screen.before_page)
    for kind in PhoneKind:
        screen.before_page.set_kind(kind)
        texts += visible_texts(screen)
    screen.pin_page.set_resting(True)
    screen.show_page(screen.pin_page)
    texts += visible_texts(screen)
    return texts


def test_the_customer_screen_shows_no_english_source_text(customer_screen):
    texts = every_customer_text(customer_screen)
    assert len(texts) > 100
    assert leftovers(texts) == []


def test_the_customer_screen_in_english_shows_no_japanese_and_leaves_the_counter_in_japanese(counter, customer_screen):
    customer_screen.language_page.buttons[Language.ENGLISH].click()
    texts = every_customer_text(customer_screen)
    # The exceptions: the switch back, which names Japanese in Japanese, and the carriers' marks.
    exceptions = {"日本語", *(mark.value for mark in RestrictionMark)}
    assert [text for text in texts if JAPANESE_SCRIPT.search(text) and text not in exceptions] == []
    assert counter.window.tabs.tabText(0) == "カウンター"


def test_the_counters_ticket_queue_and_declared_answers_are_in_japanese(qtbot, counter, customer_screen, services):
    walk_to_ticket(Finger(), customer_screen, callback_phone="09012345678")
    services["ios"].plug(phone_facts())
    qtbot.waitUntil(lambda: counter.window.counter.current_editor() is not None)
    counter.queue_panel.open_ticket(1)
    texts = visible_texts(counter.window)
    assert "受付待ちはありません。" in texts
    assert leftovers(texts) == []
