"""Search across dates, export of a range or a search result, and the schema-2 → 3 migration."""

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.export import HEADER, export_day
from kiosk.grading import Policy
from kiosk.ledger import SCHEMA_VERSION, open_ledger
from kiosk.ledger.search import SearchError, SearchField, SearchQuery, name_key
from tests.factories import GOOD_IMEI, OTHER_IMEI
from tests.police_helpers import record_on

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DAYS = [dt.date(2026, 3, 2), dt.date(2026, 6, 15), dt.date(2026, 11, 30)]


def kiosk(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def three_days(isolated_data_dir):
    """The same phone sold by 山田 on three days, and another phone by ヤマダ ハナコ on the second."""
    isolated_data_dir.mkdir(exist_ok=True)
    with open_ledger(isolated_data_dir / "ledger.sqlite3") as ledger:
        for day in DAYS:
            record_on(ledger, day, **{"seller.name": "山田 太郎"})
        record_on(ledger, DAYS[1], hour=15, **{"seller.name": "ﾔﾏﾀﾞ ﾊﾅｺ", "device.imei": [OTHER_IMEI],
                                               "device.hardware_serial": "DNPXK1ZZZZZZ"})
    return isolated_data_dir / "ledger.sqlite3"


def found(ledger, field, text, first=None, last=None):
    return [entry.id for entry in ledger.find(SearchQuery.of(field, text, first, last))]


def test_an_imei_is_found_on_every_date_or_within_a_range(three_days):
    with open_ledger(three_days, read_only=True) as ledger:
        assert found(ledger, SearchField.IMEI, GOOD_IMEI) == [1, 2, 3]
        assert found(ledger, SearchField.IMEI, "35 209900 176148 1", DAYS[1], DAYS[2]) == [2, 3]
        assert found(ledger, SearchField.IMEI, GOOD_IMEI, DAYS[0], DAYS[0]) == [1]
        assert found(ledger, SearchField.SERIAL, "dnpxk1zzzzzz") == [4]


def test_a_name_is_found_whatever_its_width_case_or_kana(three_days):
    with open_ledger(three_days, read_only=True) as ledger:
        assert found(ledger, SearchField.NAME, "山田") == [1, 2, 3]
        assert found(ledger, SearchField.NAME, "やまだ") == [4]  # ﾔﾏﾀﾞ ﾊﾅｺ, half-width katakana
        assert found(ledger, SearchField.NAME, "ヤマダハナコ") == [4]
        assert found(ledger, SearchField.NAME, "田　太", DAYS[1], DAYS[2]) == [2, 3]
    assert name_key("ＹＡＭＡＤＡ　Taro") == name_key("yamada taro") == "yamadataro"


def test_a_name_search_scans_the_key_table_and_looks_the_rest_up(three_days):
    from kiosk.ledger.sqlite_store import _SELECT_BY_NAME

    with open_ledger(three_days, read_only=True) as ledger:
        plan = [row[-1] for row in ledger.store.conn.execute(
            f"EXPLAIN QUERY PLAN {_SELECT_BY_NAME} WHERE instr(s.name_key, 'x') > 0 AND e.business_date >= '2026' "
            "ORDER BY s.entry_id LIMIT 10")]
    assert plan[0] == "SCAN s" and all(step.startswith("SEARCH") for step in plan[1:])


def test_a_bad_search_names_its_field():
    with pytest.raises(SearchError, match="^imei"):
        SearchQuery.of(SearchField.IMEI, "12345")
    with pytest.raises(SearchError, match="^from"):
        SearchQuery.of(SearchField.NAME, "山田", DAYS[2], DAYS[0])


def test_ledger_search_on_the_command_line_prints_json_and_exports_csv(three_days, tmp_path):
    out = tmp_path / "found.csv"
    done = kiosk("ledger", "search", "--name", "やまだ", "--from", "2026-06-01", "--to", "2026-12-31",
                 "--csv", str(out))
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert [entry["id"] for entry in entries] == [4]
    assert entries[0]["seller"]["name"] == "ﾔﾏﾀﾞ ﾊﾅｺ" and entries[0]["imei"] == [OTHER_IMEI]
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row[HEADER.index("台帳番号")] for row in rows[1:]] == ["4"]
    done = kiosk("ledger", "search", "--imei", "1234")
    assert done.returncode == 2 and "imei" in done.stderr


