"""How long the counter window's GUI thread stalls while eight phones are read (DESIGN §8).

The counter window runs offscreen with the real device services (pymobiledevice3,
adbutils); the simulated phones run in a separate process, as phones on a hub
are outside the app. One after another, eight phones (four iPhones, four
Android phones) are plugged in; a 5 ms heartbeat on the GUI thread records its
longest gap from the first plug until every phone's form shows its facts.

The floor, measured in the same run: the longest gap of the same heartbeat in
the same window with no phone, over the same time. Each run starts a fresh
window and data directory; the figure is the median of the runs.

Goal: the median longest stall under 50 ms.
Usage: ``python3 bench/gui_stall.py [--runs 5] [--profile FILE] [--explain]`` (``--profile``
writes cProfile statistics of the GUI thread during the last run). ``--explain`` says,
for each run's longest gap, how long the GUI thread ran, how long it was ready but
waited for a CPU (Linux's schedstat: other processes and threads had the cores), and
the slowest event deliveries in it (receiver class and event type). Its bookkeeping
costs the GUI thread a little: compare figures taken without it. The load average is
printed with the figures, as the machine's other work stretches every gap.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PHONES = [("ios", "iphone15_dual_sim"), ("android", "galaxy_s21"), ("ios", "iphone_se3_findmy_off"),
          ("android", "pixel8_frp"), ("ios", "worn_battery"), ("android", "reno7a_dual_sim"),
          ("ios", "iphone13pro_findmy_on"), ("android", "redmi_note11")]
HEARTBEAT_MS = 5
READ_TIMEOUT_S = 60


# -- the phones' process -----------------------------------------------------------------


def serve_phones() -> None:
    """The child: simulated phones, plugged and unplugged on command lines from stdin."""
    from device_probes.sim.phones import SimulatedPhones

    with SimulatedPhones() as phones:
        print(json.dumps(phones.env), flush=True)
        for line in sys.stdin:
            command, platform, name = line.split()
            if command == "plug":
                print(phones.plug(platform, name), flush=True)
            else:
                phones.unplug(platform, name)
                print("unplugged", flush=True)


class PhonesProcess:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, __file__, "--serve-phones"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=REPO)
        self.env = json.loads(self.process.stdout.readline())

    def ask(self, *words: str) -> str:
        self.process.stdin.write(" ".join(words) + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


# -- the window's side ---------------------------------------------------------------------


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between its beats is the longest stall."""

    def __init__(self, explain: bool = False) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.timer, self.clock, self.longest = QTimer(), QElapsedTimer(), 0
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self._explain = explain and Path(SCHEDSTAT).exists()
        self._last_beat: tuple[float, int, int] | None = None
        #: The longest gap: (ended at perf_counter, on-CPU ms, waiting-for-a-CPU ms).
        self.longest_gap: tuple[float, float, float] | None = None

    def start(self) -> None:
        self.longest, self.longest_gap = 0, None
        self._last_beat = _schedstat() if self._explain else None
        self.clock.start()
        self.timer.start()

    def stop(self) -> int:
        self.timer.stop()
        return self.longest

    def _beat(self) -> None:
        gap = self.clock.restart()
        if self._explain:
            now = _schedstat()
            if gap > self.longest and self._last_beat is not None:
                self.longest_gap = (now[0], (now[1] - self._last_beat[1]) / 1e6, (now[2] - self._last_beat[2]) / 1e6)
            self._last_beat = now
        self.longest = max(self.longest, gap)


#: The calling thread's time on a CPU and time ready but waiting for one, in ns (Linux).
SCHEDSTAT = "/proc/thread-self/schedstat"


def _schedstat() -> tuple[float, int, int]:
    with open(SCHEDSTAT) as stat:
        on_cpu, waiting, _slices = stat.read().split()
    return time.perf_counter(), int(on_cpu), int(waiting)


def explaining_application():
    """A QApplication that times every event delivered at the top of the GUI thread's loop."""
    from PySide6.QtWidgets import QApplication

    class ExplainingApplication(QApplication):
        def __init__(self, argv: list[str]) -> None:
            super().__init__(argv)
            #: (started at perf_counter, wall ms, on-CPU ms, receiver class, event type), slower than 1 ms.
            self.deliveries: list[tuple[float, float, float, str, str]] = []
            self._depth = 0

        def notify(self, receiver, event) -> bool:
            if self._depth:
                return super().notify(receiver, event)
            self._depth += 1
            kind, started, cpu = event.type().name, time.perf_counter(), time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                self._depth -= 1
                wall = (time.perf_counter() - started) * 1000
                if wall > 1:
                    self.deliveries.append((started, wall, (time.thread_time() - cpu) * 1000,
                                            type(receiver).__name__, kind))

    return ExplainingApplication([sys.argv[0]])


