"""Ask usbmuxd which iPhones are on USB, on a plain socket, before pymobiledevice3 is loaded.

``kiosk probe`` on a counter with only Android phones should not pay for pymobiledevice3
(a tenth of a second for its usbmux client, most of a second for its lockdown client).
usbmuxd's ``ListDevices`` is one plist request: a 16-byte little-endian header (length,
version 1, message type 8, tag) and an XML plist, answered the same way.
"""

from __future__ import annotations

import os
import plistlib
import socket
import struct
import sys

from device_probes.sockets import read_exactly

_HEADER = struct.Struct("<IIII")
_PLIST_VERSION, _PLIST_MESSAGE = 1, 8
#: No honest answer to ListDevices is anywhere near this long.
_MAX_REPLY = 4 * 1024 * 1024


def usbmuxd_address() -> tuple[int, str | tuple[str, int]]:
    """The socket family and address in ``USBMUXD_SOCKET_ADDRESS`` (a path or HOST:PORT), else the default."""
    configured = os.environ.get("USBMUXD_SOCKET_ADDRESS")
    if configured and ":" in configured:
        host, port = configured.rsplit(":", 1)
        return socket.AF_INET, (host, int(port))
    if configured:
        return socket.AF_UNIX, configured
    if sys.platform == "win32":
        return socket.AF_INET, ("127.0.0.1", 27015)
    return socket.AF_UNIX, "/var/run/usbmuxd"


def usb_phone_count(timeout: float) -> int | None:
    """How many iPhones usbmuxd lists on USB; None when it cannot tell (unreachable, odd answer).

    None leaves the question to pymobiledevice3, which then says what is wrong.
    """
    try:
        family, address = usbmuxd_address()
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(address)
            payload = plistlib.dumps({"MessageType": "ListDevices", "ClientVersionString": "intake-kiosk"})
            sock.sendall(_HEADER.pack(_HEADER.size + len(payload), _PLIST_VERSION, _PLIST_MESSAGE, 1) + payload)
            length = _HEADER.unpack(read_exactly(sock, _HEADER.size, "usbmuxd"))[0]
            if not _HEADER.size <= length <= _MAX_REPLY:
                return None
            reply = plistlib.loads(read_exactly(sock, length - _HEADER.size, "usbmuxd"))
    except (OSError, ValueError, plistlib.InvalidFileException, struct.error):
        return None
    devices = reply.get("DeviceList") if isinstance(reply, dict) else None
    if not isinstance(devices, list):
        return None
    properties = [device.get("Properties") for device in devices if isinstance(device, dict)]
    described = [entry for entry in properties if isinstance(entry, dict)]
    if len(described) != len(devices):
        return None  # not usbmuxd's shape: let pymobiledevice3 meet it and say so
    return len([entry for entry in described if entry.get("ConnectionType") == "USB"])
