"""DeviceHub: the device services (iPhone, Android) as Qt signals on the GUI thread.

The services follow the Qt-free contract of :mod:`device_probes.service`:
``start(on_event)`` reports attach, state-change and detach events from a
background thread, and ``probe(serial)`` returns a Future of DeviceFacts. The hub hands both to
the GUI thread through the :class:`~ui.background.Gateway`, so no widget ever
waits on a phone. It runs at most one probe per serial: a request that comes
while one is running is remembered and run after it, and a phone waiting for
"Trust" or "Allow" is read again every few seconds until it answers or goes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceFacts, DeviceState
from device_probes.service import DeviceService
from ui.background import Gateway

log = logging.getLogger(__name__)

#: States in which the phone is waiting for the customer: read it again soon.
WAITING_STATES = frozenset({
    DeviceState.UNAUTHORIZED,
    DeviceState.PAIRING_PENDING,
    DeviceState.PASSCODE_LOCKED,
})
RETRY_INTERVAL_MS = 2000


@dataclass
class _Phone:
    platform: str
    #: Counts attachments of this serial, so a late result of an earlier
    #: attachment is not shown on the phone plugged in since.
    generation: int
    probing: bool = False
    probe_again: bool = False
    retry: QTimer | None = None


class DeviceHub(QObject):
    attached = Signal(str, str)  # platform, serial
    state_changed = Signal(str, object)  # serial, DeviceState
    probe_started = Signal(str)  # serial
    facts_ready = Signal(object)  # DeviceFacts
    probe_failed = Signal(str, str)  # serial, message
    detached = Signal(str)  # serial
    service_failed = Signal(str, str)  # platform, message

    def __init__(self, services: dict[str, DeviceService], gateway: Gateway, parent: QObject | None = None,
                 retry_interval_ms: int = RETRY_INTERVAL_MS):
        super().__init__(parent)
        self._services = services
        self._gateway = gateway
        self._retry_interval_ms = retry_interval_ms
        self._phones: dict[str, _Phone] = {}
        self._generations: dict[str, int] = {}
        self._started: list[DeviceService] = []

    def start(self) -> None:
        for platform, service in self._services.items():
            try:
                service.start(self._event_from_service)
            except Exception as exc:  # a dead adb server must not stop the iPhones
                log.exception("the %s device service did not start", platform)
                self.service_failed.emit(platform, str(exc))
            else:
                self._started.append(service)

    def stop(self) -> None:
        for phone in self._phones.values():
            if phone.retry is not None:
                phone.retry.stop()
        self._phones.clear()
        for service in self._started:
            service.stop()
        self._started.clear()

    def probe(self, serial: str) -> None:
        """Read the phone (again); the result comes as ``facts_ready`` or ``probe_failed``."""
        phone = self._phones.get(serial)
        if phone is None:
            return
        if phone.probing:
            phone.probe_again = True
            return
        if phone.retry is not None:
            phone.retry.stop()
        phone.probing, phone.probe_again = True, False
        generation = phone.generation
        self.probe_started.emit(serial)
        try:
            future = self._services[phone.platform].probe(serial)
        except Exception as exc:
            self._probe_failed(serial, generation, exc)
            return
        self._gateway.deliver(
            future,
            lambda facts: self._probe_done(serial, generation, facts),
            lambda exc: self._probe_failed(serial, generation, exc),
        )

    # -- called from the services' threads ---------------------------------------

    def _event_from_service(self, event: DeviceEvent) -> None:
        self._gateway.run_on_main(lambda: self._handle_event(event))

    # -- on the GUI thread ----------------------------------------------------------

    def _handle_event(self, event: DeviceEvent) -> None:
        if event.kind is EventKind.ATTACHED:
            if event.serial in self._phones:
                return
            generation = self._generations.get(event.serial, 0) + 1
            self._generations[event.serial] = generation
            self._phones[event.serial] = _Phone(event.platform, generation)
            self.attached.emit(event.platform, event.serial)
            self.probe(event.serial)
        elif event.kind is EventKind.STATE_CHANGED:
            if event.serial not in self._phones:
                return
            if event.state is not None:
                self.state_changed.emit(event.serial, event.state)
            self.probe(event.serial)
        elif event.kind is EventKind.DETACHED:
            phone = self._phones.pop(event.serial, None)
            if phone is None:
                return
            if phone.retry is not None:
                phone.retry.stop()
                phone.retry.deleteLater()
            self.detached.emit(event.serial)

    def _current(self, serial: str, generation: int) -> _Phone | None:
        phone = self._phones.get(serial)
        return phone if phone is not None and phone.generation == generation else None

    def _probe_done(self, serial: str, generation: int, facts: DeviceFacts) -> None:
        phone = self._current(serial, generation)
        if phone is None:
            return
        phone.probing = False
        self.facts_ready.emit(facts)
        if phone.probe_again:
            self.probe(serial)
        elif facts.state in WAITING_STATES:
            self._retry_later(serial, phone)

    def _probe_failed(self, serial: str, generation: int, exc: BaseException) -> None:
        phone = self._current(serial, generation)
        if phone is None:
            return
        phone.probing = False
        log.warning("reading %s failed: %s", serial, exc)
        self.probe_failed.emit(serial, str(exc) or type(exc).__name__)
        if phone.probe_again:
            self.probe(serial)

    def _retry_later(self, serial: str, phone: _Phone) -> None:
        if phone.retry is None:
            phone.retry = QTimer(self)
            phone.retry.setSingleShot(True)
            phone.retry.timeout.connect(lambda: self.probe(serial))
        phone.retry.start(self._retry_interval_ms)
