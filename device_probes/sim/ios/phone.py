"""One simulated iPhone: its values, its trust state and its pairings.

A phone is shared between the usbmuxd thread and one thread per open
connection, so everything that changes is guarded by a lock.
"""

from __future__ import annotations

import os
import socket
import ssl
import tempfile
import threading
import time
from functools import cache
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

#: What lockdownd answers before a trusted session exists (the rest needs pairing).
PUBLIC_KEYS = frozenset({
    "BuildVersion", "DeviceClass", "DeviceName", "DevicePublicKey", "ProductName",
    "ProductType", "ProductVersion", "UniqueDeviceID", "UniqueChipID", "HardwareModel", "WiFiAddress",
})


#: The IORegistry entry that holds the battery, by class and by name (AppleARMPMUCharger on newer phones).
BATTERY_ENTRY_CLASSES = frozenset({"IOPMPowerSource", "AppleSmartBattery", "AppleARMPMUCharger"})
BATTERY_ENTRY_NAMES = frozenset({"AppleSmartBattery", "AppleARMPMUCharger"})
#: The reports the diagnostics relay gives by name; "All" gives every one.
DIAGNOSTICS_REPORTS = ("All", "GasGauge", "HDMI", "NAND", "WiFi")


@cache
def device_key() -> rsa.RSAPrivateKey:
    """The key every simulated phone uses; making one per phone would only cost start-up time."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def device_public_key_pem() -> bytes:
    # Real lockdownd hands out the PKCS#1 form ("BEGIN RSA PUBLIC KEY").
    return device_key().public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)


class SimulatedPhone:
    def __init__(self, device_id: int, profile: dict[str, Any]):
        self.device_id = device_id
        self.profile = profile
        self.udid: str = profile["udid"]
        self.values: dict[str, Any] = dict(profile.get("values", {}), UniqueDeviceID=self.udid)
        self.values.setdefault("DevicePublicKey", device_public_key_pem())
        self.domains: dict[str, dict[str, Any]] = profile.get("domains", {})
        self.battery: dict[str, Any] | None = profile.get("battery")
        #: What the MobileConfig service tells of supervision and remote management (empty: none).
        self.cloud_configuration: dict[str, Any] = profile.get("cloud_configuration", {"CloudConfigurationUIComplete": True})
        #: Services lockdownd will not start on this phone.
        self.refused_services: frozenset[str] = frozenset(profile.get("refused_services", ()))
        self.reply_delay: float = float(profile.get("reply_delay_seconds", 0))
        self.silent: bool = bool(profile.get("silent", False))
        self.passcode_locked: bool = bool(profile.get("passcode_locked", False))
        self._trust: str = profile.get("trust", "trusted")
        trusted_after = profile.get("trusted_after_seconds")
        self._trusted_at = None if trusted_after is None else time.monotonic() + float(trusted_after)
        self._lock = threading.Lock()
        self._pairings: dict[str, dict[str, Any]] = {}
        self._server_contexts: dict[str, ssl.SSLContext] = {}
        self._connections: set[socket.socket] = set()
        self._services: dict[int, tuple[str, str]] = {}
        #: Set when a host sends its first lockdown request (a read begins): tests wait on it.
        self.read_started = threading.Event()
        self._next_port = 49152
        self.plugged = True

    # -- trust ---------------------------------------------------------------------------

    def trust_state(self) -> str:
        """"trusted", "pending" (Trust dialog open) or "denied" (the user tapped Don't Trust)."""
        with self._lock:
            if self._trust == "pending" and self._trusted_at is not None and time.monotonic() >= self._trusted_at:
                self._trust = "trusted"
            return self._trust

    def tap_trust(self) -> None:
        """The user taps Trust on the open dialog: the next pairing succeeds."""
        with self._lock:
            if self._trust == "pending":
                self._trust = "trusted"

    def pair(self, pair_record: dict[str, Any]) -> str | None:
        """Answer a Pair request: None when paired, else the lockdownd error name."""
        if self.passcode_locked:
            return "PasswordProtected"
        state = self.trust_state()
        if state == "pending":
            return "PairingDialogResponsePending"
        if state == "denied":
            return "UserDeniedPairing"
        host_id = pair_record.get("HostID")
        if not host_id or "HostCertificate" not in pair_record or "DeviceCertificate" not in pair_record:
            return "InvalidPairRecord"
        with self._lock:
            self._pairings[host_id] = pair_record
            self._server_contexts.pop(host_id, None)
        return None

    def is_paired_with(self, host_id: Any) -> bool:
        with self._lock:
            return host_id in self._pairings

    def paired_host_ids(self) -> list[str]:
        with self._lock:
            return list(self._pairings)

    def server_context(self, host_id: str) -> ssl.SSLContext:
        """The TLS context the phone answers with for one paired host.

        A real iPhone accepts a client certificate that chains to the pair record's
        root: libimobiledevice presents the root certificate itself, pymobiledevice3 the
        host certificate the root issued. Apple-style certificates have empty subject and
        issuer names, so OpenSSL takes the host certificate for a self-signed one and
        cannot follow the chain; both certificates the pair record holds are therefore
        trust anchors, accepted as a partial chain.
        """
        with self._lock:
            context = self._server_contexts.get(host_id)
            if context is None:
                context = _server_context(self._pairings[host_id])
                self._server_contexts[host_id] = context
            return context

    def unpair(self, host_id: Any) -> bool:
        """Forget a host's pairing, as Unpair or "Reset Location & Privacy" does; False if unknown."""
        with self._lock:
            self._server_contexts.pop(host_id, None)
            return self._pairings.pop(host_id, None) is not None

    # -- values ----------------------------------------------------------------------------

    def lockdown_values(self) -> dict[str, Any]:
        """Every value lockdownd answers, with the clock read now as a phone's is."""
        return {**self.values, "TimeIntervalSince1970": time.time()}

    def ioregistry_entry(self, entry_class: Any, entry_name: Any) -> dict[str, Any] | None:
        """The battery entry when asked for by its class or name (the only entry a profile holds)."""
        if self.battery is None:
            return None
        if entry_class in BATTERY_ENTRY_CLASSES or entry_name in BATTERY_ENTRY_NAMES:
            return self.battery
        return None

    def diagnostics_reports(self) -> dict[str, dict[str, Any]]:
        """The relay's reports; GasGauge as iOS 12.2 and later give it, FullChargeCapacity a percentage."""
        battery = self.battery or {}
        gas_gauge: dict[str, Any] = {"Status": "Success" if self.battery else "Unknown"}
        for key, source in (("CycleCount", "CycleCount"), ("DesignCapacity", "DesignCapacity"),
                            ("FullChargeCapacity", "MaxCapacity")):
            if source in battery:
                gas_gauge[key] = battery[source]
        return {
            "GasGauge": gas_gauge,
            "HDMI": {"Connection": "Unknown", "Status": "Unknown"},
            "NAND": {"Status": "Success"},
            "WiFi": {"Active": "true", "Status": "Success"},
        }

    # -- services ------------------------------------------------------------------------

    def start_service(self, name: str, host_id: str) -> int:
        with self._lock:
            port = self._next_port
            self._next_port += 1
            self._services[port] = (name, host_id)
            return port

    def service_on(self, port: int) -> tuple[str, str] | None:
        """The service started on ``port`` and the host that started it; each start serves one connection."""
        with self._lock:
            return self._services.pop(port, None)

    # -- connections and unplugging --------------------------------------------------------

    def track(self, sock: socket.socket) -> bool:
        """Remember an open connection so unplugging can cut it; False if already unplugged.

        Pass a ``dup()`` of the connection: wrapping a socket in TLS detaches the
        original object, but a shutdown through any descriptor still cuts the link.
        """
        with self._lock:
            if not self.plugged:
                return False
            self._connections.add(sock)
            return True

    def untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._connections.discard(sock)
        sock.close()

    def unplug(self) -> None:
        with self._lock:
            self.plugged = False
            connections, self._connections = self._connections, set()
        for sock in connections:
            _cut(sock)
            sock.close()

    def wait_unplugged(self, timeout: float) -> None:
        """Block like a phone that never answers, until it is unplugged or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while self.plugged and time.monotonic() < deadline:
            time.sleep(0.05)


def _server_context(pair_record: dict[str, Any]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers("ALL:@SECLEVEL=0")
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    for name in ("RootCertificate", "HostCertificate"):
        if pair_record.get(name):
            # As PEM text, unparsed: libimobiledevice's certificates have serial number 0,
            # which OpenSSL accepts and cryptography warns about.
            context.load_verify_locations(cadata=pair_record[name].decode("ascii"))
    key_pem = device_key().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # load_cert_chain reads files only.
    with tempfile.NamedTemporaryFile("wb", suffix=".pem", delete=False) as file:
        file.write(pair_record["DeviceCertificate"] + b"\n" + key_pem)
    try:
        context.load_cert_chain(file.name)
    finally:
        os.unlink(file.name)
    return context


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
