"""Verify as an auditor uses it, the v1 → v2 migration, purge, suspicion memory and file modes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from kiosk.counter import grade_intake, record_intake
from kiosk.grading import Outcome, Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import ERASED_JA, EntryKind, LedgerError, Seal, open_ledger
from kiosk.paths import data_dir, pair_records_dir
from tests.factories import OTHER_IMEI, intake_json

FIXTURES = Path(__file__).parent / "fixtures"


def record(ledger, **changes):
    return record_intake(intake_from_json(intake_json(**changes), for_record=True), Policy.load(), ledger)[0]


def verify(path, seal=None):
    with open_ledger(path, read_only=True) as ledger:
        return ledger.verify(seal)


@pytest.fixture
def ledger_path(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        for number in range(4):
            record(ledger, **{"seller.name": f"売主 {number}"})
    return path


# --- verify -------------------------------------------------------------------------------------------


def test_verify_opens_read_only_and_creates_nothing(tmp_path, ledger_path):
    with pytest.raises(LedgerError, match="no such file"):
        open_ledger(tmp_path / "typo" / "ledger.sqlite3", read_only=True)
    assert not (tmp_path / "typo").exists()
    # A backup copy: the file alone, verified where it lies, stays the file alone.
    copy = tmp_path / "backup" / "ledger.sqlite3"
    copy.parent.mkdir()
    shutil.copy(ledger_path, copy)
    before = copy.read_bytes()
    assert verify(copy).ok
    assert list(copy.parent.iterdir()) == [copy] and copy.read_bytes() == before


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"PK\x03\x04 a zip file" * 50, "not an SQLite file"),
], ids=["empty", "foreign"])
def test_verify_names_an_empty_or_foreign_file(tmp_path, content, message):
    path = tmp_path / "ledger.sqlite3"
    path.write_bytes(content)
    with pytest.raises(LedgerError, match=message):
        open_ledger(path, read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.sqlite3"]


def test_verify_refuses_an_sqlite_file_of_another_program(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text)")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="not a ledger"):
        open_ledger(path, read_only=True)
    with pytest.raises(LedgerError, match="another program"):
        open_ledger(path)


def test_verify_finds_a_ledger_without_its_triggers(ledger_path):
    conn = sqlite3.connect(ledger_path)
    conn.execute("DROP TRIGGER entries_no_update")
    conn.commit()
    conn.close()
    result = verify(ledger_path)
    assert not result.ok and "entries_no_update is missing" in result.problem


def test_verify_finds_a_damaged_index_that_would_hide_a_day(ledger_path):
    """One byte changed in the business_date index: the day's export would miss an entry."""
    conn = sqlite3.connect(ledger_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries_business_date'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(ledger_path.read_bytes())
    page = data[(root - 1) * page_size:root * page_size]
    day = dt.date.today().isoformat().encode()
    offset = (root - 1) * page_size + page.rindex(day)
    data[offset + 9] ^= 0x01  # the last digit of one entry's date, in the index only
    ledger_path.write_bytes(bytes(data))
    result = verify(ledger_path)
    assert not result.ok and "damaged" in result.problem


def test_a_seal_catches_a_ledger_cut_short_or_rewritten(ledger_path, tmp_path):
    with open_ledger(ledger_path, read_only=True) as ledger:
        head = ledger.head()
    seal = Seal(head.id, head.entry_hash)
    assert verify(ledger_path, seal).ok
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(ledger_path, backup)

    # Cut short: the last entry goes, and the chain head is set back, as a careful forger would.
    truncated = tmp_path / "truncated.sqlite3"
    shutil.copy(ledger_path, truncated)
    conn = sqlite3.connect(truncated)
    conn.execute("DROP TRIGGER entries_no_delete")
    previous = conn.execute("SELECT entry_hash FROM entries WHERE id = ?", [head.id - 1]).fetchone()[0]
    conn.execute("DELETE FROM personal WHERE entry_id = ?", [head.id])
    conn.execute("DELETE FROM entries WHERE id = ?", [head.id])
    conn.execute("UPDATE chain_head SET last_entry_id = ?, last_hash = ?", [head.id - 1, previous])
    conn.execute("CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries "
                 "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END")
    conn.commit()
    conn.close()
    assert verify(truncated).ok  # the chain alone cannot see it
    result = verify(truncated, seal)
    assert not result.ok and "cut short" in result.problem

    # Rewritten: a new ledger of the same length, with other content.
    rewritten = tmp_path / "rewritten.sqlite3"
    with open_ledger(rewritten) as ledger:
        for number in range(4):
            record(ledger, **{"seller.name": f"別人 {number}"})
    assert verify(rewritten).ok
    result = verify(rewritten, seal)
    assert not result.ok and "rewritten" in result.problem


def test_verify_against_a_backup_copy_through_the_cli(ledger_path, tmp_path, capsys):
    from kiosk import cli

    backup = tmp_path / "backup.sqlite3"
    shutil.copy(ledger_path, backup)
    data = ["--data-dir", str(ledger_path.parent)]
    assert cli.main(["ledger", "verify", *data, "--against", str(backup)]) == 0
    assert "holds entry 4 as sealed" in capsys.readouterr().out
    assert cli.main(["ledger", "head", *data]) == 0
    printed = capsys.readouterr().out.split()[0]
    assert cli.main(["ledger", "verify", *data, "--seal", printed]) == 0
    assert cli.main(["ledger", "verify", *data, "--seal", printed.replace(printed[-1], "0" if printed[-1] != "0" else "1")]) == 1
    assert "ledger NOT intact" in capsys.readouterr().err


# --- migration ------------------------------------------------------------------------------------------


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    shutil.copy(FIXTURES / "ledger_v1.sqlite3", path)
    return path


def test_the_v1_fixture_migrates_to_v2_and_verifies(v1_copy):
    raw_v1 = v1_copy.read_bytes()
    assert "記号12 番号345".encode() in raw_v1 and b"123456789018" in raw_v1  # what v1 wrongly kept
    with pytest.raises(LedgerError, match="older version"):
        open_ledger(v1_copy, read_only=True)
    with open_ledger(v1_copy) as ledger:
        result = ledger.verify()
        assert result.ok and result.entries == 6, result.problem
        migration = ledger.head()
        assert migration.kind == EntryKind.MIGRATION
        assert migration.details["v1_entries"] == 5 and migration.details["numbers_not_kept"] == [2, 5]
        first = ledger.entry(1)
        assert first.personal.seller_name == "山田 太郎" and first.personal.id_document_number == "123456789012"
        assert ledger.entry(2).id_method == "my_number_card" and ledger.entry(2).personal.id_document_number is None
        assert ledger.entry(4).corrects_id == 1
        assert ledger.entry(3).police_report.station == "万世橋警察署"
        # A seal written down under v1 still checks against the migrated ledger.
        v1_head = Seal(5, migration.details["v1_head_hash"])
        assert ledger.verify(v1_head).ok
        # The v1 history counts: entry 3 was refused as stolen, so the same phone is held.
        again = record(ledger, price_yen=...)
        assert again.id == 7 and again.outcome == "hold" and again.reasons[0]["rule"] == "history.suspicious"
    assert verify(v1_copy).ok
    raw_v2 = v1_copy.read_bytes()
    assert "記号12 番号345".encode() not in raw_v2 and b"123456789018" not in raw_v2
    assert not Path(f"{v1_copy}-wal").exists() or b"123456789018" not in Path(f"{v1_copy}-wal").read_bytes()


def test_a_tampered_v1_ledger_is_not_migrated(v1_copy):
    conn = sqlite3.connect(v1_copy)
    conn.execute("DROP TRIGGER entries_no_update")
    conn.execute("UPDATE entries SET price_yen = 1 WHERE id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match="cannot be upgraded: its entry 1"):
        open_ledger(v1_copy)
    conn = sqlite3.connect(v1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*), price_yen FROM entries WHERE id = 1").fetchone() == (1, 1)
    conn.close()


def test_the_v3_fixture_migrates_to_v4_with_partial_indexes_and_an_untouched_chain(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    shutil.copy(FIXTURES / "ledger_v3.sqlite3", path)
    conn = sqlite3.connect(path)
    chained = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    conn.close()
    with open_ledger(path) as ledger:
        result = ledger.verify()
        assert result.ok and result.entries == 5 and result.erased_by_purge == {5: 3}, result.problem
        assert [entry.id for entry in ledger.history(["356789101234563"], None)] == [2]  # by its second IMEI
        assert [entry.id for entry in ledger.corrections_of(1)] == [3]
        assert ledger.entry(4).personal.seller_name == "佐藤 次郎" and ledger.entry(1).personal_erased
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT * FROM entries ORDER BY id").fetchall() == chained
    indexes = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    assert indexes["entries_imei2"].endswith("WHERE imei2 IS NOT NULL")
    assert indexes["entries_corrects_id"].endswith("WHERE corrects_id IS NOT NULL")
    # Only the entries that have a second IMEI or correct another are in them, and the queries use them.
    assert conn.execute("SELECT count(*) FROM entries INDEXED BY entries_imei2 WHERE imei2 IS NOT NULL").fetchone() == (1,)
    plans = {" ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
             for sql in ("SELECT id FROM entries WHERE imei1 IN ('1') OR imei2 IN ('1')",
                         "SELECT id FROM entries WHERE corrects_id = 1")}
    assert any("entries_imei2" in plan for plan in plans) and any("entries_corrects_id" in plan for plan in plans)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


# --- personal data, purge -------------------------------------------------------------------------------


def test_my_number_and_insurance_numbers_never_reach_the_file(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        record(ledger, **{"staff.id_check": {"method": "my_number_card"}})
        record(ledger, **{"staff.id_check": {"method": "health_insurance"}})
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"document_number\": \"" not in raw
    with open_ledger(path, read_only=True) as ledger:
        assert [e.id_method for e in ledger.entries_on(dt.date.today())] == ["my_number_card", "health_insurance"]


def test_purge_erases_only_what_is_past_retention_and_verify_passes(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    policy = Policy.load()
    old = dt.datetime(2021, 3, 1, 11, 0).astimezone()
    with open_ledger(path) as ledger:
        intake = intake_from_json(intake_json(**{"seller.name": "古い 売主"}), for_record=True)
        refused = intake_from_json(intake_json(**{"seller.name": "断った 売主", "device.lock": "on", "price_yen": ...}),
                                   for_record=True)
        for when, item in ((old, intake), (dt.datetime(2024, 6, 1, 11, 0).astimezone(), refused)):
            ledger.append(item, grade_intake(item, policy, ledger, when.date()), now=when)
        recent = record(ledger, **{"seller.name": "新しい 売主"})

        today = dt.date.today()
        candidates = ledger.purge_candidates(today, policy, today)
        assert [entry.id for entry in candidates] == [1]  # the refused one is kept 3 years by default
        purge = ledger.purge(today, policy)
        assert purge is not None and purge.kind == EntryKind.PURGE and purge.details["erased"] == [1]
        assert ledger.purge(today, policy) is None  # nothing left to erase
        erased = ledger.entry(1)
        assert erased.personal is None and erased.personal_erased
        assert ledger.entry(recent.id).personal.seller_name == "新しい 売主"
    result = verify(path)
    assert result.ok, result.problem
    assert result.erased_by_purge == {purge.id: 1}
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert "古い 売主".encode() not in raw and "新しい 売主".encode() in raw


def test_a_shorter_period_applies_to_refused_entries_not_reported(tmp_path):
    (tmp_path / "policy.json").write_text('{"refused_unreported_retention_months": 6}')
    policy = Policy.load(tmp_path)
    path = tmp_path / "ledger.sqlite3"
    when = dt.datetime(2025, 1, 10, 11, 0).astimezone()
    with open_ledger(path) as ledger:
        for changes in ({"device.lock": "on", "price_yen": ...},
                        {"staff.suspected_theft": True, "price_yen": ...},
                        {}):
            item = intake_from_json(intake_json(**changes), for_record=True)
            ledger.append(item, grade_intake(item, policy, ledger, when.date()), now=when)
        today = dt.date(2025, 12, 1)
        assert [e.outcome for e in ledger.purge_candidates(today, policy, today)] == ["refuse"]
        assert ledger.purge_candidates(today, policy, today)[0].suspected_theft == 0


def test_purge_through_the_cli_is_a_dry_run_until_apply(tmp_path, capsys):
    from kiosk import cli

    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        item = intake_from_json(intake_json(), for_record=True)
        when = dt.datetime(2020, 5, 1, 10, 0).astimezone()
        ledger.append(item, grade_intake(item, Policy.load(), ledger, when.date()), now=when)
    data = ["--data-dir", str(tmp_path)]
    assert cli.main(["ledger", "purge", *data, "--before", "2021-01-01"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("1\t2020-05-01") and "dry run" in err
    assert verify(path).erased_by_purge == {}
    assert cli.main(["ledger", "purge", *data, "--before", "2021-01-01", "--apply"]) == 0
    assert "personal data of 1 entries erased" in capsys.readouterr().err
    assert cli.main(["ledger", "verify", *data]) == 0
    assert "personal data of 1 entries erased by purge entry 2" in capsys.readouterr().out
    assert cli.main(["export", *data, "--date", "2020-05-01"]) == 0
    assert ERASED_JA in capsys.readouterr().out


# --- suspicion memory -----------------------------------------------------------------------------------


def test_a_phone_refused_as_stolen_is_held_when_it_comes_back(tmp_path):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        record(ledger, **{"staff.suspected_theft": True, "price_yen": ...,
                          "police_report": {"reported_at": "2026-11-30T15:00", "station": "万世橋警察署"}})
        # Next day, another seller, and the IMEI not read: the serial still finds it.
        again = intake_from_json(intake_json(**{"seller.name": "別の 売主", "device.imei": [OTHER_IMEI]}),
                                 for_record=True)
        result = grade_intake(again, Policy.load(), ledger)
        assert result.outcome is Outcome.HOLD
        reason = result.reasons[0]
        assert reason.rule == "history.suspicious"
        assert "台帳番号1" in reason.ja and "買取不可" in reason.ja and "万世橋警察署" in reason.ja


def test_a_suspicion_not_reported_stays_pending_until_a_correction_reports_it(tmp_path, capsys):
    from kiosk import cli

    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        suspected = record(ledger, **{"staff.suspected_theft": True, "price_yen": ...})
        record(ledger, **{"device.imei": [OTHER_IMEI], "device.hardware_serial": "X1"})
        assert suspected.police_pending
        assert [entry.id for entry in ledger.police_pending()] == [suspected.id]
    assert cli.main(["police", "pending", "--data-dir", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"{suspected.id}\t") and "1 suspected phones not yet reported" in err
    with open_ledger(path) as ledger:
        record(ledger, corrects=suspected.id, price_yen=..., **{
            "staff.suspected_theft": True,
            "police_report": {"reported_at": "2026-12-01T09:00", "station": "万世橋警察署"}})
        assert ledger.police_pending() == []


# --- files ----------------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_files_are_private_whatever_the_umask(tmp_path):
    old_umask = os.umask(0o002)
    try:
        folder = data_dir(tmp_path / "shop")
        path = folder / "ledger.sqlite3"
        with open_ledger(path) as ledger:
            record(ledger)
            made = [path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")]
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in made}
        pairs = pair_records_dir(folder)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(pairs.stat().st_mode) == 0o700
    assert modes == {p.name: 0o600 for p in made}


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_looser_modes_are_tightened_on_open_with_a_log_line(tmp_path, caplog):
    path = tmp_path / "ledger.sqlite3"
    with open_ledger(path) as ledger:
        record(ledger)
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    with open_ledger(path):
        pass
    data_dir(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
    assert "tightened the permissions of" in caplog.text and "644 to 600" in caplog.text


def test_a_new_ledger_has_8_kb_pages_and_an_older_file_keeps_its_own(tmp_path):
    from kiosk.ledger.sqlite_store import PAGE_SIZE

    with open_ledger(tmp_path / "new.sqlite3") as ledger:
        record_intake(intake_from_json(intake_json(), for_record=True), Policy.load(), ledger)
    older = tmp_path / "older.sqlite3"
    shutil.copy(FIXTURES / "ledger_v3.sqlite3", older)
    with open_ledger(older) as ledger:
        assert ledger.verify().ok
    sizes = [sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0] for path in (tmp_path / "new.sqlite3", older)]
    assert sizes == [PAGE_SIZE, 4096] and PAGE_SIZE == 8192
