"""The grading panel on a 1366×768 counter PC: the outcome, its reasons and the price in view, and nothing moves."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.counter import record_intake
from kiosk.intake import RestrictionMark, intake_from_json
from tests.factories import intake_json
from tests.gui.conftest import in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug
from tests.test_pricing import write_csv
from ui.i18n import Language

pytestmark = pytest.mark.gui

SCREEN = (1366, 768)
#: Six deductions of the shop's own, all ticked: with △ and a worn battery, nine lines of breakdown.
NAMED = ("箱なし", "付属品なし", "画面に傷", "背面に傷", "カメラ内のホコリ", "ネットワーク利用制限の保証なし")
LONG_TABLE = ("model,capacity,S,A,B,C,junk_wifi,junk_parts,deduct_instalments,deduct_battery,"
              + ",".join(f"deduct:{name}" for name in NAMED)
              + "\niPhone 13 Pro,256GB,80000,76000,70000,52000,22000,10000,10%,5000," + ",".join(["1000"] * len(NAMED)))
#: Earlier intakes of the same phone.
EARLIER = 12


def record_earlier(counter, count: int, suspected: tuple[int, ...] = ()) -> None:
    for number in range(count):
        # After a suspected one, the phone is held: no price.
        changes = {"price_yen": ..., "staff.suspected_theft": number in suspected}
        in_ledger(counter, lambda ledger, changes=changes: record_intake(
            intake_from_json(intake_json(**changes), for_record=True), counter.policy, ledger))


def switch_language(qtbot, counter, language: Language) -> None:
    counter.window.language_actions[language].trigger()
    tab = "Counter" if language is Language.ENGLISH else "カウンター"
    qtbot.waitUntil(lambda: counter.window.tabs.tabText(0) == tab)


@pytest.fixture
def crowded_panel(qtbot, counter, services, tmp_path):
    """A phone taken in twelve times before, with a long price breakdown and many reasons, at 1366×768."""
    counter.window.resize(*SCREEN)
    assert counter.window.import_price_table(write_csv(tmp_path, LONG_TABLE + "\n")) is not None
    record_earlier(counter, EARLIER)
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts(
        battery={"health_percent": 71.0, "cycle_count": 912, "method": "IORegistry AppleRawMaxCapacity / DesignCapacity"}))
    editor.facts_view.capacity.setText("256GB")
    fill_good_intake(qtbot, editor, counter.window)
    editor.mark_entry.set_mark(RestrictionMark.INSTALMENTS)
    box = editor.grade_panel.price_box
    qtbot.waitUntil(lambda: set(box.deductions) == set(NAMED))
    for name in NAMED:
        box.deductions[name].setChecked(True)
    qtbot.waitUntil(lambda: editor.price_suggestion is not None
                    and len(editor.price_suggestion.lines) == 3 + len(NAMED))
    QApplication.processEvents()
    return editor


def shown_height(widget: QWidget) -> int:
    """How much of the widget a person sees: its part inside every parent, scroll areas included."""
    return widget.visibleRegion().boundingRect().height() if widget.isVisible() else 0


def fully_shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def inside_window(widget: QWidget) -> bool:
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return widget.window().rect().contains(top_left) and widget.window().rect().contains(
        top_left + widget.rect().bottomRight())


@pytest.mark.parametrize("language", [Language.JAPANESE, Language.ENGLISH])
def test_the_outcome_its_reasons_and_the_price_are_in_view_at_1366x768(qtbot, counter, crowded_panel, language):
    switch_language(qtbot, counter, language)
    QApplication.processEvents()
    panel = crowded_panel.grade_panel
    assert counter.window.size().toTuple() == SCREEN
    assert crowded_panel.grade.outcome.value == "buy_reduced"
    line = panel.reasons.fontMetrics().lineSpacing()

    assert fully_shown(panel.outcome) and fully_shown(panel.rank)
    # The warning about the phone's history names the latest earlier entries, in view with the list closed.
    assert fully_shown(panel.repeat_warning)
    assert ("台帳番号" if language is Language.JAPANESE else "entry") in panel.repeat_warning.text()
    assert shown_height(panel.reasons) >= 3 * line
    # The suggestion from its first line: the price, then the breakdown.
    suggestion = panel.price_box.suggestion
    assert suggestion.visibleRegion().boundingRect().top() == 0
    assert shown_height(suggestion) >= 4 * line
    for widget in (panel.price, panel.staff_name, panel.confirm, panel.status, panel.same_seller,
                   panel.history_summary):
        assert fully_shown(widget) and inside_window(widget), widget.objectName()


@pytest.mark.parametrize("language", [Language.JAPANESE, Language.ENGLISH])
def test_a_held_phone_names_the_suspected_entries_in_view(qtbot, counter, services, language):
    counter.window.resize(*SCREEN)
    record_earlier(counter, EARLIER, suspected=(3, 8))
    switch_language(qtbot, counter, language)
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    QApplication.processEvents()
    panel = editor.grade_panel
    assert editor.grade.outcome.value == "hold"
    assert fully_shown(panel.repeat_warning)
    assert ("台帳番号4" if language is Language.JAPANESE else "entry 4") in panel.repeat_warning.text()
    assert shown_height(panel.reasons) >= 3 * panel.reasons.fontMetrics().lineSpacing()
    summary = panel.history_summary.text()
    if language is Language.JAPANESE:
        assert re.fullmatch(rf"過去の受付: {EARLIER}件\(うち要確認\d+、盗品の疑い2\)", summary), summary
    else:
        assert re.fullmatch(rf"Earlier intakes: {EARLIER} \(\d+ held, 2 suspected\)", summary), summary
    # The whole line, not cut short by the panel nor by the button.
    assert fully_shown(panel.history_summary) and "…" not in summary
    assert panel.history_summary.sizeHint().width() <= panel.history_summary.width()


@pytest.mark.parametrize("language", [Language.JAPANESE, Language.ENGLISH])
def test_the_history_is_one_line_that_opens_into_the_list(qtbot, counter, crowded_panel, language):
    switch_language(qtbot, counter, language)
    panel = crowded_panel.grade_panel
    assert panel.history_summary.text() == (f"過去の受付: {EARLIER}件" if language is Language.JAPANESE
                                            else f"Earlier intakes: {EARLIER}")
    assert not panel.history.isVisible()
    reasons_at = panel.reasons.mapTo(panel, panel.reasons.rect().topLeft())

    qtbot.mouseClick(panel.history_summary, Qt.MouseButton.LeftButton)

    assert panel.history.isVisible() and len(panel.history.text().splitlines()) == EARLIER
    assert shown_height(panel.history) > 0
    qtbot.mouseClick(panel.history_summary, Qt.MouseButton.LeftButton)
    assert not panel.history.isVisible()
    QApplication.processEvents()
    assert panel.reasons.mapTo(panel, panel.reasons.rect().topLeft()) == reasons_at


def test_a_phone_without_history_says_so_in_the_same_line(qtbot, counter, services):
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    qtbot.waitUntil(lambda: editor.history is not None)
    assert editor.grade_panel.history_summary.text() == "過去の受付: なし"
    assert not editor.grade_panel.history_summary.isEnabled()


def places(panel) -> dict[str, tuple[int, int, int, int]]:
    widgets = {"why": panel.why_area, "price box": panel.price_box, "price": panel.price, "staff": panel.staff_name,
               "confirm": panel.confirm, "status": panel.status, "same seller": panel.same_seller}
    return {name: (*widget.mapTo(panel, widget.rect().topLeft()).toTuple(), *widget.size().toTuple())
            for name, widget in widgets.items()}


def test_the_panel_does_not_move_while_the_intake_is_entered_and_saved(qtbot, counter, services, tmp_path):
    counter.window.resize(*SCREEN)
    counter.window.language_actions[Language.ENGLISH].trigger()  # the longer texts
    qtbot.waitUntil(lambda: counter.window.tabs.tabText(0) == "Counter")
    assert counter.window.import_price_table(write_csv(tmp_path, LONG_TABLE + "\n")) is not None
    record_earlier(counter, 2)
    services["ios"].hold_probes = None
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    panel = editor.grade_panel
    QApplication.processEvents()
    before = places(panel)

    editor.facts_view.capacity.setText("256GB")
    fill_good_intake(qtbot, editor, counter.window)  # the history arrives, then a grade and a price
    qtbot.waitUntil(lambda: editor.price_suggestion is not None and editor.price_suggestion.price_yen is not None)
    editor.mark_entry.set_mark(RestrictionMark.INSTALMENTS)  # "Buy at a reduced price": a long outcome
    panel.price_box.deductions[NAMED[0]].setChecked(True)
    qtbot.waitUntil(lambda: editor.grade.outcome.value == "buy_reduced" and not editor._regrade_soon.isActive())
    panel.price.setFocus()
    panel.price.selectAll()
    qtbot.keyClicks(panel.price, "50000")  # an override: its reason appears
    assert panel.price_box.override_reason.isVisible()
    panel.show_problem("Enter why the price differs from the table. " * 3)
    qtbot.mouseClick(panel.history_summary, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert places(panel) == before

    editor.seller_form.suspected_theft.setChecked(True)  # refused: the police report takes the price's place
    qtbot.waitUntil(lambda: panel.police_report.isVisible())
    QApplication.processEvents()
    assert places(panel) | {"price box": before["price box"], "price": before["price"]} == before
