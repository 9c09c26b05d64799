"""``kiosk selftest``: the whole app, once, with simulated phones, as proof that an install works.

It opens the real counter window (offscreen unless a platform is chosen) on a
temporary data directory, plugs in a simulated iPhone and Android phone, waits
until both are read through the real device services, enters one intake the
way a technician would (mark, checklist, seller, ID, price, staff) and confirms
it. Then it reopens the ledger from disk and checks the entry and the hash
chain. The same run works from a checkout, an installed wheel and the frozen
app, which is what the build's test runs.

Anything unexpected fails the run: an exception on any thread, a Python
warning, a logged warning or error, or a Qt warning. The reason goes to
stderr and the exit status is 1.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QMessageLogContext, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from device_probes.facts import DeviceFacts, DeviceState
from device_probes.sim.phones import SimulatedPhones
from kiosk.grading import Outcome
from kiosk.intake import Carrier, IdMethod, RestrictionMark, Wear
from kiosk.ledger import LedgerEntry, open_ledger
from kiosk.paths import LEDGER_FILENAME
from ui.app import CounterApp, device_services, prepare_application
from ui.condition_form import QUESTIONS
from ui.intake_editor import IntakeEditor

DEFAULT_TIMEOUT_S = 60.0
#: The phone whose intake is recorded: a clean SoftBank iPhone, graded "buy".
RECORDED_PHONE = ("ios", "iphone15_dual_sim")
RECORDED_CARRIER = Carrier.SOFTBANK
RECORDED_PRICE_YEN = 98_000
#: Read alongside it, so the Android path (the adb binary, adbutils) is proven too.
OTHER_PHONE = ("android", "galaxy_s21")
#: The offscreen platform's note that it cannot resize a native window: about the
#: platform, not the app, and only when offscreen.
OFFSCREEN_NOTE = "This plugin does not support propagateSizeHints()"
POLL_MS = 20


class SelfTestFailed(Exception):
    pass


def run_selftest(timeout: float = DEFAULT_TIMEOUT_S, timing: bool = False) -> int:
    """Run the self-test; return the exit status (0 passed, 1 failed) after saying why."""
    # Before the QApplication exists: it picks its platform plugin when it starts.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problems = Problems()
    started = time.monotonic()
    try:
        with problems.watching():
            entry = SelfTest(Deadline(timeout), problems, started if timing else None).run()
    except SelfTestFailed as exc:
        problems.add(str(exc))
    except Exception as exc:
        # An error in the app itself (a missing file, a bug): the traceback says where.
        traceback.print_exc()
        problems.add(f"{type(exc).__name__}: {exc}")
    if problems:
        for problem in problems:
            print(f"kiosk selftest: FAILED: {problem}", file=sys.stderr)
        return 1
    print(f"kiosk selftest: passed in {time.monotonic() - started:.1f} s: entry {entry.id} "
          f"({entry.outcome}, IMEI {entry.imei1}) recorded, ledger intact")
    return 0


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self, waiting_for: str) -> None:
        if time.monotonic() > self._end:
            raise SelfTestFailed(f"timed out after {self.seconds:.0f} s waiting for {waiting_for}")


class Problems:
    """Everything unexpected that happened during the run, from any thread or library."""

    def __init__(self) -> None:
        self._found: list[str] = []
        self._lock = threading.Lock()

    def add(self, problem: str) -> None:
        with self._lock:
            self._found.append(problem)

    def __bool__(self) -> bool:
        return bool(self._found)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._found))

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Route uncaught exceptions, warnings, log records and Qt warnings here while the run lasts."""
        saved_hooks = sys.excepthook, threading.excepthook
        sys.excepthook = lambda kind, exc, tb: self.add(f"uncaught {kind.__name__}: {exc}{_raised_at(tb)}")
        threading.excepthook = lambda args: self.add(
            f"uncaught {args.exc_type.__name__} in thread {args.thread.name if args.thread else '?'}: "
            f"{args.exc_value}{_raised_at(args.exc_traceback)}")
        log_handler = _ProblemLogHandler(self)
        root = logging.getLogger()
        root.addHandler(log_handler)
        previous_qt_handler = qInstallMessageHandler(self._qt_message)
        try:
            # catch_warnings restores the filters and showwarning when it ends.
            with warnings.catch_warnings():
                # Every warning counts, also those Python hides by default (DeprecationWarning).
                warnings.simplefilter("always")
                warnings.showwarning = lambda message, category, filename, lineno, *_: self.add(
                    f"{category.__name__}: {message} ({filename}:{lineno})")
                yield
        finally:
            qInstallMessageHandler(previous_qt_handler)
            root.removeHandler(log_handler)
            sys.excepthook, threading.excepthook = saved_hooks

    def _qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        if message == OFFSCREEN_NOTE and QApplication.platformName() == "offscreen":
            return
        self.add(f"Qt {kind.name.removeprefix('Qt').removesuffix('Msg').lower()}: {message}")


