"""The window's one way to the ledger: work on the ledger worker, results on the GUI thread.

The shape of Anki's ``CollectionOp`` / ``QueryOp``: a callable that takes the
ledger runs on the ledger's own thread; its success handler (and, for a problem
the user can act on, its failure handler) runs on the GUI thread afterwards.
A write's success handler runs once the entry is on disk, so "saved" is said there.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from typing import Any, TypeVar

from kiosk.export import ExportError
from kiosk.intake import IntakeError
from kiosk.ledger import Ledger, LedgerError
from kiosk.ledger.worker import LedgerWorker
from ui.background import Gateway

T = TypeVar("T")
# Problems a handler shows to the user; anything else is a bug, raised on the GUI thread.
EXPECTED_PROBLEMS = (LedgerError, IntakeError, ExportError)


class LedgerClient:
    def __init__(self, worker: LedgerWorker, gateway: Gateway):
        self.worker = worker
        self._gateway = gateway

    def run(self, work: Callable[[Ledger], T], on_done: Callable[[T], Any],
            on_problem: Callable[[Exception], Any] | None = None) -> concurrent.futures.Future[T]:
        """Run ``work(ledger)`` on the ledger's thread; then ``on_done(result)`` on the GUI thread.

        A :class:`LedgerError`, :class:`IntakeError` or :class:`ExportError` goes to ``on_problem``; without one, or for
        any other error, it is raised on the GUI thread (where the excepthook shows it).
        """

        def failed(error: BaseException) -> None:
            if on_problem is not None and isinstance(error, EXPECTED_PROBLEMS):
                on_problem(error)
                return
            raise error

        future = self.worker.submit(work)
        self._gateway.deliver(future, on_done, failed)
        return future
