"""The day's CSV: Excel-safe, Japanese intact, formulas neutralised, nothing lost."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from kiosk.counter import record_intake
from kiosk.export import HEADER, NOT_YET_REPORTED_JA, ExportError, export_day, ledger_row, neutralise
from kiosk.ledger import ERASED_JA
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import open_ledger
from tests.factories import intake_json

HOSTILE = "=cmd|' /C calc'!A0"


def read_back(path, encoding="utf-8-sig"):
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))


def record(ledger, **changes):
    return record_intake(intake_from_json(intake_json(**changes), for_record=True), Policy.load(), ledger)[0]


@pytest.fixture
def ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        yield ledger


def test_round_trip_keeps_japanese_commas_quotes_and_neutralises_formulas(ledger, tmp_path):
    record(ledger, **{
        "seller.name": '山田 "ヤマ" 太郎',
        "seller.address": HOSTILE,
        "seller.occupation": "エンジニア, 自営",
        "staff.staff_name": "+SUM(A1:A9)",
        "staff.color": "@ミッドナイト",
    })
    out = tmp_path / "day.csv"
    assert export_day(ledger.entries_on(dt.date.today()), out) == 1
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    header, row = read_back(out)
    assert tuple(header) == HEADER
    cells = dict(zip(header, row))
    assert cells["区別"] == "買受"
    assert cells["相手方の住所・氏名・職業・年齢"].startswith("'" + HOSTILE)
    assert '山田 "ヤマ" 太郎' in cells["相手方の住所・氏名・職業・年齢"]
    assert "エンジニア, 自営" in cells["相手方の住所・氏名・職業・年齢"]
    assert cells["担当者"] == "'+SUM(A1:A9)"
    assert "@ミッドナイト" in cells["特徴"] and "IMEI: 352099001761481" in cells["特徴"]
    assert cells["確認方法"] == "運転免許証 123456789012"
    assert cells["買取価格(円)"] == "68000"


def test_a_refused_intake_is_exported_as_no_purchase(ledger, tmp_path):
    record(ledger, **{"device.lock": "on", "price_yen": ...})
    out = tmp_path / "day.csv"
    export_day(ledger.entries_on(dt.date.today()), out)
    cells = dict(zip(*read_back(out)))
    assert cells["区別"] == "受付(買取なし)" and cells["判定"] == "買取不可" and cells["買取価格(円)"] == ""


def test_newlines_inside_a_cell_are_quoted_per_rfc_4180(tmp_path, ledger):
    stored = record(ledger)
    entry = stored._replace(personal=stored.personal._replace(seller_name="一行目\r\n二行目"))
    out = tmp_path / "day.csv"
    export_day([entry], out)
    raw = out.read_bytes().decode("utf-8-sig")
    assert '"' in raw and "一行目\r\n二行目" in raw
    assert "一行目\r\n二行目" in read_back(out)[1][5]


def test_cp932_export_opens_in_shift_jis(ledger, tmp_path):
    record(ledger)
    out = tmp_path / "day.csv"
    export_day(ledger.entries_on(dt.date.today()), out, encoding="cp932")
    assert read_back(out, encoding="cp932")[1][5].startswith("東京都千代田区")


def test_cp932_lists_every_cell_it_cannot_hold_at_once_and_writes_nothing(ledger, tmp_path):
    record(ledger)
    record(ledger, **{"seller.name": "髙橋 🍣"})
    record(ledger, **{"staff.staff_name": "か\u3099とう", "staff.color": "〜ブルー〜"})
    out = tmp_path / "day.csv"
    with pytest.raises(ExportError) as raised:
        export_day(ledger.entries_on(dt.date.today()), out, encoding="cp932")
    message = str(raised.value)
    assert "3 cells cannot be written in cp932" in message
    assert "entry 2, column 相手方の住所・氏名・職業・年齢: '🍣' (U+1F363)" in message
    assert "entry 3, column 特徴: '〜' (U+301C)" in message
    assert "entry 3, column 担当者: '゙' (U+3099)" in message
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".day.csv")]


def test_an_empty_day_has_just_the_header(ledger, tmp_path):
    out = tmp_path / "day.csv"
    assert export_day(ledger.entries_on(dt.date(2020, 1, 1)), out) == 0
    assert read_back(out) == [list(HEADER)]


def test_an_unwritable_destination_is_a_clear_error(ledger, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export_day([], tmp_path / "no" / "such" / "dir.csv")


def test_a_folder_a_device_or_the_ledger_itself_is_refused_and_no_temporary_file_is_left(ledger, tmp_path):
    record(ledger)
    ledger_file = tmp_path / "ledger.sqlite3"
    before = ledger_file.read_bytes()
    folder = tmp_path / "exports"
    folder.mkdir()
    entries = list(ledger.entries_on(dt.date.today()))
    with pytest.raises(ExportError, match="is a folder"):
        export_day(entries, folder)
    with pytest.raises(ExportError, match="not a regular file"):
        export_day(entries, Path("/dev/null"))
    for own in (ledger_file, Path(f"{ledger_file}-wal"), tmp_path / "." / "ledger.sqlite3"):
        with pytest.raises(ExportError, match="ledger's own files"):
            export_day(entries, own, refused_paths=[ledger_file, Path(f"{ledger_file}-wal")])
    assert ledger_file.read_bytes() == before
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_erased_personal_data_shows_as_erased_in_every_personal_cell(ledger):
    entry = record(ledger, **{"seller.date_of_birth": "2010-01-01", "seller.guardian": {
        "consent_method": "written", "name": "山田 花子", "relationship": "母", "contact": "03-1234-5678"},
        "price_yen": ...})
    cells = dict(zip(HEADER, ledger_row(entry._replace(personal=None))))
    assert cells["相手方の住所・氏名・職業・年齢"].startswith(ERASED_JA)
    assert cells["確認方法"] == f"運転免許証 {ERASED_JA}"
    assert cells["保護者"] == ERASED_JA and cells["保護者の同意"] == "同意書"
    full = dict(zip(HEADER, ledger_row(entry)))
    assert full["保護者"] == "山田 花子 母 03-1234-5678"


def test_a_suspicion_not_yet_reported_says_so_in_its_own_column(ledger):
    pending = record(ledger, **{"staff.suspected_theft": True, "price_yen": ...})
    reported = record(ledger, **{"staff.suspected_theft": True, "price_yen": ...,
                                 "police_report": {"reported_at": "2026-11-30T15:00", "station": "万世橋警察署"}})
    assert dict(zip(HEADER, ledger_row(pending)))["警察への申告"] == NOT_YET_REPORTED_JA
    assert dict(zip(HEADER, ledger_row(reported)))["警察への申告"] == "2026-11-30 15:00 万世橋警察署"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "＝1"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_numbers_and_plain_text_pass_unchanged():
    assert neutralise(-5) == "-5" and neutralise("iPhone") == "iPhone" and neutralise(None) == ""


def test_the_entry_number_and_a_changed_price_have_their_columns(ledger):
    original = record(ledger)
    correction = record(ledger, corrects=original.id, price_yen=60000, price_override_reason="背面に傷")
    cells = dict(zip(HEADER, ledger_row(correction)))
    # 台帳番号 is the ledger's number; 受付番号 is the customer's ticket, never exported.
    assert (cells["台帳番号"], cells["訂正元の台帳番号"]) == (correction.id, original.id)
    assert (cells["買取価格(円)"], cells["価格変更の理由"]) == (60000, "背面に傷")
    assert not any("受付番号" in column for column in HEADER)


def test_every_exported_cell_is_the_neutralised_cell_of_the_book(ledger, tmp_path):
    """The export makes its cells inline; each must be neutralise() of ledger_row()'s, whatever a column holds."""
    plain = record(ledger)
    minor = record(ledger, **{"seller.date_of_birth": "2010-01-01", "seller.name": "-山田", "seller.guardian": {
        "consent_method": "phone", "name": "=山田 花子", "relationship": "母", "contact": "03-1234-5678"},
        "price_yen": ...})
    other = record(ledger, **{"staff.id_check": {"method": "other", "document_name": "@学生証"}, "price_yen": ...})
    passport = record(ledger, **{"staff.id_check": {
        "method": "passport", "document_number": "TK1234567", "issued_on": "2021-01-01",
        "address_document": {"method": "drivers_license", "document_number": "123"}}, "price_yen": ...})
    entries = [
        plain, minor, other, passport, minor._replace(personal=None), passport._replace(personal=None),
        plain._replace(imei1=None, imei2="356789101234564", hardware_serial=None, model_name=None),
        plain._replace(imei2="356789101234564", model_name=None, model_code=None, color=None, capacity=None),
        # Values a hand-edited file could hold: every text is neutralised, whatever its column.
        plain._replace(price_yen="=1+1", corrects_id="-2", rank="+A", restriction_mark="＠", staff_name="\tx",
                       recorded_at="=2020-01-01T10:00", imei1="-1"),
        plain._replace(price_yen=-5, seller_age=None, personal=None, personal_commitment=None, id_method=None,
                       police_report_json='{"reported_at": "=2026-11-30T15:00", "station": "署"}'),
        plain._replace(price_yen=1.5, consent_method="", suspected_theft=1, is_purchase=0, outcome="refuse"),
    ]
    corrections = {plain.id: [minor.id, other.id]}
    out = tmp_path / "day.csv"
    assert export_day(entries, out, corrections=corrections) == len(entries)
    expected = [[neutralise(cell) for cell in ledger_row(entry, corrections.get(entry.id, ()))] for entry in entries]
    assert read_back(out)[1:] == expected


