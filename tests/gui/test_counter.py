"""The counter window with scripted phones: cards, facts, marks, grading, recording."""

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from device_probes.facts import DeviceState, LockState
from kiosk.grading import Outcome
from kiosk.intake import Carrier, RestrictionMark, Wear
from tests.factories import GOOD_IMEI
from tests.gui.conftest import in_ledger
from tests.gui.scripted import phone_facts
from ui.condition_form import QUESTIONS

pytestmark = pytest.mark.gui


def outcome_of(editor):
    return editor.grade.outcome if editor.grade is not None else None


def plug(qtbot, counter, service, facts):
    service.plug(facts)
    view = counter.window.counter
    qtbot.waitUntil(lambda: facts.serial in view.cards and view.facts_of(facts.serial) is not None)
    # A form is built when its card is chosen; a test fills in forms of cards it did not click.
    return view.cards[facts.serial], view.editor_for(facts.serial)


def type_text(edit, text):
    """Japanese reaches a line edit from the input method as a committed string; QTest types ASCII only."""
    edit.setFocus()
    edit.insert(text)


def fill_seller(qtbot, editor):
    """The seller and the ID check, typed as staff do."""
    type_text(editor.seller_form.name, "山田 太郎")
    type_text(editor.seller_form.address, "東京都千代田区外神田1-1-1")
    type_text(editor.seller_form.occupation, "会社員")
    qtbot.keyClicks(editor.seller_form.date_of_birth, "19900401")
    editor.seller_form.id_method.setCurrentIndex(1)
    qtbot.keyClicks(editor.seller_form.id_number, "123456789012")


