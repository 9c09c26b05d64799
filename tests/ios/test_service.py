"""IosDevices: hotplug events, concurrent probes and surviving a usbmuxd restart."""

import queue
import time

import pytest

from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceState
from device_probes.ios import IosDevices
from device_probes.service import STOP_TIMEOUT_SECONDS, ServiceNotStarted

EVENT_TIMEOUT = 5


@pytest.fixture
def events():
    return queue.Queue()


@pytest.fixture
def devices(simulator, pair_records_dir, events):
    service = IosDevices(pair_records_dir, probe_timeout=5)
    service.start(events.put)
    yield service
    service.stop()


def next_event(events) -> DeviceEvent:
    return events.get(timeout=EVENT_TIMEOUT)


def attached(udid):
    return DeviceEvent(EventKind.ATTACHED, "ios", udid)


def detached(udid):
    return DeviceEvent(EventKind.DETACHED, "ios", udid)


def test_phones_present_at_start_then_plugged_and_unplugged_are_reported(simulator, pair_records_dir, events):
    first = simulator.plug("iphone13pro_findmy_on")
    service = IosDevices(pair_records_dir)
    service.start(events.put)
    try:
        assert next_event(events) == attached(first)
        second = simulator.plug("worn_battery")
        assert next_event(events) == attached(second)
        simulator.unplug(first)
        assert next_event(events) == detached(first)
        assert service.attached() == {second}
    finally:
        service.stop()
    assert events.empty()


def test_phones_on_wifi_are_not_reported(simulator, devices, events):
    simulator.plug("iphone15_dual_sim", connection_type="Network")
    usb = simulator.plug("worn_battery")
    assert next_event(events) == attached(usb)
    assert devices.attached() == {usb}


def test_probe_returns_the_facts_in_a_future(simulator, devices, events):
    udid = simulator.plug("worn_battery")
    assert next_event(events) == attached(udid)
    facts = devices.probe(udid).result(timeout=10)
    assert facts.state is DeviceState.READY
    assert facts.battery.health_percent == 76.0


def test_a_silent_phone_does_not_hold_up_another(simulator, devices):
    silent = simulator.plug("iphone15_dual_sim", silent=True)
    quick = simulator.plug("iphone13pro_findmy_on")
    slow_read = devices.probe(silent)
    started = time.monotonic()

    assert devices.probe(quick).result(timeout=10).state is DeviceState.READY
    assert time.monotonic() - started < 2
    assert not slow_read.done()
    assert slow_read.result(timeout=10).state is DeviceState.ERROR


def test_the_watcher_recovers_when_usbmuxd_comes_back(simulator, devices, events):
    stays = simulator.plug("iphone13pro_findmy_on")
    leaves = simulator.plug("worn_battery")
    assert {next_event(events), next_event(events)} == {attached(stays), attached(leaves)}

    simulator.stop_usbmuxd()
    simulator.unplug(leaves)
    arrives = simulator.plug("iphone15_dual_sim")
    time.sleep(0.5)
    simulator.start_usbmuxd()

    # Only what changed while usbmuxd was away is reported.
    assert {next_event(events), next_event(events)} == {detached(leaves), attached(arrives)}
    assert devices.attached() == {stays, arrives}
    simulator.unplug(stays)
    assert next_event(events) == detached(stays)
    assert devices.probe(arrives).result(timeout=10).state is DeviceState.READY


def test_a_probe_while_usbmuxd_is_down_is_an_error_not_a_hang(simulator, devices, events):
    udid = simulator.plug("iphone13pro_findmy_on")
    assert next_event(events) == attached(udid)
    simulator.stop_usbmuxd()
    facts = devices.probe(udid).result(timeout=10)
    assert facts.state is DeviceState.ERROR
    assert "usbmuxd" in facts.errors[0]


def test_stop_ends_the_background_thread(simulator, pair_records_dir, events):
    service = IosDevices(pair_records_dir)
    service.start(events.put)
    pending = service.probe(simulator.plug("iphone15_dual_sim", silent=True))
    started = time.monotonic()
    service.stop()
    assert time.monotonic() - started < STOP_TIMEOUT_SECONDS
    assert pending.cancelled()
    with pytest.raises(ServiceNotStarted):
        service.probe("00008110-0000000000000000")


def test_a_failing_event_handler_does_not_stop_the_watcher(simulator, pair_records_dir, events):
    def handler(event):
        events.put(event)
        raise ValueError("handler bug")

    service = IosDevices(pair_records_dir)
    service.start(handler)
    try:
        first = simulator.plug("iphone13pro_findmy_on")
        assert next_event(events) == attached(first)
        second = simulator.plug("worn_battery")
        assert next_event(events) == attached(second)
    finally:
        service.stop()


def test_it_can_be_started_again_after_stop(simulator, pair_records_dir, events):
    udid = simulator.plug("worn_battery")
    service = IosDevices(pair_records_dir)
    for _ in range(2):
        service.start(events.put)
        try:
            assert next_event(events) == attached(udid)
            assert service.probe(udid).result(timeout=10).state is DeviceState.READY
        finally:
            service.stop()
