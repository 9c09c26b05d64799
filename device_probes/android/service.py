"""AndroidDevices: the device service (device_probes.service) for Android phones over adb.

Two threads watch the adb server. One holds a ``host:track-devices``
connection; the server writes to it whenever a phone comes, goes or changes
state, and the thread only takes that as a cue. The other lists the devices
(``host:devices-l``) on each cue and at least every ``poll_interval`` seconds,
and reports the differences. Taking the state from the listing alone means one
source of truth, and it covers adb servers whose track-devices leaves out
unauthorized phones. When the server goes away, every phone is reported
detached and both threads keep retrying until it is back.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from adbutils import AdbConnection, AdbDeviceInfo, AdbError

from device_probes import problems
from device_probes.android.client import Client
from device_probes.android.probe import adb_state, list_devices, read_device, start_adb_server
from device_probes.errors import ServiceUnreachable
from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceFacts, DeviceState
from device_probes.service import STOP_TIMEOUT_SECONDS, DeviceService, EventHandler, ServiceNotStarted

log = logging.getLogger(__name__)

#: Pause before reconnecting to an adb server that went away.
_RETRY_DELAY = 0.5


class AndroidDevices(DeviceService):
    """The Android phones on the counter, watched and probed in the background.

    ``start(on_event)`` begins watching; ``on_event(DeviceEvent)`` is called from
    a background thread for every attach, state change and detach.
    ``probe(serial)`` reads one phone on that phone's own worker thread (so a
    slow phone never holds up another) and returns a Future of its DeviceFacts.
    ``stop()`` ends the watch and joins every thread this object started, or
    leaves behind (within ``STOP_TIMEOUT_SECONDS``) one still waiting on a
    phone or on ``adb start-server``.

    With ``start_server`` the adb server is started once at ``start()`` if it
    is not running; after that it is never started behind the user's back.
    """

    platform = "android"

    def __init__(self, *, timeout: float = 10.0, poll_interval: float = 1.0, start_server: bool = True):
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.start_server = start_server
        self._client = Client()
        self._on_event: EventHandler | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._started = False
        self._cue = threading.Event()
        self._known: dict[str, AdbDeviceInfo] = {}
        self._workers: dict[str, ThreadPoolExecutor] = {}
        #: The last probe given to each worker: once it is done, so is the worker (one thread, in order).
        self._last_probes: dict[str, Future[DeviceFacts]] = {}
        #: Workers of detached phones, with their last probe, kept until that probe is done.
        self._retired_workers: list[tuple[ThreadPoolExecutor, Future[DeviceFacts] | None]] = []
        self._track_connection: AdbConnection | None = None
        self._threads: list[threading.Thread] = []

    def start(self, on_event: EventHandler) -> None:
        if self._started:
            raise RuntimeError("AndroidDevices is already started")
        if any(thread.is_alive() for thread in self._threads):
            raise RuntimeError("AndroidDevices is still stopping")
        self._on_event = on_event
        self._stopping.clear()
        self._started = True
        self._threads = [
            threading.Thread(target=self._track_loop, name="adb-track-devices", daemon=True),
            threading.Thread(target=self._refresh_loop, name="adb-device-list", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        if not self._started:
            return
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        self._stopping.set()
        self._cue.set()
        with self._lock:
            self._started = False
            self._on_event = None  # nothing is reported once stop() has begun
            connection = self._track_connection
            workers = list(self._workers.items())
            last_probes = [(worker, self._last_probes.get(serial)) for serial, worker in workers]
            last_probes += self._retired_workers
            self._workers.clear()
            self._last_probes.clear()
            self._retired_workers.clear()
            self._known.clear()
        if connection is not None:
            _interrupt(connection)
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        unfinished = [probe for _, probe in last_probes if probe is not None and not probe.done()]
        concurrent.futures.wait(unfinished, timeout=max(0.0, deadline - time.monotonic()))
        for worker, last_probe in last_probes:
            # A worker still reading a silent phone is left to time out on its own.
            worker.shutdown(wait=last_probe is None or last_probe.done(), cancel_futures=True)
        stuck = [thread.name for thread in self._threads if thread.is_alive()]
        if stuck:
            log.warning("left behind after %.1f s: %s", STOP_TIMEOUT_SECONDS, ", ".join(stuck))

    def attached(self) -> set[str]:
        """The serials of the phones the adb server lists now, in any state."""
        with self._lock:
            return set(self._known)

    def probe(self, serial: str) -> Future[DeviceFacts]:
        """Read ``serial`` on its own worker; the Future holds its facts (never an exception)."""
        with self._lock:
            if not self._started:
                raise ServiceNotStarted("AndroidDevices is not started")
            worker = self._workers.get(serial)
            if worker is None:  # a phone not listed yet: its worker is usually made by the listing
                worker = self._workers[serial] = _worker_for(serial)
            # Under the lock, so a detach cannot shut this worker down in between.
            future = worker.submit(self._probe_now, serial)
            self._last_probes[serial] = future
            return future

    def _probe_now(self, serial: str) -> DeviceFacts:
        try:
            info = next((info for info in list_devices(self._client) if info.serial == serial), None)
        except ServiceUnreachable as exc:
            facts = DeviceFacts(platform="android", serial=serial, state=DeviceState.ERROR)
            facts.add_problem(problems.adb_server_unreachable(str(exc), exc.hint))
            return facts
        if info is None:
            facts = DeviceFacts(platform="android", serial=serial, state=DeviceState.ERROR)
            facts.add_problem(problems.ANDROID_NOT_CONNECTED)
            return facts
        return read_device(self._client, info, self.timeout)

    # -- watching -----------------------------------------------------------

    def _track_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                connection = self._client.make_connection(timeout=None)
            except (AdbError, OSError):
                self._stopping.wait(_RETRY_DELAY)
                continue
            with self._lock:
                self._track_connection = connection
            if self._stopping.is_set():
                _interrupt(connection)
            try:
                connection.send_command("host:track-devices")
                connection.check_okay()
                while not self._stopping.is_set():
                    connection.read_string_block()
                    self._cue.set()
            except (AdbError, OSError, ValueError) as exc:  # ValueError: a garbled length prefix
                log.debug("track-devices ended: %s", exc)
            finally:
                with self._lock:
                    self._track_connection = None
                connection.conn.close()
            self._cue.set()  # the server may be gone: let the listing find out now
            self._stopping.wait(_RETRY_DELAY)

    def _refresh_loop(self) -> None:
        if self.start_server:  # here, not in start(): the caller may be the GUI thread
            try:
                start_adb_server()
            except ServiceUnreachable as exc:
                log.warning("%s (%s); waiting for it", exc, exc.hint)
        while not self._stopping.is_set():
            self._cue.wait(self.poll_interval)
            self._cue.clear()
            if self._stopping.is_set():
                break
            try:
                current = {info.serial: info for info in list_devices(self._client, timeout=self.timeout)}
            except ServiceUnreachable:
                current = {}
            self._report_changes(current)

    def _report_changes(self, current: dict[str, AdbDeviceInfo]) -> None:
        with self._lock:
            fresh = current.keys() - self._known.keys() - self._workers.keys()
        # A new phone's worker thread starts here, outside the lock, before the phone is reported:
        # starting a thread waits until it runs, and probe() is called from the GUI thread.
        made = {serial: _worker_for(serial, start_thread=True) for serial in fresh}
        with self._lock:
            if not self._started:  # a listing that ends after stop() is dropped
                for new_worker in made.values():
                    new_worker.shutdown(wait=False)
                return
            for serial, new_worker in made.items():
                if self._workers.setdefault(serial, new_worker) is not new_worker:  # probe() made one meanwhile
                    new_worker.shutdown(wait=False)
            previous, self._known = self._known, current
            for serial in previous.keys() - current.keys():
                worker = self._workers.pop(serial, None)
                last_probe = self._last_probes.pop(serial, None)
                if worker is not None:
                    worker.shutdown(wait=False)
                    self._retired_workers.append((worker, last_probe))
            # Forget the workers whose last probe is done, or a day of phones piles them up.
            retired, self._retired_workers, finished = self._retired_workers, [], []
            for worker, last_probe in retired:
                if last_probe is None or last_probe.done():
                    finished.append(worker)
                else:
                    self._retired_workers.append((worker, last_probe))
        for worker in finished:
            worker.shutdown(wait=True)  # its work is done: this only joins its thread on the way out
        for serial in previous.keys() - current.keys():
            self._emit(DeviceEvent(EventKind.DETACHED, "android", serial))
        for serial, info in current.items():
            state = adb_state(info.state)
            if serial not in previous:
                self._emit(DeviceEvent(EventKind.ATTACHED, "android", serial, state))
            elif previous[serial].state != info.state:
                self._emit(DeviceEvent(EventKind.STATE_CHANGED, "android", serial, state))


def _worker_for(serial: str, start_thread: bool = False) -> ThreadPoolExecutor:
    """One phone's worker: one thread, so its reads run in order. ``start_thread`` starts that thread
    now rather than on the first probe."""
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"adb-probe-{serial}")
    if start_thread:
        worker.submit(lambda: None)
    return worker


def _interrupt(connection: AdbConnection) -> None:
    """Wake a thread blocked reading ``connection``."""
    try:
        connection.conn.shutdown(2)  # socket.SHUT_RDWR
    except (AdbError, OSError):
        pass
