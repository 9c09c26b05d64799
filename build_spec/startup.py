"""Start-up time of the built app against the source: ``python3 build_spec/startup.py``.

Each run is ``kiosk selftest --timing`` in a new process; the time counted is from
starting the process to the self-test's ``timing: window_shown`` line, i.e. to the
counter window shown (the self-test starts its simulated phones first, ~0.1 s of it).
One warm-up run of each goes first, so both read their files from the page cache.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
WINDOW_SHOWN = "timing: window_shown"


def time_to_window(command: list[str]) -> float:
    """Seconds from starting ``command`` to its window-shown line; the run must then pass."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=REPOSITORY, stdout=subprocess.PIPE, text=True)
    shown = None
    for line in process.stdout:
        if shown is None and line.startswith(WINDOW_SHOWN):
            shown = time.monotonic() - started
    if process.wait() != 0 or shown is None:
        raise SystemExit(f"startup: {' '.join(command)} failed (exit status {process.returncode})")
    return shown


def median_time(command: list[str], runs: int) -> float:
    time_to_window(command)  # warm-up
    return statistics.median(time_to_window(command) for _ in range(runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program", type=Path, default=REPOSITORY / "dist" / "kiosk" / "kiosk",
                        help="the built program (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each, after a warm-up (default: %(default)s)")
    args = parser.parse_args(argv)
    source = median_time([sys.executable, "-m", "intake_kiosk", "selftest", "--timing"], args.runs)
    built = median_time([str(args.program), "selftest", "--timing"], args.runs)
    print(f"time to a shown window, median of {args.runs} runs:")
    print(f"  from source  {source:.2f} s")
    print(f"  built app    {built:.2f} s  ({built / source:.2f} × source)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
