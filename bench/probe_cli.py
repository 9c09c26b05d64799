"""Benchmark a whole ``kiosk probe --json`` process against other clients of the same phones (DESIGN §8).

The simulated phones run in a separate process (``kiosk sim``), as real phones are
outside the app. For each case, medians over many rounds, the commands taking turns:

* one iPhone: ``kiosk probe --json`` against libimobiledevice's ``ideviceinfo`` plus
  ``idevicediagnostics ioregentry AppleSmartBattery`` (where they are installed);
* one Android phone: ``kiosk probe --json`` against ``adb shell getprop`` plus
  ``adb shell dumpsys battery``, and against a minimal script that imports adbutils and
  reads one property from the phone;
* eight phones of a kind against one.

Targets: one iPhone <= 2x the C tools; one Android phone <= 1x the minimal script;
eight phones <= 1.2x one. Usage: ``python3 bench/probe_cli.py [--rounds N] [--platform ios|android]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IPHONE = "ios:iphone13pro_findmy_on"
ANDROID = "android:pixel8_frp"
MINIMAL_ADB_SCRIPT = (
    "import sys, adbutils; "
    "client = adbutils.AdbClient(host='127.0.0.1', port=int(sys.argv[1])); "
    "print(client.device(sys.argv[2]).shell('getprop ro.product.model'))"
)


@contextmanager
def simulated(phones: list[str]):
    """Run ``kiosk sim`` with these phones; yield the environment that reaches them and the serials."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", *phones], stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    env, serials = {}, []
    try:
        for line in process.stdout:
            if line.startswith("# ") and " plugged in as " in line:
                serials.append(line.rsplit(" ", 1)[1].strip())
            elif line.startswith("export "):
                name, value = line.removeprefix("export ").strip().split("=", 1)
                env[name] = value.strip("'")
            elif line.startswith("# Ctrl-C"):
                break
        yield env, serials
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")


def medians(cases: dict[str, tuple[list[list[str]], dict[str, str]]], rounds: int) -> dict[str, float]:
    """Median wall time in ms of each case (commands run one after another, in the case's environment),
    the cases taking turns so that a change in the machine's load touches them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for commands, env in cases.values():  # warm up: pairing, the adb server's first connection, file caches
        for command in commands:
            run(command, env)
    for _ in range(rounds):
        for name, (commands, env) in cases.items():
            started = time.perf_counter()
            for command in commands:
                run(command, env)
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def kiosk_probe() -> list[str]:
    return [sys.executable, "-m", "kiosk", "probe", "--json"]


def isolated_env(sim_env: dict[str, str], home: Path) -> dict[str, str]:
    """A private HOME (libimobiledevice's settings) and data directory (pair records, names)."""
    home.mkdir(parents=True, exist_ok=True)
    return {**os.environ, **sim_env, "HOME": str(home), "KIOSK_DATA_DIR": str(home / "kiosk-data")}


def bench_iphone(rounds: int, home: Path) -> None:
    with simulated([IPHONE]) as (sim_env, _):
        env = isolated_env(sim_env, home)
        cases = {"kiosk probe --json": ([kiosk_probe()], env)}
        if shutil.which("ideviceinfo") and shutil.which("idevicediagnostics"):
            run(["idevicepair", "pair"], env)
            tools = [["ideviceinfo"], ["idevicediagnostics", "ioregentry", "AppleSmartBattery"]]
            cases["ideviceinfo + idevicediagnostics"] = (tools, env)
        result = medians(cases, rounds)
    report("one iPhone", result, "ideviceinfo + idevicediagnostics", goal=2.0)


def bench_android(rounds: int, home: Path) -> None:
    with simulated([ANDROID]) as (sim_env, [serial]):
        env = isolated_env(sim_env, home)
        adb = [env["ADBUTILS_ADB_PATH"], "-s", serial]
        cases = {
            "kiosk probe --json": ([kiosk_probe()], env),
            "adb shell getprop + adb shell dumpsys battery": (
                [[*adb, "shell", "getprop"], [*adb, "shell", "dumpsys battery"]], env),
            "minimal adbutils script": (
                [[sys.executable, "-c", MINIMAL_ADB_SCRIPT, env["ANDROID_ADB_SERVER_PORT"], serial]], env),
        }
        result = medians(cases, rounds)
    report("one Android phone", result, "minimal adbutils script", goal=1.0)
    report("one Android phone", result, "adb shell getprop + adb shell dumpsys battery", goal=None)


def bench_eight(rounds: int, home: Path, phone: str) -> None:
    """Eight phones against one, each behind its own simulator, measured in turns."""
    with simulated([phone]) as (one_env, _), simulated([phone] * 8) as (eight_env, _):
        result = medians({
            "one": ([kiosk_probe()], isolated_env(one_env, home / "one")),
            "eight": ([kiosk_probe()], isolated_env(eight_env, home / "eight")),
        }, rounds)
    kind = phone.split(":")[0]
    print(f"eight {kind} phones: kiosk probe --json {result['eight']:.0f} ms, one: {result['one']:.0f} ms, "
          f"ratio {result['eight'] / result['one']:.2f} (goal <= 1.2)")


def report(title: str, result: dict[str, float], floor: str, goal: float | None) -> None:
    probe = result["kiosk probe --json"]
    if floor not in result:
        print(f"{title}: kiosk probe --json {probe:.0f} ms; {floor} not installed, no ratio")
        return
    goal_text = f" (goal <= {goal:g})" if goal else ""
    print(f"{title}: kiosk probe --json {probe:.0f} ms, {floor} {result[floor]:.0f} ms, "
          f"ratio {probe / result[floor]:.2f}{goal_text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--platform", choices=("ios", "android"), help="only the cases of this platform")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-probe-cli-") as temp:
        home = Path(temp)
        if args.platform in (None, "ios"):
            bench_iphone(args.rounds, home)
            bench_eight(args.rounds, home, IPHONE)
        if args.platform in (None, "android"):
            bench_android(args.rounds, home)
            bench_eight(args.rounds, home, ANDROID)


if __name__ == "__main__":
    main()
