"""``kiosk selftest`` from the source tree: it passes quietly, and it fails loudly.

The built program runs the same self-test in tests/built_app.
"""

import logging
import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]


def run_selftest(*options: str) -> subprocess.CompletedProcess:
    # No QT_QPA_PLATFORM: the self-test must choose offscreen by itself (there is no screen here).
    env = {name: value for name, value in os.environ.items() if name != "QT_QPA_PLATFORM"}
    return subprocess.run([sys.executable, "-m", "intake_kiosk", "selftest", *options], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_selftest_records_one_intake_and_says_nothing_on_stderr():
    done = run_selftest("--timing")
    assert done.stderr == ""
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines if line.startswith("timing:")] == [
        "window_shown", "phones_read", "entry_recorded"]
    assert lines[-1].startswith("kiosk selftest: passed in ")
    assert "(buy, IMEI 350162321000014) recorded, ledger intact" in lines[-1]


def test_selftest_stops_at_its_time_limit_and_says_what_it_waited_for():
    done = run_selftest("--timeout", "0")
    assert done.returncode == 1
    assert done.stderr.startswith("kiosk selftest: FAILED: timed out after 0 s waiting for the phone ")


@pytest.mark.parametrize("cause, expected", [
    (lambda: warnings.warn("old API", DeprecationWarning, stacklevel=2), "DeprecationWarning: old API"),
    (lambda: logging.getLogger("ui.devices").warning("adb went away"), "logged WARNING by ui.devices: adb went away"),
    (lambda: _fail_in_a_thread(ValueError("bad reply")), "uncaught ValueError in thread reader: bad reply"),
    (lambda: _qt_warning("QFont: no such family"), "Qt warning: QFont: no such family"),
])
def test_anything_unexpected_is_a_problem(cause, expected):
    from ui.selftest import Problems

    problems = Problems()
    with problems.watching():
        cause()
    assert [problem.split(" (")[0] for problem in problems] == [expected]


def _fail_in_a_thread(exc: Exception) -> None:
    def fail():
        raise exc

    thread = threading.Thread(target=fail, name="reader")
    thread.start()
    thread.join()


def _qt_warning(message: str) -> None:
    from PySide6.QtCore import qWarning

    qWarning(message)