def test_a_days_book_rows_make_the_same_book_as_its_whole_entries(ledger, tmp_path):
    """The day's export reads only the book's fields; the file must be the one the whole entries make."""
    original = record(ledger)
    record(ledger, corrects=original.id, price_yen=60000, price_override_reason="背面に傷")
    record(ledger, **{"seller.date_of_birth": "2010-01-01", "seller.guardian": {
        "consent_method": "written", "name": "山田 花子", "relationship": "母", "contact": "03-1234-5678"},
        "price_yen": ...})
    record(ledger, **{"staff.suspected_theft": True, "price_yen": ...})
    today = dt.date.today()
    entries, rows = list(ledger.entries_between(today, today)), list(ledger.book_between(today, today))
    assert [row.id for row in rows] == [entry.id for entry in entries] == [1, 2, 3, 4]
    corrections = ledger.corrections_between(today, today)
    whole, book = tmp_path / "whole.csv", tmp_path / "book.csv"
    export_day(entries, whole, corrections=corrections)
    export_day(rows, book, corrections=corrections)
    assert book.read_bytes() == whole.read_bytes()
    assert [ledger_row(row) for row in rows] == [ledger_row(entry) for entry in entries]


def test_a_book_entry_field_is_the_ledger_entry_field_of_the_same_name_and_type():
    from kiosk.ledger.entry import BookEntry, LedgerEntry

    assert all(BookEntry.__annotations__[name] == LedgerEntry.__annotations__[name] for name in BookEntry._fields)
