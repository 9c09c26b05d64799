"""The price in the grading panel: the table's suggestion with its breakdown, deductions, an override with its reason."""

import pytest
from PySide6.QtWidgets import QMessageBox

from kiosk.intake import RestrictionMark
from kiosk.pricing import PriceTable
from tests.gui.conftest import in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, plug, type_text
from tests.test_pricing import HEADER, ROW, write_csv

pytestmark = pytest.mark.gui


@pytest.fixture
def priced_counter(qtbot, counter, tmp_path, isolated_data_dir):
    table = counter.window.import_price_table(write_csv(tmp_path, f"{HEADER}\n{ROW}\n"))
    assert table is not None and PriceTable.load(isolated_data_dir) == table
    return counter


def filled_editor(qtbot, counter, services, facts=None):
    _card, editor = plug(qtbot, counter, services["ios"], facts or phone_facts())
    editor.facts_view.capacity.setText("256GB")
    fill_good_intake(qtbot, editor, counter.window)
    return editor


def graded_editor(qtbot, counter, services):
    editor = filled_editor(qtbot, counter, services)
    qtbot.waitUntil(lambda: editor.price_suggestion is not None and editor.price_suggestion.price_yen is not None)
    return editor


def test_the_table_price_fills_the_price_with_its_breakdown(qtbot, priced_counter, services):
    editor = graded_editor(qtbot, priced_counter, services)
    box = editor.grade_panel.price_box
    assert box.price.value() == 76000
    assert "参考価格: 76,000 円" in box.suggestion.text()
    assert "iPhone 13 Pro 256GB ランクA" in box.suggestion.text()

    editor.mark_entry.set_mark(RestrictionMark.INSTALMENTS)
    qtbot.waitUntil(lambda: box.price.value() == 68400)
    assert "減額: △(分割支払い中)(10%)" in box.suggestion.text()


def test_a_deduction_the_shop_named_is_ticked_by_staff(qtbot, priced_counter, services):
    box = graded_editor(qtbot, priced_counter, services).grade_panel.price_box
    assert list(box.deductions) == ["箱なし"]
    box.deductions["箱なし"].setChecked(True)
    qtbot.waitUntil(lambda: box.price.value() == 75000)


def test_an_overridden_price_needs_a_reason_which_is_recorded(qtbot, priced_counter, services):
    editor = graded_editor(qtbot, priced_counter, services)
    box = editor.grade_panel.price_box
    assert not box.override_reason.isVisible()
    box.price.selectAll()
    qtbot.keyClicks(box.price, "70000")
    assert box.override_reason.isVisible()

    editor.confirm()
    assert editor.grade_panel.status.text() == "表の価格と違う理由を入力してください。"
    assert in_ledger(priced_counter, lambda ledger: ledger.entry(1)) is None

    type_text(box.override_reason, "背面に細かい傷")
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)
    entry = in_ledger(priced_counter, lambda ledger: ledger.entry(1))
    assert (entry.price_yen, entry.price_override_reason) == (70000, "背面に細かい傷")
    assert entry.price_table_version == priced_counter.window.counter.prices.version


def test_a_model_not_in_the_table_gets_no_price_and_the_screen_says_so(qtbot, priced_counter, services):
    editor = filled_editor(qtbot, priced_counter, services, phone_facts(model_name="iPhone 12", model_code="iPhone13,2"))
    qtbot.waitUntil(lambda: editor.grade is not None and editor.grade.outcome.is_purchase)
    box = editor.grade_panel.price_box
    assert box.suggestion.text() == "この機種・容量は買取価格表にありません。"
    assert box.price.value() is None


def test_a_bad_table_is_not_imported_and_says_which_cell(qtbot, counter, tmp_path):
    assert counter.window.import_price_table(write_csv(tmp_path, f"{HEADER}\nX,,abc\n")) is None
    boxes = [box for box in counter.window.findChildren(QMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and "row 2, S: 'abc' is not whole yen" in boxes[0].text()
    boxes[0].close()
