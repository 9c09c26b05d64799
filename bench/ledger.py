"""Ledger benchmark: a day's export from a million-entry ledger, and durable appends.

Prints ratios against floors measured in the same run (this machine is noisy):
  export ratio  = export of one day (rows -> CSV bytes) / a bare SELECT of the same rows
  append ratio  = one durable append / one bare fsync'd INSERT into a plain WAL table

    python bench/ledger.py [--entries 1000000] [--per-day 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.counter import record_intake  # noqa: E402
from kiosk.export import export_day  # noqa: E402
from kiosk.grading import Policy, grade  # noqa: E402
from kiosk.intake import intake_from_json  # noqa: E402
from kiosk.ledger import Ledger, entry_hash, _row_for  # noqa: E402
from tests.factories import intake_json  # noqa: E402
from stdnum import luhn  # noqa: E402


def build(path: Path, entries: int, per_day: int) -> dt.date:
    """Fill a ledger fast: one row per day made by the real code, copied with a
    distinct valid IMEI per entry and chained, all in one transaction."""
    intake = intake_from_json(intake_json(), for_record=True)
    result = grade(intake, Policy.load(), None, dt.date.today())
    start = dt.datetime(2020, 1, 1, 10, 0).astimezone()
    with Ledger(path) as ledger:
        ledger.claim_writer()
        conn = ledger.db.conn
        conn.execute("BEGIN")
        previous = "0" * 64
        columns = None
        for number in range(1, entries + 1):
            if (number - 1) % per_day == 0:
                day_row = _row_for(intake, result, start + dt.timedelta(days=(number - 1) // per_day))
            body = f"35209900{number:06d}"
            row = dict(day_row, id=number, prev_hash=previous, imei1=body + luhn.calc_check_digit(body))
            row["entry_hash"] = previous = entry_hash(row)
            if columns is None:
                columns = list(row)
                sql = f"INSERT INTO entries ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            conn.execute(sql, [row[name] for name in columns])
        conn.execute("UPDATE chain_head SET last_entry_id = ?, last_hash = ?", [entries, previous])
        conn.execute("COMMIT")
    return (start + dt.timedelta(days=(entries // per_day) // 2)).date()


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--appends", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=Path(__file__).parent,
                        help="where the scratch ledger goes: a real disk, since fsync is what is measured")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="ledger-bench-") as folder:
        path = Path(folder) / "ledger.sqlite3"
        began = time.perf_counter()
        day = build(path, args.entries, args.per_day)
        print(f"built {args.entries:,} entries in {time.perf_counter() - began:.1f} s")

        with Ledger(path) as ledger:
            out = Path(folder) / "day.csv"
            bare = best_of(7, lambda: ledger.db.execute(
                "SELECT * FROM entries WHERE business_date = ? ORDER BY id", [day.isoformat()]).fetchall())
            export = best_of(7, lambda: export_day(ledger.entries_on(day), out))
            print(f"one day ({args.per_day} entries): bare SELECT {bare * 1000:.1f} ms, "
                  f"export {export * 1000:.1f} ms, ratio {export / bare:.2f} (budget: 100 ms)")

            intake = intake_from_json(intake_json(), for_record=True)
            policy = Policy.load()
            append_times = []
            for _ in range(args.appends):
                began = time.perf_counter()
                record_intake(intake, policy, ledger)
                append_times.append(time.perf_counter() - began)

        floor_conn = sqlite3.connect(Path(folder) / "floor.sqlite3", isolation_level=None)
        floor_conn.execute("PRAGMA journal_mode=WAL")
        floor_conn.execute("PRAGMA synchronous=FULL")
        floor_conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)")
        floor_times = []
        for _ in range(args.appends):
            began = time.perf_counter()
            floor_conn.execute("INSERT INTO t (payload) VALUES (?)", ["x" * 2000])
            floor_times.append(time.perf_counter() - began)
        append, floor = statistics.median(append_times), statistics.median(floor_times)
        print(f"durable append: median {append * 1000:.2f} ms ({1 / append:.0f} entries/s), "
              f"bare fsync'd INSERT {floor * 1000:.2f} ms, ratio {append / floor:.2f}")


if __name__ == "__main__":
    main()
