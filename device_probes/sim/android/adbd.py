"""A fake adbd: one simulated phone behind a loopback TCP port, as ``adb connect`` sees it.

It speaks the adb transport protocol (CNXN, AUTH with a real RSA signature
check, OPEN/OKAY/WRTE/CLSE with one write in flight per stream) and offers the
services the stock ``adb`` uses: ``shell:`` (v1 and v2, with stdin and the exit
status), ``exec:`` (``adb exec-out``), ``sync:`` (``adb pull``, see :mod:`.sync`)
and ``reboot:``. Commands are answered by a :class:`~.phone.Phone`. The faults
a profile asks for (offline, unauthorized, slow, hanging, unplugged mid-read,
garbage on the wire) happen here, at the protocol level, where a real phone
would cause them.
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from device_probes.sim.android.phone import Phone
from device_probes.sim.android.sync import serve_sync
from device_probes.sim.android.protocol import (
    AUTH,
    AUTH_RSAPUBLICKEY,
    AUTH_SIGNATURE,
    AUTH_TOKEN,
    CLSE,
    CNXN,
    HEADER,
    MAX_PAYLOAD,
    OKAY,
    OPEN,
    TOKEN_SIZE,
    VERSION,
    WRTE,
    Packet,
    ProtocolError,
    PublicKey,
    decode_header,
)

log = logging.getLogger(__name__)

#: Shell v2 frame ids (adb's shell_protocol.h).
_V2_STDIN, _V2_STDOUT, _V2_STDERR, _V2_EXIT, _V2_CLOSE_STDIN = 0, 1, 2, 3, 4
_V2_HEADER = struct.Struct("<BI")
#: How long a stream waits for the host to acknowledge a write before giving up.
_ACK_TIMEOUT = 30.0


class Unplugged(Exception):
    """The simulated cable was pulled while this connection was in use."""


class _Incoming:
    """What the host writes to one stream, for the service thread to read as it needs."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._ended = False
        self._changed = threading.Condition()

    def feed(self, data: bytes) -> None:
        with self._changed:
            self._data += data
            self._changed.notify_all()

    def end(self) -> None:
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def read_to_end(self) -> bytes:
        """Everything until the host closes its side (stdin's end of file)."""
        with self._changed:
            self._changed.wait_for(lambda: self._ended)
            data, self._data = bytes(self._data), bytearray()
            return data

    def read_exactly(self, size: int) -> bytes:
        """The next ``size`` bytes; EOFError if the host closes the stream first."""
        with self._changed:
            self._changed.wait_for(lambda: len(self._data) >= size or self._ended)
            if len(self._data) < size:
                raise EOFError("the host closed the stream")
            data = bytes(self._data[:size])
            del self._data[:size]
            return data


@dataclass
class _Stream:
    local_id: int
    remote_id: int
    #: True for shell v2, whose host writes arrive as frames (stdin, close stdin, window size).
    framed: bool = False
    acked: threading.Event = field(default_factory=threading.Event)
    closed: threading.Event = field(default_factory=threading.Event)
    incoming: _Incoming = field(default_factory=_Incoming)
    _frames: bytearray = field(default_factory=bytearray)

    def receive(self, payload: bytes) -> None:
        if not self.framed:
            self.incoming.feed(payload)
            return
        self._frames += payload
        while len(self._frames) >= _V2_HEADER.size:
            kind, length = _V2_HEADER.unpack_from(self._frames)
            if len(self._frames) < _V2_HEADER.size + length:
                return
            data = bytes(self._frames[_V2_HEADER.size : _V2_HEADER.size + length])
            del self._frames[: _V2_HEADER.size + length]
            if kind == _V2_STDIN:
                self.incoming.feed(data)
            elif kind == _V2_CLOSE_STDIN:
                self.incoming.end()

    def close(self) -> None:
        self.closed.set()
        self.acked.set()
        self.incoming.end()


