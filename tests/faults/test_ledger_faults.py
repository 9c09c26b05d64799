"""The ledger under faults: a full disk, a kill mid-write, a lock held elsewhere, a second writer.

In every case the user gets a message that says what happened and what to do,
every entry reported saved is still there, and the hash chain verifies.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import Ledger, LedgerBusy, LedgerEntry, LedgerError, open_ledger
from tests.factories import intake_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ledger_path(tmp_path):
    return tmp_path / "ledger.sqlite3"


def record(ledger: Ledger, seller: str) -> LedgerEntry:
    intake = intake_from_json(intake_json(**{"seller.name": seller}), for_record=True)
    entry, _ = record_intake(intake, Policy.load(), ledger)
    return entry


def sellers_in(path: Path) -> list[str]:
    """The sellers of every entry, in order, after checking the chain."""
    with open_ledger(path) as ledger:
        result = ledger.verify()
        assert result.ok, result.problem
        return [row.personal.data.seller_name for row in ledger.store.chain() if row.personal]


@contextlib.contextmanager
def file_size_limit(limit: int):
    """No file may grow past ``limit`` bytes (as a full disk would refuse); restored afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def ledger_file_sizes(path: Path) -> int:
    return max(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{path}{suffix}").exists())


def writer(path: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.ledger_writer", str(path), mode],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )


def wait_ready(process: subprocess.Popen) -> None:
    assert process.stdout.readline().strip() == "ready"


# --- a full disk ----------------------------------------------------------------------------------


def test_a_full_disk_refuses_the_entry_clearly_and_keeps_the_rest(ledger_path):
    with open_ledger(ledger_path) as ledger:
        for number in range(3):
            record(ledger, f"売主 {number}")
        with file_size_limit(ledger_file_sizes(ledger_path)):
            with pytest.raises(LedgerError, match=r"^the entry was not saved: the disk could not be written") as raised:
                record(ledger, "not saved")
        assert "free some space" in str(raised.value)
        assert not ledger.store.conn.in_transaction  # nothing half-written stays pending
        # Space is back: the next entry follows the last saved one.
        assert record(ledger, "売主 3").id == 4
    assert sellers_in(ledger_path) == ["売主 0", "売主 1", "売主 2", "売主 3"]


@pytest.fixture
def small_filesystem(tmp_path):
    """A 1 MiB tmpfs (needs root; elsewhere the file-size limit above stands in for it)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                                 capture_output=True)
    except OSError:
        mounted = None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill_up(directory: Path) -> int:
    """Write a filler file until the filesystem is full; return its open descriptor."""
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT)
    block = b"\0" * 4096
    with contextlib.suppress(OSError):
        while True:
            os.write(fd, block)
    return fd


def test_a_really_full_filesystem_says_the_disk_is_full(small_filesystem):
    ledger_path = small_filesystem / "ledger.sqlite3"
    with open_ledger(ledger_path) as ledger:
        record(ledger, "売主 0")
        filler = fill_up(small_filesystem)
        with pytest.raises(LedgerError, match=r"^the entry was not saved: the disk is full; free some space") as raised:
            record(ledger, "not saved")
        assert raised.value.ja.startswith("ディスクがいっぱいです。空きを作ってから")
        os.close(filler)
        (small_filesystem / "filler").unlink()
        assert record(ledger, "売主 1").id == 2
    assert sellers_in(ledger_path) == ["売主 0", "売主 1"]


def test_kiosk_record_on_a_full_disk_fails_with_a_message_not_a_traceback(tmp_path):
    def full_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "record", "--data-dir", str(tmp_path / "data")],
        input=json.dumps(intake_json()), capture_output=True, text=True, cwd=ROOT, preexec_fn=full_disk, timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("kiosk record: ")
    assert "ledger.sqlite3: the ledger could not be created: the disk could not be written" in done.stderr


# --- killed mid-write -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_writer_killed_at_random_points_never_loses_a_saved_entry(ledger_path):
    """Twenty writers in turn, each killed with SIGKILL at a random moment of its series."""
    chance = random.Random(8)
    reported: list[int] = []
    for round_number in range(20):
        process = writer(ledger_path, "series")
        wait_ready(process)
        time.sleep(chance.uniform(0.0, 0.15))
        os.kill(process.pid, signal.SIGKILL)
        saved_now = [int(line) for line in process.stdout.read().split()]
        process.wait()
        process.stdout.close()
        process.stdin.close()
        reported += saved_now
        with open_ledger(ledger_path) as ledger:
            result = ledger.verify()
            assert result.ok, f"round {round_number}: {result.problem}"
            stored = {row.entry_id for row in ledger.store.chain()}
        assert set(reported) <= stored, f"round {round_number}: saved entries lost"
    # Each round wrote something, so the kills did land mid-series.
    assert len(reported) >= 20


# --- another program holds the lock ---------------------------------------------------------------


def test_a_database_locked_by_another_program_waits_then_fails_clearly(ledger_path):
    with open_ledger(ledger_path, lock_timeout=0.5) as ledger:
        record(ledger, "売主 0")
        locker = subprocess.Popen(
            [sys.executable, "-c",
             "import sqlite3, sys\n"
             "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
             "conn.execute('BEGIN EXCLUSIVE')\n"
             "print('locked', flush=True)\n"
             "sys.stdin.read()\n",
             str(ledger_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        try:
            assert locker.stdout.readline().strip() == "locked"
            started = time.monotonic()
            with pytest.raises(LedgerError, match=r"^the entry was not saved: another program holds the ledger"):
                record(ledger, "not saved")
            waited = time.monotonic() - started
            assert 0.5 <= waited < 3.0
            assert not ledger.store.conn.in_transaction
        finally:
            locker.stdin.close()  # the other program ends, and its transaction with it
            locker.wait(timeout=10)
        assert record(ledger, "売主 1").id == 2
    assert sellers_in(ledger_path) == ["売主 0", "売主 1"]


def test_a_second_writer_process_is_refused_clearly(ledger_path):
    first = writer(ledger_path, "hold")
    try:
        wait_ready(first)
        with open_ledger(ledger_path, lock_timeout=0.3) as second:
            with pytest.raises(LedgerBusy, match="another program is writing the ledger .*; close it and try again"):
                record(second, "not saved")
            assert second.verify().ok  # reading goes on meanwhile
    finally:
        first.stdin.close()
        first.wait(timeout=10)
    assert sellers_in(ledger_path) == []


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` holds ``path`` open (Linux: its /proc fd table)."""
    try:
        return any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the process open the ledger")
def test_kiosk_record_takes_over_once_the_other_writer_closes(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    ledger_path = data_dir / "ledger.sqlite3"
    first = writer(ledger_path, "hold")
    wait_ready(first)
    waiting = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "record", "--data-dir", str(data_dir)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    waiting.stdin.write(json.dumps(intake_json()))
    waiting.stdin.close()
    # Once it has the ledger open, all that is left is the write, and the other writer holds the lock.
    deadline = time.monotonic() + 30
    while not has_open(waiting.pid, ledger_path.resolve()):
        assert waiting.poll() is None, waiting.stderr.read()
        assert time.monotonic() < deadline, "kiosk record never opened the ledger"
        time.sleep(0.01)
    assert waiting.poll() is None  # waiting for the writer lock
    first.stdin.close()
    first.wait(timeout=10)
    assert waiting.wait(timeout=15) == 0, waiting.stderr.read()
    assert json.loads(waiting.stdout.read())["id"] == 1
    waiting.stdout.close()
    waiting.stderr.close()
    assert sellers_in(ledger_path) == ["山田 太郎"]
