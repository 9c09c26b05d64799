"""The ``kiosk`` program: the counter window, or one of the core's commands.

A thin entry in front of both front ends (the shape of dangerzone's
``__init__``): it parses the command line once and runs either the window
(:mod:`ui.app`, :mod:`ui.selftest`) or a command of :mod:`kiosk.cli`. Qt is
imported only when the window is asked for, so the command-line tools neither
pay for it nor need it; and the core's CLI never names the GUI.
"""

from __future__ import annotations

import argparse
import sys

from kiosk import cli

#: The customer screen's shortest idle time: under 20 s a customer reading the
#: "before you sell" steps would be sent back to the start.
SHORTEST_CUSTOMER_IDLE_SECONDS = 20


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return run_window(args)
    return cli.run_command(args)


def build_parser() -> argparse.ArgumentParser:
    common = cli.common_options()
    parser = argparse.ArgumentParser(
        prog="kiosk", parents=[common],
        description="Counter intake kiosk for a used-phone shop. Without a command, opens the counter window.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the window with simulated phones and a panel to plug them in"
    )
    parser.add_argument(
        "--customer-screen", nargs="?", const="", metavar="SCREEN",
        help="also open the customer self-intake screen, full screen on SCREEN (default: a screen other than "
             "the primary one); needs a staff PIN (kiosk set-pin)",
    )
    parser.add_argument(
        "--customer-idle", type=_idle_seconds, metavar="SEC",
        help="the customer screen starts over after this long without a touch (default: 90)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli.add_commands(commands, common)
    selftest = commands.add_parser(
        "selftest", help="run one intake on simulated phones in the real window (offscreen) and check the ledger"
    )
    selftest.add_argument("--timeout", type=float, default=60.0, metavar="SEC",
                          help="give up after (default: %(default)s)")
    selftest.add_argument("--timing", action="store_true",
                          help="print when the window shows, the phones are read, and the entry is recorded")
    selftest.set_defaults(run=run_selftest)
    return parser


def _idle_seconds(text: str) -> int:
    if not text.isdigit() or int(text) < SHORTEST_CUSTOMER_IDLE_SECONDS:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole seconds, at least {SHORTEST_CUSTOMER_IDLE_SECONDS}")
    return int(text)


def run_window(args: argparse.Namespace) -> int:
    from kiosk.ledger.location import LedgerLocationError
    from ui.app import run

    try:
        location = cli.ledger_location(args)
    except LedgerLocationError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return cli.EXIT_BAD_INPUT
    idle = {} if args.customer_idle is None else {"customer_idle_seconds": args.customer_idle}
    return run(cli.data_dir_of(args), demo=args.demo, customer_screen=args.customer_screen, ledger=location, **idle)


def run_selftest(args: argparse.Namespace) -> int:
    from ui.selftest import run_selftest

    return run_selftest(timeout=args.timeout, timing=args.timing)


def console_main() -> None:
    sys.exit(main())
