"""Build the counter app with PyInstaller: ``python3 build_spec/build.py`` makes ``dist/kiosk/kiosk``.

Run it from anywhere; it works in the repository that holds it. Needs the ``build``
extra (``python3 -m pip install -e '.[build]'``). Check the result with
``dist/kiosk/kiosk selftest``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
SPEC = REPOSITORY / "build_spec" / "kiosk.spec"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec from a clean work folder; return the built program."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(SPEC)],
        cwd=REPOSITORY, check=True,
    )
    return dist / "kiosk" / ("kiosk.exe" if sys.platform == "win32" else "kiosk")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPOSITORY / "dist", help="output folder (default: %(default)s)")
    parser.add_argument("--work", type=Path, default=REPOSITORY / "build", help="PyInstaller's work folder (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401  (only to say clearly what is missing)
    except ImportError:
        print("build: PyInstaller is not installed; run: python3 -m pip install -e '.[build]'", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        program = build(args.dist, args.work)
    except subprocess.CalledProcessError as exc:
        print(f"build: PyInstaller failed (exit status {exc.returncode})", file=sys.stderr)
        return 1
    print(f"built {program} in {time.monotonic() - started:.0f} s; check it with: {program} selftest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
