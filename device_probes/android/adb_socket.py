"""The two adb server requests a probe needs, on a plain socket: list the phones, run one shell.

``import adbutils`` costs a tenth of a second or more (it brings requests along for its
installer), which is most of a ``kiosk probe`` on a phone answering in 50 ms. The adb
server's smart-socket protocol is small: a request is its length in four hex digits and
its text; the server answers ``OKAY`` (then data) or ``FAIL`` with a length-prefixed
message. So a probe lists and reads phones here and leaves adbutils to the long-lived
watcher (``track-devices``) and the simulators.
"""

from __future__ import annotations

import os
import socket
import time
from dataclasses import dataclass, field

from device_probes.sockets import read_exactly

#: The default adb server, as adb and adbutils find it.
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 5037
#: The longest reply the device list may take; a server sending more is not one.
MAX_LIST_BYTES = 1024 * 1024


class AdbServerError(Exception):
    """The adb server refused a request (its FAIL message), or did not speak adb."""


@dataclass(frozen=True)
class AdbServer:
    host: str
    port: int

    @classmethod
    def from_environment(cls) -> AdbServer:
        """The server ``ANDROID_ADB_SERVER_HOST`` / ``ANDROID_ADB_SERVER_PORT`` name (adb's defaults otherwise)."""
        port_text = os.environ.get("ANDROID_ADB_SERVER_PORT") or str(DEFAULT_PORT)
        try:
            port = int(port_text)
        except ValueError:
            raise AdbServerError(f"ANDROID_ADB_SERVER_PORT={port_text!r} is not a port number") from None
        return cls(os.environ.get("ANDROID_ADB_SERVER_HOST") or DEFAULT_HOST, port)


@dataclass(frozen=True)
class ListedDevice:
    """One line of ``adb devices -l``: the same fields as adbutils' AdbDeviceInfo."""

    serial: str
    state: str
    tags: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def transport_id(self) -> int | None:
        value = self.tags.get("transport_id", "")
        return int(value) if value.isdigit() else None


def list_devices(server: AdbServer, timeout: float) -> list[ListedDevice]:
    """Every phone the server knows, in every state (``host:devices-l``)."""
    with _request(server, "host:devices-l", timeout) as sock:
        output = _read_block(sock, MAX_LIST_BYTES).decode("utf-8", "replace")
    return [parse_device_line(line) for line in output.splitlines() if len(line.split()) >= 2]


def parse_device_line(line: str) -> ListedDevice:
    serial, state, *tags = line.split()
    return ListedDevice(serial, state, dict(tag.split(":", 1) for tag in tags if ":" in tag))


def open_shell(server: AdbServer, device: ListedDevice, command: str, timeout: float) -> socket.socket:
    """A socket on which the phone's shell prints ``command``'s output until it closes it.

    Addressed by transport id where the server gave one, which spares the server a lookup.
    """
    target = f"host:transport-id:{device.transport_id}" if device.transport_id else f"host:transport:{device.serial}"
    sock = _request(server, target, timeout)
    try:
        _send(sock, "shell:" + command)
        _check_okay(sock)
    except BaseException:
        sock.close()
        raise
    return sock


def read_to_end(sock: socket.socket, deadline: float, limit: int) -> bytes:
    """Everything the phone sends until it closes the stream (at most ``limit`` bytes).

    Raises TimeoutError when the deadline passes first.
    """
    chunks, size = [], 0
    while size < limit:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(256 * 1024)
        except TimeoutError as exc:
            raise TimeoutError from exc
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)[:limit]


def _request(server: AdbServer, request: str, timeout: float) -> socket.socket:
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        _send(sock, request)
        _check_okay(sock)
    except BaseException:
        sock.close()
        raise
    return sock


def _send(sock: socket.socket, request: str) -> None:
    data = request.encode("utf-8")
    sock.sendall(f"{len(data):04x}".encode() + data)


def _check_okay(sock: socket.socket) -> None:
    status = read_exactly(sock, 4, "the adb server")
    if status == b"OKAY":
        return
    if status == b"FAIL":
        raise AdbServerError(_read_block(sock, 64 * 1024).decode("utf-8", "replace"))
    raise AdbServerError(f"not an adb server answer: {status!r}")


def _read_block(sock: socket.socket, limit: int) -> bytes:
    length_text = read_exactly(sock, 4, "the adb server")
    try:
        length = int(length_text, 16)
    except ValueError:
        raise AdbServerError(f"not an adb length: {length_text!r}") from None
    if length > limit:
        raise AdbServerError(f"an answer of {length} bytes is more than an adb server sends")
    return read_exactly(sock, length, "the adb server")
