"""The shared ledger on a real PostgreSQL server: the same book as on SQLite, for several counters and stores."""

from __future__ import annotations

import datetime as dt
import json
import psycopg
import pytest
from psycopg import errors as pg_errors

from kiosk.counter import grade_intake, record_intake
from kiosk.grading import Outcome, Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import Ledger, LedgerError, PersonalData
from kiosk.ledger import pg_schema
from kiosk.ledger.entry import BookEntry
from kiosk.ledger.location import LedgerLocation
from kiosk.ledger.pg_store import PostgresStore
from tests.factories import GOOD_IMEI, OTHER_IMEI, intake_json
from tests.pg_server import APP_LOGIN, PURGE_LOGIN, SUPERUSER, PostgresServer, free_port

POLICY = Policy.load()


def open_store(pg: PostgresServer, store: str = "A", counter: str = "counter-1", user: str = APP_LOGIN,
               read_only: bool = False) -> Ledger:
    return LedgerLocation(url=pg.url(user), store=store, counter=counter).open(read_only=read_only)


def record(ledger: Ledger, **changes) -> tuple:
    return record_intake(intake_from_json(intake_json(**changes), for_record=True), POLICY, ledger)


def suspected(**changes):
    return {"staff.suspected_theft": True, "price_yen": ...,
            "police_report": {"reported_at": "2026-11-30T10:00", "station": "万世橋警察署"}, **changes}


def test_the_chain_corrections_search_and_export_work_as_on_sqlite(pg):
    with open_store(pg) as ledger:
        first, _ = record(ledger)
        second, _ = record(ledger, **{"seller.name": "鈴木 花子", "device.imei": [OTHER_IMEI],
                                          "device.hardware_serial": "X1"})
        correction, _ = record(ledger, corrects=first.id, price_yen=65000)
        assert [first.id, second.id, correction.id] == [1, 2, 3]
        assert first.counter == "counter-1"
        assert ledger.entry(1).personal.seller_name == "山田 太郎"
        assert [entry.id for entry in ledger.corrections_of(1)] == [3]
        assert [entry.id for entry in ledger.search("鈴木")] == [2]
        assert [entry.id for entry in ledger.search(GOOD_IMEI[3:9])] == [1, 3]
        today = dt.date.fromisoformat(first.business_date)
        assert [entry.id for entry in ledger.entries_on(today)] == [1, 2, 3]
        # The book (CSV, paper) reads its fields of the same entries.
        assert list(ledger.book_between(today, today)) == [
            BookEntry.of(entry) for entry in ledger.entries_between(today, today)]
        assert ledger.head().entry_hash == correction.entry_hash
        with pytest.raises(LedgerError, match="no entry 99"):
            record(ledger, corrects=99)
    with open_store(pg, read_only=True) as reader:
        result = reader.verify()
    assert (result.ok, result.entries) == (True, 3)


def test_an_entry_reads_back_as_it_was_written(pg):
    """The engines share the chain: an entry read back from the server has the hash it was written with."""
    with open_store(pg) as ledger:
        entry, _ = record(ledger)
        stored = ledger.entry(entry.id)
    assert stored == entry and stored.personal == entry.personal


def test_a_phone_held_at_one_store_is_held_at_the_other(pg):
    with open_store(pg, store="A") as store_a:
        refused, _ = record(store_a, **suspected())
    with open_store(pg, store="B", counter="b-1") as store_b:
        intake = intake_from_json(intake_json(), for_record=True)
        result = grade_intake(intake, POLICY, store_b)
        assert result.outcome is Outcome.HOLD
        reason = next(reason for reason in result.reasons if reason.rule == "history.suspicious")
        assert f"store A entry {refused.id}" in reason.en and "万世橋警察署" in reason.en
        assert "A店" in reason.ja
        # Store B's own book and its pending police reports are its own.
        assert store_b.head() is None and store_b.police_pending() == []
        # A correction at B of B's entry 1 does not hide A's entry 1 from the history.
        own, _ = record(store_b, **{"price_yen": ...})
        history = store_b.history([GOOD_IMEI], "F2LXK0ABCDEF", exclude_id=own.id)
        assert [(entry.other_store, entry.id) for entry in history] == [("A", refused.id)]


