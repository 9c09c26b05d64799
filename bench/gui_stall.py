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
Usage: ``python3 bench/gui_stall.py [--runs 5] [--profile FILE]`` (``--profile``
writes cProfile statistics of the GUI thread during the last run).
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

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.timer, self.clock, self.longest = QTimer(), QElapsedTimer(), 0
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)

    def start(self) -> None:
        self.longest = 0
        self.clock.start()
        self.timer.start()

    def stop(self) -> int:
        self.timer.stop()
        return self.longest

    def _beat(self) -> None:
        self.longest = max(self.longest, self.clock.restart())


def wait_until(app, condition, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the phones were not read in time")
        app.processEvents()
        time.sleep(0.001)


def one_run(app, translations, phones: PhonesProcess, profile: cProfile.Profile | None) -> tuple[int, int, float]:
    """(longest stall with phones, longest stall of the idle floor, seconds to read them all)."""
    from PySide6.QtCore import QEvent

    from device_probes.facts import DeviceState
    from ui.app import CounterApp, device_services

    with tempfile.TemporaryDirectory() as data:
        counter = CounterApp(Path(data), device_services(Path(data)), translations)
        counter.window.show()
        counter.start()
        view = counter.window.counter
        heartbeat = Heartbeat()
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
            plugging.start()
            wait_until(app, lambda: len(serials) == len(PHONES) and all(
                serial in view.cards and view.facts_of(serial) is not None
                and view.facts_of(serial).state is DeviceState.READY for _platform, serial in serials),
                READ_TIMEOUT_S)
            if profile:
                profile.disable()
            read_in = time.monotonic() - started
            stall = heartbeat.stop()
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

    app = QApplication.instance() or QApplication([sys.argv[0]])
    translations = prepare_application(app)
    stalls, floors = [], []
    try:
        for run in range(args.runs):
            profile = cProfile.Profile() if args.profile and run == args.runs - 1 else None
            stall, floor, read_in = one_run(app, translations, phones, profile)
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
          f"ratio {stall / max(floor, 1):.1f}; goal < 50 ms: {'met' if stall < 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
