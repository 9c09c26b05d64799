"""Shared-ledger benchmark on a PostgreSQL server of its own (Debian's postgresql, initdb/pg_ctl).

Prints, each against a floor measured in the same run (this machine is noisy):
  appends/s     1 counter process, then 4 at once, into one store; ratio 4/1 (goal >= 2.5)
                (each append is what Confirm does: grade with the phone's history, then the durable append)
  p99 append    over every append of both runs (goal <= 20 ms on loopback)
  a day's export  from a store of --entries entries, as CSV, against a bare SELECT of the same rows
                (goal <= 100 ms)
Also, for scale: appends/s with 4 counters in 4 different stores (no shared chain head).

    python bench/ledger_pg.py [--entries 1000000] [--per-day 1000] [--appends 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from stdnum import luhn  # noqa: E402

from kiosk.counter import record_intake  # noqa: E402
from kiosk.export import export_day  # noqa: E402
from kiosk.grading import Policy, grade  # noqa: E402
from kiosk.intake import intake_from_json  # noqa: E402
from kiosk.ledger.entry import CHAIN_COLUMNS, GENESIS_HASH, PersonalRow, sealed_entry  # noqa: E402
from kiosk.ledger.location import LedgerLocation  # noqa: E402
from kiosk.ledger.pg_schema import migrate  # noqa: E402
from kiosk.ledger.records import intake_values, personal_data  # noqa: E402
from tests.factories import intake_json  # noqa: E402
from tests.pg_server import SUPERUSER, PostgresServer, server_binaries  # noqa: E402

BIG_STORE = "big"


def load(server: PostgresServer, entries: int, per_day: int) -> dt.date:
    """Fill one store fast: entries made by the real code (a distinct valid IMEI each, one day per
    ``per_day``), chained, with their personal rows, sent with COPY in one transaction."""
    intake = intake_from_json(intake_json(), for_record=True)
    result = grade(intake, Policy.load(), [], dt.date.today())
    personal = personal_data(intake)
    assert personal is not None
    start = dt.datetime(2020, 1, 1, 10, 0).astimezone()
    previous = GENESIS_HASH
    # One seller for every entry: one salt and one commitment, so that the load costs little per entry.
    personal_row = PersonalRow.sealed(0, personal)
    with psycopg.connect(server.url(SUPERUSER)) as conn:
        entry_copy = f"COPY ledger.entries (store, {', '.join(CHAIN_COLUMNS)}) FROM STDIN"
        with conn.cursor() as cursor:
            with cursor.copy(entry_copy) as entry_rows:
                for number in range(1, entries + 1):
                    if (number - 1) % per_day == 0:
                        day_values = intake_values(intake, result, start + dt.timedelta(days=(number - 1) // per_day),
                                                   "counter-1")
                    body = f"35209900{number:06d}"
                    entry = sealed_entry({**day_values, "id": number, "prev_hash": previous,
                                          "imei1": body + luhn.calc_check_digit(body),
                                          "personal_commitment": personal_row.commitment})
                    entry_rows.write_row([BIG_STORE, *entry.chain_values()])
                    previous = entry.entry_hash
            with cursor.copy("COPY ledger.personal (store, entry_id, salt, data_json) FROM STDIN") as personal_rows:
                for number in range(1, entries + 1):
                    personal_rows.write_row([BIG_STORE, number, personal_row.salt, personal_row.data_json])
            cursor.execute("UPDATE ledger.chain_heads SET last_entry_id = %s, last_hash = %s WHERE store = %s",
                           [entries, previous, BIG_STORE])
        conn.execute("ANALYZE ledger.entries")
        conn.execute("ANALYZE ledger.personal")
    return (start + dt.timedelta(days=(entries // per_day) // 2)).date()


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return min(times)


def counter_process(url: str, store: str, name: str, appends: int, start, results) -> None:
    """One counter: open the ledger, wait for the start, then Confirm ``appends`` phones."""
    ledger = LedgerLocation(url=url, store=store, counter=name).open()
    policy = Policy.load()
    intakes = [intake_from_json(intake_json(**{"device.hardware_serial": f"{name}-{n}", "device.imei": [],
                                               "price_yen": ...}), for_record=True) for n in range(appends)]
    start.wait()
    latencies = []
    cpu_began = time.process_time()
    for intake in intakes:
        began = time.perf_counter()
        record_intake(intake, policy, ledger)
        latencies.append(time.perf_counter() - began)
    ledger.close()
    results.put((latencies, time.process_time() - cpu_began))


def run_counters(url: str, stores: list[str], appends: int) -> tuple[float, list[float], float]:
    """Counters (one per entry of ``stores``) appending at once: total appends/s, every latency, and the
    counters' own CPU time per append."""
    start, results = multiprocessing.Event(), multiprocessing.Queue()
    processes = [multiprocessing.Process(target=counter_process, args=(url, store, f"c{n}", appends, start, results))
                 for n, store in enumerate(stores)]
    for process in processes:
        process.start()
    time.sleep(2)  # every counter connected and its intakes parsed before the clock starts
    began = time.perf_counter()
    start.set()
    reports = [results.get(timeout=600) for _ in processes]
    elapsed = time.perf_counter() - began
    for process in processes:
        process.join()
    latencies = [latency for report, _ in reports for latency in report]
    return len(latencies) / elapsed, latencies, sum(cpu for _, cpu in reports) / len(latencies)


