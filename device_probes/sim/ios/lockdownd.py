"""The services a simulated phone runs behind usbmuxd: lockdownd and the diagnostics relay.

Each function serves one connection that usbmuxd has turned into a pipe to the
phone, on a blocking socket in its own thread, until the client or the phone
goes away.
"""

from __future__ import annotations

import socket
import ssl
import time
import uuid
from typing import Any

from device_probes.sim.ios.phone import PUBLIC_KEYS, SimulatedPhone
from device_probes.sim.ios.wire import PeerClosed, recv_plist, send_plist

LOCKDOWN_PORT = 62078
DIAGNOSTICS_SERVICE = "com.apple.mobile.diagnostics_relay"
#: How long a silent phone keeps a connection open before the simulator gives up on it.
SILENT_HOLD_SECONDS = 3600


def serve_lockdown(sock: socket.socket, phone: SimulatedPhone) -> None:
    session = _Session()
    tls: ssl.SSLSocket | None = None
    try:
        while True:
            request = recv_plist(tls or sock)
            phone.read_started.set()
            if phone.silent:
                phone.wait_unplugged(SILENT_HOLD_SECONDS)
                raise PeerClosed("silent phone unplugged")
            if phone.reply_delay:
                time.sleep(phone.reply_delay)
            reply = _answer(request, phone, session)
            send_plist(tls or sock, reply)
            if session.tls_host_id and tls is None:
                # The client starts its handshake as soon as it reads the reply: switch now,
                # before reading anything else from the socket.
                tls = _accept_tls(sock, phone.server_context(session.tls_host_id))
    finally:
        # The TLS socket took over the connection; the server closes only the plain one it gave us.
        if tls is not None:
            tls.close()


def serve_service(sock: socket.socket, phone: SimulatedPhone, name: str, host_id: str) -> None:
    if name != DIAGNOSTICS_SERVICE:
        return
    # Services started from a TLS session are TLS from their first byte.
    with _accept_tls(sock, phone.server_context(host_id)) as tls:
        while True:
            request = recv_plist(tls)
            if phone.reply_delay:
                time.sleep(phone.reply_delay)
            send_plist(tls, _diagnostics_answer(request, phone))


class _Session:
    def __init__(self) -> None:
        self.host_id: str | None = None
        self.tls_host_id: str | None = None


def _answer(request: dict[str, Any], phone: SimulatedPhone, session: _Session) -> dict[str, Any]:
    name = request.get("Request")
    reply: dict[str, Any] = {"Request": name}
    if name == "QueryType":
        reply["Type"] = "com.apple.mobile.lockdown"
    elif name == "GetValue":
        reply.update(_get_value(request, phone, session))
    elif name == "Pair":
        error = phone.pair(request.get("PairRecord") or {})
        if error:
            reply["Error"] = error
        else:
            reply["EscrowBag"] = uuid.uuid4().bytes * 2
    elif name == "StartSession":
        reply.update(_start_session(request, phone, session))
    elif name == "StopSession":
        session.host_id = None
        reply["Result"] = "Success"
    elif name == "StartService":
        reply.update(_start_service(request, phone, session))
    else:
        reply["Error"] = "UnknownRequest"
    return reply


def _get_value(request: dict[str, Any], phone: SimulatedPhone, session: _Session) -> dict[str, Any]:
    domain, key = request.get("Domain"), request.get("Key")
    trusted = session.host_id is not None
    if domain:
        if not trusted:
            return {"Error": "GetProhibited"}
        values = phone.domains.get(domain)
        if values is None:
            return {"Error": "MissingValue"}
    else:
        values = phone.values if trusted else {k: v for k, v in phone.values.items() if k in PUBLIC_KEYS}
    if key is None:
        return {"Value": values}
    if key not in values:
        return {"Error": "MissingValue"}
    return {"Value": values[key]}


def _start_session(request: dict[str, Any], phone: SimulatedPhone, session: _Session) -> dict[str, Any]:
    host_id = request.get("HostID")
    if not phone.is_paired_with(host_id):
        # A pairing this phone does not know: forgotten (erased, "Reset Location & Privacy") or never made.
        return {"Error": "InvalidHostID"}
    session.host_id = session.tls_host_id = host_id
    return {"SessionID": str(uuid.uuid4()).upper(), "EnableSessionSSL": True}


def _start_service(request: dict[str, Any], phone: SimulatedPhone, session: _Session) -> dict[str, Any]:
    if session.host_id is None:
        return {"Error": "InvalidConnection"}
    service = request.get("Service")
    if service != DIAGNOSTICS_SERVICE:
        return {"Error": "InvalidService"}
    return {"Service": service, "Port": phone.start_service(service, session.host_id), "EnableServiceSSL": True}


def _diagnostics_answer(request: dict[str, Any], phone: SimulatedPhone) -> dict[str, Any]:
    if request.get("Request") == "IORegistry" and request.get("EntryClass") == "IOPMPowerSource":
        if phone.battery is None:
            return {"Status": "Success", "Diagnostics": {}}
        return {"Status": "Success", "Diagnostics": {"IORegistry": phone.battery}}
    return {"Status": "UnknownRequest"}


def _accept_tls(sock: socket.socket, context: ssl.SSLContext) -> ssl.SSLSocket:
    try:
        return context.wrap_socket(sock, server_side=True)
    except (ssl.SSLError, OSError) as exc:
        raise PeerClosed(f"TLS handshake failed: {exc}") from exc
