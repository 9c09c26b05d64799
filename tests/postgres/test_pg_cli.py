"""The kiosk command on a shared ledger: migrate, record, verify --against, and the copy from a ledger file."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import psycopg

from kiosk.counter import grade_intake, record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import open_ledger
from kiosk.ledger.location import LedgerLocation
from tests.factories import OTHER_IMEI, intake_json
from tests.pg_server import SUPERUSER, PostgresServer, free_port

ROOT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "intake_kiosk", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def shared(pg: PostgresServer, store: str = "A") -> list[str]:
    return ["--ledger", pg.url(), "--store", store, "--counter", "front"]


def test_migrate_adds_a_store_and_runs_again_harmlessly(pg):
    first = kiosk("ledger", "migrate", "--ledger", pg.url(SUPERUSER), "--add-store", "C")
    assert first.returncode == 0, first.stderr
    assert "store 'C' added" in first.stderr
    again = kiosk("ledger", "migrate", "--ledger", pg.url(SUPERUSER), "--add-store", "C")
    assert again.returncode == 0 and "store 'C' already there" in again.stderr
    assert "schema 0 -> 1" not in again.stderr
    # A counter's login cannot set up the schema.
    refused = kiosk("ledger", "migrate", "--ledger", pg.url(), "--add-store", "D")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_record_verify_and_export_through_the_url(pg, tmp_path):
    done = kiosk("record", *shared(pg), stdin=json.dumps(intake_json()))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == 1
    checked = kiosk("ledger", "verify", *shared(pg))
    assert checked.returncode == 0 and "ledger intact: 1 entries" in checked.stdout
    out = tmp_path / "day.csv"
    exported = kiosk("export", *shared(pg), "--date", dt.date.today().isoformat(), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "山田 太郎" in out.read_text(encoding="utf-8-sig")


def test_an_unreachable_server_records_nothing_and_says_so(pg):
    url = f"postgresql://someone@127.0.0.1:{free_port()}/kiosk"
    done = kiosk("record", "--ledger", url, "--store", "A", stdin=json.dumps(intake_json()))
    assert done.returncode == 1 and done.stdout == ""
    assert "cannot be reached" in done.stderr and "Nothing was recorded" in done.stderr
    assert "Traceback" not in done.stderr


def test_verify_against_a_restored_backup_catches_a_rewritten_store(pg):
    for _ in range(2):
        assert kiosk("record", *shared(pg), stdin=json.dumps(intake_json())).returncode == 0
    # The backup: pg_dump of the live database restored into a scratch one (here: a copy made the same way).
    with psycopg.connect(pg.url(SUPERUSER, "postgres"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS kiosk_backup")
        conn.execute("CREATE DATABASE kiosk_backup TEMPLATE kiosk")
    backup = pg.url(database="kiosk_backup")
    ok = kiosk("ledger", "verify", *shared(pg), "--against", backup)
    assert ok.returncode == 0, ok.stderr
    assert "holds entry 2 as sealed" in ok.stdout
    # The live store rewritten from scratch (same count, other content): the backup's head is not in it.
    pg.reset()
    for _ in range(2):
        assert kiosk("record", *shared(pg), stdin=json.dumps(intake_json(**{"seller.name": "別人"}))).returncode == 0
    caught = kiosk("ledger", "verify", *shared(pg), "--against", backup)
    assert caught.returncode == 1 and "not the one sealed" in caught.stderr


def test_copy_moves_a_ledger_file_with_its_personal_data_once(pg, isolated_data_dir):
    policy = Policy.load()
    isolated_data_dir.mkdir()
    with open_ledger(isolated_data_dir / "ledger.sqlite3") as ledger:
        ledger.claim_writer()
        old = dt.datetime(2020, 2, 3, 11, 0).astimezone()
        intake = intake_from_json(intake_json(), for_record=True)
        ledger.append(intake, grade_intake(intake, policy, ledger, old.date()), now=old)
        for changes in ({"seller.name": "鈴木 花子", "device.imei": [OTHER_IMEI]}, {"corrects": 1}):
            record_intake(intake_from_json(intake_json(**changes), for_record=True), policy, ledger)
        purge = ledger.purge(dt.date(2021, 1, 1), policy)
        assert purge is not None
        file_head = ledger.head()

    copied = kiosk("ledger", "copy", "--to", shared(pg)[1], "--store", "B")
    assert copied.returncode == 0, copied.stderr
    assert "4 entries copied" in copied.stdout and f"4:{file_head.entry_hash}" in copied.stdout

    with LedgerLocation(url=pg.url(), store="B").open(read_only=True) as server:
        result = server.verify()
        assert result.ok and result.entries == 4 and result.erased_by_purge == {4: 1}
        assert server.head() == file_head
        assert server.entry(2).personal.seller_name == "鈴木 花子"
        assert server.entry(1).personal_erased
        assert [entry.id for entry in server.corrections_of(1)] == [3]
    # The file still verifies against the server's copy, and the copy cannot run twice.
    against = kiosk("ledger", "verify", "--against", shared(pg)[1], "--store", "B")
    assert against.returncode == 0, against.stderr
    twice = kiosk("ledger", "copy", "--to", shared(pg)[1], "--store", "B")
    assert twice.returncode == 1 and "already holds 4 entries" in twice.stderr
    with psycopg.connect(pg.url(SUPERUSER)) as conn:
        assert conn.execute("SELECT count(*) FROM ledger.entries WHERE store = 'B'").fetchone()[0] == 4


def test_a_bad_ledger_url_or_a_missing_store_is_bad_input_naming_the_option():
    for options, named in ((["--ledger", "postgresql://u@h/db?nosuchoption=1", "--store", "A"], "--ledger"),
                           (["--ledger", "mysql://u@h/db", "--store", "A"], "--ledger"),
                           (["--ledger", "postgresql://u@h/db"], "--store")):
        done = kiosk("ledger", "verify", *options)
        assert done.returncode == 2 and done.stderr.startswith(f"kiosk ledger: {named}:"), done.stderr
        window = kiosk(*options)  # the counter window does not open, and says why
        assert window.returncode == 2 and window.stderr.startswith(f"kiosk: {named}:"), window.stderr
