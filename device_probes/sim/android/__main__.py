"""Run simulated Android phones for a demo: ``python3 -m device_probes.sim.android [PROFILE ...]``.

Starts a private adb server, plugs in the named phones (all profiles when none
are named), prints the environment a client needs, and runs until Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys

from device_probes.sim import serve_until_stopped
from device_probes.sim.android.harness import AndroidSimulator
from device_probes.sim.android.phone import load_profile, profile_names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m device_probes.sim.android",
        description="Simulated Android phones behind a private adb server.",
    )
    parser.add_argument("profiles", nargs="*", metavar="PROFILE", help=f"one of: {', '.join(profile_names())}")
    parser.add_argument(
        "--latency", type=float, default=None, metavar="SECONDS", help="time each phone takes to answer a shell request"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.profiles if name not in profile_names()]
    if unknown:
        parser.error(f"unknown profile(s) {', '.join(unknown)}; known: {', '.join(profile_names())}")

    with AndroidSimulator() as simulator:
        for name in args.profiles or profile_names():
            overrides = {} if args.latency is None else {"latency": args.latency}
            serial = simulator.plug(name, **overrides)
            print(f"# {serial}  {name}: {load_profile(name).get('description', '')}")
        serve_until_stopped(simulator.env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
