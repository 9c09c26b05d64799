"""AndroidDevices: hotplug events and probes through the real adb server."""

from __future__ import annotations

import os
import queue
import signal
import threading
import time

import pytest

from device_probes.android import AndroidDevices
from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceState
from device_probes.service import STOP_TIMEOUT_SECONDS, ServiceNotStarted
from device_probes.sim.android import AndroidSimulator

#: What stop() may take beyond its budget on a loaded machine.
STOP_SLACK_SECONDS = 0.5


class EventLog:
    """Collects events from the watcher thread and waits for the one a test expects."""

    def __init__(self):
        self.events: queue.Queue[DeviceEvent] = queue.Queue()

    def __call__(self, event: DeviceEvent) -> None:
        self.events.put(event)

    def wait_for(self, kinds, serial: str, state: DeviceState | None = None, timeout: float = 10.0):
        """The next event of one of ``kinds`` for ``serial`` (and ``state``, if given)."""
        kinds = {kinds} if isinstance(kinds, EventKind) else set(kinds)
        seen = []
        while True:
            try:
                event = self.events.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no {kinds} {state} for {serial}; saw {seen}")
            seen.append(event)
            if event.kind in kinds and event.serial == serial and (state is None or event.state is state):
                return event

    def wait_until(self, serial: str, state: DeviceState, timeout: float = 10.0):
        """The event that brings ``serial`` to ``state``, attached in it or changed to it."""
        return self.wait_for({EventKind.ATTACHED, EventKind.STATE_CHANGED}, serial, state, timeout)


@pytest.fixture
def watcher(adb_env):
    devices = AndroidDevices(poll_interval=0.5, start_server=False)
    log = EventLog()
    devices.start(log)
    yield devices, log
    devices.stop()


def test_attach_state_change_and_detach(watcher, plug, adb_env):
    devices, log = watcher
    serial = plug("pixel6a_unauthorized")
    # The phone may be seen mid-handshake (offline) before it shows as unauthorized.
    log.wait_until(serial, DeviceState.UNAUTHORIZED)
    adb_env.phones[serial].allow_usb_debugging()
    log.wait_until(serial, DeviceState.READY)
    assert serial in devices.attached()
    adb_env.unplug(serial)
    event = log.wait_for(EventKind.DETACHED, serial)
    assert event.platform == "android" and event.state is None
    assert serial not in devices.attached()


def test_a_phone_s_worker_thread_runs_before_the_phone_is_reported(adb_env, plug):
    """probe() is called from the GUI thread; starting a thread there would wait until it runs."""
    devices, log = AndroidDevices(poll_interval=0.5, start_server=False), EventLog()
    threads_when_reported: list[set[str]] = []

    def on_event(event: DeviceEvent) -> None:
        threads_when_reported.append({thread.name for thread in threading.enumerate()})
        log(event)

    devices.start(on_event)
    try:
        serial = plug("galaxy_s21")
        log.wait_for(EventKind.ATTACHED, serial)
        assert any(name.startswith(f"adb-probe-{serial}") for name in threads_when_reported[0])
        threads = threading.active_count()
        future = devices.probe(serial)
        assert threading.active_count() <= threads  # probe() started none
        assert future.result(timeout=10).model_code == "SC-51B"
    finally:
        devices.stop()


def test_probe_runs_on_a_worker_and_returns_facts(watcher, plug):
    devices, log = watcher
    serial = plug("galaxy_s21")
    log.wait_until(serial, DeviceState.READY)
    facts = devices.probe(serial).result(timeout=10)
    assert facts.state is DeviceState.READY and facts.model_code == "SC-51B"
    missing = devices.probe("127.0.0.1:1").result(timeout=10)
    assert missing.state is DeviceState.ERROR and "no longer connected" in missing.errors[0]


