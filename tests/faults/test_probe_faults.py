"""Faults on the phone side, end to end: the services the app keeps, and the ledger behind them.

The probe tests (tests/android, tests/ios) already cover a phone that never
answers, garbage from a phone, a hostile phone, and a dead adb server or
usbmuxd between reads. Here: the adb server killed in the middle of a read,
usbmuxd gone in the middle of a read, a phone pulled mid-read while the
services watch, silent phones of both kinds taken to the ledger, workers of
phones long gone, something that is not usbmuxd on usbmuxd's address, and the
hostile phones' facts recorded and exported. Each time the user is told what
happened, and every intake recorded meanwhile is in a ledger that verifies.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import plistlib
import queue
import socket
import struct
import threading
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from device_probes.android import AndroidDevices
from device_probes.errors import ServiceUnreachable
from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceFacts, DeviceState
from device_probes.ios import IosDevices, probe_ios
from device_probes.problems import IOS_UNPLUGGED
from device_probes.sim.android import AndroidSimulator, load_profile
from device_probes.sim.ios import IosSimulator
from kiosk.counter import record_intake
from kiosk.export import export_day
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import Ledger, LedgerEntry, open_ledger
from tests.factories import intake_json

#: The two messages a read cut short by the Android side can end in; both tell staff what to do.
ANDROID_READ_BROKEN = ("読み取りが途中で切れました", "読み取りに失敗しました")
#: How long a test waits for something the simulators report (a read starting, an event).
EVENT_TIMEOUT = 10


class Events:
    """Collects events from the watcher threads; waits for the one a test expects."""

    def __init__(self):
        self.queue: queue.Queue[DeviceEvent] = queue.Queue()

    def __call__(self, event: DeviceEvent) -> None:
        self.queue.put(event)

    def wait_for(self, kind: EventKind, serial: str, state: DeviceState | None = None, timeout: float = 10.0):
        seen = []
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = self.queue.get(timeout=remaining)
            except queue.Empty:
                break
            seen.append(event)
            if event.kind is kind and event.serial == serial and (state is None or event.state is state):
                return event
        pytest.fail(f"no {kind.value} {state} for {serial}; saw {seen}")

    def wait_ready(self, serial: str, timeout: float = 10.0) -> None:
        """An Android phone shows up ready (attached ready, or attached then changed to ready)."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                event = self.queue.get(timeout=remaining)
            except queue.Empty:
                break
            if event.serial == serial and event.state is DeviceState.READY:
                return
        pytest.fail(f"{serial} never became ready")


@pytest.fixture
def ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.sqlite3") as opened:
        yield opened


def record(ledger: Ledger, facts: DeviceFacts) -> LedgerEntry:
    """Record the phone as the counter would, whatever the probe made of it."""
    intake = intake_from_json(intake_json(device=facts.to_json(), price_yen=...), for_record=True)
    entry, _ = record_intake(intake, Policy.load(), ledger)
    return entry


def assert_all_there(ledger: Ledger, entries: list[LedgerEntry]) -> None:
    result = ledger.verify()
    assert result.ok, result.problem
    assert result.entries == len(entries)
    for entry in entries:
        assert ledger.entry(entry.id).entry_hash == entry.entry_hash


@pytest.fixture
def android_sim(monkeypatch):
    """A private adb server: these tests kill it."""
    with AndroidSimulator() as sim:
        for key, value in sim.env.items():
            monkeypatch.setenv(key, value)
        yield sim


@pytest.fixture
def android_devices(android_sim):
    events = Events()
    devices = AndroidDevices(timeout=5.0, poll_interval=0.3, start_server=False)
    devices.start(events)
    yield devices, events
    devices.stop()


@pytest.fixture
def ios_sim(monkeypatch):
    with IosSimulator() as sim:
        monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", sim.address)
        yield sim


@pytest.fixture
def ios_devices(ios_sim, tmp_path):
    events = Events()
    devices = IosDevices(tmp_path / "pair_records", probe_timeout=5.0)
    devices.start(events)
    yield devices, events
    devices.stop()


