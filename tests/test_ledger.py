"""The ledger: append-only, hash-chained, durable, one schema version, one writer."""

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger.entry import CHAIN_COLUMNS, canonical_text
from kiosk.ledger import SCHEMA_VERSION, open_ledger, LedgerBusy, LedgerError, LedgerTooNew
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def ledger_path(tmp_path):
    return tmp_path / "ledger.sqlite3"


def record(ledger, **changes):
    entry, _ = record_intake(intake_from_json(intake_json(**changes), for_record=True), Policy.load(), ledger)
    return entry


def filled_ledger(path, count=5):
    with open_ledger(path) as ledger:
        for number in range(count):
            record(ledger, **{"seller.name": f"売主 {number}"})


def tamper(path, *statements):
    """Change the file as someone with plain sqlite3 would, then put the triggers back so the schema looks whole."""
    conn = sqlite3.connect(path)
    dropped = ("entries_no_update", "entries_no_delete", "personal_no_update")
    triggers = conn.execute(f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN {dropped}").fetchall()
    for name in dropped:
        conn.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        conn.execute(statement)
    for (sql,) in triggers:
        conn.execute(sql)
    conn.commit()
    conn.close()


def verify(path):
    with open_ledger(path, read_only=True) as ledger:
        return ledger.verify()


def test_entries_are_appended_in_order_and_verify(ledger_path):
    filled_ledger(ledger_path, 3)
    result = verify(ledger_path)
    assert result.ok and result.entries == 3
    with open_ledger(ledger_path) as ledger:
        assert [e.personal.seller_name for e in ledger.entries_on(dt.date.today())] == ["売主 0", "売主 1", "売主 2"]


def test_a_refused_intake_is_logged_but_is_no_purchase(ledger_path):
    with open_ledger(ledger_path) as ledger:
        entry = record(ledger, **{"device.lock": "on", "price_yen": ...})
        assert entry.outcome == "refuse" and not entry.is_purchase
        assert entry.reasons[0]["rule"] == "lock.on"


def test_a_price_on_a_refused_phone_is_rejected_and_nothing_written(ledger_path):
    with open_ledger(ledger_path) as ledger:
        with pytest.raises(ValueError, match="price_yen"):
            record(ledger, **{"device.lock": "on"})
        assert ledger.verify().entries == 0


def test_rows_cannot_be_updated_or_deleted_through_sqlite(ledger_path):
    filled_ledger(ledger_path, 1)
    conn = sqlite3.connect(ledger_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE entries SET price_yen = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM entries")


def test_a_correction_is_a_new_entry_pointing_at_the_original(ledger_path):
    with open_ledger(ledger_path) as ledger:
        original = record(ledger)
        correction = record(ledger, corrects=original.id, price_yen=65000)
        assert correction.corrects_id == original.id
        assert [c.id for c in ledger.corrections_of(original.id)] == [correction.id]
        # A correction is not a repeat visit of the same phone.
        assert "imei.repeat" not in correction.reasons_json
        with pytest.raises(LedgerError, match="no entry 99"):
            record(ledger, corrects=99)


def test_the_phone_history_is_found_by_imei_or_by_hardware_serial(ledger_path):
    with open_ledger(ledger_path) as ledger:
        first = record(ledger)
        assert "imei.repeat" not in first.reasons_json
        second = record(ledger)
        assert "imei.repeat" in second.reasons_json
        # The same phone with its IMEI unread is still known by its serial.
        third = record(ledger, **{"device.imei": [OTHER_IMEI]})
        assert [e.id for e in ledger.history([GOOD_IMEI], None)] == [first.id, second.id]
        assert [e.id for e in ledger.history([], "F2LXK0ABCDEF")] == [first.id, second.id, third.id]
        assert [e.id for e in ledger.history([GOOD_IMEI], None, exclude_id=second.id)] == [first.id]
        assert ledger.history(["356789101234564"], "OTHER") == []


@pytest.mark.parametrize(
    "statements, bad_id, words",
    [
        (["UPDATE entries SET price_yen = 1000 WHERE id = 3"], 3, "changed"),
        (["UPDATE personal SET data_json = replace(data_json, '売主 2', '別人') WHERE entry_id = 3"], 3,
         "personal data of entry 3 was changed"),
        (["DELETE FROM personal WHERE entry_id = 4"], 4, "no purge erased it"),
        (["DELETE FROM entries WHERE id = 2"], 2, "missing"),
        (["DELETE FROM entries WHERE id = 5"], 5, "missing"),
        (["UPDATE entries SET id = 100 WHERE id = 2", "UPDATE entries SET id = 2 WHERE id = 3",
          "UPDATE entries SET id = 3 WHERE id = 100"], 2, "reordered"),
    ],
    ids=["edit", "edit-personal", "erase-personal-without-purge", "delete-middle", "delete-last", "reorder"],
)
def test_tampering_is_detected_and_named(ledger_path, statements, bad_id, words):
    filled_ledger(ledger_path)
    tamper(ledger_path, *statements)
    result = verify(ledger_path)
    assert not result.ok
    assert result.bad_entry_id == bad_id
    assert words in result.problem


def test_a_database_newer_than_the_code_is_refused(ledger_path):
    filled_ledger(ledger_path, 1)
    conn = sqlite3.connect(ledger_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LedgerTooNew, match="newer version"):
        open_ledger(ledger_path)


def test_a_file_that_is_not_a_database_is_refused(ledger_path):
    ledger_path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(LedgerError, match="not a readable ledger"):
        open_ledger(ledger_path)
    assert ledger_path.read_bytes() == b"not a database at all" * 100


def test_the_ledger_uses_wal_and_full_sync(ledger_path):
    with open_ledger(ledger_path) as ledger:
        conn = ledger.store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1  # erased data is zeroed


def test_only_one_writer_at_a_time(ledger_path):
    with open_ledger(ledger_path) as first:
        record(first)
        second = open_ledger(ledger_path, lock_timeout=0.1)
        with pytest.raises(LedgerBusy, match="another program"):
            record(second)
        # Reading still works while the other one writes.
        assert second.verify().ok
        second.close()


WRITER = """
import sys
from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import open_ledger
from tests.factories import intake_json

ledger = open_ledger(sys.argv[1])
policy = Policy.load()
for number in range(100000):
    entry, _ = record_intake(intake_from_json(intake_json(**{"seller.name": f"n{number}"}), for_record=True),
                             policy, ledger)
    print(entry.id, flush=True)  # reported saved only after append returned
"""


def test_a_writer_killed_mid_series_loses_no_saved_entry(ledger_path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(ledger_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    reported = []
    deadline = time.monotonic() + 60
    while len(reported) < 40 and time.monotonic() < deadline:
        reported.append(int(writer.stdout.readline()))
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert len(reported) == 40
    with open_ledger(ledger_path) as ledger:
        result = ledger.verify()
        assert result.ok, result.problem
        stored = {row.id for row in ledger.entries_on(dt.date.today())}
    assert set(reported) <= stored


@given(st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1),
                          st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_sqlite_makes_the_same_canonical_text_as_the_hash_definition(values):
    """verify hashes the text SQLite's json_array() makes; it must be the bytes entry_hash covers."""
    conn = sqlite3.connect(":memory:")
    made = conn.execute(f"SELECT json_array({', '.join('?' * len(values))})", values).fetchone()[0]
    conn.close()
    assert made == canonical_text(values)


def test_the_stored_device_facts_are_the_facts_json_contract(ledger_path):
    """The append serialises facts without dataclasses.asdict; what it stores must be to_json() exactly."""
    intake = intake_from_json(intake_json(**{
        "device.managed": {"state": "on", "detail": "supervised; enrolled by Example Corp"},
        "device.bootloader": "unlocked", "device.platform": "android", "device.color": "Sierra Blue",
        "device.capacity_gb": 128, "price_yen": ...}), for_record=True)
    with open_ledger(ledger_path) as ledger:
        entry, _ = record_intake(intake, Policy.load(), ledger)
    assert json.loads(entry.device_json) == intake.device.to_json()


@pytest.mark.parametrize("column", [name for name in CHAIN_COLUMNS if name != "id"])
def test_a_changed_byte_in_any_chained_column_is_caught(ledger_path, column):
    """verify hashes the text SQLite makes of each row: one byte changed in any chained column shows."""
    filled_ledger(ledger_path, 3)
    last = f"unicode(substr({column}, -1))"
    tamper(ledger_path, f"UPDATE entries SET {column} = CASE typeof({column}) "
           f"WHEN 'text' THEN substr({column}, 1, length({column}) - 1) || char(({last} | 1) - ({last} & 1)) "
           f"WHEN 'integer' THEN {column} + 1 ELSE '0' END WHERE id = 2")
    result = verify(ledger_path)
    assert not result.ok
    assert result.bad_entry_id == 2
    assert "entry 2 was changed" in result.problem


def test_personal_rows_swapped_between_entries_are_caught(ledger_path):
    filled_ledger(ledger_path, 3)
    tamper(ledger_path, "UPDATE personal SET entry_id = 100 WHERE entry_id = 2",
           "UPDATE personal SET entry_id = 2 WHERE entry_id = 3", "UPDATE personal SET entry_id = 3 WHERE entry_id = 100")
    result = verify(ledger_path)
    assert not result.ok and result.bad_entry_id == 2
    assert "personal data of entry 2 was changed" in result.problem


def test_a_damaged_page_under_the_walk_is_reported_as_damage_not_a_traceback(ledger_path):
    """The integrity check runs beside the walk; when the damage makes the walk itself fail, the damage is said."""
    filled_ledger(ledger_path, 40)
    conn = sqlite3.connect(ledger_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [page for (page,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf'")]
    conn.close()
    data = bytearray(ledger_path.read_bytes())
    start = (pages[len(pages) // 2] - 1) * page_size
    data[start] = 0  # the page-type byte of one leaf: reading it fails
    ledger_path.write_bytes(bytes(data))
    with open_ledger(ledger_path, read_only=True) as ledger:
        with pytest.raises(LedgerError):
            list(ledger.store.chain())  # the walk alone fails on this page
        result = ledger.verify()
    assert not result.ok and "damaged" in result.problem
