"""DeviceHub: services' events and probe results arrive on the GUI thread, one probe per phone."""

import concurrent.futures
import threading

import pytest
from PySide6.QtCore import QThread

from tests.gui.scripted import ScriptedService, phone_facts
from ui.background import Gateway
from ui.devices import DeviceHub

pytestmark = pytest.mark.gui


class _Refusing:
    """A service that cannot start (as when the adb server cannot be reached)."""

    def start(self, on_event):
        raise ConnectionRefusedError("adb server: connection refused")

    def stop(self):
        raise AssertionError("a service that did not start is not stopped")

    def probe(self, serial):
        raise AssertionError("a service that did not start is not asked")


@pytest.fixture
def gateway(qtbot):
    gateway = Gateway()
    yield gateway
    gateway.shutdown()


@pytest.fixture
def hub(qtbot, gateway):
    service = ScriptedService("ios")
    hub = DeviceHub({"ios": service, "android": _Refusing()}, gateway, retry_interval_ms=50)
    yield hub, service
    hub.stop()


def settle(qtbot, gateway: Gateway, service: ScriptedService) -> None:
    """Wait until every probe has finished and its result has been handled on the GUI thread."""
    concurrent.futures.wait(service.futures, timeout=10)
    handled = []
    gateway.run_on_main(lambda: handled.append(True))  # runs after every result already delivered
    qtbot.waitUntil(lambda: bool(handled))


def collect(signal):
    received = []
    signal.connect(lambda *args: received.append((QThread.currentThread(), *args)))
    return received


def test_results_arrive_on_the_gui_thread(qtbot, hub):
    hub, service = hub
    failures = collect(hub.service_failed)
    facts = collect(hub.facts_ready)
    hub.start()
    service.plug(phone_facts())
    qtbot.waitUntil(lambda: len(facts) == 1)
    assert facts[0][0] is QThread.currentThread()
    assert facts[0][1].serial == phone_facts().serial
    assert failures[0][1:] == ("android", "adb server: connection refused")


def test_one_probe_at_a_time_per_phone(qtbot, hub):
    hub, service = hub
    facts = collect(hub.facts_ready)
    service.hold_probes = threading.Event()
    hub.start()
    serial = service.plug(phone_facts())
    qtbot.waitUntil(lambda: service.probes == [serial])
    hub.probe(serial)
    hub.probe(serial)
    assert service.probes == [serial]

    service.hold_probes.set()
    qtbot.waitUntil(lambda: len(facts) == 2)
    assert service.probes == [serial, serial]


def test_a_late_result_from_before_a_replug_is_dropped(qtbot, hub, gateway):
    hub, service = hub
    facts = collect(hub.facts_ready)
    detached = collect(hub.detached)
    service.hold_probes = threading.Event()
    hub.start()
    serial = service.plug(phone_facts(model_name="first plug"))
    qtbot.waitUntil(lambda: len(service.probes) == 1)
    service.unplug(serial)
    qtbot.waitUntil(lambda: len(detached) == 1)
    service.plug(phone_facts(model_name="second plug"))
    qtbot.waitUntil(lambda: len(service.probes) == 2)

    service.hold_probes.set()
    settle(qtbot, gateway, service)
    assert [item[1].model_name for item in facts] == ["second plug"]


def test_a_failed_probe_is_reported(qtbot, hub):
    hub, service = hub
    failed = collect(hub.probe_failed)
    hub.start()
    serial = phone_facts().serial
    future = concurrent.futures.Future()
    future.set_exception(TimeoutError("the phone did not answer within 10 s"))
    service.probe = lambda _serial: future
    service.plug(phone_facts())
    qtbot.waitUntil(lambda: len(failed) == 1)
    assert failed[0][1:] == (serial, "the phone did not answer within 10 s")
