"""The day log (search, read-only entries, corrections) and the day's export."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from kiosk.counter import record_intake
from kiosk.intake import intake_from_json
from kiosk.ledger import ERASED_JA
from tests.factories import GOOD_IMEI, OTHER_IMEI, SIGNATURE, intake_json
from tests.gui.conftest import in_ledger

pytestmark = pytest.mark.gui


def record(counter, **changes):
    entry, _grade = in_ledger(counter, lambda ledger: record_intake(
        intake_from_json(intake_json(**changes), for_record=True), counter.policy, ledger))
    return entry


def refreshed(qtbot, day_log, change=None):
    """Make a change that asks the ledger again (or just refresh) and wait for the answer."""
    with qtbot.waitSignal(day_log.refreshed):
        (change or day_log.refresh)()


def shown_imeis(day_log):
    return [day_log.model.entry_at(row).imei1 for row in range(day_log.model.rowCount())]


def opened(qtbot, day_log, row):
    day_log.open_entry(row)
    qtbot.waitUntil(lambda: day_log.dialog is not None and day_log.dialog.isVisible())
    return day_log.dialog


def test_the_day_log_lists_today_and_searches_by_imei_serial_or_name(qtbot, counter):
    record(counter)
    record(counter, **{"device.imei": [OTHER_IMEI], "device.hardware_serial": "XYZ987", "seller.name": "鈴木 花子"})
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    assert shown_imeis(day_log) == [GOOD_IMEI, OTHER_IMEI]
    assert day_log.count.text() == "2 件"
    assert day_log.model.data(day_log.model.index(0, 6)) == "通常買取"

    for text, expected in ((OTHER_IMEI, [OTHER_IMEI]), ("xyz987", [OTHER_IMEI]), ("山田", [GOOD_IMEI]),
                           ("すずき", []), ("nobody", [])):
        refreshed(qtbot, day_log, lambda text=text: day_log.search.setText(text))
        assert shown_imeis(day_log) == expected, text


def test_an_opened_entry_is_read_only_and_a_correction_is_a_new_entry(qtbot, counter):
    original = record(counter)
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    counter.window.tabs.setCurrentWidget(day_log)

    dialog = opened(qtbot, day_log, 0)
    assert dialog._values["imei"].text().startswith(GOOD_IMEI)
    assert dialog._values["seller"].text().startswith("山田 太郎(")
    assert dialog.corrections.item(0).text() == "なし"
    assert not [button for button in dialog.buttons.buttons()
                if dialog.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole]

    dialog.correct_button.click()
    assert not dialog.isVisible()
    assert counter.window.tabs.currentWidget() is counter.window.counter
    editor = counter.window.counter.current_editor()
    assert editor.corrects_id == original.id
    assert editor.seller_form.name.text() == "山田 太郎"
    assert editor.seller_form.id_number.text() == "123456789012"
    assert editor.banner.isVisible()
    editor.seller_form.occupation.setText("自営業")
    editor.grade_panel.staff_name.setText("田中")
    qtbot.waitUntil(lambda: editor.grade is not None)
    editor.confirm()
    qtbot.waitUntil(lambda: editor.saved_entry_id is not None)

    correction = in_ledger(counter, lambda ledger: ledger.entry(editor.saved_entry_id))
    assert correction.corrects_id == original.id
    assert correction.personal.seller_occupation == "自営業"
    assert in_ledger(counter, lambda ledger: ledger.entry(original.id)).personal.seller_occupation == "会社員"
    refreshed(qtbot, day_log)
    day_log.dialog = None
    dialog = opened(qtbot, day_log, 0)
    assert dialog.corrections.item(0).text().startswith(f"台帳番号 {correction.id}、")
    dialog.close()


def test_erased_personal_data_shows_as_erased(qtbot, counter):
    entry = record(counter)
    day_log = counter.window.day_log
    day_log.model.set_entries([entry._replace(personal=None)])
    assert day_log.model.data(day_log.model.index(0, 8)) == ERASED_JA


def test_an_opened_entry_says_whether_the_seller_signed_on_the_customer_screen(qtbot, counter):
    record(counter, signature=SIGNATURE)
    record(counter, **{"device.imei": [OTHER_IMEI]})
    day_log = counter.window.day_log
    refreshed(qtbot, day_log)
    assert opened(qtbot, day_log, 0)._values["signature"].text() == "お客様画面で署名済み"
    day_log.dialog.close()
    assert opened(qtbot, day_log, 1)._values["signature"].text().startswith("お客様画面での署名なし")
    day_log.dialog.close()
    day_log.model.set_entries([day_log.model.entry_at(0)._replace(personal=None)])
    assert opened(qtbot, day_log, 0)._values["signature"].text() == ERASED_JA


def test_the_day_exports_as_csv_with_progress_and_a_message(qtbot, counter, tmp_path):
    record(counter)
    dialog = counter.window.open_export()
    out = tmp_path / "day.csv"
    dialog.path.setText(str(out))
    assert dialog.encoding.currentData() == "utf-8-sig"

    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "ok")

    assert dialog.message.text() == f"1 件を {out} に書き出しました"
    assert dialog.progress.value() == dialog.progress.maximum()
    text = out.read_bytes().decode("utf-8-sig")
    assert GOOD_IMEI in text and "山田 太郎" in text


def test_an_export_that_fails_says_why(qtbot, counter, tmp_path):
    # A seller's name cp932 cannot hold: the export stops and names the entry and column.
    record(counter, **{"seller.name": "髙橋 𠮷子"})
    dialog = counter.window.open_export()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp932"))
    dialog.path.setText(str(tmp_path / "day.csv"))

    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "bad")

    assert dialog.message.text().startswith("書き出しに失敗しました: 1 cells cannot be written in cp932")
    assert "entry 1, column 相手方の住所・氏名・職業・年齢" in dialog.message.text()
    assert not (tmp_path / "day.csv").exists()
    assert dialog.export_button.isEnabled()


def test_an_export_to_a_missing_folder_says_so(qtbot, counter, tmp_path):
    dialog = counter.window.open_export()
    dialog.path.setText(str(tmp_path / "no such folder" / "day.csv"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "bad")
    assert "no such folder" in dialog.message.text()


def test_an_export_over_the_ledger_itself_is_refused(qtbot, counter, isolated_data_dir):
    record(counter)
    dialog = counter.window.open_export()
    dialog.path.setText(str(isolated_data_dir / "ledger.sqlite3"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.message.property("tone") == "bad")
    assert "ledger's own files" in dialog.message.text()


def test_entries_of_another_day_are_found_by_date(qtbot, counter):
    record(counter)
    day_log = counter.window.day_log
    refreshed(qtbot, day_log, lambda: day_log.last.setDate(day_log.last.date().addDays(-1)))
    refreshed(qtbot, day_log, lambda: day_log.first.setDate(day_log.last.date().addDays(-30)))
    assert day_log.model.rowCount() == 0
    refreshed(qtbot, day_log, lambda: day_log.last.setDate(day_log.last.date().addDays(1)))
    assert shown_imeis(day_log) == [GOOD_IMEI]