class _Connection:
    """One TCP connection from the adb server: the handshake, then multiplexed streams."""

    def __init__(self, adbd: FakeAdbd, sock: socket.socket):
        self.adbd = adbd
        self.sock = sock
        self.send_lock = threading.Lock()
        self.streams: dict[int, _Stream] = {}
        self.next_id = 1
        self.max_payload = 4096
        self.online = False
        self.token = b""
        self.threads: list[threading.Thread] = []

    # -- wire ---------------------------------------------------------------

    def send(self, packet: Packet) -> None:
        with self.send_lock:
            self.sock.sendall(packet.encode())

    def receive(self) -> Packet | None:
        header = self._read_exactly(HEADER.size)
        if header is None:
            return None
        command, arg0, arg1, length = decode_header(header)
        payload = self._read_exactly(length) if length else b""
        if payload is None:
            return None
        return Packet(command, arg0, arg1, payload)

    def _read_exactly(self, size: int) -> bytes | None:
        data = bytearray()
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                return None
            data += chunk
        return bytes(data)

    # -- handshake ----------------------------------------------------------

    def serve(self) -> None:
        try:
            while (packet := self.receive()) is not None:
                self.handle(packet)
        except (OSError, ProtocolError, Unplugged) as exc:
            log.debug("connection ended: %s", exc)
        finally:
            self.close()

    def handle(self, packet: Packet) -> None:
        profile = self.adbd.phone.profile
        if profile.get("mode") == "offline":
            return  # a phone stuck before its handshake: the host sees it offline
        if packet.command == CNXN:
            self.max_payload = min(packet.arg1, MAX_PAYLOAD) or 4096
            self.challenge()
        elif packet.command == AUTH:
            self.handle_auth(packet)
        elif not self.online:
            return
        elif packet.command == OPEN:
            self.open_stream(packet)
        elif packet.command == OKAY:
            if stream := self.streams.get(packet.arg1):
                stream.acked.set()
        elif packet.command == WRTE:
            if stream := self.streams.get(packet.arg1):
                stream.receive(packet.payload)
            self.send(Packet(OKAY, packet.arg1, packet.arg0))
        elif packet.command == CLSE:
            if stream := self.streams.pop(packet.arg1, None):
                stream.close()

    def challenge(self) -> None:
        self.token = os.urandom(TOKEN_SIZE)
        self.send(Packet(AUTH, AUTH_TOKEN, 0, self.token))

    def handle_auth(self, packet: Packet) -> None:
        if packet.arg0 == AUTH_SIGNATURE:
            if self.adbd.trusts(self.token, packet.payload):
                self.go_online()
            else:
                self.challenge()
        elif packet.arg0 == AUTH_RSAPUBLICKEY:
            self.adbd.offer_key(packet.payload.rstrip(b"\x00").decode("ascii", "replace"), self)

    def go_online(self) -> None:
        if not self.online:
            self.online = True
            self.send(Packet(CNXN, VERSION, MAX_PAYLOAD, self.adbd.phone.banner()))

    # -- streams ------------------------------------------------------------

    def open_stream(self, packet: Packet) -> None:
        service = packet.payload.rstrip(b"\x00").decode("utf-8", "replace")
        kind = service.partition(":")[0].partition(",")[0]
        serve = {"shell": self.run_shell, "exec": self.run_exec, "sync": self.run_sync, "reboot": self.run_reboot}.get(kind)
        if serve is None:
            self.send(Packet(CLSE, 0, packet.arg0))
            return
        if kind in ("shell", "exec"):
            self.adbd.count_shell_open()
            if self.adbd.phone.profile.get("garbage"):
                with self.send_lock:
                    self.sock.sendall(b"\xde\xad\xbe\xef garbage, not an adb packet " * 4)
                return
        options = service.partition(":")[0].split(",")
        stream = _Stream(self.next_id, packet.arg0, framed=kind == "shell" and "v2" in options)
        self.next_id += 1
        self.streams[stream.local_id] = stream
        self.send(Packet(OKAY, stream.local_id, stream.remote_id))
        worker = threading.Thread(
            target=self._serve_stream, args=(serve, stream, service), name=f"adbd-{self.adbd.port}-{kind}", daemon=True
        )
        self.threads.append(worker)
        worker.start()

    def _serve_stream(self, serve, stream: _Stream, service: str) -> None:
        try:
            serve(stream, service)
            if not stream.closed.is_set():
                self.send(Packet(CLSE, stream.local_id, stream.remote_id))
        except (OSError, EOFError, Unplugged) as exc:
            log.debug("%s stream ended: %s", service.partition(":")[0], exc)
        finally:
            self.streams.pop(stream.local_id, None)

    def _answer(self, stream: _Stream, command: str):
        """The phone's answer to a command line, after the profile's delay; None if it hangs."""
        profile = self.adbd.phone.profile
        if profile.get("hang"):
            stream.closed.wait()
            return None
        time.sleep(float(profile.get("latency", 0)))
        return self.adbd.phone.run(command, stream.incoming.read_to_end)

    def run_shell(self, stream: _Stream, service: str) -> None:
        result = self._answer(stream, service.partition(":")[2])
        if result is None:
            return
        if stream.framed:
            output = (
                _v2_frame(_V2_STDOUT, result.stdout)
                + _v2_frame(_V2_STDERR, result.stderr)
                + _v2_frame(_V2_EXIT, bytes([result.exit_code & 0xFF]))
            )
        else:
            output = result.stdout + result.stderr
        self.write_stream(stream, output)

    def run_exec(self, stream: _Stream, service: str) -> None:
        """``adb exec-out``: the raw bytes, stderr in the same stream, no exit status."""
        result = self._answer(stream, service.partition(":")[2])
        if result is not None:
            self.write_stream(stream, result.stdout + result.stderr)

    def run_sync(self, stream: _Stream, service: str) -> None:
        serve_sync(self.adbd.phone, stream.incoming.read_exactly, lambda data: self.write_stream(stream, data))

    def run_reboot(self, stream: _Stream, service: str) -> None:
        """``adb reboot``: the phone drops off the bus and comes back once it has booted."""
        self.adbd.reboot()

    def write_stream(self, stream: _Stream, data: bytes) -> None:
        limit = self.adbd.phone.profile.get("unplug_after_bytes")
        for start in range(0, len(data), self.max_payload):
            chunk = data[start : start + self.max_payload]
            if limit is not None and start + len(chunk) > limit:
                self.send(Packet(WRTE, stream.local_id, stream.remote_id, chunk[: max(0, limit - start)]))
                self.adbd.unplug()
                raise Unplugged("cable pulled mid-read")
            stream.acked.clear()
            self.send(Packet(WRTE, stream.local_id, stream.remote_id, chunk))
            if not stream.acked.wait(_ACK_TIMEOUT) or stream.closed.is_set():
                return

    def close(self) -> None:
        for stream in list(self.streams.values()):
            stream.close()
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        current = threading.current_thread()
        for worker in self.threads:
            if worker is not current:
                worker.join(timeout=5)


