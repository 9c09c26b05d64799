"""Run simulated iPhones until Ctrl-C: ``python3 -m device_probes.sim.ios [PROFILE ...]``.

With no profile named, every profile is plugged in. Export the printed
variables in another shell to point ``kiosk probe`` (or any usbmuxd client) at them.
"""

from __future__ import annotations

import argparse

from device_probes.sim import serve_until_stopped
from device_probes.sim.ios.harness import IosSimulator
from device_probes.sim.ios.profiles import profile_names
from device_probes.sim.phones import ANY_CLIENT_USBMUXD_ADDRESS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m device_probes.sim.ios", description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", metavar="PROFILE", help=f"one of: {', '.join(profile_names())}")
    parser.add_argument(
        "--address", default=ANY_CLIENT_USBMUXD_ADDRESS,
        help="UNIX socket path or HOST:PORT to listen on (default: a free loopback port, which every usbmuxd client reads)",
    )
    parser.add_argument(
        "--reply-delay", type=float, default=None, metavar="SECONDS",
        help="answer every request after this delay, like a phone on a real cable (default: at once)",
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.profiles) - set(profile_names()))
    if unknown:
        parser.error(f"unknown profile(s): {', '.join(unknown)}")
    with IosSimulator(args.address) as simulator:
        overrides = {} if args.reply_delay is None else {"reply_delay_seconds": args.reply_delay}
        for name in args.profiles or profile_names():
            print(f"plugged {name}: {simulator.plug(name, **overrides)}")
        serve_until_stopped(simulator.env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
