"""Benchmark of the iPhone probe against simulated phones (DESIGN §8).

Prints:
- per-phone probe time against the floor of the transport, in the same run:
  the floor is what any reading of facts must pay, one lockdown session
  (usbmux connect, StartSession with TLS) plus a single GetValue round trip
  plus the two service starts the facts need, side by side as the probe runs them
  (the diagnostics relay for the battery and MobileConfig for management, each
  with its TLS); target ≤ 1.3;
- eight phones probed at once against one; target ≤ 2;
- the start-up cost of importing the probe module (time and module count).

The simulated usbmuxd runs in its own process, as the real daemon does. Its
phones answer at once, so with them a probe is pure CPU work of client and
simulator sharing the machine's cores; eight at once then measure throughput,
not waiting. A real phone answers each request after some milliseconds, and
that waiting is what reading phones concurrently saves, so every figure is
measured twice: with phones that answer at once, and with a fixed delay per
reply (``REPLY_DELAY``, a modest figure for lockdownd over USB).
Run from the project root: ``python3 bench/probe_ios.py``.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROFILE = "iphone13pro_findmy_on"
PHONES = 8
ROUNDS = 15
REPLY_DELAY = 0.005


def import_cost() -> tuple[float, int]:
    code = (
        "import sys, time\n"
        "before = len(sys.modules); started = time.perf_counter()\n"
        "import device_probes.ios\n"
        "print(time.perf_counter() - started, len(sys.modules) - before)"
    )
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
            for _ in range(5)]
    seconds, modules = zip(*(run.stdout.split() for run in runs))
    return statistics.median(map(float, seconds)), int(modules[0])


def start_simulator(reply_delay: float) -> subprocess.Popen:
    # A UNIX socket, as usbmuxd has on Linux and macOS (the simulator's default is a loopback port).
    address = ["--address", os.path.join(tempfile.mkdtemp(prefix="bench-usbmuxd-"), "usbmuxd")] \
        if hasattr(socket, "AF_UNIX") else []
    process = subprocess.Popen(
        [sys.executable, "-m", "device_probes.sim.ios", *address, "--reply-delay", str(reply_delay),
         *[PROFILE] * PHONES],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    udids = []
    for line in process.stdout:
        if line.startswith("plugged "):
            udids.append(line.rsplit(" ", 1)[1].strip())
        elif line.startswith("export "):
            key, value = line.split(" ", 1)[1].strip().split("=", 1)
            os.environ[key] = value
        elif line.startswith("# Ctrl-C"):
            process.udids = udids  # type: ignore[attr-defined]
            return process
    raise RuntimeError("the simulator did not start")


async def floor_once(udid: str, pair_records_dir: Path) -> float:
    from pymobiledevice3.lockdown import create_using_usbmux

    started = time.perf_counter()
    client = await create_using_usbmux(serial=udid, autopair=False, pairing_records_cache_folder=pair_records_dir)
    try:
        await client.get_value("com.apple.fmip", "IsAssociated")
        services = await asyncio.gather(*(
            client.start_lockdown_service(name)
            for name in ("com.apple.mobile.diagnostics_relay", "com.apple.mobile.MCInstall")
        ))
        for service in services:
            await service.close()
    finally:
        await client.close()
    return time.perf_counter() - started


async def probe_once(udids: list[str], pair_records_dir: Path, cpu_times: list[float] | None = None) -> float:
    from device_probes.facts import DeviceState
    from device_probes.ios.probe import read_phone

    started, cpu_started = time.perf_counter(), time.process_time()
    results = await asyncio.gather(*(read_phone(udid, pair_records_dir, 30) for udid in udids))
    elapsed = time.perf_counter() - started
    if cpu_times is not None:
        cpu_times.append((time.process_time() - cpu_started) / len(udids))
    assert all(facts.state is DeviceState.READY for facts in results), [facts.errors for facts in results]
    return elapsed


async def measure(udids: list[str], pair_records_dir: Path) -> dict[str, float]:
    await probe_once(udids, pair_records_dir)  # pairs every phone once; not timed
    floors, singles, eights, cpu = [], [], [], []
    for _ in range(ROUNDS):  # interleaved, so drift affects all three alike
        floors.append(await floor_once(udids[0], pair_records_dir))
        singles.append(await probe_once(udids[:1], pair_records_dir, cpu))
        eights.append(await probe_once(udids, pair_records_dir))
    return {name: statistics.median(values) for name, values in
            (("floor", floors), ("single", singles), ("eight", eights), ("cpu", cpu))}


def run(reply_delay: float) -> None:
    simulator = start_simulator(reply_delay)
    try:
        with tempfile.TemporaryDirectory() as folder:
            result = asyncio.run(measure(simulator.udids, Path(folder)))  # type: ignore[attr-defined]
    finally:
        simulator.terminate()
        simulator.wait()
    print(f"\nphones answering after {reply_delay * 1000:g} ms per reply (median of {ROUNDS}):")
    print(f"  floor (session + 1 GetValue + 2 service starts): {result['floor'] * 1000:6.1f} ms")
    print(f"  probe of one phone:                             {result['single'] * 1000:6.1f} ms")
    print(f"  probe of {PHONES} phones at once:                     {result['eight'] * 1000:6.1f} ms")
    print(f"  client CPU per phone probe:                     {result['cpu'] * 1000:6.1f} ms")
    print(f"  per-phone probe / floor: {result['single'] / result['floor']:.2f}  (target ≤ 1.3)")
    print(f"  {PHONES} phones / 1 phone:       {result['eight'] / result['single']:.2f}  (target ≤ 2)")


def main() -> int:
    seconds, modules = import_cost()
    print(f"import device_probes.ios: {seconds * 1000:.0f} ms, {modules} modules (lockdown client not loaded)")
    for reply_delay in (0.0, REPLY_DELAY):
        run(reply_delay)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
