"""Benchmark the Android probe against the transport's floor (DESIGN §8).

The simulated phones run in a separate process (``python3 -m
device_probes.sim.android``), as real phones would be outside the app, behind
a private real adb server. Measured in the same run, medians over many rounds:

* the floor: one bare ``shell echo`` round trip to a phone through adbutils
  (``AdbDevice.shell``), and the same echo through the probe's own transport
  code, which skips adbutils' 10 ms linger on close;
* one phone's probe (``read_device``: everything the facts need, one round
  trip) and the whole ``probe_android(serial=...)`` call with its device listing;
* eight phones probed at once against one.

Each measurement runs twice: with phones that answer at once (the pure cost of
our code, adbutils and the adb server, all CPU-bound on this machine) and with
phones that take 20 ms to answer a shell request, about what a real phone
needs to start a shell and run its dumps.

Targets: probe / floor <= 1.3, eight / one <= 2.
Usage: ``python3 bench/probe_android.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from device_probes.android.client import Client  # noqa: E402
from device_probes.android.probe import list_devices, probe_android, read_device, run_script  # noqa: E402
from device_probes.facts import DeviceState  # noqa: E402

PHONES = [
    "pixel8_frp",
    "galaxy_s21",
    "redmi_note11",
    "reno7a_dual_sim",
    "huawei_p30lite",
    "xperia_z3_old",
    "kyocera_bad_imei",
    "pixel8_frp",
]


def median_ms(action: Callable[[], object], rounds: int) -> float:
    action()  # warm up
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def start_phones(latency: float) -> subprocess.Popen:
    """Run the simulator in its own process and take over the environment it prints."""
    runner = subprocess.Popen(
        [sys.executable, "-m", "device_probes.sim.android", "--latency", str(latency), *PHONES],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    for line in runner.stdout:
        if line.startswith("export "):
            key, _, value = line.removeprefix("export ").strip().partition("=")
            os.environ[key] = value
        if line.startswith("# Ctrl-C"):
            return runner
    raise RuntimeError("the simulator did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the Android probe against the transport's floor.")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--latency",
        type=float,
        action="append",
        metavar="SECONDS",
        help="phone-side time to answer a shell request; repeat for several runs (default: 0 and 0.02)",
    )
    args = parser.parse_args()
    for latency in args.latency or [0.0, 0.02]:
        print(f"\n== phones answering each shell request {latency * 1000:.0f} ms late ==")
        bench(latency, args.rounds)
    return 0


def bench(latency: float, rounds: int) -> None:
    runner = start_phones(latency)
    try:
        client = Client()
        devices = list_devices(client)
        first = devices[0]
        one_serial = first.serial
        device = client.device(transport_id=first.transport_id)

        def probe_one() -> None:
            assert read_device(client, first, 10.0).state is DeviceState.READY

        def probe_all() -> None:
            facts = probe_android()
            assert len(facts) == len(PHONES) and all(f.state is DeviceState.READY for f in facts)

        floor = median_ms(lambda: device.shell("echo"), rounds)
        raw_floor = median_ms(lambda: run_script(client, first, "echo", 10.0), rounds)
        one = median_ms(probe_one, rounds)
        one_call = median_ms(lambda: probe_android(serial=one_serial), rounds)
        eight = median_ms(probe_all, rounds)
    finally:
        runner.send_signal(signal.SIGINT)
        runner.wait(timeout=30)

    print(f"floor: 'shell echo' via adbutils AdbDevice.shell   {floor:6.1f} ms")
    print(f"floor: 'shell echo' via the probe's transport      {raw_floor:6.1f} ms")
    print(f"probe of one phone (read_device, 1 round trip)     {one:6.1f} ms"
          f"   ratio {one / floor:.2f} vs adbutils echo, {one / raw_floor:.2f} vs raw echo  (target <= 1.3)")
    print(f"probe_android(serial=...) with the device listing  {one_call:6.1f} ms   ratio {one_call / floor:.2f} vs adbutils echo")
    print(f"eight phones at once, probe_android()              {eight:6.1f} ms   ratio {eight / one_call:.2f} vs one  (target <= 2)")


if __name__ == "__main__":
    sys.exit(main())
