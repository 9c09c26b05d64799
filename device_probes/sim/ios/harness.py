"""IosSimulator: a fake usbmuxd with simulated iPhones, for tests and demo mode."""

from __future__ import annotations

import itertools
import plistlib
import shutil
import socket
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from device_probes.sim.ios.phone import SimulatedPhone
from device_probes.sim.ios.profiles import load_profile
from device_probes.sim.ios.usbmuxd import DeviceRegistry, FakeUsbmuxd


class IosSimulator:
    """Simulated iPhones behind a fake usbmuxd running in its own thread.

    ``address`` is a UNIX socket path or ``HOST:PORT`` (port 0 picks a free one);
    by default a socket in a private temporary folder (a free loopback port where there
    are no UNIX sockets, i.e. on Windows). Point clients at it with
    :attr:`env`. Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, address: str | None = None):
        self._temp_dir: Path | None = None
        if address is None and not hasattr(socket, "AF_UNIX"):
            # Windows: usbmux clients there speak TCP, as to Apple Mobile Device Service.
            address = "127.0.0.1:0"
        if address is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="ios-sim-"))
            address = str(self._temp_dir / "usbmuxd")
        self._requested_address = address
        self.registry = DeviceRegistry()
        self._daemon: FakeUsbmuxd | None = None
        self._lock = threading.Lock()
        self._device_ids = itertools.count(1)
        self._phones: dict[str, SimulatedPhone] = {}
        self.address = address

    def __enter__(self) -> IosSimulator:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def env(self) -> dict[str, str]:
        """The environment a client needs to find this usbmuxd."""
        return {"USBMUXD_SOCKET_ADDRESS": self.address}

    def start(self) -> None:
        self.start_usbmuxd()

    def stop(self) -> None:
        for udid in list(self._phones):
            self.unplug(udid)
        self.stop_usbmuxd()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)

    def stop_usbmuxd(self) -> None:
        """Take the daemon away (as a crash would) while the phones stay plugged in."""
        with self._lock:
            daemon, self._daemon = self._daemon, None
        if daemon is not None:
            daemon.stop()

    def start_usbmuxd(self) -> None:
        """Bring the daemon (back) up on the same address."""
        with self._lock:
            if self._daemon is not None:
                return
            self._daemon = FakeUsbmuxd(self.registry, self._requested_address)
            # A TCP port 0 becomes a real port on first start and stays the same after.
            self.address = self._requested_address = self._daemon.address
            self._daemon.start()

    def plug(self, profile_name: str, **overrides: Any) -> str:
        """Plug in a phone built from a profile (top-level keys overridden); return its UDID."""
        profile = {**load_profile(profile_name), **overrides}
        with self._lock:
            device_id = next(self._device_ids)
            udid = profile.get("udid")
            if not udid or udid in self._phones:
                udid = f"00008110-{uuid.uuid4().int & (2**64 - 1):016X}"
            profile["udid"] = udid
            phone = SimulatedPhone(device_id, profile)
            self._phones[udid] = phone
        if profile.get("stale_pair_record"):
            self.registry.save_pair_record(udid, _stale_pair_record(self.registry.buid), device_id)
        self.registry.add(phone)
        return udid

    def unplug(self, udid: str) -> None:
        with self._lock:
            phone = self._phones.pop(udid, None)
        if phone is not None:
            self.registry.remove(phone.device_id)
            phone.unplug()

    def phone(self, udid: str) -> SimulatedPhone:
        return self._phones[udid]


def _stale_pair_record(buid: str) -> bytes:
    """A pair record for a host the phone has since forgotten (as after an erase)."""
    return plistlib.dumps({
        "HostID": str(uuid.uuid4()).upper(),
        "SystemBUID": buid,
        "HostCertificate": b"",
        "HostPrivateKey": b"",
        "DeviceCertificate": b"",
        "RootCertificate": b"",
    })