def test_a_purged_name_is_no_longer_found(three_days):
    with open_ledger(three_days) as ledger:
        purge = ledger.purge(dt.date(2026, 4, 1), Policy.load(), now=dt.datetime(2029, 3, 3, 12).astimezone())
        assert purge is not None and purge.details["erased"] == [1]
        assert found(ledger, SearchField.NAME, "山田") == [2, 3]
        assert found(ledger, SearchField.IMEI, GOOD_IMEI) == [1, 2, 3]
        assert ledger.verify().ok


# --- export of a range ----------------------------------------------------------------------------------------------

def read_rows(path):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return rows


def test_a_range_export_flags_the_corrected_entry_so_the_total_counts_each_phone_once(isolated_data_dir, tmp_path):
    isolated_data_dir.mkdir(exist_ok=True)
    with open_ledger(isolated_data_dir / "ledger.sqlite3") as ledger:
        bought = record_on(ledger, DAYS[0], price_yen=68000)
        record_on(ledger, DAYS[1], price_yen=50000, **{"device.imei": [OTHER_IMEI],
                                                       "device.hardware_serial": "DNPXK1ZZZZZZ"})
        correction = record_on(ledger, DAYS[2], corrects=bought.id, price_yen=60000)
    out = tmp_path / "range.csv"
    done = kiosk("export", "--from", DAYS[0].isoformat(), "--to", DAYS[2].isoformat(), "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = read_rows(out)
    assert [row["台帳番号"] for row in rows] == ["1", "2", "3"]
    assert rows[0]["訂正済"] == f"訂正済(台帳番号 {correction.id})"
    assert rows[2]["訂正元の台帳番号"] == str(bought.id)
    standing = [int(row["買取価格(円)"]) for row in rows if row["区別"] == "買受" and not row["訂正済"]]
    assert sum(standing) == 110000
    # The first day alone still says it was corrected, by an entry of a later day.
    day = tmp_path / "day.csv"
    assert kiosk("export", "--date", DAYS[0].isoformat(), "--out", str(day)).returncode == 0
    assert read_rows(day)[0]["訂正済"] == f"訂正済(台帳番号 {correction.id})"


def test_export_needs_a_date_or_a_range(isolated_data_dir):
    assert "--date" in kiosk("export").stderr
    done = kiosk("export", "--from", "2026-03-02", "--to", "2026-03-01")
    assert done.returncode == 2 and "after" in done.stderr


def test_the_police_report_has_its_own_column():
    assert "警察への申告" in HEADER and HEADER.index("訂正済") == HEADER.index("訂正元の台帳番号") + 1


def test_export_of_a_search_result_uses_the_same_rules(three_days, tmp_path):
    with open_ledger(three_days, read_only=True) as ledger:
        entries = ledger.find(SearchQuery.of(SearchField.NAME, "山田"))
        out = tmp_path / "found.csv"
        assert export_day(entries, out, "cp932", corrections=ledger.corrections_among(entries)) == 3
    assert out.read_bytes().decode("cp932").startswith("取引年月日")


# --- schema 2 -> 3 --------------------------------------------------------------------------------------------------

def test_the_v2_fixture_migrates_to_v3_with_name_keys_and_an_empty_register(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    shutil.copy(FIXTURES / "ledger_v2.sqlite3", path)
    before = sqlite3.connect(path).execute("SELECT id, entry_hash FROM entries ORDER BY id").fetchall()
    with open_ledger(path) as ledger:
        assert ledger.verify().ok
        assert found(ledger, SearchField.NAME, "やまだ") == [1, 3]
        assert found(ledger, SearchField.NAME, "すずき") == []  # 鈴木 is kanji: no reading is guessed
        assert found(ledger, SearchField.NAME, "鈴木") == [2]
        assert ledger.store.notices() == []
        assert ledger.corrections_between(dt.date(2026, 3, 2), dt.date(2026, 3, 2)) == {1: [3]}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT id, entry_hash FROM entries ORDER BY id").fetchall() == before


def test_the_notice_tables_are_append_only(tmp_path):
    from kiosk.hotlist import add_notice, notice_from_json

    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        add_notice(ledger, notice_from_json({"received_on": "2026-11-01", "station": "神田警察署", "number": "1",
                                             "items": [{"imei": GOOD_IMEI}]}))
    conn = sqlite3.connect(path)
    for statement in ("UPDATE notice_items SET imei = NULL", "DELETE FROM notices"):
        with pytest.raises(sqlite3.DatabaseError, match="never changed"):
            conn.execute(statement)