def server_cpu(server: PostgresServer) -> float:
    """CPU seconds used so far by the server: its processes (one per connection, the postmaster's
    children) while they run, and those that ended, which the postmaster's own counts hold."""
    postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # from the state on: ppid is [1]
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == postmaster:
            total += sum(int(value) for value in fields[11:15])  # utime, stime, and its ended children's
        elif stat.parent.name == str(postmaster):
            total += sum(int(value) for value in fields[13:15])  # its ended children's
    return total / os.sysconf("SC_CLK_TCK")


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--appends", type=int, default=300, help="per counter")
    args = parser.parse_args()
    binaries = server_binaries()
    if binaries is None:
        sys.exit("PostgreSQL's initdb and pg_ctl are needed (Debian: apt-get install postgresql)")

    server = PostgresServer(binaries)
    try:
        server.start()
        with psycopg.connect(server.url(SUPERUSER), autocommit=True) as conn:
            migrate(conn, [BIG_STORE, "one", "four", "s1", "s2", "s3", "s4"])
        url = server.url()
        print(f"PostgreSQL {binaries.parent.name} on loopback port {server.port}, fsync on")

        server_before = server_cpu(server)
        one_rate, one_latencies, client_cpu = run_counters(url, ["one"], args.appends)
        server_per_append = (server_cpu(server) - server_before) / len(one_latencies)
        four_rate, four_latencies, _ = run_counters(url, ["four"] * 4, args.appends)
        apart_rate, _, _ = run_counters(url, ["s1", "s2", "s3", "s4"], args.appends)
        everything = one_latencies + four_latencies
        print(f"appends/s: 1 counter {one_rate:.0f}, 4 counters in one store {four_rate:.0f}, "
              f"ratio {four_rate / one_rate:.2f} (goal >= 2.5); 4 counters in 4 stores {apart_rate:.0f} "
              f"(ratio {apart_rate / one_rate:.2f}); one store / four stores {four_rate / apart_rate:.2f}")
        # Counters are separate PCs in a shop; here they share this machine's CPUs with the server (and with
        # whatever else runs): whatever the locking, these CPUs cannot do more appends than this.
        cpus = os.cpu_count() or 1
        per_append = client_cpu + server_per_append
        print(f"CPU per append: counter {client_cpu * 1000:.1f} ms + server {server_per_append * 1000:.1f} ms; "
              f"{cpus} CPUs allow at most {cpus / per_append:.0f} appends/s ({cpus / per_append / one_rate:.2f}x "
              f"one counter) when nothing else runs; load average now {os.getloadavg()[0]:.1f}")
        print(f"append latency: median {statistics.median(everything) * 1000:.1f} ms, "
              f"p99 {p99(everything) * 1000:.1f} ms (1 counter {p99(one_latencies) * 1000:.1f} ms, "
              f"4 counters {p99(four_latencies) * 1000:.1f} ms; goal <= 20 ms)")

        began = time.perf_counter()
        day = load(server, args.entries, args.per_day)
        print(f"loaded {args.entries:,} entries into one store in {time.perf_counter() - began:.0f} s")
        location = LedgerLocation(url=url, store=BIG_STORE)
        with location.open(read_only=True) as ledger, psycopg.connect(url) as bare:
            store = ledger.store
            bare_select = best_of(7, lambda: bare.execute(
                "SELECT e.*, p.salt, p.data_json FROM ledger.entries e LEFT JOIN ledger.personal p "
                "ON p.store = e.store AND p.entry_id = e.id WHERE e.store = %s AND e.business_date = %s "
                "ORDER BY e.id", [BIG_STORE, day.isoformat()]).fetchall())
            export = best_of(7, lambda: export_day(store.entries_on(day), None, stdout=io.BytesIO()))
        print(f"a day's export ({args.per_day} of {args.entries:,} entries): {export * 1000:.1f} ms "
              f"(goal <= 100 ms), bare SELECT {bare_select * 1000:.1f} ms, ratio {export / bare_select:.2f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
