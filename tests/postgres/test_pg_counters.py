"""Several counter processes at once on one shared ledger; a counter killed, the server restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest

from kiosk.ledger.location import LedgerLocation
from tests.pg_server import SUPERUSER, PostgresServer

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


class Counter:
    """A counter process; its output lines are collected by a thread as they come."""

    def __init__(self, pg: PostgresServer, store: str, name: str, count: int):
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.postgres.counter_process", pg.url(), store, name, str(count)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.saved: list[int] = []
        self.failures: list[str] = []
        self._saved_enough = threading.Event()
        self._wanted = 1
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("saved "):
                self.saved.append(int(line.split()[1]))
                if len(self.saved) >= self._wanted:
                    self._saved_enough.set()
            elif line.startswith("failed "):
                self.failures.append(line.strip())

    def wait_saved(self, count: int, timeout: float = 60) -> None:
        self._wanted = count
        if len(self.saved) < count:
            assert self._saved_enough.wait(timeout), f"{self.name} saved only {len(self.saved)}"

    def finish(self, timeout: float = 300) -> str:
        """Wait for the process to end; return what it wrote on stderr (stdout is the reader thread's)."""
        assert self.process.stderr is not None
        stderr = self.process.stderr.read()
        self.process.wait(timeout)
        self._reader.join(timeout)
        return stderr


def entries_by_counter(pg: PostgresServer, store: str) -> tuple[list[int], dict[str, set[int]]]:
    with psycopg.connect(pg.url(SUPERUSER)) as conn:
        rows = conn.execute("SELECT id, counter FROM ledger.entries WHERE store = %s ORDER BY id", [store]).fetchall()
    by_counter: dict[str, set[int]] = {}
    for entry_id, counter in rows:
        by_counter.setdefault(counter, set()).add(entry_id)
    return [entry_id for entry_id, _ in rows], by_counter


def verify(pg: PostgresServer, store: str):
    with LedgerLocation(url=pg.url(), store=store).open(read_only=True) as ledger:
        return ledger.verify()


def run_counters(pg: PostgresServer, stores: list[str], per_store: int, each: int) -> dict[str, list[Counter]]:
    counters = {store: [Counter(pg, store, f"{store}-counter-{n}", each) for n in range(1, per_store + 1)]
                for store in stores}
    for group in counters.values():
        for counter in group:
            stderr = counter.finish()
            assert counter.process.returncode == 0, stderr
    return counters


def test_four_counters_at_once_number_one_store_1_to_1000(pg):
    counters = run_counters(pg, ["A"], per_store=4, each=250)
    ids, by_counter = entries_by_counter(pg, "A")
    assert ids == list(range(1, 1001))
    for counter in counters["A"]:
        assert by_counter[counter.name] == set(counter.saved) and len(counter.saved) == 250
    result = verify(pg, "A")
    assert result.ok and result.entries == 1000


def test_four_counters_in_each_of_two_stores_keep_two_gapless_chains(pg):
    counters = run_counters(pg, ["A", "B"], per_store=4, each=250)
    for store in ("A", "B"):
        ids, by_counter = entries_by_counter(pg, store)
        assert ids == list(range(1, 1001))
        assert {counter.name: set(counter.saved) for counter in counters[store]} == by_counter
        result = verify(pg, store)
        assert result.ok and result.entries == 1000


def test_a_counter_killed_mid_append_loses_nothing_it_reported_saved(pg):
    survivors = [Counter(pg, "A", f"counter-{n}", 200) for n in (1, 2)]
    victim = Counter(pg, "A", "victim", 100_000)
    victim.wait_saved(60)
    os.kill(victim.process.pid, signal.SIGKILL)  # somewhere inside an append, most likely
    victim.finish()
    for counter in survivors:
        assert counter.finish() == "" and counter.process.returncode == 0
    ids, by_counter = entries_by_counter(pg, "A")
    assert set(victim.saved) <= by_counter["victim"]
    # At most the one entry whose commit landed as the process died was never reported.
    assert len(by_counter["victim"]) - len(victim.saved) <= 1
    assert ids == list(range(1, len(ids) + 1)) and len(ids) == 400 + len(by_counter["victim"])
    assert verify(pg, "A").ok


def test_the_server_restarted_mid_run_loses_nothing_reported_saved(pg):
    counters = [Counter(pg, "A", f"counter-{n}", 150) for n in (1, 2, 3)]
    for counter in counters:
        counter.wait_saved(20)
    pg.restart()
    for counter in counters:
        stderr = counter.finish()
        assert counter.process.returncode == 0 and "Traceback" not in stderr, stderr
    ids, by_counter = entries_by_counter(pg, "A")
    assert ids == list(range(1, 451))
    for counter in counters:
        assert by_counter[counter.name] == set(counter.saved)
    failures = [line for counter in counters for line in counter.failures]
    assert failures, "the restart should have interrupted some save"
    assert all("cannot be reached" in line or "not saved" in line for line in failures), failures
    assert verify(pg, "A").ok
