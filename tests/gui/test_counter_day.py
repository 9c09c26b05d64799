"""The counter through a working day: what a technician found losing work or showing the wrong thing."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.intake import Carrier, Wear
from tests.factories import GOOD_IMEI, OTHER_IMEI
from tests.gui.conftest import OFFSCREEN_ONLY_WARNING, in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug, type_text
from tests.gui.test_day_log import opened, record, refreshed
from ui.day_log import _cell

pytestmark = pytest.mark.gui

SECOND_PHONE = "00008110-0000000000000002"


def open_question(window) -> QMessageBox:
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1, boxes
    return boxes[0]


def answer(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    box.button(button).click()


# -- which phone is shown --------------------------------------------------------------


def test_keyboard_focus_on_a_card_does_not_change_the_phone_shown(qtbot, counter, services):
    first, _ = plug(qtbot, counter, services["ios"], phone_facts())
    second, _ = plug(qtbot, counter, services["ios"], phone_facts(SECOND_PHONE))
    view = counter.window.counter
    assert view.current_editor() is view.editors[first.serial]

    second.setFocus(Qt.FocusReason.TabFocusReason)

    assert view.current_editor() is view.editors[first.serial]
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton)
    assert view.current_editor() is view.editors[second.serial]


def test_a_save_keeps_the_saved_phone_on_screen(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    plug(qtbot, counter, services["ios"], phone_facts(SECOND_PHONE, imei=[OTHER_IMEI]))
    fill_good_intake(qtbot, editor, counter.window)
    editor.grade_panel.price.setValue(68000)

    qtbot.keyClick(editor.grade_panel.staff_name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: editor.saved_entry_id == 1)
    assert counter.window.counter.current_editor() is editor
    assert editor.grade_panel.status.isVisible()


def test_a_correction_is_shown_with_its_card_in_view(qtbot, counter, services):
    for index in range(8):
        plug(qtbot, counter, services["ios"], phone_facts(f"00008110-00000000000000{index:02d}"))
    entry = record(counter)
    counter.window.resize(1366, 768)
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    counter.window.tabs.setCurrentWidget(day_log)

    opened(qtbot, day_log, 0).correct_button.click()

    view = counter.window.counter
    card = view.cards[f"correction:{entry.id}"]
    assert view.current_editor().corrects_id == entry.id
    qtbot.waitUntil(lambda: card.visibleRegion().boundingRect().height() == card.height())


# -- typing ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["19850412", "1985-04-12", "1985/4/12"])
def test_the_date_of_birth_takes_what_is_typed(qtbot, counter, services, typed):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    birth = editor.seller_form.date_of_birth
    qtbot.mouseClick(birth, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(birth, typed)
    qtbot.keyClick(birth, Qt.Key.Key_Tab)
    assert editor.seller_form.birth_date() == dt.date(1985, 4, 12)


def test_a_date_of_birth_that_is_no_date_says_so(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    form = editor.seller_form
    qtbot.keyClicks(form.date_of_birth, "19851345")
    assert form.birth_date() is None
    assert form.age.text() == "日付として読めません(例: 19850412)"
    assert form.age.property("tone") == "bad"


def test_the_price_takes_digits_typed_over_no_purchase(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    price = editor.grade_panel.price
    assert price.placeholderText() == "買取なし"
    qtbot.mouseClick(price, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(price, "8000")
    assert price.value() == 8000
    assert price.isEnabled()


# -- asking before work is lost or a thin entry is written -------------------------------


def test_quitting_with_an_unsaved_intake_asks_first(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    type_text(editor.seller_form.name, "山田 太郎")
    window = counter.window

    window.quit_action.trigger()
    box = open_question(window)
    assert "保存していない受付が1件あります" in box.text()
    answer(box, QMessageBox.StandardButton.Cancel)
    assert window.isVisible()

    window.quit_action.trigger()
    answer(open_question(window), QMessageBox.StandardButton.Discard)
    assert not window.isVisible()


def test_quitting_with_nothing_entered_does_not_ask(qtbot, counter, services):
    plug(qtbot, counter, services["ios"], phone_facts())
    counter.window.quit_action.trigger()
    assert not counter.window.isVisible()


def test_recording_without_imei_or_seller_asks_first(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(imei=[]))
    editor.grade_panel.staff_name.setText("佐藤")
    qtbot.waitUntil(lambda: editor.grade is not None)

    editor.confirm()
    box = open_question(counter.window)
    assert "IMEI" in box.text() and "売主" in box.text()
    answer(box, QMessageBox.StandardButton.Cancel)
    assert in_ledger(counter, lambda ledger: ledger.entry(1)) is None

    editor.confirm()
    answer(open_question(counter.window), QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    assert in_ledger(counter, lambda ledger: ledger.entry(1)).imei1 is None


def test_a_fresh_phone_shows_as_not_finished_not_refused(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    qtbot.waitUntil(lambda: editor.grade is not None)
    panel = editor.grade_panel
    assert panel.outcome.text() == "入力途中"
    assert panel.outcome.property("outcome") == "unfinished"


def test_a_known_refusal_shows_even_while_the_form_is_unfinished(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(lock="on"))
    qtbot.waitUntil(lambda: editor.grade is not None)
    assert editor.grade_panel.outcome.text() == "買取不可"


# -- words and times -------------------------------------------------------------------


def test_times_are_local_and_readable(qtbot, counter):
    entry = record(counter)
    shown = _cell(entry, "time")
    assert "T" not in shown and "+" not in shown
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    dialog = opened(qtbot, day_log, 0)
    recorded = dialog._values["recorded_at"].text()
    assert "T" not in recorded and "+00:00" not in recorded
    local = dt.datetime.fromisoformat(entry.recorded_at).astimezone()
    assert recorded.startswith(local.strftime("%Y-%m-%d %H:%M"))


def test_a_saved_entry_is_named_by_its_ledger_number_not_a_ticket_number(qtbot, counter, services):
    card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.grade_panel.status.text() == "保存しました(台帳番号 1)")
    assert card.outcome.text() == "保存しました(台帳番号 1)"


# -- the carrier check page --------------------------------------------------------------


def test_the_check_page_says_the_imei_was_copied_and_offers_both_imeis(qtbot, counter, services, opened_urls):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(imei=[GOOD_IMEI, OTHER_IMEI]))
    mark = editor.mark_entry
    mark.set_carrier(Carrier.DOCOMO)
    assert [mark.imei_choice.itemText(i) for i in range(mark.imei_choice.count())] == [
        f"IMEI 1: {GOOD_IMEI}", f"IMEI 2: {OTHER_IMEI}"]
    mark.imei_choice.setCurrentIndex(1)
    mark.open_check_page()
    assert opened_urls == ["https://nw-restriction.nttdocomo.co.jp/search.php"]
    assert QGuiApplication.clipboard().text() == OTHER_IMEI
    assert mark.page_status.text() == f"IMEI {OTHER_IMEI} をコピーしました。確認ページに貼り付けてください。"


# The offscreen platform has no browser, as a counter PC without one: opening fails.
@pytest.mark.qt_log_ignore(r"^This plugin does not support QPlatformServices::openUrl", OFFSCREEN_ONLY_WARNING)
def test_a_browser_that_does_not_open_is_reported(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    editor.mark_entry.set_carrier(Carrier.DOCOMO)
    editor.mark_entry.open_check_page()
    status = editor.mark_entry.page_status
    assert status.text().startswith("ブラウザを開けませんでした")
    assert "nw-restriction.nttdocomo.co.jp" in status.text()
    assert status.property("tone") == "bad"
    assert QApplication.clipboard().text() == GOOD_IMEI


def test_closing_the_window_from_its_title_bar_asks_too(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    editor.condition_form.answer("screen_cracked", True)
    window = counter.window

    window.windowHandle().close()  # what the window system does for the title bar's ✕

    answer(open_question(window), QMessageBox.StandardButton.Cancel)
    assert window.isVisible()


# -- the layout holds still ----------------------------------------------------------------


def x_positions(widgets):
    return [widget.mapTo(widget.window(), widget.rect().topLeft()).x() for widget in widgets]


def test_the_mark_buttons_do_not_move_on_the_first_tap(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    buttons = list(editor.mark_entry.mark_buttons.values())
    before = x_positions(buttons)
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert editor.mark_entry.source.isVisible()
    assert x_positions(buttons) == before


def test_the_checklist_buttons_do_not_move_when_every_row_is_answered(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    form = editor.condition_form
    buttons = [button for choice in form._answers.values() for button in choice.buttons.values()]
    before = x_positions(buttons)
    for name in form._answers:
        form.answer(name, False)
    form.set_wear(Wear.A)
    QApplication.processEvents()
    assert x_positions(buttons) == before
