"""IosDevices: the device service (device_probes.service) for iPhones over usbmuxd."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from pathlib import Path

from pymobiledevice3 import usbmux
from pymobiledevice3.exceptions import MuxException

from device_probes.errors import ServiceUnreachable
from device_probes.events import DeviceEvent, EventKind
from device_probes.facts import DeviceFacts
from device_probes.ios.probe import list_usb_phones, load_lockdown, read_phone
from device_probes.service import STOP_TIMEOUT_SECONDS, DeviceService, EventHandler, ServiceNotStarted

log = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 0.2
LAST_RETRY_SECONDS = 5.0


class IosDevices(DeviceService):
    """Hotplug events and on-demand reads of the iPhones attached over USB.

    pymobiledevice3 is asyncio-only and a connection belongs to the loop that
    made it, so this object owns one event loop in a background thread for its
    whole life (the shape of Spyder's ``asyncdispatcher``). The caller's thread
    never waits on a phone:

    - :meth:`start` begins following usbmuxd (its Listen stream) and reports
      each USB iPhone attached or detached as a :class:`DeviceEvent` through
      ``on_event``. The callback runs in the background thread: a GUI must
      hand the event over to its own thread (e.g. a queued Qt signal) and
      return at once. Phones already attached are reported first. When usbmuxd
      goes away, the watcher retries with a growing delay (0.2 s up to 5 s)
      and, once back, reports only what changed meanwhile.
    - :meth:`probe` reads one phone and returns a ``concurrent.futures.Future``
      of its DeviceFacts. Reads of different phones run concurrently, so a
      slow phone never holds up another; two reads of the same phone queue.
      A phone that does not answer within ``probe_timeout`` seconds gives
      facts in state ``error``; one waiting for "Trust" gives
      ``pairing_pending``, and the caller simply probes it again later.
    - :meth:`stop` cancels what is running and joins the thread, within
      ``STOP_TIMEOUT_SECONDS``.

    The lockdown client (slow to import) is loaded in a worker thread when
    the first phone is attached, not at start-up.
    """

    platform = "ios"

    def __init__(self, pair_records_dir: Path, *, probe_timeout: float = 10.0):
        self._pair_records_dir = pair_records_dir
        self._probe_timeout = probe_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._on_event: EventHandler | None = None
        self._attached: set[str] = set()
        self._attached_lock = threading.Lock()
        self._probe_locks: dict[str, asyncio.Lock] = {}
        self._lockdown_loading: asyncio.Task[None] | None = None

    def attached(self) -> set[str]:
        """UDIDs of the iPhones attached over USB, as last reported."""
        with self._attached_lock:
            return set(self._attached)

    def start(self, on_event: EventHandler) -> None:
        if self._thread is not None:
            raise RuntimeError("IosDevices is already started")
        self._on_event = on_event
        # A restart after stop() starts afresh: phones are reported again, and locks
        # and tasks belong to the old loop.
        with self._attached_lock:
            self._attached.clear()
        self._probe_locks.clear()
        self._lockdown_loading = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="ios-devices", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._watch(), self._loop)

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        self._loop = self._thread = None
        self._on_event = None  # nothing is reported once stop() has begun
        with self._attached_lock:
            self._attached.clear()
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        stopping = asyncio.run_coroutine_threadsafe(self._cancel_everything(), loop)
        try:
            # Most of the budget for the tasks; the rest for the loop to wind down.
            stopping.result(STOP_TIMEOUT_SECONDS * 0.75)
        except concurrent.futures.TimeoutError:
            log.warning("iPhone tasks did not stop within %.1f s; leaving them behind", STOP_TIMEOUT_SECONDS)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(max(0.0, deadline - time.monotonic()))
        if not thread.is_alive():
            loop.close()

    def probe(self, serial: str) -> concurrent.futures.Future[DeviceFacts]:
        loop = self._loop
        if loop is None:
            raise ServiceNotStarted("IosDevices is not started")
        return asyncio.run_coroutine_threadsafe(self._probe(serial), loop)

    # -- in the background thread ------------------------------------------------------------

    def _run_loop(self) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    async def _cancel_everything(self) -> None:
        current = asyncio.current_task()
        tasks = [task for task in asyncio.all_tasks() if task is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        # The lockdown client may still be importing in a worker thread.
        await asyncio.get_running_loop().shutdown_default_executor()

    async def _probe(self, udid: str) -> DeviceFacts:
        lock = self._probe_locks.setdefault(udid, asyncio.Lock())
        async with lock:
            return await read_phone(udid, self._pair_records_dir, self._probe_timeout)

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        delay = FIRST_RETRY_SECONDS
        while True:
            connected_at = loop.time()
            try:
                await self._follow_usbmuxd()
            except (ServiceUnreachable, MuxException, OSError) as exc:
                log.info("usbmuxd unavailable (%s); retrying in %.1f s", exc, delay)
            except Exception:
                # A malformed message must not end hotplug for the rest of the session.
                log.exception("unexpected answer from usbmuxd; reconnecting in %.1f s", delay)
            if loop.time() - connected_at > LAST_RETRY_SECONDS:
                delay = FIRST_RETRY_SECONDS  # it worked for a while: this is a new outage
            await asyncio.sleep(delay)
            delay = min(delay * 2, LAST_RETRY_SECONDS)

    async def _follow_usbmuxd(self) -> None:
        """Report changes until the usbmuxd connection breaks (which raises)."""
        mux = await usbmux.create_mux()
        try:
            await mux.listen()
            # Listening first, then listing: a phone that comes or goes in between shows
            # up in the stream, and after a reconnect the list tells what changed while
            # usbmuxd was away.
            self._report_present(set(await list_usb_phones(self._probe_timeout)))
            # Listen replays the phones already attached, then sends changes: judge each
            # message by what it changed, not by what has not been replayed yet.
            listed: set[str] = set()
            while True:
                await mux.receive_device_state_update()
                now = {device.serial for device in mux.devices if device.is_usb}
                self._report_changes(added=now - listed, removed=listed - now)
                listed = now
        finally:
            await mux.close()

    def _report_present(self, present: set[str]) -> None:
        """Report whatever differs between the phones reported so far and ``present``."""
        with self._attached_lock:
            added, removed = present - self._attached, self._attached - present
        self._report_changes(added, removed)

    def _report_changes(self, added: set[str], removed: set[str]) -> None:
        """Report the phones that came and went, each once."""
        with self._attached_lock:
            new = sorted(added - self._attached)
            gone = sorted(removed & self._attached)
            self._attached.difference_update(gone)
            self._attached.update(new)
        if new and self._lockdown_loading is None:
            self._lockdown_loading = asyncio.get_running_loop().create_task(load_lockdown())
        for udid in gone:
            self._emit(DeviceEvent(EventKind.DETACHED, "ios", udid))
        for udid in new:
            self._emit(DeviceEvent(EventKind.ATTACHED, "ios", udid))
