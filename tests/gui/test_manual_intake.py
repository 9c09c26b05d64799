"""Manual intake: a phone without a cable, or one whose read lacks facts; the model from the catalogue, the IMEI typed or scanned."""

import json

import pytest
from PySide6.QtCore import Qt

from device_probes.facts import Source
from kiosk.grading import Outcome
from tests.factories import GOOD_IMEI, OTHER_IMEI
from tests.gui.conftest import in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug

pytestmark = pytest.mark.gui


def scan(qtbot, field, digits):
    """A USB barcode scanner is a keyboard: the digits, then Enter."""
    field.setFocus()
    qtbot.keyClicks(field, digits)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def pick_model(qtbot, editor, typed):
    qtbot.keyClicks(editor.manual.model_search, typed)
    qtbot.keyClick(editor.manual.model_search, Qt.Key.Key_Return)


def test_a_phone_without_a_cable_is_taken_in_by_hand_and_recorded_as_staff_entered(qtbot, counter):
    counter.window.activateWindow()
    qtbot.keyClick(counter.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = counter.window.counter
    editor = view.current_editor()
    card = next(card for card in view.cards.values() if card.manual)
    assert editor.manual.isVisible()
    assert card.title.text() == "ケーブルなしの端末"
    qtbot.waitUntil(lambda: editor.grade_panel.outcome.text() == "入力途中")
    assert editor.grade_panel.reasons.text() == "先にカタログから機種を選んでください。"

    pick_model(qtbot, editor, "13 pro")
    assert editor.manual.model().model_code == "iPhone14,2"
    scan(qtbot, editor.manual.imei_fields[0], GOOD_IMEI)
    assert editor.manual.imei_fields[1].hasFocus(), "after a scan the next IMEI is ready"
    assert card.title.text() == "iPhone 13 Pro"
    assert editor.facts_view._rows["imei"].source.text() == "[スタッフ]"

    editor.facts_view.lock_removed.setChecked(True)
    editor.facts_view.battery_from_settings.setValue(91)
    fill_good_intake(qtbot, editor, counter.window)
    qtbot.waitUntil(lambda: editor.grade is not None and editor.grade.outcome is Outcome.BUY)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)

    entry = in_ledger(counter, lambda ledger: ledger.entry(editor.saved_entry_id))
    assert (entry.platform, entry.model_name, entry.imei1) == ("ios", "iPhone 13 Pro", GOOD_IMEI)
    provenance = json.loads(entry.device_json)["provenance"]
    assert provenance["imei"] == provenance["model_name"] == Source.STAFF.value


def test_a_scanned_imei_with_a_wrong_check_digit_is_refused_naming_it(qtbot, counter):
    editor = counter.window.counter.start_manual_intake()
    wrong = GOOD_IMEI[:-1] + str((int(GOOD_IMEI[-1]) + 1) % 10)
    scan(qtbot, editor.manual.imei_fields[0], wrong)
    assert editor.manual.problem.isVisible()
    assert wrong in editor.manual.problem.text() and "IMEI 1" in editor.manual.problem.text()
    assert editor.manual.imeis() == []
    assert editor.manual.imei_fields[0].hasFocus()


def test_nothing_is_recorded_before_the_model_is_chosen(qtbot, counter):
    editor = counter.window.counter.start_manual_intake()
    editor.grade_panel.staff_name.setText("佐藤")
    editor.confirm()
    assert editor.grade_panel.status.text() == "先にカタログから機種を選んでください。"
    assert in_ledger(counter, lambda ledger: ledger.entry(1)) is None


def test_a_read_without_a_valid_imei_is_finished_by_hand(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["android"], phone_facts(
        "KY51B0001", platform="android", manufacturer="KYOCERA", model_name="KY-51B", model_code="KY-51B",
        imei=["35209900176148X"]))
    assert editor.manual.isVisible()
    assert editor.facts.has_invalid_imei()
    scan(qtbot, editor.manual.imei_fields[0], OTHER_IMEI)
    assert editor.facts.imei == [OTHER_IMEI] and not editor.facts.has_invalid_imei()
    assert editor.facts.model_name == "KY-51B" and editor.facts.provenance.get("model_name") is not Source.STAFF


def test_a_phone_that_gave_everything_asks_for_nothing(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    assert not editor.manual.isVisible()