def _v2_frame(kind: int, data: bytes) -> bytes:
    return _V2_HEADER.pack(kind, len(data)) + data if data or kind == _V2_EXIT else b""


class FakeAdbd:
    """A simulated phone listening on ``127.0.0.1:<port>`` for the adb server to connect.

    ``trusted_keys`` are the adb public keys (``adbkey.pub`` text) this phone
    already accepts; an unauthorized phone's profile starts without them.
    """

    def __init__(
        self, phone: Phone, trusted_keys: Sequence[str] = (), on_reboot: Callable[[FakeAdbd], None] | None = None
    ):
        self.phone = phone
        self._on_reboot = on_reboot
        self._trusted = [PublicKey.from_adb(key) for key in trusted_keys]
        self._pending: tuple[str, _Connection] | None = None
        self._lock = threading.Lock()
        self._connections: list[_Connection] = []
        self._threads: list[threading.Thread] = []
        self._timers: list[threading.Timer] = []
        self._shell_opens = 0
        #: Set when the host opens a shell on the phone (a probe's read begins): tests wait on it.
        self.read_started = threading.Event()
        self._booting = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept_loop, name=f"adbd-{self.port}", daemon=True)
        self._accepting.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def shell_opens(self) -> int:
        """How many shell streams the host has opened on this phone so far."""
        with self._lock:
            return self._shell_opens

    def count_shell_open(self) -> None:
        with self._lock:
            self._shell_opens += 1
        self.read_started.set()

    def trusts(self, token: bytes, signature: bytes) -> bool:
        with self._lock:
            keys = list(self._trusted)
        return any(key.verifies(token, signature) for key in keys)

    def offer_key(self, key_text: str, connection: _Connection) -> None:
        """The host asks the user to allow its key: tap "Allow" after the profile's delay."""
        with self._lock:
            self._pending = (key_text, connection)
        delay = self.phone.profile.get("accept_after")
        if delay is not None:
            timer = threading.Timer(float(delay), self.allow_usb_debugging)
            timer.daemon = True
            self._timers.append(timer)
            timer.start()

    def allow_usb_debugging(self) -> None:
        """Tap "Allow" on the phone's USB debugging prompt, if one is showing."""
        with self._lock:
            pending, self._pending = self._pending, None
            if pending:
                self._trusted.append(PublicKey.from_adb(pending[0]))
        if pending:
            try:
                pending[1].go_online()
            except OSError:
                pass  # unplugged while the prompt was showing

    def _accept_loop(self) -> None:
        while True:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            if self._booting.is_set():
                sock.close()  # nothing answers on the port until the phone has booted
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(self, sock)
            thread = threading.Thread(target=connection.serve, name=f"adbd-{self.port}-connection", daemon=True)
            with self._lock:
                self._connections.append(connection)
                self._threads.append(thread)
            thread.start()

    def reboot(self) -> None:
        """Restart: every connection drops, and the phone answers again after ``reboot_seconds``.

        ``on_reboot`` (given by the harness) is called in a thread of its own, so that
        the phone leaves the adb server's list and joins it again as on a cable.
        """
        self._booting.set()
        self._drop_connections()
        timer = threading.Timer(float(self.phone.profile.get("reboot_seconds", 2.0)), self._booting.clear)
        timer.daemon = True
        self._timers.append(timer)
        timer.start()
        if self._on_reboot is not None:
            threading.Thread(target=self._on_reboot, args=(self,), name=f"adbd-{self.port}-reboot", daemon=True).start()

    def wait_booted(self, timeout: float) -> bool:
        """Wait until a reboot is over; False if it is not within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self._booting.is_set():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def _drop_connections(self) -> None:
        with self._lock:
            connections, self._connections = list(self._connections), []
        for connection in connections:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def unplug(self) -> None:
        """Pull the cable: stop listening and drop every connection."""
        for timer in self._timers:
            timer.cancel()
        try:
            # shutdown() wakes the thread blocked in accept(); close() alone does not.
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        try:
            self._listener.close()
        finally:
            self._drop_connections()

    def close(self) -> None:
        """Unplug and wait for every thread of this phone to end."""
        self.unplug()
        self._accepting.join(timeout=5)
        with self._lock:
            threads = list(self._threads)
        current = threading.current_thread()
        for thread in threads:
            if thread is not current:
                thread.join(timeout=5)
