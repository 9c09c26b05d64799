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

from device_probes.sim.ios.phone import DIAGNOSTICS_REPORTS, PUBLIC_KEYS, SimulatedPhone
from device_probes.sim.ios.wire import PeerClosed, recv_plist, send_plist

LOCKDOWN_PORT = 62078
DIAGNOSTICS_SERVICE = "com.apple.mobile.diagnostics_relay"
MOBILE_CONFIG_SERVICE = "com.apple.mobile.MCInstall"
SERVICES = (DIAGNOSTICS_SERVICE, MOBILE_CONFIG_SERVICE)
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
    answer = {DIAGNOSTICS_SERVICE: _diagnostics_answer, MOBILE_CONFIG_SERVICE: _mobile_config_answer}.get(name)
    if answer is None:
        return
    # Services started from a TLS session are TLS from their first byte.
    with _accept_tls(sock, phone.server_context(host_id)) as tls:
        while True:
            request = recv_plist(tls)
            if phone.reply_delay:
                time.sleep(phone.reply_delay)
            send_plist(tls, answer(request, phone))
            if request.get("Request") == "Goodbye":
                return


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
    elif name == "Unpair":
        host_id = (request.get("PairRecord") or {}).get("HostID")
        if not phone.unpair(host_id):
            reply["Error"] = "InvalidHostID"
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
        values = phone.lockdown_values()
        if not trusted:
            values = {k: v for k, v in values.items() if k in PUBLIC_KEYS}
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
    if service not in SERVICES or service in phone.refused_services:
        return {"Error": "InvalidService"}
    return {"Service": service, "Port": phone.start_service(service, session.host_id), "EnableServiceSSL": True}


def _diagnostics_answer(request: dict[str, Any], phone: SimulatedPhone) -> dict[str, Any]:
    """The relay's answer: IORegistry entries by class or name, the All and GasGauge reports, Goodbye."""
    kind = request.get("Request")
    if kind == "Goodbye":
        return {"Status": "Success"}
    if kind == "IORegistry":
        entry = phone.ioregistry_entry(request.get("EntryClass"), request.get("EntryName"))
        return {"Status": "Success", "Diagnostics": {"IORegistry": entry} if entry is not None else {}}
    if kind in DIAGNOSTICS_REPORTS:
        reports = phone.diagnostics_reports()
        if kind != "All":
            reports = {kind: reports[kind]}
        return {"Status": "Success", "Diagnostics": reports}
    return {"Status": "UnknownRequest"}


def _mobile_config_answer(request: dict[str, Any], phone: SimulatedPhone) -> dict[str, Any]:
    """The MobileConfig service (MCInstall): the cloud configuration and an empty profile list."""
    kind = request.get("RequestType")
    if kind == "GetCloudConfiguration":
        return {"Status": "Acknowledged", "CloudConfiguration": phone.cloud_configuration}
    if kind in ("HelloHostIdentifier", "Flush"):
        return {"Status": "Acknowledged"}
    if kind == "GetProfileList":
        return {"Status": "Acknowledged", "OrderedIdentifiers": [], "ProfileManifest": {}, "ProfileMetadata": {}}
    return {"Status": "Error", "ErrorChain": [{"ErrorCode": 1000, "ErrorDomain": "MCInstallationErrorDomain",
                                              "LocalizedDescription": f"Unsupported request {kind!r}"}]}


def _accept_tls(sock: socket.socket, context: ssl.SSLContext) -> ssl.SSLSocket:
    try:
        return context.wrap_socket(sock, server_side=True)
    except (ssl.SSLError, OSError) as exc:
        raise PeerClosed(f"TLS handshake failed: {exc}") from exc
