"""Framing of the two wire formats the simulated phones speak, over blocking sockets.

usbmuxd packets: a little-endian header (total length, version, message type,
tag) followed by an XML plist. Lockdown and the services behind it: a big-endian
32-bit length followed by an XML plist.
"""

from __future__ import annotations

import plistlib
import socket
import struct
from typing import Any

USBMUX_HEADER = struct.Struct("<IIII")
USBMUX_PLIST_VERSION = 1
USBMUX_PLIST_MESSAGE = 8
LOCKDOWN_LENGTH = struct.Struct(">I")

#: No honest client sends a request this large; a bigger length means a broken peer.
MAX_FRAME = 4 * 1024 * 1024


class PeerClosed(Exception):
    """The other end closed the connection (or the phone was unplugged)."""


def recv_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        try:
            chunk = sock.recv(size)
        except OSError as exc:
            raise PeerClosed(str(exc)) from exc
        if not chunk:
            raise PeerClosed("connection closed")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def send_all(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
    except OSError as exc:
        raise PeerClosed(str(exc)) from exc


def recv_usbmux(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """Read one usbmuxd request; return its tag and its plist."""
    length, _version, _message, tag = USBMUX_HEADER.unpack(recv_exactly(sock, USBMUX_HEADER.size))
    if not USBMUX_HEADER.size <= length <= MAX_FRAME:
        raise PeerClosed(f"bad usbmuxd packet length {length}")
    return tag, plistlib.loads(recv_exactly(sock, length - USBMUX_HEADER.size))


def send_usbmux(sock: socket.socket, tag: int, message: dict[str, Any]) -> None:
    payload = plistlib.dumps(message)
    header = USBMUX_HEADER.pack(USBMUX_HEADER.size + len(payload), USBMUX_PLIST_VERSION, USBMUX_PLIST_MESSAGE, tag)
    send_all(sock, header + payload)


def recv_plist(sock: socket.socket) -> dict[str, Any]:
    (length,) = LOCKDOWN_LENGTH.unpack(recv_exactly(sock, LOCKDOWN_LENGTH.size))
    if length > MAX_FRAME:
        raise PeerClosed(f"bad frame length {length}")
    return plistlib.loads(recv_exactly(sock, length))


def send_plist(sock: socket.socket, message: dict[str, Any]) -> None:
    payload = dump_plist_raw(message)
    send_all(sock, LOCKDOWN_LENGTH.pack(len(payload)) + payload)


#: Control characters are not allowed in XML, so plistlib refuses them; a broken
#: phone sends them anyway. They travel through plistlib as private-use stand-ins.
_STAND_IN_BASE = 0xF0000
_CONTROL = [chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"]
_TO_STAND_IN = str.maketrans({char: chr(_STAND_IN_BASE + ord(char)) for char in _CONTROL})


def dump_plist_raw(message: Any) -> bytes:
    """An XML plist with any control characters in its strings written as they are."""
    payload = plistlib.dumps(_with_stand_ins(message))
    for char in _CONTROL:
        payload = payload.replace(chr(_STAND_IN_BASE + ord(char)).encode(), char.encode())
    return payload


def _with_stand_ins(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_TO_STAND_IN)
    if isinstance(value, dict):
        return {key: _with_stand_ins(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_stand_ins(item) for item in value]
    return value
