"""The police's side in the window: the 品触れ page, a notice at the counter, the ledger search over days,
exporting what it found, and the book on paper."""

import csv
import datetime as dt
import io

import pypdf
import pytest
from PySide6.QtGui import QGuiApplication

from kiosk.counter import record_intake
from kiosk.grading import Outcome
from kiosk.hotlist import add_notice, notice_from_json
from kiosk.intake import intake_from_json
from kiosk.settings import ShopSettings
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json
from tests.gui.conftest import in_ledger
from tests.gui.scripted import phone_facts
from tests.gui.test_counter import fill_good_intake, outcome_of, plug

pytestmark = pytest.mark.gui

TODAY = dt.date.today()


def record(counter, **changes):
    entry, _grade = in_ledger(counter, lambda ledger: record_intake(
        intake_from_json(intake_json(**changes), for_record=True), counter.policy, ledger))
    return entry


def test_a_pasted_list_of_imeis_becomes_a_notice_and_lists_the_purchases_it_names(qtbot, counter):
    bought = record(counter)
    record(counter, **{"device.imei": [OTHER_IMEI], "device.hardware_serial": "XYZ987"})
    page = counter.window.hotlist
    page.station.setText("万世橋警察署")
    page.number.setText("R8-17")
    page.imeis.setPlainText(f"{GOOD_IMEI}\n35-209900-176148-1\n4901542032375")  # the last one is short
    page.add()
    assert "4901542032375" in page.message.text() and page.message.property("tone") == "bad"
    assert in_ledger(counter, lambda ledger: ledger.store.notices()) == []

    page.imeis.setPlainText(f"{GOOD_IMEI}、 352099001761499")
    page.add_button.click()
    qtbot.waitUntil(lambda: page.matches.rowCount() == 1 and page.notices.rowCount() == 1, timeout=20_000)
    assert page.matches.item(0, 0).text() == str(bought.id)
    assert page.matches.item(0, 4).text() == "該当"
    assert "万世橋警察署へ連絡してください" in page.matches.item(0, 5).text()
    assert "報告" in page.message.text() and page.message.property("tone") == "bad"
    assert page.notices.rowCount() == 1 and page.notices.item(0, 3).text() == "R8-17"
    page.copy_button.click()
    assert f"台帳番号{bought.id}" in QGuiApplication.clipboard().text()


def test_a_phone_named_by_a_notice_is_held_at_the_counter(qtbot, counter, services):
    in_ledger(counter, lambda ledger: add_notice(ledger, notice_from_json({
        "received_on": TODAY.isoformat(), "station": "万世橋警察署", "number": "R8-17",
        "items": [{"imei": GOOD_IMEI}]})))
    _card, editor = plug(qtbot, counter, services["ios"], phone_facts())
    fill_good_intake(qtbot, editor, counter.window)
    qtbot.waitUntil(lambda: outcome_of(editor) is Outcome.HOLD)
    assert editor.grade.reasons[0].rule == "hotlist.match"
    assert "品触れ該当: 警察へ連絡してください" in editor.grade.reasons[0].ja


def refreshed(qtbot, widget, change):
    with qtbot.waitSignal(widget.refreshed):
        change()


def test_the_ledger_search_spans_days_and_exports_what_it_found(qtbot, counter, tmp_path):
    bought = record(counter)
    record(counter, corrects=bought.id, price_yen=60000)
    record(counter, **{"device.imei": [OTHER_IMEI], "device.hardware_serial": "XYZ987", "seller.name": "鈴木 花子"})
    search = counter.window.day_log
    refreshed(qtbot, search, lambda: search.first.setDate(search.first.date().addYears(-3)))
    assert search.model.rowCount() == 3
    refreshed(qtbot, search, lambda: search.search.setText("ﾔﾏﾀﾞ"))
    assert search.model.rowCount() == 0  # 山田 is kanji: no reading is guessed
    refreshed(qtbot, search, lambda: search.search.setText("山田"))
    assert [search.model.entry_at(row).id for row in range(search.model.rowCount())] == [1, 2]

    search.export_button.click()
    dialog = counter.window.export_dialog
    assert dialog.chosen.isVisible() and not dialog.first.isEnabled()
    out = tmp_path / "found.csv"
    dialog.path.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "ok", timeout=20_000)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(row["台帳番号"], row["訂正済"]) for row in rows] == [("1", "訂正済(台帳番号 2)"), ("2", "")]


def test_the_book_of_the_searched_days_is_saved_as_a_pdf(qtbot, counter, isolated_data_dir, tmp_path):
    ShopSettings(name="スマホ買取 秋葉原店", address="東京都千代田区外神田1-1-1", licence_commission="東京都公安委員会",
                 licence_number="301234567890").save(isolated_data_dir)
    record(counter)
    counter.window.day_log.print_button.click()
    dialog = counter.window.book_dialog
    assert "第301234567890号" in dialog.shop.text()
    out = tmp_path / "book.pdf"
    dialog.path.setText(str(out))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "ok", timeout=20_000)
    text = "".join(pypdf.PdfReader(out).pages[0].extract_text().split())
    assert GOOD_IMEI in text and "山田太郎" in text and "東京都公安委員会第301234567890号" in text
    dialog.close()
