"""One thread that owns the ledger: every read and write of a window goes through it.

The GUI thread never waits on the ledger (an fsync, a writer lock with a busy
timeout, a server round trip): it hands work to :meth:`LedgerWorker.submit` and gets a
future, which ``ui`` turns into a call on the GUI thread. SQLite connections
belong to the thread that made them, so the ledger (a file or a server) is opened on this thread too.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import TypeVar

from kiosk.ledger import Ledger
from kiosk.ledger.location import LedgerLocation
from kiosk.ledger.sqlite_store import WRITER_LOCK_TIMEOUT_S

T = TypeVar("T")


class LedgerWorker:
    """Opens the ledger on its own thread and runs each submitted callable there, in order."""

    def __init__(self, location: LedgerLocation, *, lock_timeout: float = WRITER_LOCK_TIMEOUT_S,
                 claim_writer: bool = True):
        self.location = location
        self._thread = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-ledger")
        self._ledger: Ledger | None = None
        self._opened = self._thread.submit(self._open, lock_timeout, claim_writer)

    def _open(self, lock_timeout: float, claim_writer: bool) -> None:
        ledger = self.location.open(lock_timeout=lock_timeout)
        try:
            if claim_writer:
                ledger.claim_writer()
        except BaseException:
            ledger.close()
            raise
        self._ledger = ledger

    def wait_open(self, timeout: float | None = None) -> None:
        """Block until the ledger is open (at start-up, before the window shows); raises its LedgerError."""
        self._opened.result(timeout)

    def submit(self, work: Callable[[Ledger], T]) -> concurrent.futures.Future[T]:
        """Run ``work(ledger)`` on the ledger's thread, after everything submitted before it."""
        return self._thread.submit(self._run, work)

    def _run(self, work: Callable[[Ledger], T]) -> T:
        if self._ledger is None:
            self._opened.result()  # re-raises why it did not open
            raise RuntimeError("the ledger is closed")
        return work(self._ledger)

    def close(self) -> None:
        """Finish the work already submitted, close the ledger, end the thread."""
        self._thread.submit(self._close)
        self._thread.shutdown(wait=True)

    def _close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None