def test_purge_needs_the_purge_role_and_verify_reports_it(pg):
    old = dt.datetime(2020, 1, 10, 10, 0).astimezone()
    with open_store(pg) as ledger:
        intake = intake_from_json(intake_json(), for_record=True)
        ledger.append(intake, grade_intake(intake, POLICY, ledger, old.date()), now=old)
        record(ledger)
        with pytest.raises(LedgerError, match="nothing was erased.*refused"):
            ledger.purge(dt.date(2021, 1, 1), POLICY)
        assert ledger.entry(1).personal is not None
    with open_store(pg, user=PURGE_LOGIN, counter="office") as purger:
        purge = purger.purge(dt.date(2021, 1, 1), POLICY)
        assert purge is not None and purge.details["erased"] == [1]
    with open_store(pg, read_only=True) as reader:
        result = reader.verify()
        assert result.ok and result.erased_by_purge == {purge.id: 1}
        assert reader.entry(1).personal_erased


def test_the_app_role_may_not_update_or_delete_entries_or_personal_data(pg):
    with open_store(pg) as ledger:
        record(ledger)
    with psycopg.connect(pg.url(APP_LOGIN), autocommit=True) as conn:
        for statement in ("UPDATE ledger.entries SET price_yen = 1", "DELETE FROM ledger.entries",
                          "UPDATE ledger.personal SET data_json = '{}'", "DELETE FROM ledger.personal",
                          "TRUNCATE ledger.entries", "DELETE FROM ledger.chain_heads"):
            with pytest.raises(pg_errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(statement)
        with pytest.raises(pg_errors.InsufficientPrivilege, match="only moves forward"):
            conn.execute("UPDATE ledger.chain_heads SET last_entry_id = 0 WHERE store = 'A'")
    # Even the owner cannot change an entry: the triggers hold for every role.
    with psycopg.connect(pg.url(SUPERUSER), autocommit=True) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege, match="append-only"):
            conn.execute("UPDATE ledger.entries SET price_yen = 1")
    with open_store(pg, read_only=True) as reader:
        assert reader.verify().ok


def test_verify_runs_read_only_and_finds_an_entry_changed_behind_its_back(pg):
    with open_store(pg) as ledger:
        record(ledger)
        record(ledger)
    reader = PostgresStore(pg.url(), store="A", read_only=True)
    with pytest.raises(pg_errors.ReadOnlySqlTransaction):
        reader._connection().execute("INSERT INTO ledger.chain_heads VALUES ('Z', 0, 'x')")
    reader.close()
    with psycopg.connect(pg.url(SUPERUSER), autocommit=True) as conn, conn.transaction():
        conn.execute("SET session_replication_role = replica")  # a superuser disabling the triggers
        conn.execute("UPDATE ledger.entries SET price_yen = 1 WHERE store = 'A' AND id = 1")
    with open_store(pg, read_only=True) as checker:
        result = checker.verify()
    assert not result.ok and result.bad_entry_id == 1 and "changed" in result.problem


def test_an_unknown_store_and_an_unreachable_server_are_plain_messages(pg):
    with pytest.raises(LedgerError, match="no store 'Q'.*--add-store Q"):
        open_store(pg, store="Q")
    nobody_listens = f"postgresql://{APP_LOGIN}@127.0.0.1:{free_port()}/kiosk"
    with pytest.raises(LedgerError, match="cannot be reached.*Nothing was recorded.*paper"):
        LedgerLocation(url=nobody_listens, store="A").open()


def test_the_ledger_is_chosen_by_url_and_needs_a_store(tmp_path, monkeypatch):
    with pytest.raises(LedgerError, match="--store"):
        LedgerLocation.choose(tmp_path, "postgresql://u@h/db")
    with pytest.raises(LedgerError, match="'mysql' is not a ledger engine"):
        LedgerLocation.choose(tmp_path, "mysql://u@h/db", "A")
    assert LedgerLocation.choose(tmp_path) == LedgerLocation(path=tmp_path / "ledger.sqlite3")
    monkeypatch.setenv("KIOSK_LEDGER_URL", "postgresql://u@h/db")
    monkeypatch.setenv("KIOSK_STORE", "A")
    assert LedgerLocation.choose(tmp_path).describe() == "u@h/db, store A"
    with pytest.raises(LedgerError, match="--ledger: not a PostgreSQL URL.*nosuchoption"):
        LedgerLocation.choose(tmp_path, "postgresql://u@h/db?nosuchoption=1", "A")