def _raised_at(tb: TracebackType | None) -> str:
    """Where an exception was raised, as " (file:line)": enough to find it from a one-line report."""
    if tb is None:
        return ""
    frame = traceback.extract_tb(tb)[-1]
    return f" ({frame.filename}:{frame.lineno})"


class _ProblemLogHandler(logging.Handler):
    def __init__(self, problems: Problems):
        super().__init__(logging.WARNING)
        self._problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        self._problems.add(f"logged {record.levelname} by {record.name}: {record.getMessage()}")


class SelfTest:
    def __init__(self, deadline: Deadline, problems: Problems, timing_since: float | None):
        self._deadline = deadline
        self._problems = problems
        self._timing_since = timing_since

    def run(self) -> LedgerEntry:
        app = QApplication.instance() or QApplication([sys.argv[0]])
        translations = prepare_application(app)
        with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as data, SimulatedPhones() as phones:
            data_dir = Path(data)
            counter = CounterApp(data_dir, device_services(data_dir), translations)
            try:
                counter.window.show()
                self._wait_until(counter.window.isVisible, "the counter window to show")
                self._mark_time("window_shown")
                counter.start()
                serial = phones.plug(*RECORDED_PHONE)
                other_serial = phones.plug(*OTHER_PHONE)
                editor = self._wait_for_phone(counter, serial)
                self._wait_for_phone(counter, other_serial)
                self._mark_time("phones_read")
                self._enter_intake(counter, editor, serial)
                self._mark_time("entry_recorded")
            finally:
                counter.shutdown()
            return self._check_ledger(data_dir / LEDGER_FILENAME, editor.facts)

    def _wait_until(self, condition: Callable[[], bool], waiting_for: str) -> None:
        """Run the event loop until ``condition`` holds, the deadline passes or something went wrong."""
        loop = QEventLoop()
        while not condition():
            if self._problems:
                raise SelfTestFailed(f"stopped while waiting for {waiting_for}")
            self._deadline.check(waiting_for)
            QTimer.singleShot(POLL_MS, loop.quit)
            loop.exec()

    def _wait_for_phone(self, counter: CounterApp, serial: str) -> IntakeEditor:
        view = counter.window.counter

        def read() -> bool:
            facts = view.facts_of(serial) if serial in view.cards else None
            return facts is not None and facts.state is DeviceState.READY

        self._wait_until(read, f"the phone {serial} to be read")
        # The technician chooses the phone's card; its form is made then.
        view.select(serial)
        return view.editor_for(serial)

    def _enter_intake(self, counter: CounterApp, editor: IntakeEditor, serial: str) -> None:
        """What the technician enters, through the window's actions where it has them."""
        window = counter.window
        window.counter.select(serial)
        editor.mark_entry.set_carrier(RECORDED_CARRIER)
        window.mark_actions[RestrictionMark.CLEAR].trigger()
        for question in QUESTIONS:
            editor.condition_form.answer(question, question == "powers_on")
        editor.condition_form.set_wear(Wear.S)
        seller = editor.seller_form
        seller.name.setText("見本 太郎")
        seller.address.setText("東京都千代田区外神田1-1-1")
        seller.occupation.setText("会社員")
        seller.date_of_birth.setText("19900401")
        seller.id_method.setCurrentIndex(seller.id_method.findData(IdMethod.DRIVERS_LICENSE.value))
        seller.id_number.setText("123456789012")
        editor.grade_panel.staff_name.setText("selftest")
        self._wait_until(lambda: editor.grade is not None and editor.grade.outcome is Outcome.BUY,
                         "the grade 'buy'")
        editor.grade_panel.price.setValue(RECORDED_PRICE_YEN)
        # Recording runs on the ledger worker: the panel says 保存中… until the entry is on disk.
        window.confirm_action.trigger()
        self._wait_until(lambda: not editor.saving, "the entry to be saved")
        if editor.saved_entry_id is None:
            raise SelfTestFailed(f"the entry was not recorded: {editor.grade_panel.status.text()}")

    def _check_ledger(self, path: Path, facts: DeviceFacts) -> LedgerEntry:
        """Read the entry back from the file, as a new session of the app would find it."""
        with open_ledger(path, read_only=True) as ledger:
            verified = ledger.verify()
            entries = list(ledger.entries_on(dt.date.today()))
        if not verified.ok:
            raise SelfTestFailed(f"the ledger does not verify: {verified.problem}")
        if len(entries) != 1:
            raise SelfTestFailed(f"expected 1 ledger entry, found {len(entries)}")
        [entry] = entries
        found = (entry.imei1, entry.outcome, entry.price_yen)
        expected = (facts.imei[0], Outcome.BUY.value, RECORDED_PRICE_YEN)
        if found != expected:
            raise SelfTestFailed(f"the ledger entry holds (IMEI, outcome, price) {found}, expected {expected}")
        return entry

    def _mark_time(self, phase: str) -> None:
        if self._timing_since is not None:
            print(f"timing: {phase} {time.monotonic() - self._timing_since:.3f}", flush=True)