def fill_good_intake(qtbot, editor, window):
    """Everything a technician enters for a phone the shop buys, through the widgets."""
    window.activateWindow()
    editor.mark_entry.set_carrier(Carrier.DOCOMO)
    qtbot.keyClick(editor.seller_form.name, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.mark_entry.mark() is RestrictionMark.CLEAR
    for name in QUESTIONS:
        qtbot.mouseClick(editor.condition_form._answers[name].buttons[name == "powers_on"], Qt.MouseButton.LeftButton)
    editor.condition_form.set_wear(Wear.A)
    fill_seller(qtbot, editor)
    type_text(editor.grade_panel.staff_name, "佐藤")
    qtbot.waitUntil(lambda: editor.grade is not None and not editor._regrade_soon.isActive())


def test_a_card_appears_on_plug_in_with_the_facts_and_where_they_came_from(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())

    assert card.title.text() == "iPhone 13 Pro"
    assert card.state.text() == "読み取り完了"
    rows = editor.facts_view._rows
    assert rows["imei"].value.text() == GOOD_IMEI
    assert rows["imei"].source.text() == "[端末]"
    assert rows["lock"].value.text() == "オフ"


def test_an_unread_value_reads_unknown_never_fine(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(lock="unknown", battery=None, os_version=None))

    for name in ("lock", "battery", "os_version"):
        row = editor.facts_view._rows[name]
        assert row.value.text() == "不明"
        assert row.value.property("tone") == "unknown"
    qtbot.waitUntil(lambda: editor.grade is not None)
    assert "lock.unknown" in {reason.rule for reason in editor.grade.reasons}
    assert not editor.grade.outcome.is_purchase


def test_progress_shows_while_the_phone_is_read(qtbot, counter, services):
    services["ios"].hold_probes = threading.Event()
    services["ios"].plug(phone_facts())
    qtbot.waitUntil(lambda: bool(counter.window.counter.cards) and
                    next(iter(counter.window.counter.cards.values())).progress.isVisible())
    card = next(iter(counter.window.counter.cards.values()))
    assert card.state.text() == "読み取り中…"

    services["ios"].hold_probes.set()
    qtbot.waitUntil(lambda: not card.progress.isVisible())
    assert card.state.text() == "読み取り完了"


def test_a_phone_waiting_for_trust_says_what_to_do_and_is_read_again(qtbot, counter, services):
    waiting = phone_facts(state="pairing_pending", imei=[], lock="unknown", battery=None)
    card, _editor = plug(qtbot, counter, services["ios"], waiting)
    qtbot.waitUntil(lambda: card.instruction.isVisible())
    assert card.instruction.text() == "iPhoneのロックを解除して「信頼」をタップしてください"

    services["ios"].facts[waiting.serial] = phone_facts()  # the customer taps Trust
    qtbot.waitUntil(lambda: card.state.text() == "読み取り完了", timeout=5000)
    assert not card.instruction.isVisible()
    assert services["ios"].probes.count(waiting.serial) >= 2


def test_unplugging_greys_the_card_and_keeps_what_was_typed(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    editor.mark_entry.set_mark(RestrictionMark.INSTALMENTS)
    editor.condition_form.answer("screen_cracked", True)
    type_text(editor.seller_form.name, "山田 太郎")

    services["ios"].unplug(card.serial)
    qtbot.waitUntil(lambda: card.unplugged)

    assert card.property("unplugged") is True
    assert card.state.text() == "取り外されました"
    assert editor.banner.isVisible()
    assert editor.mark_entry.mark() is RestrictionMark.INSTALMENTS
    assert editor.condition_form.condition().screen_cracked is True
    assert editor.seller_form.name.text() == "山田 太郎"

    services["ios"].plug(phone_facts())
    qtbot.waitUntil(lambda: not card.unplugged)
    assert counter.window.counter.editors[card.serial] is editor
    assert editor.mark_entry.mark() is RestrictionMark.INSTALMENTS
    assert not editor.banner.isVisible()


def test_an_unchecked_item_looks_different_from_no(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    form = editor.condition_form
    form.answer("water_damage", False)

    unanswered, answered_no = form._status["frame_bent"], form._status["water_damage"]
    assert unanswered.text() == "未確認" and unanswered.property("tone") == "unknown"
    assert answered_no.text() != unanswered.text()
    assert form._answers["water_damage"].buttons[False].isChecked()
    assert not any(button.isChecked() for button in form._answers["frame_bent"].buttons.values())
    assert form.condition().frame_bent is None and form.condition().water_damage is False


def test_the_check_page_opens_for_the_guessed_carrier_with_the_imei_copied(qtbot, counter, services, opened_urls):
    galaxy = phone_facts("R3CR40ABCDE", platform="android", manufacturer="samsung", model_name="SC-51B",
                         model_code="SC-51B")
    _card, editor = plug(qtbot, counter, services["android"], galaxy)
    assert editor.mark_entry.chosen_carrier() is Carrier.DOCOMO
    assert editor.mark_entry.guess.text() == "型番から推定: ドコモ"

    counter.window.activateWindow()
    qtbot.keyClick(editor.seller_form.name, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert opened_urls == ["https://nw-restriction.nttdocomo.co.jp/search.php"]
    assert QGuiApplication.clipboard().text() == GOOD_IMEI


def test_an_iphone_gets_no_carrier_guess(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    assert editor.mark_entry.chosen_carrier() is None
    assert not editor.mark_entry.open_page.isEnabled()


def test_grading_follows_the_input_live(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY)
    assert editor.grade_panel.outcome.text() == "通常買取"
    assert editor.grade_panel.outcome.property("outcome") == "buy"
    assert editor.grade_panel.rank.text() == "ランク: A"

    editor.condition_form.answer("screen_cracked", True)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY_REDUCED)
    assert editor.grade_panel.rank.text() == "ランク: C"
    assert "画面または背面ガラスに割れがあります(ランクC)。" in editor.grade_panel.reasons.text()


def test_confirm_records_the_entry_and_only_then_says_saved(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    editor.grade_panel.price.setValue(68000)
    assert editor.grade_panel.status.text() == ""

    qtbot.keyClick(editor.grade_panel.staff_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # The entry is written on the ledger worker: until it is on disk the panel says so, and Confirm waits.
    assert editor.grade_panel.status.text() == "保存中…"
    assert not editor.grade_panel.confirm.isEnabled()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)

    entries = in_ledger(counter, lambda ledger: list(ledger.entries_on(dt.date.today())))
    assert [(e.id, e.imei1, e.outcome, e.price_yen, e.staff_name) for e in entries] == [
        (1, GOOD_IMEI, "buy", 68000, "佐藤")]
    assert editor.grade_panel.status.text() == "保存しました(台帳番号 1)"
    assert card.outcome.text() == "保存しました(台帳番号 1)"
    assert not editor.grade_panel.confirm.isEnabled()
    qtbot.waitUntil(lambda: counter.window.day_log.model.rowCount() == 1)


def test_nothing_is_saved_without_the_staff_name(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    editor.confirm()
    assert editor.grade_panel.status.text() == "記録する前に担当者名を入力してください。"
    assert editor.grade_panel.status.property("tone") == "bad"
    assert in_ledger(counter, lambda ledger: ledger.entry(1)) is None


def test_a_repeated_imei_is_flagged(qtbot, counter, services):
    _card, first = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, first, counter.window)
    first.confirm()
    qtbot.waitUntil(lambda: first.saved_entry_id == 1)

    _card, second = plug(qtbot, counter, services["ios"], phone_facts("00008110-0000000000000002"))
    qtbot.waitUntil(lambda: second.grade is not None)
    counter.window.counter.select("00008110-0000000000000002")
    assert second.grade_panel.repeat_warning.isVisible()
    assert "同じ端末の受付が台帳に1件あります" in second.grade_panel.repeat_warning.text()
    assert second.grade_panel.history_summary.text() == "過去の受付: 1件"
    second.grade_panel.history_summary.click()  # the list opens from its one-line summary
    assert second.grade_panel.history.isVisible()
    assert "台帳番号 1" in second.grade_panel.history.text()


def test_a_phone_suspected_before_is_held_with_its_whole_history(qtbot, counter, services):
    _card, first = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, first, counter.window)
    first.seller_form.suspected_theft.setChecked(True)
    qtbot.waitUntil(lambda: outcome_of(first) is Outcome.REFUSE)
    first.confirm()
    qtbot.waitUntil(lambda: first.saved_entry_id == 1)
    # Not reported: the day log lists it as pending.
    day_log = counter.window.day_log
    qtbot.waitUntil(lambda: day_log.police_pending.isVisibleTo(day_log))
    assert "台帳番号 1" in day_log.police_pending.text()

    _card, second = plug(qtbot, counter, services["ios"], phone_facts("00008110-0000000000000002"))
    counter.window.counter.select("00008110-0000000000000002")
    fill_good_intake(qtbot, second, counter.window)
    qtbot.waitUntil(lambda: outcome_of(second) is Outcome.HOLD)
    assert second.grade.reasons[0].rule == "history.suspicious"
    assert "台帳番号1" in second.grade_panel.repeat_warning.text()
    assert second.grade_panel.history_summary.text() == "過去の受付: 1件(うち盗品の疑い1)"
    assert "台帳番号 1" in second.grade_panel.history.text() and "未申告" in second.grade_panel.history.text()


def test_a_refusal_on_suspected_theft_offers_and_records_a_police_report(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.BUY)
    assert not editor.grade_panel.police_report.isVisible()

    editor.seller_form.suspected_theft.setChecked(True)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.REFUSE)
    box = editor.grade_panel.police_report
    assert box.isVisible()
    box.setChecked(True)
    type_text(box.station, "万世橋警察署")
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)

    entry = in_ledger(counter, lambda ledger: ledger.entry(editor.saved_entry_id))
    assert entry.outcome == "refuse"
    assert entry.police_report.station == "万世橋警察署" and not entry.police_pending


def test_a_locked_phone_is_refused_with_the_reason(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(lock=LockState.ON.value))
    qtbot.waitUntil(lambda: editor.grade is not None)
    assert editor.grade.outcome is Outcome.REFUSE
    assert editor.facts_view._rows["lock"].value.property("tone") == "bad"
    assert "アクティベーションロック(iPhoneを探す)が解除されていません" in editor.grade_panel.reasons.text()


def test_an_offline_phone_is_never_graded_ready(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["android"],
                        phone_facts("emulator-5554", platform="android", state=DeviceState.OFFLINE.value))
    assert card.instruction.text() == "ケーブルを抜き差ししてください"
    qtbot.waitUntil(lambda: editor.grade is not None)
    assert "device.not_ready" in {reason.rule for reason in editor.grade.reasons}
    assert not editor.grade.outcome.is_purchase