def test_a_newer_server_schema_is_refused(pg):
    with psycopg.connect(pg.url(SUPERUSER), autocommit=True) as conn:
        conn.execute("UPDATE ledger.schema_version SET version = 99")
        try:
            with pytest.raises(LedgerError, match="newer than this app"):
                open_store(pg)
        finally:
            conn.execute("UPDATE ledger.schema_version SET version = %s", [pg_schema.SCHEMA_VERSION])


def test_personal_data_sits_apart_with_its_salt(pg):
    with open_store(pg) as ledger:
        entry, _ = record(ledger)
    with psycopg.connect(pg.url(SUPERUSER)) as conn:
        salt, data_json = conn.execute("SELECT salt, data_json FROM ledger.personal").fetchone()
    assert PersonalData.from_json(data_json).seller_name == "山田 太郎" and len(salt) >= 16
    assert entry.personal_commitment is not None


def test_a_store_held_too_long_by_another_counter_records_nothing_and_says_so(pg):
    with open_store(pg) as ledger:
        record(ledger)
    slow = PostgresStore(pg.url(), store="A", counter="counter-2", lock_timeout=0.3)
    with psycopg.connect(pg.url(), autocommit=True) as other, other.transaction():
        other.execute("SELECT 1 FROM ledger.chain_heads WHERE store = 'A' FOR NO KEY UPDATE")
        with pytest.raises(LedgerError, match="held the book too long; nothing was recorded"):
            record(Ledger(slow))
        # Another store is not held up.
        with open_store(pg, store="B") as store_b:
            assert record(store_b)[0].id == 1
    assert record(Ledger(slow))[0].id == 2
    slow.close()


def test_a_signature_is_personal_data_on_the_server_too(pg, tmp_path):
    """Stored in the personal row's JSON as on SQLite, outside the chain, erased by purge with the statements."""
    from kiosk.paths import statement_path
    from kiosk.signature import Signature
    from kiosk.statement import delete_statements
    from tests.factories import SIGNATURE

    old = dt.datetime(2020, 1, 10, 10, 0).astimezone()
    with open_store(pg) as ledger:
        signed = intake_from_json(intake_json(signature=SIGNATURE), for_record=True)
        entry = ledger.append(signed, grade_intake(signed, POLICY, ledger, old.date()), now=old)
        unsigned, _ = record(ledger)
        assert Signature.from_json(ledger.entry(entry.id).personal.signature) == Signature.from_data(SIGNATURE)
        assert ledger.entry(unsigned.id).personal.signature is None
    with psycopg.connect(pg.url(SUPERUSER)) as conn:
        stored = dict(conn.execute("SELECT entry_id, data_json FROM ledger.personal WHERE store = 'A'").fetchall())
        chained = conn.execute("SELECT e::text FROM ledger.entries e WHERE store = 'A'").fetchall()
    assert stored[entry.id] == entry.personal.canonical_json() and '\\"strokes\\"' in stored[entry.id]
    assert len(json.loads(stored[unsigned.id])) == 11  # the form of an entry without a signature is unchanged
    assert not any("strokes" in row[0] for row in chained)
    statement_path(tmp_path, entry.id).parent.mkdir()
    statement_path(tmp_path, entry.id).write_bytes(b"%PDF")
    with open_store(pg, user=PURGE_LOGIN, counter="office") as purger:
        purge = purger.purge(dt.date(2021, 1, 1), POLICY, erase_copies=lambda ids: delete_statements(tmp_path, ids))
        assert purge is not None and purge.details["erased"] == [entry.id]
    assert not statement_path(tmp_path, entry.id).exists()
    with open_store(pg, read_only=True) as reader:
        assert reader.entry(entry.id).personal_erased and reader.verify().ok
