"""A fake usbmuxd speaking the plist protocol, with simulated phones behind it.

Clients connect on a UNIX socket or a TCP port, exactly as to the real daemon:
ReadBUID, ListDevices, Listen (Attached / Detached / Paired events), Connect
(after which the connection is a pipe to a port on the phone), and the pair
record store (Read/Save/DeletePairRecord). One thread serves each client.
"""

from __future__ import annotations

import os
import plistlib
import queue
import select
import socket
import socketserver
import ssl
import threading
import uuid
from typing import Any

from device_probes.sim.ios.lockdownd import LOCKDOWN_PORT, serve_lockdown, serve_service
from device_probes.sim.ios.phone import SimulatedPhone
from device_probes.sim.ios.wire import PeerClosed, recv_usbmux, send_usbmux

RESULT_OK = 0
RESULT_BADCOMMAND = 1
RESULT_BADDEV = 2
RESULT_CONNREFUSED = 3
#: Apple's USB product id range for iPhones starts here; the exact value does not matter.
IPHONE_PRODUCT_ID = 0x12A8
LISTEN_POLL_SECONDS = 0.1


class DeviceRegistry:
    """The phones plugged in and the pair records kept for them.

    It outlives any one usbmuxd process, as the phones and the records on disk
    outlive a crash of the real daemon.
    """

    def __init__(self) -> None:
        self.buid = str(uuid.uuid4()).upper()
        self._lock = threading.Lock()
        self._phones: dict[int, SimulatedPhone] = {}
        self._pair_records: dict[str, bytes] = {}
        self._listeners: set[queue.SimpleQueue] = set()

    def add(self, phone: SimulatedPhone) -> None:
        with self._lock:
            self._phones[phone.device_id] = phone
            listeners = list(self._listeners)
        for listener in listeners:
            listener.put(attached_message(phone))

    def remove(self, device_id: int) -> SimulatedPhone | None:
        with self._lock:
            phone = self._phones.pop(device_id, None)
            listeners = list(self._listeners)
        if phone is not None:
            for listener in listeners:
                listener.put({"MessageType": "Detached", "DeviceID": device_id})
        return phone

    def phones(self) -> list[SimulatedPhone]:
        with self._lock:
            return list(self._phones.values())

    def phone(self, device_id: Any) -> SimulatedPhone | None:
        with self._lock:
            return self._phones.get(device_id)

    def subscribe(self) -> tuple[queue.SimpleQueue, list[SimulatedPhone]]:
        """A queue of future events, and the phones present now (atomically, so none is missed)."""
        events: queue.SimpleQueue = queue.SimpleQueue()
        with self._lock:
            self._listeners.add(events)
            return events, list(self._phones.values())

    def unsubscribe(self, events: queue.SimpleQueue) -> None:
        with self._lock:
            self._listeners.discard(events)

    def read_pair_record(self, udid: Any) -> bytes | None:
        with self._lock:
            return self._pair_records.get(udid)

    def save_pair_record(self, udid: str, record: bytes, device_id: Any) -> None:
        with self._lock:
            self._pair_records[udid] = record
            listeners = list(self._listeners)
        for listener in listeners:
            listener.put({"MessageType": "Paired", "DeviceID": device_id})

    def delete_pair_record(self, udid: Any) -> None:
        with self._lock:
            self._pair_records.pop(udid, None)


def attached_message(phone: SimulatedPhone) -> dict[str, Any]:
    return {
        "MessageType": "Attached",
        "DeviceID": phone.device_id,
        "Properties": {
            "ConnectionType": phone.profile.get("connection_type", "USB"),
            "DeviceID": phone.device_id,
            "SerialNumber": phone.udid,
            "ProductID": IPHONE_PRODUCT_ID,
            "LocationID": phone.device_id << 16,
            "ConnectionSpeed": 480_000_000,
        },
    }


