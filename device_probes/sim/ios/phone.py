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

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

#: What lockdownd answers before a trusted session exists (the rest needs pairing).
PUBLIC_KEYS = frozenset({
    "BuildVersion", "DeviceClass", "DeviceName", "DevicePublicKey", "ProductName",
    "ProductType", "ProductVersion", "UniqueDeviceID", "UniqueChipID", "HardwareModel", "WiFiAddress",
})


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

        Apple-style certificates have empty subject and issuer names, which a normal
        chain check cannot follow, so the host certificate from the pair record is
        pinned: it is the one trust anchor, accepted as a partial chain.
        """
        with self._lock:
            context = self._server_contexts.get(host_id)
            if context is None:
                context = _pinned_server_context(self._pairings[host_id])
                self._server_contexts[host_id] = context
            return context

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


def _pinned_server_context(pair_record: dict[str, Any]) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers("ALL:@SECLEVEL=0")
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    host_certificate = x509.load_pem_x509_certificate(pair_record["HostCertificate"])
    context.load_verify_locations(cadata=host_certificate.public_bytes(serialization.Encoding.DER))
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
