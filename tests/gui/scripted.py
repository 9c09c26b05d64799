"""A device service whose phones the test scripts: for UI behaviour that needs exact control.

It keeps the services' contract (:class:`device_probes.service.DeviceService`)
and, like them, reports events and finishes probes on a background thread. Tests of the real services against the
simulated phones live in ``test_simulated_phones.py``.
"""

from __future__ import annotations

import concurrent.futures
import threading

from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceFacts
from device_probes.service import DeviceService, EventHandler, ServiceNotStarted
from tests.factories import intake_json


def phone_facts(serial: str = "00008110-000A1B2C3D4E5F60", **changes) -> DeviceFacts:
    """The test factories' good iPhone, with top-level fields changed."""
    return DeviceFacts.from_json({**intake_json()["device"], "serial": serial, **changes})


class ScriptedService(DeviceService):
    def __init__(self, platform: str):
        self.platform = platform
        self.facts: dict[str, DeviceFacts] = {}
        self._attached: set[str] = set()
        #: When set, probes wait for it: a test can look at the UI mid-probe.
        self.hold_probes: threading.Event | None = None
        self.probes: list[str] = []
        #: Every probe's Future, in order: a test can wait until all have finished.
        self.futures: list[concurrent.futures.Future[DeviceFacts]] = []
        self._on_event: EventHandler | None = None
        self._threads: list[threading.Thread] = []

    def start(self, on_event: EventHandler) -> None:
        self._on_event = on_event

    def attached(self) -> set[str]:
        return set(self._attached)

    def stop(self) -> None:
        if self.hold_probes is not None:
            self.hold_probes.set()
        for thread in self._threads:
            thread.join()
        self._on_event = None

    def probe(self, serial: str) -> concurrent.futures.Future[DeviceFacts]:
        if self._on_event is None:
            raise ServiceNotStarted(f"the scripted {self.platform} service is not started")
        self.probes.append(serial)
        future: concurrent.futures.Future[DeviceFacts] = concurrent.futures.Future()
        self.futures.append(future)
        facts = self.facts[serial]

        def read() -> None:
            if self.hold_probes is not None:
                self.hold_probes.wait()
            future.set_result(facts)

        self._in_background(read)
        return future

    def plug(self, facts: DeviceFacts) -> str:
        self.facts[facts.serial] = facts
        self._attached.add(facts.serial)
        self._report(DeviceEvent(EventKind.ATTACHED, self.platform, facts.serial, facts.state))
        return facts.serial

    def unplug(self, serial: str) -> None:
        self._attached.discard(serial)
        self._report(DeviceEvent(EventKind.DETACHED, self.platform, serial))

    def _report(self, event: DeviceEvent) -> None:
        on_event = self._on_event
        assert on_event is not None, "plug phones after start()"
        self._in_background(lambda: on_event(event))

    def _in_background(self, work) -> None:
        thread = threading.Thread(target=work)
        self._threads.append(thread)
        thread.start()
