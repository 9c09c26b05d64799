"""The simulated usbmuxd and lockdownd at the protocol level, and the profiles they serve."""

import plistlib
import signal
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from pymobiledevice3.ca import generate_pairing_cert_chain
from stdnum import imei

from device_probes.sim.ios import load_profile, profile_names
from device_probes.sim.ios.lockdownd import LOCKDOWN_PORT
from device_probes.sim.ios.wire import PeerClosed, recv_plist, recv_usbmux, send_plist, send_usbmux

GOOD_PROFILES = sorted(set(profile_names()) - {"hostile_values"})
REQUIRED_PROFILES = {
    "iphone13pro_findmy_on", "iphone_se3_findmy_off", "iphone15_dual_sim", "untrusted_then_trusted",
    "dont_trust", "passcode_locked", "not_activated", "worn_battery", "hostile_values", "stale_pairing",
}


def mux_request(simulator, message: dict) -> tuple[socket.socket, dict]:
    sock = socket.socket(socket.AF_UNIX)
    sock.connect(simulator.address)
    send_usbmux(sock, 7, message)
    tag, reply = recv_usbmux(sock)
    assert tag == 7
    return sock, reply


def connect_to_lockdown(simulator, udid: str, port_number: int) -> tuple[socket.socket, dict]:
    device_id = simulator.phone(udid).device_id
    return mux_request(simulator, {"MessageType": "Connect", "DeviceID": device_id, "PortNumber": port_number})


def test_all_required_profiles_exist():
    assert REQUIRED_PROFILES <= set(profile_names())


@pytest.mark.parametrize("name", GOOD_PROFILES)
def test_good_profiles_carry_valid_imeis(name):
    values = load_profile(name)["values"]
    numbers = [values[key] for key in values if key.startswith("InternationalMobileEquipmentIdentity")]
    assert numbers and all(imei.is_valid(number) for number in numbers)


def test_the_hostile_profile_is_hostile():
    values = load_profile("hostile_values")["values"]
    assert not imei.is_valid(values["InternationalMobileEquipmentIdentity"])
    assert len(values["SerialNumber"]) >= 100_000
    assert any(ord(char) < 0x20 for char in values["ProductType"])


def test_connect_reads_the_port_in_network_byte_order(simulator):
    udid = simulator.plug("iphone13pro_findmy_on")
    sock, reply = connect_to_lockdown(simulator, udid, LOCKDOWN_PORT)
    sock.close()
    assert reply == {"MessageType": "Result", "Number": 3}

    sock, reply = connect_to_lockdown(simulator, udid, socket.htons(LOCKDOWN_PORT))
    with sock:
        assert reply == {"MessageType": "Result", "Number": 0}
        send_plist(sock, {"Request": "QueryType"})
        assert recv_plist(sock)["Type"] == "com.apple.mobile.lockdown"


def test_pair_records_can_be_saved_read_and_deleted(simulator):
    udid = simulator.plug("worn_battery")
    record = plistlib.dumps({"HostID": "H"})
    sock, reply = mux_request(simulator, {"MessageType": "SavePairRecord", "PairRecordID": udid,
                                          "PairRecordData": record, "DeviceID": 1})
    sock.close()
    assert reply["Number"] == 0
    sock, reply = mux_request(simulator, {"MessageType": "ReadPairRecord", "PairRecordID": udid})
    sock.close()
    assert reply == {"PairRecordData": record}
    mux_request(simulator, {"MessageType": "DeletePairRecord", "PairRecordID": udid})[0].close()
    sock, reply = mux_request(simulator, {"MessageType": "ReadPairRecord", "PairRecordID": udid})
    sock.close()
    assert reply["Number"] != 0


def _pair(sock: socket.socket, host_id: str, public_key: bytes) -> dict:
    host_cert, host_key, device_cert, root_cert, root_key = generate_pairing_cert_chain(public_key)
    record = {"HostID": host_id, "HostCertificate": host_cert, "DeviceCertificate": device_cert,
              "RootCertificate": root_cert, "SystemBUID": "B"}
    send_plist(sock, {"Request": "Pair", "PairRecord": record})
    assert "Error" not in recv_plist(sock)
    return {**record, "HostPrivateKey": host_key, "RootPrivateKey": root_key}


def _client_context(tmp_path: Path, certificate: bytes, key: bytes) -> ssl.SSLContext:
    pem = tmp_path / "client.pem"
    pem.write_bytes(certificate + b"\n" + key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.load_cert_chain(pem)
    return context


@pytest.mark.parametrize("certificate", ["host", "root", "other"])
def test_the_session_accepts_the_pair_records_certificates_only(simulator, tmp_path, certificate):
    """pymobiledevice3 presents the host certificate, libimobiledevice the root; a stranger's is refused."""
    udid = simulator.plug("iphone15_dual_sim")
    sock, _ = connect_to_lockdown(simulator, udid, socket.htons(LOCKDOWN_PORT))
    send_plist(sock, {"Request": "GetValue", "Key": "DevicePublicKey"})
    public_key = recv_plist(sock)["Value"]
    record = _pair(sock, "HOST-1", public_key)
    client_certificate = {
        "host": (record["HostCertificate"], record["HostPrivateKey"]),
        "root": (record["RootCertificate"], record["RootPrivateKey"]),
        "other": generate_pairing_cert_chain(public_key)[:2],
    }[certificate]
    send_plist(sock, {"Request": "StartSession", "HostID": "HOST-1"})
    assert recv_plist(sock)["EnableSessionSSL"] is True

    def read_serial_over_tls():
        with _client_context(tmp_path, *client_certificate).wrap_socket(sock) as tls:
            send_plist(tls, {"Request": "GetValue", "Key": "SerialNumber"})
            return recv_plist(tls)["Value"]

    if certificate != "other":
        assert read_serial_over_tls() == "K7M2P9ABCDEF"
    else:
        # Depending on timing, TLS 1.3 reports the rejection during the handshake or on the first read.
        with pytest.raises((PeerClosed, ssl.SSLError)):
            read_serial_over_tls()


def test_values_beyond_the_basics_need_a_session(simulator):
    udid = simulator.plug("iphone13pro_findmy_on")
    sock, _ = connect_to_lockdown(simulator, udid, socket.htons(LOCKDOWN_PORT))
    with sock:
        send_plist(sock, {"Request": "GetValue"})
        basics = recv_plist(sock)["Value"]
        assert basics["ProductType"] == "iPhone14,2"
        assert "SerialNumber" not in basics and "InternationalMobileEquipmentIdentity" not in basics
        send_plist(sock, {"Request": "GetValue", "Domain": "com.apple.fmip", "Key": "IsAssociated"})
        assert recv_plist(sock)["Error"] == "GetProhibited"


@pytest.mark.sim
def test_the_module_runs_phones_until_interrupted():
    process = subprocess.Popen(
        [sys.executable, "-m", "device_probes.sim.ios", "worn_battery", "iphone15_dual_sim"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2],
    )
    try:
        lines = [process.stdout.readline() for _ in range(4)]
        assert lines[0].startswith("plugged worn_battery: ")
        assert lines[3].startswith("export USBMUXD_SOCKET_ADDRESS=")
        host, port = lines[3].strip().split("=", 1)[1].rsplit(":", 1)
        with socket.create_connection((host, int(port))) as sock:
            send_usbmux(sock, 1, {"MessageType": "ListDevices"})
            assert len(recv_usbmux(sock)[1]["DeviceList"]) == 2
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
