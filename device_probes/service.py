"""The device-service contract: what a long-running program (the GUI) gets from each platform.

Both :class:`~device_probes.ios.IosDevices` and
:class:`~device_probes.android.AndroidDevices` implement it with the same names
and the same behaviour, so their user never asks which one it has:

- :meth:`DeviceService.start` begins watching; ``on_event`` is called from a
  background thread for every attach, state change and detach, and must hand
  the event over (e.g. to a queued Qt signal) and return at once.
- :meth:`DeviceService.probe` reads one phone in the background and returns a
  Future of its DeviceFacts. A phone that cannot be read gives facts whose
  ``state`` and ``problems`` say why; the Future does not fail for a phone's sake.
- :meth:`DeviceService.attached` lists the serials attached now, as last reported.
- :meth:`DeviceService.stop` returns within :data:`STOP_TIMEOUT_SECONDS`,
  whatever a worker is doing; nothing is reported after it.

Before :meth:`start` and after :meth:`stop`, ``attached()`` is empty, ``stop()``
does nothing and ``probe()`` raises :class:`ServiceNotStarted`.
"""

from __future__ import annotations

import abc
import logging
from collections.abc import Callable
from concurrent.futures import Future

from device_probes.events import DeviceEvent
from device_probes.facts import DeviceFacts

#: The longest ``stop()`` may take. A worker still busy then (a phone that does
#: not answer, an adb server that is slow to start) is left to finish on its
#: own; its result is dropped.
STOP_TIMEOUT_SECONDS = 2.0

EventHandler = Callable[[DeviceEvent], None]

log = logging.getLogger(__name__)


class ServiceNotStarted(RuntimeError):
    """``probe()`` was called before ``start()`` or after ``stop()``."""


class DeviceService(abc.ABC):
    #: "ios" or "android": the ``platform`` of its events and facts.
    platform: str
    #: The listener given to ``start()``; None before it and once ``stop()`` has begun.
    _on_event: EventHandler | None = None

    def _emit(self, event: DeviceEvent) -> None:
        """Hand an event to the listener: none once stopping, and a failing listener does not end the watch."""
        on_event = self._on_event
        if on_event is None:
            return
        try:
            on_event(event)
        except Exception:
            log.exception("the %s event listener failed on %s", self.platform, event)

    @abc.abstractmethod
    def start(self, on_event: EventHandler) -> None:
        """Begin watching; phones already attached are reported first. Raises RuntimeError if started."""

    @abc.abstractmethod
    def stop(self) -> None:
        """Stop watching and reading, within STOP_TIMEOUT_SECONDS."""

    @abc.abstractmethod
    def attached(self) -> set[str]:
        """The serials (UDIDs, adb serials) attached now, as last reported."""

    @abc.abstractmethod
    def probe(self, serial: str) -> Future[DeviceFacts]:
        """Read one phone on a background worker; raises ServiceNotStarted when not started."""
