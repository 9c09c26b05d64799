"""The adb sync service (``sync:``) over a simulated phone's files, as ``adb pull`` uses it.

Requests are a 4-byte id and a little-endian 32-bit length, followed by that many
bytes (a path). The phone answers stat requests (``STAT``, and ``STA2`` / ``LST2``
for hosts that saw ``stat_v2`` among its features) and sends files (``RECV``) as
``DATA`` chunks closed by ``DONE``, or ``FAIL`` with the reason; ``QUIT`` ends the
session (adb's file_sync_protocol.h). Pushing and listing are refused with ``FAIL``,
as a read-only phone would.
"""

from __future__ import annotations

import errno
import stat
import struct
from collections.abc import Callable

from device_probes.sim.android.phone import Phone

_REQUEST = struct.Struct("<4sI")
_STAT_V1 = struct.Struct("<4sIII")  # id, mode, size, mtime
_STAT_V2 = struct.Struct("<4sIQQIIIIQqqq")  # id, error, dev, ino, mode, nlink, uid, gid, size, atime, mtime, ctime
#: The most a DATA chunk carries, and the longest path a request may name.
_MAX_CHUNK = 64 * 1024
_MAX_PATH = 1024
#: The simulated files' modification time (any fixed moment will do).
_MTIME = 1_700_000_000
_FILE_MODE = stat.S_IFREG | 0o444
_DIRECTORY_MODE = stat.S_IFDIR | 0o755


def serve_sync(phone: Phone, read_exactly: Callable[[int], bytes], write: Callable[[bytes], None]) -> None:
    """Answer sync requests until the host quits or closes the stream (EOFError)."""
    while True:
        request, length = _REQUEST.unpack(read_exactly(_REQUEST.size))
        if request == b"QUIT":
            return
        if length > _MAX_PATH:
            write(_fail("path too long"))
            return
        path = read_exactly(length).decode("utf-8", "replace")
        if request == b"STAT":
            mode, size, _ = _stat(phone, path)
            write(_STAT_V1.pack(b"STAT", mode, size, _MTIME if mode else 0))
        elif request in (b"STA2", b"LST2"):
            mode, size, error = _stat(phone, path)
            write(_STAT_V2.pack(request, error, 0, 0, mode, 1, 0, 0, size, _MTIME, _MTIME, _MTIME))
        elif request == b"RECV":
            write(_file_data(phone, path))
        else:
            write(_fail(f"unsupported sync request {request!r}"))
            return


def _stat(phone: Phone, path: str) -> tuple[int, int, int]:
    """(mode, size, errno) as lstat on the phone gives them to the shell user."""
    if path in phone.files:
        content = phone.files[path]
        return _FILE_MODE, len(content or b""), 0
    if phone.is_directory(path):
        return _DIRECTORY_MODE, 4096, 0
    return 0, 0, errno.ENOENT


def _file_data(phone: Phone, path: str) -> bytes:
    content = phone.read_file(path)
    if isinstance(content, str):
        return _fail(f"open failed: {content}")
    chunks = [content[start : start + _MAX_CHUNK] for start in range(0, len(content), _MAX_CHUNK)]
    return b"".join(_REQUEST.pack(b"DATA", len(chunk)) + chunk for chunk in chunks) + _REQUEST.pack(b"DONE", 0)


def _fail(message: str) -> bytes:
    data = message.encode()
    return _REQUEST.pack(b"FAIL", len(data)) + data
