"""The day's CSV: Excel-safe, Japanese intact, formulas neutralised, nothing lost."""

import csv
import datetime as dt
import io

import pytest

from kiosk.counter import record_intake
from kiosk.export import HEADER, ExportError, export_day, neutralise
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import Ledger
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
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
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
    entry = dict(record(ledger), seller_name="一行目\r\n二行目")
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


def test_cp932_names_the_entry_and_column_it_cannot_hold_and_writes_nothing(ledger, tmp_path):
    record(ledger)
    record(ledger, **{"seller.name": "髙橋 🍣"})
    out = tmp_path / "day.csv"
    with pytest.raises(ExportError, match=r"entry 2, column 相手方の住所・氏名・職業・年齢.*U\+1F363"):
        export_day(ledger.entries_on(dt.date.today()), out, encoding="cp932")
    assert not out.exists()


def test_an_empty_day_has_just_the_header(ledger, tmp_path):
    out = tmp_path / "day.csv"
    assert export_day(ledger.entries_on(dt.date(2020, 1, 1)), out) == 0
    assert read_back(out) == [list(HEADER)]


def test_an_unwritable_destination_is_a_clear_error(ledger, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export_day([], tmp_path / "no" / "such" / "dir.csv")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "＝1"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_numbers_and_plain_text_pass_unchanged():
    assert neutralise(-5) == "-5" and neutralise("iPhone") == "iPhone" and neutralise(None) == ""