def test_adb_server_killed_mid_read_then_restarted(android_sim, android_devices, ledger):
    devices, events = android_devices
    serial = android_sim.plug("reno7a_dual_sim", latency=1.0)  # a phone that takes a second to answer
    events.wait_ready(serial)

    phone = android_sim.phones[serial]
    phone.read_started.clear()
    reading = devices.probe(serial)
    assert phone.read_started.wait(EVENT_TIMEOUT)
    android_sim.kill_server()
    cut = reading.result(timeout=10)
    events.wait_for(EventKind.DETACHED, serial)

    assert cut.state is DeviceState.ERROR
    assert cut.imei == [] and cut.model_code is None  # nothing half-read is passed on as a fact
    assert cut.errors[0].startswith(ANDROID_READ_BROKEN) and " / " in cut.errors[0]  # Japanese / English

    android_sim.start_server()  # the phone is joined to the new server
    events.wait_ready(serial)
    again = devices.probe(serial).result(timeout=10)
    assert again.state is DeviceState.READY
    assert again.imei == load_profile("reno7a_dual_sim")["imei"]

    entries = [record(ledger, cut), record(ledger, again)]
    assert entries[0].outcome == "hold"
    assert cut.errors[0] in json.loads(entries[0].device_json)["errors"]
    assert_all_there(ledger, entries)


def test_usbmuxd_gone_mid_read_then_back(ios_sim, ios_devices, ledger):
    devices, events = ios_devices
    udid = ios_sim.plug("worn_battery", reply_delay_seconds=0.3)
    events.wait_for(EventKind.ATTACHED, udid)

    reading = devices.probe(udid)
    assert ios_sim.phone(udid).read_started.wait(EVENT_TIMEOUT)
    ios_sim.stop_usbmuxd()
    cut = reading.result(timeout=10)
    assert cut.state in (DeviceState.OFFLINE, DeviceState.ERROR)
    assert cut.errors and ("unplugged" in cut.errors[0] or "usbmuxd" in cut.errors[0])
    assert cut.imei == [] and cut.battery is None

    ios_sim.start_usbmuxd()  # a probe connects afresh: it needs no watcher to have reconnected
    ios_sim.phone(udid).reply_delay = 0.0
    again = devices.probe(udid).result(timeout=10)
    assert again.state is DeviceState.READY and again.battery.health_percent == 76.0

    entries = [record(ledger, cut), record(ledger, again)]
    assert entries[0].outcome == "hold"
    assert_all_there(ledger, entries)


def test_android_phone_pulled_mid_read_while_watched(android_sim, android_devices, ledger):
    devices, events = android_devices
    serial = android_sim.plug("galaxy_s21", latency=1.0)
    events.wait_ready(serial)

    phone = android_sim.phones[serial]
    phone.read_started.clear()
    reading = devices.probe(serial)
    assert phone.read_started.wait(EVENT_TIMEOUT)
    android_sim.unplug(serial)
    events.wait_for(EventKind.DETACHED, serial)
    facts = reading.result(timeout=10)

    assert facts.state is DeviceState.ERROR
    assert facts.errors[0].startswith(ANDROID_READ_BROKEN)
    assert facts.imei == []
    assert devices.attached() == set()
    assert_all_there(ledger, [record(ledger, facts)])


def test_iphone_pulled_mid_read_while_watched(ios_sim, ios_devices, ledger):
    devices, events = ios_devices
    udid = ios_sim.plug("iphone15_dual_sim", reply_delay_seconds=0.3)
    events.wait_for(EventKind.ATTACHED, udid)

    reading = devices.probe(udid)
    assert ios_sim.phone(udid).read_started.wait(EVENT_TIMEOUT)
    ios_sim.unplug(udid)
    events.wait_for(EventKind.DETACHED, udid)
    facts = reading.result(timeout=10)

    assert facts.state is DeviceState.OFFLINE
    assert facts.problems == [IOS_UNPLUGGED]
    assert devices.attached() == set()
    assert_all_there(ledger, [record(ledger, facts)])


def test_phones_that_never_answer_are_recorded_as_held_within_the_timeout(
    android_sim, ios_sim, tmp_path, ledger
):
    """One silent phone of each kind: each read ends at its own timeout, with a message, and the
    intake is recorded as held rather than lost or hung."""
    events = Events()
    android = AndroidDevices(timeout=1.0, poll_interval=0.3, start_server=False)
    iphones = IosDevices(tmp_path / "pair_records", probe_timeout=1.0)
    android.start(events)
    iphones.start(events)
    try:
        silent_android = android_sim.plug("pixel8_frp", hang=True)
        silent_iphone = ios_sim.plug("iphone15_dual_sim", silent=True)
        events.wait_ready(silent_android)
        started = time.monotonic()
        readings = [android.probe(silent_android), iphones.probe(silent_iphone)]
        facts = [reading.result(timeout=5) for reading in readings]
        assert time.monotonic() - started < 3.0
    finally:
        android.stop()
        iphones.stop()
    assert [one.state for one in facts] == [DeviceState.ERROR, DeviceState.ERROR]
    assert "did not answer within 1 s" in facts[0].errors[0]
    assert "did not answer within 1 s" in facts[1].errors[0]
    entries = [record(ledger, one) for one in facts]
    assert [entry.outcome for entry in entries] == ["hold", "hold"]
    assert_all_there(ledger, entries)


