"""probe_android() against simulated phones, through the real adb server."""

from __future__ import annotations

import json
import socket
import threading
import time
import unicodedata

import pytest

from device_probes.android import probe_android, start_adb_server
from device_probes.android.client import Client
from device_probes.errors import ServiceUnreachable
from device_probes.facts import MAX_TEXT_LENGTH, BatteryMeasurement, DeviceFacts, DeviceState, LockState, Source
from device_probes.sim.android import load_profile, profile_names


def probe_one(serial: str, timeout: float = 10.0) -> DeviceFacts:
    facts = probe_android(serial=serial, timeout=timeout)
    assert [f.serial for f in facts] == [serial]
    return facts[0]


def test_pixel_with_google_account_is_frp_locked(plug):
    facts = probe_one(plug("pixel8_frp"))
    assert facts.state is DeviceState.READY
    assert (facts.platform, facts.manufacturer, facts.model_name, facts.os_version) == ("android", "Google", "Pixel 8", "14")
    assert facts.hardware_serial == "39071FDH2001ZK"
    assert facts.imei == ["354678123456787"]
    assert facts.lock is LockState.ON
    assert facts.battery.health_percent == 90.0  # "Last learned" 4118 of 4575 mAh, not "Max learned"
    assert (facts.battery.design_capacity_mah, facts.battery.full_charge_capacity_mah) == (4575, 4118)
    assert "batterystats" in facts.battery.method
    assert facts.battery.measured_by is BatteryMeasurement.LEARNED_CAPACITY
    assert (facts.battery.level_percent, facts.battery.condition, facts.battery.temperature_c) == (76, "good", 30.1)
    assert facts.provenance["imei"] is Source.DEVICE and facts.provenance["lock"] is Source.DEVICE
    assert facts.errors == []


def test_galaxy_serial_property_and_asoc(plug):
    facts = probe_one(plug("galaxy_s21"))
    assert facts.hardware_serial == "R3CR40ABCDE"  # ril.serialnumber wins over ro.serialno
    assert facts.battery.health_percent == 78.0
    assert "mSavedBatteryAsoc" in facts.battery.method
    assert facts.battery.measured_by is BatteryMeasurement.SAMSUNG_CHECK
    assert facts.lock is LockState.OFF  # a Samsung account is not FRP
    assert facts.imei == ["352098765432107"]


def test_redmi_marketing_name_and_miui_imei_properties(plug):
    facts = probe_one(plug("redmi_note11"))
    assert (facts.model_name, facts.model_code) == ("Redmi Note 11", "2201117TG")
    assert facts.imei == ["861234056789012", "861234056789194"]
    assert facts.errors == []


@pytest.mark.parametrize(
    "profile",
    ["xperia_z3_old", "reno7a_dual_sim", "huawei_p30lite", "pixel8_frp", "galaxy_s21", "redmi_note11"],
)
def test_imeis_match_what_the_modem_holds(plug, profile):
    """Old dumpsys path, dual SIM, Huawei's shifted codes: every good phone gives its IMEIs."""
    facts = probe_one(plug(profile))
    assert facts.imei == load_profile(profile)["imei"]
    assert not [error for error in facts.errors if "IMEI" in error]


def test_bad_check_digit_is_absent_with_an_error(plug):
    facts = probe_one(plug("kyocera_bad_imei"))
    assert facts.state is DeviceState.READY
    assert facts.imei == []
    assert "imei" not in facts.provenance
    assert facts.rejected_imei == ["358765432109871"]
    assert any("358765432109871" in error and "check digit" in error for error in facts.errors)


def test_unauthorized_phone_asks_for_usb_debugging_in_both_languages(plug):
    facts = probe_one(plug("pixel6a_unauthorized"))
    assert facts.state is DeviceState.UNAUTHORIZED
    assert any("USBデバッグを許可" in error and "Allow USB debugging" in error for error in facts.errors)
    assert facts.model_code is None and facts.imei == [] and facts.lock is LockState.UNKNOWN


def test_unauthorized_phone_reads_once_allowed(plug, adb_env):
    serial = plug("pixel6a_unauthorized", accept_after=0.3)
    assert adb_env.wait_for_state(serial, lambda state: state == "device") == "device"
    facts = probe_one(serial)
    assert facts.state is DeviceState.READY
    assert facts.model_name == "Pixel 6a"


def test_offline_phone(plug):
    facts = probe_one(plug("pixel8_frp", mode="offline"))
    assert facts.state is DeviceState.OFFLINE
    assert facts.errors and "unplug it and plug it in again" in facts.errors[0]