def explain(app, heartbeat: Heartbeat) -> str:
    if heartbeat.longest_gap is None:
        return "  (no schedstat on this system)"
    ended, on_cpu, waiting = heartbeat.longest_gap
    started = ended - heartbeat.longest / 1000
    inside = sorted((d for d in app.deliveries if d[0] < ended and d[0] + d[1] / 1000 > started), key=lambda d: -d[1])
    slowest = ", ".join(f"{kind}->{receiver} {wall:.0f} ms (on a CPU {cpu:.0f})"
                        for _at, wall, cpu, receiver, kind in inside[:5])
    return (f"  longest gap {heartbeat.longest} ms: GUI thread on a CPU {on_cpu:.0f} ms, ready but waiting for a CPU "
            f"{waiting:.0f} ms, neither (GIL, locks, sleep) {max(0.0, heartbeat.longest - on_cpu - waiting):.0f} ms; "
            f"slowest deliveries: {slowest or 'none over 1 ms'}")


def wait_until(app, condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the phones were not read in time")
        app.processEvents()
        time.sleep(0.001)


def one_run(app, translations, phones: PhonesProcess, profile: cProfile.Profile | None,
            explaining: bool = False) -> tuple[int, int, float]:
    """(longest stall with phones, longest stall of the idle floor, seconds to read them all)."""
    from PySide6.QtCore import QEvent

    from device_probes.facts import DeviceState
    from ui.app import CounterApp, device_services

    with tempfile.TemporaryDirectory() as data:
        counter = CounterApp(Path(data), device_services(Path(data)), translations)
        counter.window.show()
        counter.start()
        view = counter.window.counter
        heartbeat = Heartbeat(explaining)
        try:
            # The floor: the same window, idle, for a moment.
            heartbeat.start()
            end = time.monotonic() + 1.0
            wait_until(app, lambda: time.monotonic() > end, 2)
            floor = heartbeat.stop()

            serials: list[tuple[str, str]] = []
            plugging = threading.Thread(target=lambda: serials.extend(
                (platform, phones.ask("plug", platform, name)) for platform, name in PHONES))
            heartbeat.start()
            started = time.monotonic()
            if profile:
                profile.enable()
            if explaining:
                app.deliveries.clear()
            plugging.start()
            wait_until(app, lambda: len(serials) == len(PHONES) and all(
                serial in view.cards and view.facts_of(serial) is not None
                and view.facts_of(serial).state is DeviceState.READY for _platform, serial in serials),
                READ_TIMEOUT_S)
            if profile:
                profile.disable()
            read_in = time.monotonic() - started
            stall = heartbeat.stop()
            if explaining:
                print(explain(app, heartbeat))
            plugging.join()
            for platform, serial in serials:
                phones.ask("unplug", platform, serial)
        finally:
            counter.shutdown()
            # Gone before the next run's event loop turns: no timer of this window may fire on a closed ledger.
            counter.window.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return stall, floor, read_in


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, metavar="FILE", help="write cProfile stats of the last run")
    parser.add_argument("--explain", action="store_true",
                        help="say what each run's longest gap was made of (costs the GUI thread a little)")
    parser.add_argument("--serve-phones", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_phones:
        serve_phones()
        return 0

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    phones = PhonesProcess()
    os.environ.update(phones.env)
    from PySide6.QtWidgets import QApplication
    from ui.app import prepare_application

    app = explaining_application() if args.explain else QApplication.instance() or QApplication([sys.argv[0]])
    translations = prepare_application(app)
    stalls, floors = [], []
    print(f"load average {load_average()} on {os.cpu_count()} CPUs")
    try:
        for run in range(args.runs):
            profile = cProfile.Profile() if args.profile and run == args.runs - 1 else None
            stall, floor, read_in = one_run(app, translations, phones, profile, args.explain)
            stalls.append(stall)
            floors.append(floor)
            print(f"run {run + 1}: longest stall {stall} ms while 8 phones were read in {read_in:.1f} s "
                  f"(idle floor {floor} ms)")
            if profile:
                profile.dump_stats(str(args.profile))
    finally:
        phones.close()
    stall, floor = statistics.median(stalls), statistics.median(floors)
    print(f"median of {args.runs}: longest GUI-thread stall {stall:.0f} ms; idle floor {floor:.0f} ms; "
          f"ratio {stall / max(floor, 1):.1f}; goal < 50 ms: {'met' if stall < 50 else 'NOT met'}"
          f"{' (with --explain bookkeeping)' if args.explain else ''}; load average {load_average()}")
    return 0


def load_average() -> str:
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