class FakeUsbmuxd:
    """One run of the daemon on ``address`` (a UNIX socket path or HOST:PORT)."""

    def __init__(self, registry: DeviceRegistry, address: str):
        self.registry = registry
        self._server = _make_server(address, self)
        self.address = _address_of(self._server, address)
        self._clients: set[socket.socket] = set()
        self._clients_lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-usbmuxd", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop like a crashed daemon: every client connection is cut."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        with self._clients_lock:
            clients, self._clients = self._clients, set()
        for client in clients:
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if isinstance(self._server, socketserver.UnixStreamServer):
            try:
                os.unlink(self.address)
            except FileNotFoundError:
                pass

    # -- one client ------------------------------------------------------------------------

    def serve_client(self, sock: socket.socket) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            # Replies go out as soon as they are written, as from a local daemon: without this a
            # small write waits for the client's delayed acknowledgement (Nagle), tens of ms a time.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._clients_lock:
            self._clients.add(sock)
        try:
            while not self._stopping.is_set():
                tag, message = recv_usbmux(sock)
                if not self._answer(sock, tag, message):
                    return
        except (PeerClosed, OSError, ssl.SSLError, ValueError, plistlib.InvalidFileException):
            return
        finally:
            with self._clients_lock:
                self._clients.discard(sock)

    def _answer(self, sock: socket.socket, tag: int, message: dict[str, Any]) -> bool:
        """Answer one request; False when the connection now belongs to something else."""
        kind = message.get("MessageType")
        registry = self.registry
        if kind == "ReadBUID":
            send_usbmux(sock, tag, {"BUID": registry.buid})
        elif kind == "ListDevices":
            send_usbmux(sock, tag, {"DeviceList": [attached_message(phone) for phone in registry.phones()]})
        elif kind == "Listen":
            send_usbmux(sock, tag, _result(RESULT_OK))
            self._stream_events(sock)
            return False
        elif kind == "Connect":
            self._connect(sock, tag, message)
            return False
        elif kind == "ReadPairRecord":
            record = registry.read_pair_record(message.get("PairRecordID"))
            send_usbmux(sock, tag, {"PairRecordData": record} if record else _result(RESULT_BADDEV))
        elif kind == "SavePairRecord":
            udid, record = message.get("PairRecordID"), message.get("PairRecordData")
            if isinstance(udid, str) and isinstance(record, bytes):
                registry.save_pair_record(udid, record, message.get("DeviceID"))
                send_usbmux(sock, tag, _result(RESULT_OK))
            else:
                send_usbmux(sock, tag, _result(RESULT_BADCOMMAND))
        elif kind == "DeletePairRecord":
            registry.delete_pair_record(message.get("PairRecordID"))
            send_usbmux(sock, tag, _result(RESULT_OK))
        else:
            send_usbmux(sock, tag, _result(RESULT_BADCOMMAND))
        return True

    def _stream_events(self, sock: socket.socket) -> None:
        events, present = self.registry.subscribe()
        try:
            for phone in present:
                send_usbmux(sock, 0, attached_message(phone))
            while not self._stopping.is_set() and not _closed_by_peer(sock):
                try:
                    send_usbmux(sock, 0, events.get(timeout=LISTEN_POLL_SECONDS))
                except queue.Empty:
                    continue
        finally:
            self.registry.unsubscribe(events)

    def _connect(self, sock: socket.socket, tag: int, message: dict[str, Any]) -> None:
        phone = self.registry.phone(message.get("DeviceID"))
        # The client sends the port in network byte order, as it goes on the wire to the phone.
        port_number = message.get("PortNumber")
        port = socket.ntohs(port_number & 0xFFFF) if isinstance(port_number, int) else 0
        if phone is None:
            send_usbmux(sock, tag, _result(RESULT_BADDEV))
            return
        if port == LOCKDOWN_PORT:
            def serve(connection: socket.socket) -> None:
                serve_lockdown(connection, phone)
        else:
            started = phone.service_on(port)
            if started is None:
                send_usbmux(sock, tag, _result(RESULT_CONNREFUSED))
                return

            def serve(connection: socket.socket) -> None:
                serve_service(connection, phone, *started)
        handle = sock.dup()
        if not phone.track(handle):
            handle.close()
            send_usbmux(sock, tag, _result(RESULT_BADDEV))
            return
        try:
            send_usbmux(sock, tag, _result(RESULT_OK))
            serve(sock)
        finally:
            phone.untrack(handle)


class _Handler(socketserver.BaseRequestHandler):
    server: Any

    def handle(self) -> None:
        self.server.daemon_process.serve_client(self.request)


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    block_on_close = False
    # Every read opens several usbmuxd connections at once; with many phones the
    # default backlog of 5 turns away clients as a loaded real daemon never does.
    request_queue_size = 128


class _TcpServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128


def _make_server(address: str, daemon_process: FakeUsbmuxd) -> socketserver.BaseServer:
    if ":" in address:
        host, port = address.rsplit(":", 1)
        server: socketserver.BaseServer = _TcpServer((host, int(port)), _Handler)
    else:
        server = _UnixServer(address, _Handler)
    server.daemon_process = daemon_process  # type: ignore[attr-defined]
    return server


def _address_of(server: socketserver.BaseServer, requested: str) -> str:
    if isinstance(server, _TcpServer):
        host, port = server.socket.getsockname()[:2]
        return f"{host}:{port}"
    return requested


def _result(number: int) -> dict[str, Any]:
    return {"MessageType": "Result", "Number": number}


def _closed_by_peer(sock: socket.socket) -> bool:
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True
