"""Soak: a day at the counter, compressed. Phones come and go; nothing leaks, nothing is lost.

Eight simulated phones, four Android and four iPhones, each behind the real
protocol (a private adb server; a usbmuxd with lockdownd), are plugged in and
pulled out at random (seeded) for ``--seconds``. The long-lived services the
app keeps, ``AndroidDevices`` and ``IosDevices``, watch them; every phone that
arrives is probed, and each probe's facts become an intake recorded in a fresh
ledger through ``kiosk.counter.record_intake``, as the counter does.

Afterwards, with every phone unplugged and the services stopped, it checks:

* no leaked threads, sockets or file descriptors (counts before and after);
* memory flat: RSS at the start of the steady state against the end, and its slope;
* every detach seen: per serial, the unplugs against the DETACHED events;
* every probe finished (none hung) and every recorded entry in the ledger;
* ``Ledger.verify()`` clean.

    python3 bench/soak.py [--seconds 120] [--seed 1]

Exit status 0 when every check holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import gc
import os
import queue
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from device_probes.android import AndroidDevices  # noqa: E402
from device_probes.events import DeviceEvent, EventKind  # noqa: E402
from device_probes.facts import DeviceFacts, DeviceState  # noqa: E402
from device_probes.ios import IosDevices  # noqa: E402
from device_probes.sim.android import AndroidSimulator  # noqa: E402
from device_probes.sim.ios import IosSimulator  # noqa: E402
from kiosk.counter import record_intake  # noqa: E402
from kiosk.grading import Policy  # noqa: E402
from kiosk.intake import intake_from_json  # noqa: E402
from kiosk.ledger import open_ledger  # noqa: E402
from tests.factories import intake_json  # noqa: E402

ANDROID_PROFILES = ("pixel8_frp", "galaxy_s21", "redmi_note11", "reno7a_dual_sim")
IOS_PROFILES = ("iphone13pro_findmy_on", "iphone_se3_findmy_off", "iphone15_dual_sim", "worn_battery")
#: How long a phone stays plugged in, and out, before its next move (seconds).
PLUGGED_FOR = (1.5, 5.0)
UNPLUGGED_FOR = (0.5, 3.0)
PROBE_TIMEOUT = 5.0
#: Time to wait for the last detaches and probes once the run is over.
DRAIN_TIMEOUT = 20.0
#: What counts as "no leak" and "flat".
LEAK_TOLERANCE = {"threads": 0, "file descriptors": 2, "sockets": 0}
MAX_RSS_GROWTH_MIB = 16.0
MAX_RSS_SLOPE_MIB_PER_MIN = 4.0
#: A slope over less steady state than this is noise (allocator, caches warming up).
MIN_STEADY_SECONDS_FOR_SLOPE = 60.0


@dataclass
class Slot:
    """One port of the hub: which phone goes in it, and what is in it now."""

    platform: str
    profile: str
    serial: str | None = None
    next_move: float = 0.0


@dataclass
class SoakReport:
    seconds: float
    plugs: int = 0
    unplugs: collections.Counter = field(default_factory=collections.Counter)
    attached: collections.Counter = field(default_factory=collections.Counter)
    detached: collections.Counter = field(default_factory=collections.Counter)
    probes_started: int = 0
    probes_finished: int = 0
    probes_failed: list[str] = field(default_factory=list)
    states: collections.Counter = field(default_factory=collections.Counter)
    outcomes: collections.Counter = field(default_factory=collections.Counter)
    recorded_ids: list[int] = field(default_factory=list)
    record_failures: list[str] = field(default_factory=list)
    ledger_ids: set[int] = field(default_factory=set)
    verify_ok: bool = False
    verify_problem: str | None = None
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    #: (seconds since start, RSS in MiB), sampled about once a second.
    rss: list[tuple[float, float]] = field(default_factory=list)
    #: (seconds since start, blocks the Python allocator holds): tells a leak of Python
    #: objects from the C allocator's own growth, which RSS mixes together.
    python_blocks: list[tuple[float, int]] = field(default_factory=list)
    steady_from: float = 0.0

    # -- the checks --------------------------------------------------------------------------

    @property
    def missed_detaches(self) -> dict[str, tuple[int, int]]:
        """Serials whose unplugs and DETACHED events differ: serial -> (unplugs, detached)."""
        serials = set(self.unplugs) | set(self.detached)
        return {s: (self.unplugs[s], self.detached[s]) for s in sorted(serials) if self.unplugs[s] != self.detached[s]}

    @property
    def leaks(self) -> dict[str, int]:
        return {
            name: self.after[name] - self.before[name]
            for name, tolerance in LEAK_TOLERANCE.items()
            if self.after[name] - self.before[name] > tolerance
        }

    @property
    def lost_entries(self) -> list[int]:
        return sorted(set(self.recorded_ids) - self.ledger_ids)

    @property
    def probes_hung(self) -> int:
        return self.probes_started - self.probes_finished

    @property
    def steady_rss(self) -> list[tuple[float, float]]:
        return [(t, mib) for t, mib in self.rss if t >= self.steady_from]

    @property
    def rss_growth_mib(self) -> float:
        steady = self.steady_rss
        return steady[-1][1] - steady[0][1] if len(steady) >= 2 else 0.0

    @property
    def rss_slope_mib_per_min(self) -> float:
        """Least-squares slope of RSS over the steady state."""
        steady = self.steady_rss
        if len(steady) < 3:
            return 0.0
        mean_t = sum(t for t, _ in steady) / len(steady)
        mean_m = sum(m for _, m in steady) / len(steady)
        spread = sum((t - mean_t) ** 2 for t, _ in steady)
        return 60 * sum((t - mean_t) * (m - mean_m) for t, m in steady) / spread if spread else 0.0

    @property
    def steady_seconds(self) -> float:
        steady = self.steady_rss
        return steady[-1][0] - steady[0][0] if len(steady) >= 2 else 0.0

    @property
    def slope_judged(self) -> bool:
        return self.steady_seconds >= MIN_STEADY_SECONDS_FOR_SLOPE

    @property
    def memory_flat(self) -> bool:
        if self.rss_growth_mib > MAX_RSS_GROWTH_MIB:
            return False
        return not self.slope_judged or self.rss_slope_mib_per_min <= MAX_RSS_SLOPE_MIB_PER_MIN

    @property
    def problems(self) -> list[str]:
        found = []
        if self.leaks:
            found.append(f"leaked: {self.leaks}")
        if not self.memory_flat:
            found.append(f"memory grew {self.rss_growth_mib:.1f} MiB ({self.rss_slope_mib_per_min:+.2f} MiB/min)")
        if self.missed_detaches:
            found.append(f"detaches not seen (unplugs, detached): {self.missed_detaches}")
        if sum(self.unplugs.values()) == 0:
            found.append("no phone was ever unplugged: the run was too short")
        if self.probes_hung:
            found.append(f"{self.probes_hung} probes never finished")
        if self.probes_failed:
            found.append(f"probes raised: {self.probes_failed[:3]}")
        if self.record_failures:
            found.append(f"entries not recorded: {self.record_failures[:3]}")
        if self.lost_entries:
            found.append(f"entries lost: {self.lost_entries}")
        if not self.verify_ok:
            found.append(f"ledger verify failed: {self.verify_problem}")
        return found

    def table(self) -> str:
        steady = self.steady_rss
        rows = [
            ("duration", f"{self.seconds:.0f} s", ""),
            ("phones plugged / unplugged", f"{self.plugs} / {sum(self.unplugs.values())}", ""),
            ("ATTACHED / DETACHED events", f"{sum(self.attached.values())} / {sum(self.detached.values())}",
             "ok" if not self.missed_detaches else f"MISSED {self.missed_detaches}"),
            ("probes started / finished", f"{self.probes_started} / {self.probes_finished}",
             "ok" if not self.probes_hung and not self.probes_failed else "HUNG OR RAISED"),
            ("probe results by state", ", ".join(f"{k} {v}" for k, v in sorted(self.states.items())), ""),
            ("outcomes recorded", ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())), ""),
            ("entries recorded / in ledger", f"{len(self.recorded_ids)} / {len(self.ledger_ids)}",
             "ok" if not self.lost_entries and not self.record_failures else f"LOST {self.lost_entries}"),
            ("ledger verify", "intact" if self.verify_ok else f"{self.verify_problem}",
             "ok" if self.verify_ok else "FAILED"),
        ]
        for name in LEAK_TOLERANCE:
            delta = self.after[name] - self.before[name]
            rows.append((f"{name} before / after", f"{self.before[name]} / {self.after[name]} ({delta:+d})",
                         "ok" if name not in self.leaks else "LEAK"))
        if steady:
            rows.append((f"RSS from {steady[0][0]:.0f} s / at end", f"{steady[0][1]:.1f} / {steady[-1][1]:.1f} MiB "
                         f"({self.rss_growth_mib:+.1f})", "ok" if self.memory_flat else "GROWING"))
            slope_check = "ok" if self.memory_flat else "GROWING"
            if not self.slope_judged:
                slope_check = f"not judged (under {MIN_STEADY_SECONDS_FOR_SLOPE:.0f} s of steady state)"
            rows.append(("RSS slope (steady state)", f"{self.rss_slope_mib_per_min:+.2f} MiB/min", slope_check))
            blocks = [(t, count) for t, count in self.python_blocks if t >= self.steady_from]
            if len(blocks) >= 2:
                rows.append((f"Python blocks from {blocks[0][0]:.0f} s / at end",
                             f"{blocks[0][1]} / {blocks[-1][1]} ({blocks[-1][1] - blocks[0][1]:+d})", ""))
        width = max(len(row[0]) for row in rows)
        value_width = max(len(row[1]) for row in rows)
        lines = [f"{'figure'.ljust(width)}  {'value'.ljust(value_width)}  check",
                 f"{'-' * width}  {'-' * value_width}  -----"]
        lines += [f"{name.ljust(width)}  {value.ljust(value_width)}  {check}".rstrip() for name, value, check in rows]
        return "\n".join(lines)


def resource_counts() -> dict[str, int]:
    process = psutil.Process()
    return {
        "threads": threading.active_count(),
        "file descriptors": process.num_fds(),
        "sockets": len(process.net_connections(kind="all")),
    }


def rss_mib() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


class Soak:
    def __init__(self, seconds: float, seed: int, workdir: Path):
        self.seconds = seconds
        self.chance = random.Random(seed)
        self.workdir = workdir
        self.report = SoakReport(seconds=seconds)
        self.events: queue.Queue[DeviceEvent] = queue.Queue()
        self.results: queue.Queue[tuple[str, concurrent.futures.Future]] = queue.Queue()
        self.pending: set[concurrent.futures.Future] = set()
        self.policy = Policy.load()

    def run(self) -> SoakReport:
        with IosSimulator() as ios_sim, AndroidSimulator() as android_sim, _environment({**ios_sim.env, **android_sim.env}):
            self.sims = {"ios": ios_sim, "android": android_sim}
            gc.collect()
            self.report.before = resource_counts()
            self._run_services()
            self._settle(self.report.before)
            self.report.after = resource_counts()
        return self.report

    def _run_services(self) -> None:
        ledger_path = self.workdir / "ledger.sqlite3"
        self.ledger = open_ledger(ledger_path)
        self.services = {
            "android": AndroidDevices(timeout=PROBE_TIMEOUT, poll_interval=0.5, start_server=False),
            "ios": IosDevices(self.workdir / "pair_records", probe_timeout=PROBE_TIMEOUT),
        }
        for service in self.services.values():
            service.start(self.events.put)
        try:
            self._shuffle_phones()
            self._drain()
        finally:
            for service in self.services.values():
                service.stop()
            self.ledger.close()
        # Read back through a connection of its own, as the next start of the app would.
        with open_ledger(ledger_path) as reopened:
            result = reopened.verify()
            self.report.verify_ok, self.report.verify_problem = result.ok, result.problem
            self.report.ledger_ids = {row.entry_id for row in reopened.store.chain()}

    # -- the hub -------------------------------------------------------------------------------

    def _shuffle_phones(self) -> None:
        slots = [Slot("android", name) for name in ANDROID_PROFILES] + [Slot("ios", name) for name in IOS_PROFILES]
        started = time.monotonic()
        self.report.steady_from = min(30.0, max(5.0, self.seconds * 0.25))
        for slot in slots:
            slot.next_move = started + self.chance.uniform(0, UNPLUGGED_FOR[1])
        next_sample = started
        end = started + self.seconds
        while (now := time.monotonic()) < end:
            if now >= next_sample:
                self._sample(now - started)
                next_sample = now + 1.0
            for slot in slots:
                if now >= slot.next_move:
                    self._move(slot)
            wake = min([slot.next_move for slot in slots] + [next_sample, end])
            self._handle_until(wake)
        self._sample(time.monotonic() - started)
        for slot in slots:
            if slot.serial is not None:
                self._move(slot)

    def _sample(self, elapsed: float) -> None:
        self.report.rss.append((elapsed, rss_mib()))  # collects garbage first
        self.report.python_blocks.append((elapsed, sys.getallocatedblocks()))

    def _move(self, slot: Slot) -> None:
        sim = self.sims[slot.platform]
        if slot.serial is None:
            slot.serial = sim.plug(slot.profile)
            self.report.plugs += 1
            low, high = PLUGGED_FOR
        else:
            sim.unplug(slot.serial)
            self.report.unplugs[slot.serial] += 1
            slot.serial = None
            low, high = UNPLUGGED_FOR
        slot.next_move = time.monotonic() + self.chance.uniform(low, high)

    # -- the counter -------------------------------------------------------------------------------

    def _handle_until(self, deadline: float) -> None:
        """Handle events and finished probes until ``deadline`` (the GUI thread's job)."""
        while True:
            self._record_finished()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                event = self.events.get(timeout=min(remaining, 0.05))
            except queue.Empty:
                continue
            self._on_event(event)

    def _on_event(self, event: DeviceEvent) -> None:
        if event.kind is EventKind.DETACHED:
            self.report.detached[event.serial] += 1
            return
        if event.kind is EventKind.ATTACHED:
            self.report.attached[event.serial] += 1
        # iPhones are attached without a state; Android phones are probed once they are ready.
        if event.state in (None, DeviceState.READY):
            future = self.services[event.platform].probe(event.serial)
            self.report.probes_started += 1
            self.pending.add(future)
            future.add_done_callback(lambda done, serial=event.serial: self.results.put((serial, done)))

    def _record_finished(self) -> None:
        while True:
            try:
                serial, future = self.results.get_nowait()
            except queue.Empty:
                return
            self.pending.discard(future)
            self.report.probes_finished += 1
            try:
                facts = future.result()
            except BaseException as exc:  # a probe must give facts, never raise
                self.report.probes_failed.append(f"{serial}: {type(exc).__name__}: {exc}")
                continue
            self._record(facts)

    def _record(self, facts: DeviceFacts) -> None:
        self.report.states[facts.state.value] += 1
        intake = intake_from_json(intake_json(device=facts.to_json(), price_yen=...), for_record=True)
        try:
            entry, grade = record_intake(intake, self.policy, self.ledger)
        except Exception as exc:
            self.report.record_failures.append(f"{facts.serial}: {exc}")
            return
        self.report.recorded_ids.append(entry.id)
        self.report.outcomes[grade.outcome.value] += 1

    def _drain(self) -> None:
        """Wait for the last detaches and the probes still running, recording as they finish."""
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while time.monotonic() < deadline and (self.pending or self.report.missed_detaches):
            self._handle_until(min(deadline, time.monotonic() + 0.2))

    def _settle(self, before: dict[str, int], timeout: float = 5.0) -> None:
        """Give closed connections a moment to go (the simulators' threads end on their own)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            gc.collect()
            now = resource_counts()
            if all(now[name] - before[name] <= LEAK_TOLERANCE[name] for name in LEAK_TOLERANCE):
                return
            time.sleep(0.1)


@contextlib.contextmanager
def _environment(variables: dict[str, str]):
    """Point the adb and usbmux clients at the simulators for the length of the run."""
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_soak(seconds: float, *, seed: int = 1, workdir: Path | None = None) -> SoakReport:
    if workdir is not None:
        return Soak(seconds, seed, workdir).run()
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as temporary:
        return Soak(seconds, seed, Path(temporary)).run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="how long phones come and go (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random plugging (default: %(default)s)")
    args = parser.parse_args(argv)
    print(f"soak: {len(ANDROID_PROFILES)} Android phones and {len(IOS_PROFILES)} iPhones for {args.seconds:g} s "
          f"(seed {args.seed})", flush=True)
    report = run_soak(args.seconds, seed=args.seed)
    print(report.table())
    for problem in report.problems:
        print(f"PROBLEM: {problem}")
    print("soak: all checks hold" if not report.problems else "soak: FAILED")
    return 0 if not report.problems else 1


if __name__ == "__main__":
    sys.exit(main())