def live_executors() -> int:
    gc.collect()
    return sum(isinstance(thing, ThreadPoolExecutor) for thing in gc.get_objects())


def test_phones_that_came_and_went_leave_no_probe_workers_behind(android_sim, android_devices):
    """A counter sees hundreds of phones a day; what each one needed must go with it."""
    devices, events = android_devices
    before = live_executors()
    for _ in range(6):
        serial = android_sim.plug("pixel8_frp")
        events.wait_ready(serial)
        assert devices.probe(serial).result(timeout=10).state is DeviceState.READY
        android_sim.unplug(serial)
        events.wait_for(EventKind.DETACHED, serial)
    time.sleep(2 * devices.poll_interval)  # a listing or two after the last detach
    assert live_executors() <= before


# --- something that is not usbmuxd answers on its address ------------------------------------

IMPOSTOR_REPLIES = {
    "not a plist": b"hello, I am not usbmuxd",
    "empty reply": b"",
    "a list, not a dict": plistlib.dumps([1, 2]),
    "device without fields": plistlib.dumps({"DeviceList": [{"MessageType": "Attached"}]}),
    "device list not a list": plistlib.dumps({"DeviceList": 5}),
}


@pytest.fixture
def impostor_usbmuxd(tmp_path, monkeypatch):
    """A UNIX socket that frames its replies like usbmuxd but says ``reply`` to everything."""
    path = tmp_path / "usbmuxd"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen()
    replies: list[bytes] = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                header = connection.recv(16)
                tag = struct.unpack("<IIII", header)[3] if len(header) == 16 else 1
                body = replies[0]
                connection.sendall(struct.pack("<IIII", 16 + len(body), 1, 8, tag) + body)
                connection.recv(1)  # until the client hangs up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", str(path))
    yield replies
    server.shutdown(socket.SHUT_RDWR)
    server.close()
    thread.join(timeout=5)


@pytest.mark.parametrize("reply", list(IMPOSTOR_REPLIES.values()), ids=list(IMPOSTOR_REPLIES))
def test_something_else_on_the_usbmuxd_address_is_reported_as_unreachable(impostor_usbmuxd, tmp_path, reply):
    impostor_usbmuxd.append(reply)
    with pytest.raises(ServiceUnreachable) as raised:
        probe_ios(pair_records_dir=tmp_path / "pair_records", timeout=2)
    assert raised.value.service == "usbmuxd"
    assert "not usbmuxd's" in raised.value.detail
    assert "USBMUXD_SOCKET_ADDRESS" in raised.value.hint
    assert len(str(raised.value)) < 600 and str(raised.value).isprintable()


def test_a_serial_that_is_not_text_is_left_out(impostor_usbmuxd, tmp_path):
    impostor_usbmuxd.append(plistlib.dumps({"DeviceList": [{
        "MessageType": "Attached", "DeviceID": 1, "Properties": {"SerialNumber": 5, "ConnectionType": "USB"},
    }]}))
    assert probe_ios(pair_records_dir=tmp_path / "pair_records", timeout=2) == []


# --- hostile phones all the way to the CSV ------------------------------------------------------


def test_hostile_phones_reach_the_ledger_and_the_csv_defused(android_sim, android_devices, ios_sim, ios_devices,
                                                             ledger, tmp_path):
    android, android_events = android_devices
    iphones, iphone_events = ios_devices
    evil_android = android_sim.plug("hostile")
    evil_iphone = ios_sim.plug("hostile_values")
    android_events.wait_ready(evil_android)
    iphone_events.wait_for(EventKind.ATTACHED, evil_iphone)

    facts = [android.probe(evil_android).result(timeout=10), iphones.probe(evil_iphone).result(timeout=10)]
    entries = [record(ledger, one) for one in facts]
    assert_all_there(ledger, entries)

    out = tmp_path / "day.csv"
    assert export_day(ledger.entries_on(dt.date.today()), out) == 2
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    for cell in (cell for row in rows for cell in row):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:60]
        assert not [char for char in cell if unicodedata.category(char)[0] == "C"], repr(cell[:60])
    assert "'=cmd|' /C calc'!A0" in rows[1][4]  # the formula is shown as text
