"""The 品触れ register (古物営業法 §19): notices in, every intake checked, purchases already made found."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.counter import grade_intake
from kiosk.grading import Outcome, Policy
from kiosk.hotlist import (
    HotlistError, MatchKind, add_notice, imeis_from_text, notice_from_json,
    notices_from_csv, purchases_matching,
)
from kiosk.intake import intake_from_json
from kiosk.ledger import LedgerError, open_ledger
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json
from tests.police_helpers import record_on

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)
HEADER = "received_on,station,notice_number,imei,serial,model,colour,features\r\n"


@pytest.fixture
def ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        yield ledger


def notice(received=dt.date(2026, 11, 20), number="R8-17", **item):
    """A notice of one item, read as ``kiosk hotlist add`` reads it."""
    return notice_from_json({"received_on": received.isoformat(), "station": "万世橋警察署", "number": number,
                             "items": [item]})


def reasons_of(ledger, today=TODAY, **changes):
    result = grade_intake(intake_from_json(intake_json(**changes)), Policy.load(), ledger, today)
    return result.outcome, {reason.rule: reason for reason in result.reasons}


def kiosk(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "kiosk", *args], input=stdin, capture_output=True, text=True, cwd=ROOT)


# --- every intake is checked ----------------------------------------------------------------------------------------

def test_the_same_imei_holds_the_intake_and_names_the_notice(ledger):
    add_notice(ledger, notice(imei=GOOD_IMEI))
    outcome, reasons = reasons_of(ledger)
    assert outcome is Outcome.HOLD
    match = reasons["hotlist.match"]
    assert match.ja.startswith("品触れ該当: 警察へ連絡してください")
    assert "万世橋警察署 第R8-17号" in match.ja and GOOD_IMEI in match.ja
    assert "call the police" in match.en


def test_the_same_serial_holds_the_intake_whatever_its_case_or_width(ledger):
    add_notice(ledger, notice(serial="ｆ２ｌｘｋ０ａｂｃｄｅｆ"))
    outcome, reasons = reasons_of(ledger)
    assert outcome is Outcome.HOLD and "hotlist.match" in reasons


def test_the_same_model_and_colour_is_a_possible_match_that_holds(ledger):
    add_notice(ledger, notice(model="iPhone 13 Pro", colour="シエラブルー", features="背面左下に傷"))
    outcome, reasons = reasons_of(ledger)
    assert outcome is Outcome.HOLD
    assert "hotlist.match" not in reasons
    possible = reasons["hotlist.possible"]
    assert "品触れ該当の可能性" in possible.ja and "背面左下に傷" in possible.ja


def test_a_colour_in_the_other_script_cannot_rule_a_model_match_out(ledger):
    add_notice(ledger, notice(model="iPhone 13 Pro", colour="シエラブルー"))
    outcome, reasons = reasons_of(ledger, **{"staff.color": ..., "device.color": "Sierra Blue"})
    assert outcome is Outcome.HOLD and "hotlist.possible" in reasons


def test_a_clearly_different_colour_or_model_is_no_match(ledger):
    add_notice(ledger, notice(model="iPhone 13 Pro", colour="ゴールド"))
    add_notice(ledger, notice(number="R8-18", model="Galaxy S21"))
    outcome, reasons = reasons_of(ledger)
    assert outcome is Outcome.BUY
    assert not {"hotlist.match", "hotlist.possible"} & set(reasons)


def test_a_notice_is_checked_for_six_months_from_receipt_then_expires_but_stays_readable(ledger, tmp_path):
    add_notice(ledger, notice(received=dt.date(2026, 1, 10), imei=GOOD_IMEI))
    assert reasons_of(ledger, today=dt.date(2026, 7, 10))[0] is Outcome.HOLD
    outcome, reasons = reasons_of(ledger, today=dt.date(2026, 7, 11))
    assert outcome is Outcome.BUY and "hotlist.match" not in reasons
    (kept,) = ledger.store.notices()
    assert kept.active_until == dt.date(2026, 7, 10) and not kept.is_active(dt.date(2026, 7, 11))
    assert kept.items[0].imei == GOOD_IMEI


def test_an_intake_that_matched_a_notice_is_suspicious_history_after_the_notice_expired(ledger):
    add_notice(ledger, notice(received=dt.date(2026, 1, 10), imei=GOOD_IMEI))
    matched = record_on(ledger, dt.date(2026, 2, 1))
    assert matched.outcome == "hold"
    outcome, reasons = reasons_of(ledger, today=dt.date(2026, 11, 1))
    assert outcome is Outcome.HOLD
    assert "品触れ該当" in reasons["history.suspicious"].ja and f"台帳番号{matched.id}" in reasons["history.suspicious"].ja


def test_checking_one_intake_uses_the_indexes(ledger):
    plan = " ".join(row[-1] for row in ledger.store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT DISTINCT n.id FROM notice_items i JOIN notices n ON n.id = i.notice_id "
        "WHERE n.received_on >= ? AND (i.imei IN (?) OR i.serial = ? OR i.model_key IN (?))", ["", "", "", ""]))
    assert "notice_items_imei" in plan and "notice_items_model_key" in plan


# --- a new notice against the purchases already made ----------------------------------------------------------------

def test_a_new_notice_lists_the_purchases_of_the_last_six_months_with_what_to_report(ledger):
    old = record_on(ledger, dt.date(2026, 3, 1))  # over 6 months before: not listed
    recent = record_on(ledger, dt.date(2026, 10, 2), **{"seller.name": "鈴木 花子"})
    record_on(ledger, dt.date(2026, 10, 3), **{"device.imei": [OTHER_IMEI], "device.hardware_serial": "X1",
                                               "device.model_name": "Pixel 8", "device.model_code": "shiba"})
    added = add_notice(ledger, notice(imei=GOOD_IMEI))
    (found,) = purchases_matching(ledger, added, TODAY)
    assert found.entry.id == recent.id != old.id
    assert found.match.kind is MatchKind.EXACT
    report = found.report_ja()
    for words in ("品触れ該当", "万世橋警察署 第R8-17号", f"台帳番号{recent.id}", GOOD_IMEI, "鈴木 花子", "68000円",
                  "万世橋警察署へ連絡してください"):
        assert words in report


def test_a_listed_purchase_names_the_entry_that_corrects_it(ledger):
    bought = record_on(ledger, dt.date(2026, 10, 2))
    correction = record_on(ledger, dt.date(2026, 10, 3), corrects=bought.id, price_yen=60000)
    found = purchases_matching(ledger, add_notice(ledger, notice(imei=GOOD_IMEI)), TODAY)
    assert [(match.entry.id, match.corrected_by) for match in found] == [
        (bought.id, (correction.id,)), (correction.id, ())]


def test_the_same_notice_twice_is_refused(ledger):
    add_notice(ledger, notice(imei=GOOD_IMEI))
    with pytest.raises(LedgerError, match="in the register already"):
        add_notice(ledger, notice(imei=OTHER_IMEI))
    assert len(ledger.store.notices()) == 1


# --- reading notices ------------------------------------------------------------------------------------------------

def test_a_notice_as_json_names_the_bad_field():
    good = {"received_on": "2026-11-20", "station": "万世橋警察署", "number": "R8-17",
            "items": [{"imei": GOOD_IMEI}, {"model": "iPhone 13 Pro", "colour": "青", "features": "傷"}]}
    assert len(notice_from_json(good).items) == 2
    for change, field in [
        ({"received_on": "2126-01-01"}, "received_on"),
        ({"station": ""}, "station"),
        ({"items": []}, "items"),
        ({"items": [{"imei": "352099001761482"}]}, r"items\[0\].imei"),
        ({"items": [{"colour": "青"}]}, r"items\[0\]: give at least"),
        ({"items": [{"imei": 352099001761481}]}, r"items\[0\].imei: expected text"),
    ]:
        with pytest.raises(HotlistError, match=f"^{field}"):
            notice_from_json({**good, **change})


def test_a_pasted_list_of_imeis_is_read_whatever_separates_them():
    pasted = f"{GOOD_IMEI}\n 49-015420-323751-8、{GOOD_IMEI}\t"
    assert imeis_from_text(pasted) == [GOOD_IMEI, OTHER_IMEI]
    with pytest.raises(HotlistError, match="12345"):
        imeis_from_text(f"{GOOD_IMEI} 12345")


def test_an_import_file_groups_rows_into_notices_in_utf8_or_cp932():
    text = (HEADER + f"2026-11-20,万世橋警察署,R8-17,{GOOD_IMEI},,iPhone 13 Pro,シエラブルー,背面に傷\r\n"
            f"2026-11-20,万世橋警察署,R8-17,{OTHER_IMEI},,,,\r\n"
            "2026-11-21,神田警察署,K-5,,DNPXK1ZZZZZZ,,,\r\n")
    for data in (text.encode("utf-8-sig"), text.encode("cp932")):
        drafts = notices_from_csv(data)
        assert [(draft.station, len(draft.items)) for draft in drafts] == [("万世橋警察署", 2), ("神田警察署", 1)]


def test_an_import_file_with_bad_rows_names_each_line_and_adds_nothing(tmp_path, isolated_data_dir):
    path = tmp_path / "notices.csv"
    path.write_text(HEADER + f"2026-11-20,万世橋警察署,R8-17,{GOOD_IMEI},,,,\r\n"
                    "2026-13-01,万世橋警察署,R8-18,,,iPhone 12,,\r\n"
                    f"2026-11-20,万世橋警察署,R8-17,{GOOD_IMEI[:-1]}0,,,,\r\n"
                    "2026-11-20,万世橋警察署,R8-19,,,,,\r\n"
                    "2026-11-20,万世橋警察署\r\n", encoding="utf-8")
    done = kiosk("hotlist", "import", str(path))
    assert done.returncode == 2
    for line, words in [(3, "received_on"), (4, "imei"), (5, "row: give at least"), (6, "2 columns")]:
        assert f"line {line}: {words}" in done.stderr
    assert "line 2" not in done.stderr and "nothing was imported" in done.stderr
    assert not (isolated_data_dir / "ledger.sqlite3").exists()


def test_hotlist_add_and_list_on_the_command_line(isolated_data_dir):
    assert kiosk("record", stdin=json.dumps(intake_json())).returncode == 0
    received = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    done = kiosk("hotlist", "add", stdin=json.dumps({"received_on": received, "station": "万世橋警察署",
                                                     "number": "R8-17", "items": [{"imei": GOOD_IMEI}]}))
    assert done.returncode == 0, done.stderr
    (added,) = json.loads(done.stdout)
    assert [purchase["entry_id"] for purchase in added["purchases"]] == [1]
    assert "万世橋警察署へ連絡してください" in done.stderr
    listed = json.loads(kiosk("hotlist", "list", "--json").stdout)
    assert listed[0]["received_on"] == received and listed[0]["active"] is True
    graded = json.loads(kiosk("grade", stdin=json.dumps(intake_json())).stdout)
    assert graded["outcome"] == "hold" and graded["reasons"][0]["rule"] == "hotlist.match"


def test_hotlist_add_refuses_bad_json_naming_the_field(isolated_data_dir):
    done = kiosk("hotlist", "add", stdin=json.dumps({"received_on": "yesterday", "station": "x", "number": "1",
                                                     "items": [{"imei": GOOD_IMEI}]}))
    assert done.returncode == 2 and "received_on" in done.stderr and "Traceback" not in done.stderr