@pytest.mark.parametrize("mode", ["recovery", "sideload"])
def test_recovery_and_sideload_are_errors_with_a_message(plug, mode):
    facts = probe_one(plug("galaxy_s21", mode=mode))
    assert facts.state is DeviceState.ERROR
    assert any(mode in error and "restart it normally" in error for error in facts.errors)


def test_hanging_phone_times_out_without_holding_up_the_others(plug):
    hanging = plug("pixel8_frp", hang=True)
    healthy = plug("galaxy_s21")
    started = time.monotonic()
    results = {facts.serial: facts for facts in probe_android(timeout=1.0)}
    assert time.monotonic() - started < 3.0
    assert results[hanging].state is DeviceState.ERROR
    assert any("did not answer within 1 s" in error for error in results[hanging].errors)
    assert results[healthy].state is DeviceState.READY


def test_slow_phone_within_the_timeout_is_read(plug):
    facts = probe_one(plug("reno7a_dual_sim", latency=0.4), timeout=5.0)
    assert facts.state is DeviceState.READY and len(facts.imei) == 2


def test_unplugged_mid_read_is_an_error_not_partial_facts(plug):
    facts = probe_one(plug("pixel8_frp", unplug_after_bytes=300))
    assert facts.state is DeviceState.ERROR
    assert any("cut off" in error for error in facts.errors)
    assert facts.model_code is None and facts.imei == []


def test_garbage_on_the_wire_is_an_error(plug):
    facts = probe_one(plug("redmi_note11", garbage=True), timeout=3.0)
    assert facts.state is DeviceState.ERROR
    assert facts.errors


def test_hostile_phone_is_bounded_and_cleaned(plug):
    facts = probe_one(plug("hostile"))
    assert facts.state is DeviceState.READY
    texts = [facts.manufacturer, facts.model_name, facts.model_code, facts.os_version, facts.hardware_serial, *facts.errors]
    for text in filter(None, texts):
        assert len(text) <= 512
        assert not [char for char in text if unicodedata.category(char)[0] == "C"]
    assert len(facts.model_code) == MAX_TEXT_LENGTH and facts.model_code.endswith("…")
    assert facts.manufacturer == "Evil[31mCorp"
    assert facts.imei == []  # a formula in the IMEI property never passes as an IMEI
    assert facts.lock is LockState.ON
    # The JSON contract reads back what the probe wrote.
    again = DeviceFacts.from_json(json.loads(json.dumps(facts.to_json())))
    assert again == facts


def test_one_shell_round_trip_per_phone(plug, adb_env):
    serial = plug("reno7a_dual_sim")
    before = adb_env.phones[serial].shell_opens
    probe_one(serial)
    assert adb_env.phones[serial].shell_opens - before <= 2


def test_every_profile_at_once(plug):
    serials = {plug(name): name for name in profile_names()}
    results = {facts.serial: facts for facts in probe_android()}
    assert set(results) == set(serials)
    for serial, name in serials.items():
        expected = DeviceState.UNAUTHORIZED if name == "pixel6a_unauthorized" else DeviceState.READY
        assert results[serial].state is expected, name


def test_no_adb_server_raises_with_a_hint(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free_port = sock.getsockname()[1]
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", str(free_port))
    with pytest.raises(ServiceUnreachable) as caught:
        probe_android()
    assert caught.value.service == "adb server"
    assert "start-server" in caught.value.hint
    with socket.socket() as sock:  # and the probe did not start a server behind our back
        assert sock.connect_ex(("127.0.0.1", free_port)) != 0


def test_something_else_on_the_adb_port_is_reported_as_unreachable(monkeypatch):
    with socket.create_server(("127.0.0.1", 0)) as impostor:
        monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", str(impostor.getsockname()[1]))

        def answer_nonsense():
            connection, _ = impostor.accept()
            with connection:
                connection.recv(64)
                connection.sendall(b"OKAYzzzz not an adb reply")

        thread = threading.Thread(target=answer_nonsense)
        thread.start()
        with pytest.raises(ServiceUnreachable):
            probe_android()
        thread.join()


def test_start_adb_server_starts_one_where_none_runs(monkeypatch, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        free_port = sock.getsockname()[1]
    monkeypatch.setenv("ANDROID_ADB_SERVER_PORT", str(free_port))
    for key, value in {"HOME": str(tmp_path), "ADB_MDNS": "0", "ADB_USB": "0", "ADB_EMU": "0"}.items():
        monkeypatch.setenv(key, value)
    start_adb_server()
    try:
        assert probe_android() == []
    finally:
        Client().server_kill()
