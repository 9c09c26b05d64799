"""Ctrl-C and SIGTERM while the window is open.

- Ctrl-C (SIGINT) in the terminal is someone at the counter PC: it goes the
  way of the window's ✕, so with intakes not saved the window asks first, and
  without any it quits at once. Staff who choose to stay keep working; a later
  Ctrl-C asks again.
- SIGTERM is the PC or the session shutting down: no one may be there to
  answer, and a question would only hold up the shutdown until the system
  kills the app. The app quits without asking. Intakes not saved are not
  recorded (the log says how many, nothing of their content); an entry whose
  save had started is finished before the ledger closes, and every entry is
  one transaction, so nothing half-written reaches the ledger.
- A second signal while the first is still being dealt with (the question
  open, a slow shutdown) exits at once.

The shape of qutebrowser's ``misc/crashsignal.py``. Python runs a signal
handler only between its own bytecodes, so while Qt's event loop waits in C++
nothing would run it: on POSIX, ``signal.set_wakeup_fd`` has the C-level
handler write to a pipe that a QSocketNotifier watches, which wakes the loop
at once (Windows has no such pipe, so a timer lets Python in now and then).
The handler itself only schedules the work with ``QTimer.singleShot(0)``:
closing windows inside a signal handler can re-enter Qt mid-call.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT, signal.SIGTERM)
#: Without a wakeup pipe (Windows): how often Python gets the chance to run the handler.
POLL_MS = 250


def _exit_now(status: int) -> None:
    # Skips Python's clean-up on purpose: that clean-up is what did not finish. The
    # ledger loses nothing: each entry is committed before "saved" is shown.
    os._exit(status)


class SignalHandler(QObject):
    """While active, the first SIGINT calls ``ask_to_close`` and the first SIGTERM ``close_now``,
    each from the event loop; a second signal exits. ``rearm`` says the close was called off."""

    def __init__(self, ask_to_close: Callable[[], None], close_now: Callable[[], None],
                 exit_now: Callable[[int], None] = _exit_now, parent: QObject | None = None):
        super().__init__(parent)
        self._ask_to_close = ask_to_close
        self._close_now = close_now
        self._exit_now = exit_now
        self._closing = False
        self._previous_handlers: dict[int, Any] = {}
        self._previous_wakeup_fd: int | None = None
        self._pipe: tuple[int, int] | None = None
        self._notifier: QSocketNotifier | None = None
        self._timer: QTimer | None = None

    def activate(self) -> None:
        if sys.platform == "win32":
            self._timer = QTimer(self)
            self._timer.timeout.connect(lambda: None)  # Python code runs, and with it the handler
            self._timer.start(POLL_MS)
        else:
            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self._pipe = (read_fd, write_fd)
            self._notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._drain_wakeup_pipe)
            self._previous_wakeup_fd = signal.set_wakeup_fd(write_fd)
        self._previous_handlers = {signum: signal.signal(signum, self._on_signal) for signum in SIGNALS}

    def deactivate(self) -> None:
        for signum, handler in self._previous_handlers.items():
            signal.signal(signum, handler)
        self._previous_handlers = {}
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._pipe is not None:
            signal.set_wakeup_fd(-1 if self._previous_wakeup_fd is None else self._previous_wakeup_fd)
            assert self._notifier is not None
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
            for fd in self._pipe:
                os.close(fd)
            self._pipe = None

    def _drain_wakeup_pipe(self) -> None:
        # Reading is all there is to do: the handler itself runs as this Python code does.
        assert self._pipe is not None
        try:
            while os.read(self._pipe[0], 512):
                pass
        except BlockingIOError:
            pass

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self._closing:
            log.warning("second %s: exiting at once", signal.Signals(signum).name)
            self._exit_now(128 + signum)
            return
        self._closing = True
        QTimer.singleShot(0, self._ask_to_close if signum == signal.SIGINT else self._close_now)

    def rearm(self) -> None:
        """Staff chose to stay when asked: the next signal starts over instead of forcing the exit."""
        self._closing = False
