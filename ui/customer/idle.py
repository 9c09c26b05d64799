"""Back to the start when no one touches the screen: the next customer sees nothing of the last."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

#: The countdown shown before starting over, for the default 90 s and longer timeouts.
WARNING_SECONDS = 15
#: What counts as someone at the screen.
INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress})


class IdleTimeout(QObject):
    """Watches one window's input; after a quiet spell counts down aloud, then expires.

    Input goes to whichever child is touched, so the watch is an event filter on
    the application, keeping only events for widgets of the watched window.
    """

    warning = Signal(int)  # seconds left
    resumed = Signal()  # touched during the warning
    expired = Signal()

    def __init__(self, window: QWidget, idle_seconds: int):
        super().__init__(window)
        self._window = window
        self.warning_seconds = max(1, min(WARNING_SECONDS, idle_seconds // 3))
        self._seconds_left = 0
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval((idle_seconds - self.warning_seconds) * 1000)
        self._quiet.timeout.connect(self._start_warning)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._count_down)
        QCoreApplication.instance().installEventFilter(self)

    def start(self) -> None:
        """Watch from now on (again from the full time if already watching)."""
        if self._countdown.isActive():
            self._countdown.stop()
            self.resumed.emit()
        self._quiet.start()

    def stop(self) -> None:
        self._quiet.stop()
        self._countdown.stop()

    def is_watching(self) -> bool:
        return self._quiet.isActive() or self._countdown.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in INPUT_EVENTS and self.is_watching() and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self.start()
        return False

    def _start_warning(self) -> None:
        self._seconds_left = self.warning_seconds
        self.warning.emit(self._seconds_left)
        self._countdown.start()

    def _count_down(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left > 0:
            self.warning.emit(self._seconds_left)
        else:
            self.stop()
            self.expired.emit()
