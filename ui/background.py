"""The one gateway between background threads and the GUI thread.

Widgets never wait on a phone, a file or a thread. Work goes to a background
thread through :meth:`Gateway.run_in_background`; results from any thread
(our own workers or the device services' futures) come back through
:meth:`Gateway.deliver`, which runs the handler on the GUI thread.

Handlers run one per turn of the event loop: when eight phones answer at once,
the window still repaints, takes input and fires its timers between them.
"""

from __future__ import annotations

import collections
import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class Gateway(QObject):
    """Runs callables in a thread pool and hands their results to the GUI thread.

    Create it on the GUI thread; :meth:`shutdown` waits for running work.
    """

    _posted = Signal()

    def __init__(self, workers: int = 2, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="kiosk-worker")
        self._closed = False
        #: Handlers waiting for the GUI thread (deque: appended and taken from any thread safely).
        self._pending: collections.deque[Callable[[], Any]] = collections.deque()
        # A zero timer fires once per pass of the event loop, after the window's own events.
        self._next_handler = QTimer(self)
        self._next_handler.setInterval(0)
        self._next_handler.timeout.connect(self._run_one)
        # Queued even when emitted on the GUI thread, so a handler never runs
        # inside the code that started the work.
        self._posted.connect(self._next_handler.start, Qt.ConnectionType.QueuedConnection)

    def run_on_main(self, function: Callable[[], Any]) -> None:
        """Call ``function`` on the GUI thread soon; safe from any thread."""
        self._pending.append(function)
        self._posted.emit()

    def deliver(
        self,
        future: concurrent.futures.Future,
        on_done: Callable[[Any], Any],
        on_error: Callable[[BaseException], Any],
    ) -> None:
        """When ``future`` finishes, call ``on_done(result)`` or ``on_error(exception)`` on the GUI thread."""

        def finished(done: concurrent.futures.Future) -> None:
            if done.cancelled():
                return
            error = done.exception()
            if error is None:
                result = done.result()
                self.run_on_main(lambda: on_done(result))
            else:
                self.run_on_main(lambda: on_error(error))

        future.add_done_callback(finished)

    def run_in_background(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], Any],
        on_error: Callable[[BaseException], Any],
    ) -> concurrent.futures.Future:
        future = self._pool.submit(function)
        self.deliver(future, on_done, on_error)
        return future

    def shutdown(self) -> None:
        """Wait for running work; results that arrive later are dropped (their widgets are gone)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._closed = True

    @Slot()
    def _run_one(self) -> None:
        if not self._pending or self._closed:
            self._next_handler.stop()
            return
        self._pending.popleft()()