def test_a_hanging_phone_does_not_hold_up_another(adb_env, plug):
    devices = AndroidDevices(timeout=2.0, start_server=False)
    devices.start(lambda event: None)
    try:
        hanging = devices.probe(plug("pixel8_frp", hang=True))
        healthy = devices.probe(plug("redmi_note11"))
        assert healthy.result(timeout=1.5).state is DeviceState.READY
        assert not hanging.done()
        assert hanging.result(timeout=5).state is DeviceState.ERROR
    finally:
        devices.stop()


@pytest.mark.sim
def test_survives_an_adb_server_restart(monkeypatch):
    with AndroidSimulator() as sim:
        for key, value in sim.env.items():
            monkeypatch.setenv(key, value)
        serial = sim.plug("reno7a_dual_sim")
        devices = AndroidDevices(poll_interval=0.5, start_server=False)
        log = EventLog()
        devices.start(log)
        try:
            log.wait_until(serial, DeviceState.READY)
            sim.kill_server()
            log.wait_for(EventKind.DETACHED, serial)
            failed = devices.probe(serial).result(timeout=10)
            assert failed.state is DeviceState.ERROR and "adb server" in failed.errors[0]
            sim.start_server()  # the phones are connected again
            log.wait_until(serial, DeviceState.READY)
            assert devices.probe(serial).result(timeout=10).imei == ["869512045678905", "869512045679085"]
        finally:
            devices.stop()


def app_threads() -> set[threading.Thread]:
    """Threads of the app; the simulated phone's own (named adbd-…) may outlive a read by a moment."""
    return {thread for thread in threading.enumerate() if not thread.name.startswith("adbd-")}


def test_stop_joins_every_thread(adb_env, plug):
    serial = plug("pixel8_frp")
    before = app_threads()
    devices = AndroidDevices(poll_interval=0.2, start_server=False)
    devices.start(lambda event: None)
    devices.probe(serial).result(timeout=10)
    assert len(app_threads()) > len(before)
    devices.stop()
    assert app_threads() <= before
    with pytest.raises(ServiceNotStarted):
        devices.probe(serial)


def timed_stop(devices: AndroidDevices) -> float:
    started = time.monotonic()
    devices.stop()
    return time.monotonic() - started


def test_stop_returns_in_time_while_a_phone_hangs_mid_read(adb_env, plug):
    devices = AndroidDevices(timeout=10.0, start_server=False)
    devices.start(lambda event: None)
    hanging = devices.probe(plug("pixel8_frp", hang=True))
    assert timed_stop(devices) < STOP_TIMEOUT_SECONDS + STOP_SLACK_SECONDS
    assert hanging.result(timeout=15).state is DeviceState.ERROR  # it timed out on its own


def test_stop_returns_in_time_while_adb_start_server_hangs(tmp_path, monkeypatch):
    started, pid_file = tmp_path / "started", tmp_path / "adb.pid"
    adb = tmp_path / "adb"
    adb.write_text(f"#!/bin/sh\necho $$ > {pid_file}\ntouch {started}\nexec sleep 60\n")
    adb.chmod(0o755)
    monkeypatch.setenv("ADBUTILS_ADB_PATH", str(adb))
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", "9")  # nothing listens there: the server must be started
    events = []
    devices = AndroidDevices(start_server=True)
    devices.start(events.append)
    try:
        deadline = time.monotonic() + 10
        while not started.exists():
            assert time.monotonic() < deadline, "adb start-server was never run"
            time.sleep(0.01)
        assert timed_stop(devices) < STOP_TIMEOUT_SECONDS + STOP_SLACK_SECONDS
        assert events == []
    finally:
        os.kill(int(pid_file.read_text()), signal.SIGKILL)


def test_a_failing_listener_does_not_end_the_watch(adb_env, plug):
    log = EventLog()

    def flaky(event: DeviceEvent) -> None:
        log(event)
        raise ValueError("listener bug")

    devices = AndroidDevices(poll_interval=0.2, start_server=False)
    devices.start(flaky)
    try:
        first = plug("pixel8_frp")
        log.wait_for(EventKind.ATTACHED, first)
        second = plug("galaxy_s21")
        log.wait_for(EventKind.ATTACHED, second)
    finally:
        devices.stop()
