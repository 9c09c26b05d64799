"""Reading the device services' own sockets (the adb server, usbmuxd), as the quick listings do."""

from __future__ import annotations

import socket


def read_exactly(sock: socket.socket, size: int, service: str) -> bytes:
    """``size`` bytes from ``sock``; a ConnectionError naming ``service`` when it closes first."""
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError(f"{service} closed the connection")
        data += chunk
    return bytes(data)
