"""Ledger benchmark: durable appends, a day's export and verify, on a million-entry ledger.

Prints ratios against floors measured in the same run (this machine is noisy):
  append ratio  = one durable append (entry + personal row + chain head, one commit, synchronous=FULL)
                  / one bare fsync'd INSERT of the same entry row into a plain WAL table   (goal <= 1.5)
  export ratio  = one day's export as `kiosk export` makes it (the day's entries' book columns with their
                  personal data, the 訂正済 corrections, CSV bytes written and fsync'd) / a bare SELECT of
                  every column of the same rows and their personal rows                      (goal <= 2);
                  printed again against a bare SELECT of only the columns the export reads
  verify        = the time to verify every entry, commitments and SQLite's integrity check included
                                                                                             (goal <= 10 s)

Appends and exports are timed in pairs with their floor, alternating which goes first, so that a burst
of load or a slow fsync hits both sides alike; the ratio printed is the median of the per-pair ratios
(the ratio of the two medians beside it). Verify is printed in wall and CPU time (all threads) with the
load average, since on a shared machine the wall time also counts waiting for a core.

The appends go to a small ledger of their own, so that a ledger kept with --keep stays as it was built.

    python bench/ledger.py [--entries 1000000] [--per-day 1000] [--appends 1000] [--exports 41] [--runs 1]
                           [--keep LEDGER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stdnum import luhn  # noqa: E402

from kiosk.export import export_day  # noqa: E402
from kiosk.grading import Policy, grade  # noqa: E402
from kiosk.intake import intake_from_json  # noqa: E402
from kiosk.ledger import Ledger, open_ledger  # noqa: E402
from kiosk.ledger.entry import BOOK_COLUMNS, CHAIN_COLUMNS, GENESIS_HASH, PersonalRow, sealed_entry  # noqa: E402
from kiosk.ledger.records import intake_values, personal_data  # noqa: E402
from kiosk.ledger.sqlite_store import SqliteStore  # noqa: E402
from kiosk.ledger.storage import ChainHead  # noqa: E402
from tests.factories import intake_json  # noqa: E402


def build(path: Path, entries: int, per_day: int) -> None:
    """Fill a ledger fast: one intake's values per day made by the real code, then per entry a distinct
    valid IMEI, a fresh salt, the real commitment and hash, all in one transaction."""
    intake = intake_from_json(intake_json(), for_record=True)
    result = grade(intake, Policy.load(), [], dt.date.today())
    personal = personal_data(intake)
    assert personal is not None
    start = dt.datetime(2020, 1, 1, 10, 0).astimezone()
    store = SqliteStore(path)
    try:
        statements = store.statements()
        store.claim_writer()
        store.conn.execute("BEGIN")
        previous = GENESIS_HASH
        for number in range(1, entries + 1):
            if (number - 1) % per_day == 0:
                day_values = intake_values(intake, result, start + dt.timedelta(days=(number - 1) // per_day),
                                           store.counter)
            body = f"35209900{number:06d}"
            row = PersonalRow.sealed(number, personal)
            entry = sealed_entry({**day_values, "id": number, "prev_hash": previous,
                                  "imei1": body + luhn.calc_check_digit(body),
                                  "personal_commitment": row.commitment})
            statements.insert(entry, row)
            previous = entry.entry_hash
        statements.set_head(ChainHead(entries, previous))
        store.conn.execute("COMMIT")
    finally:
        store.close()


def paired(runs: int, floor: Callable[[], object], action: Callable[[], object]) -> tuple[float, float, float]:
    """Median floor time, median action time and median per-pair ratio, the two interleaved."""
    floors, actions = [], []
    for run in range(runs):
        if run % 2:
            actions.append(timed(action))
            floors.append(timed(floor))
        else:
            floors.append(timed(floor))
            actions.append(timed(action))
    ratios = [action_time / floor_time for action_time, floor_time in zip(actions, floors)]
    return statistics.median(floors), statistics.median(actions), statistics.median(ratios)


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


class FloorTable:
    """A bare fsync'd INSERT of the same entry row: a plain WAL table of the same columns, autocommit."""

    def __init__(self, folder: Path, values: tuple[object, ...]):
        self.conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute(f"CREATE TABLE t ({', '.join(CHAIN_COLUMNS[1:])}, id INTEGER PRIMARY KEY)")
        self.sql = f"INSERT INTO t ({', '.join(CHAIN_COLUMNS[1:])}) VALUES ({', '.join('?' * (len(CHAIN_COLUMNS) - 1))})"
        self.values = values[1:]

    def insert(self) -> None:
        self.conn.execute(self.sql, self.values)


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--appends", type=int, default=1000)
    parser.add_argument("--exports", type=int, default=41)
    parser.add_argument("--runs", type=int, default=1,
                        help="repeat the whole measurement and print the median of each figure (this machine's speed "
                             "drifts from minute to minute)")
    parser.add_argument("--skip", choices=("verify", "export", "append"), action="append", default=[],
                        help="leave out a part (while working on another)")
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent,
                        help="where the scratch ledger goes: a real disk, since fsync is what is measured")
    parser.add_argument("--keep", type=Path, metavar="LEDGER",
                        help="build the big ledger here once and reuse it in later runs (a copy is appended to)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="ledger-bench-") as scratch:
        folder = Path(scratch)
        path = args.keep or folder / "ledger.sqlite3"
        if not path.exists():
            began = time.perf_counter()
            build(path, args.entries, args.per_day)
            print(f"built {args.entries:,} entries in {time.perf_counter() - began:.1f} s")
        start = dt.date(2020, 1, 1)
        day = start + dt.timedelta(days=(args.entries // args.per_day) // 2)

        figures: dict[str, list[float]] = {"verify (s)": [], "export ratio": [], "append ratio": []}
        for run in range(args.runs):
            if args.runs > 1:
                print(f"-- run {run + 1} of {args.runs}")
            with open_ledger(path, read_only=True) as ledger:
                if "verify" not in args.skip:
                    figures["verify (s)"].append(verify(ledger))
                if "export" not in args.skip:
                    figures["export ratio"].append(export(ledger, day, folder / "day.csv", args))
            if "append" not in args.skip:
                figures["append ratio"].append(append(folder / f"append-{run}", args))
        if args.runs > 1:
            print("median of the runs: " + ", ".join(f"{name} {statistics.median(values):.2f}"
                                                      for name, values in figures.items() if values))


def verify(ledger: Ledger) -> float:
    print(f"before verify: {load()}")
    # CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
    began, began_cpu = time.perf_counter(), time.process_time()
    damage = ledger.store.damage()
    checked, checked_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    began, began_cpu = time.perf_counter(), time.process_time()
    result = ledger.verify()  # the integrity check again (in a thread, beside the walk), then the chain
    took, took_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    assert result.ok and not damage, result.problem
    print(f"verify {result.entries:,} entries: {took:.1f} s ({took_cpu:.1f} s CPU), {load()} (goal: <= 10 s); "
          f"SQLite's integrity and schema check alone {checked:.1f} s ({checked_cpu:.1f} s CPU)")
    return took


def export(ledger: Ledger, day: dt.date, out: Path, args: argparse.Namespace) -> float:
    conn = ledger.store.conn  # type: ignore[attr-defined]
    # Every column of the day's entries and their personal data: the floor of the goal.
    select = ("SELECT e.*, p.salt, p.data_json FROM entries e LEFT JOIN personal p ON p.entry_id = e.id "
              "WHERE e.business_date = ? ORDER BY e.id")
    # Only the columns the book shows, which is what the export reads: the same ratio without that saving.
    book = (f"SELECT {', '.join(f'e.{name}' for name in BOOK_COLUMNS)}, p.data_json FROM entries e "
            "LEFT JOIN personal p ON p.entry_id = e.id WHERE e.business_date = ? ORDER BY e.id")

    def export_one_day() -> None:  # as `kiosk export --date DAY --out FILE` does
        export_day(ledger.book_between(day, day), out, corrections=ledger.corrections_between(day, day))

    bare, exported, ratio = paired(args.exports, lambda: conn.execute(select, [day.isoformat()]).fetchall(),
                                   export_one_day)
    print(f"one day ({args.per_day} entries) of {args.entries:,}: bare SELECT median {bare * 1000:.1f} ms, "
          f"export {exported * 1000:.1f} ms, ratio {ratio:.2f} (of the medians {exported / bare:.2f}), "
          f"{load()} (goal: <= 2)")
    narrow, exported_again, narrow_ratio = paired(
        args.exports, lambda: conn.execute(book, [day.isoformat()]).fetchall(), export_one_day)
    print(f"  against a bare SELECT of the book's columns only: {narrow * 1000:.1f} ms, export "
          f"{exported_again * 1000:.1f} ms, ratio {narrow_ratio:.2f} (of the medians {exported_again / narrow:.2f})")
    return ratio


def append(folder: Path, args: argparse.Namespace) -> float:
    intake = intake_from_json(intake_json(), for_record=True)
    graded = grade(intake, Policy.load(), [], dt.date.today())
    folder.mkdir()
    appended = folder / "appended.sqlite3"
    build(appended, 1000, args.per_day)
    with open_ledger(appended) as ledger:
        ledger.claim_writer()
        floor_table = FloorTable(folder, ledger.append(intake, graded).chain_values())
        floor, appending, ratio = paired(args.appends, floor_table.insert, lambda: ledger.append(intake, graded))
    print(f"durable append (entry + personal row): median {appending * 1000:.2f} ms ({1 / appending:.0f} entries/s), "
          f"bare fsync'd INSERT {floor * 1000:.2f} ms, ratio {ratio:.2f} (of the medians {appending / floor:.2f}), "
          f"{load()} (goal: <= 1.5)")
    return ratio


if __name__ == "__main__":
    main()
