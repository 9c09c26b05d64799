"""probe_ios against simulated phones: every profile and every trust state."""

import os
import plistlib
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from device_probes.errors import ServiceUnreachable
from device_probes.facts import DeviceFacts, DeviceState, LockState, ManagedState, Source
from device_probes.ios import probe_ios
from device_probes.problems import IOS_PAIRING_DENIED, IOS_PAIRING_PENDING, IOS_PASSCODE_LOCKED
from device_probes.sim.ios import IosSimulator, load_profile, profile_names

DISK_USAGE = load_profile("iphone13pro_findmy_on")["domains"]["com.apple.disk_usage"]

READY_PHONES = {
    "iphone13pro_findmy_on": dict(
        model_name="iPhone 13 Pro", model_code="iPhone14,2", os_version="17.5.1", capacity=128, color="4",
        hardware_serial="F2LXK0ABCDEF", imei=["356789101234563", "356789101234571"], lock=LockState.ON,
        health=85.6, cycles=412, design=3095, full=2650, source="AppleRawMaxCapacity",
    ),
    "iphone_se3_findmy_off": dict(
        model_name="iPhone SE (3rd gen)", model_code="iPhone14,6", os_version="16.7.2", capacity=64, color="1",
        hardware_serial="HX9QW1ABCDEF", imei=["353911104567897"], lock=LockState.OFF,
        health=94.3, cycles=187, design=2018, full=1903, source="NominalChargeCapacity",
    ),
    "iphone15_dual_sim": dict(
        model_name="iPhone 15", model_code="iPhone15,4", os_version="17.4", capacity=256, color="#e1cdbb",
        hardware_serial="K7M2P9ABCDEF", imei=["350162321000014", "350162321000022"], lock=LockState.OFF,
        health=100.0, cycles=38, design=3349, full=3349, source="AppleRawMaxCapacity",
    ),
    "worn_battery": dict(
        model_name="iPhone XS", model_code="iPhone11,2", os_version="17.5.1", capacity=64, color="Space Gray",
        hardware_serial="F2LYH3ABCDEF", imei=["357331098765439"], lock=LockState.OFF,
        health=76.0, cycles=900, design=2658, full=2020, source="AppleRawMaxCapacity",
    ),
}


@pytest.mark.parametrize("profile", sorted(READY_PHONES))
def test_a_trusted_phone_gives_all_its_facts(simulator, probe_one, profile):
    expected = READY_PHONES[profile]
    facts = probe_one(simulator.plug(profile))

    assert facts.state is DeviceState.READY
    assert facts.errors == []
    assert (facts.platform, facts.manufacturer) == ("ios", "Apple")
    assert facts.model_name == expected["model_name"]
    assert facts.region == "J/A"
    assert (facts.capacity_gb, facts.color) == (expected["capacity"], expected["color"])
    assert facts.managed.state is ManagedState.OFF and facts.bootloader is None
    assert facts.model_code == expected["model_code"]
    assert facts.os_version == expected["os_version"]
    assert facts.hardware_serial == expected["hardware_serial"]
    assert facts.imei == expected["imei"]
    assert facts.lock is expected["lock"]
    battery = facts.battery
    assert (battery.health_percent, battery.cycle_count) == (expected["health"], expected["cycles"])
    assert (battery.design_capacity_mah, battery.full_charge_capacity_mah) == (expected["design"], expected["full"])
    assert expected["source"] in battery.method
    assert set(facts.provenance) == {
        "manufacturer", "model_name", "model_code", "os_version", "hardware_serial", "imei", "lock", "battery",
        "capacity_gb", "color", "region", "managed",
    }
    assert set(facts.provenance.values()) == {Source.DEVICE}


def test_every_profile_gives_facts_that_survive_the_json_contract(simulator, pair_records_dir):
    # trusted_after_seconds=None keeps a pending phone pending, so the run does not depend on timing.
    udids = {simulator.plug(name, trusted_after_seconds=None): name for name in profile_names()}
    facts = probe_ios(pair_records_dir=pair_records_dir, timeout=10)

    assert sorted(f.serial for f in facts) == sorted(udids)
    for one in facts:
        assert DeviceFacts.from_json(one.to_json()) == one, udids[one.serial]


def test_the_serial_argument_picks_one_phone(simulator, pair_records_dir):
    simulator.plug("iphone15_dual_sim")
    wanted = simulator.plug("worn_battery")
    assert [f.serial for f in probe_ios(serial=wanted, pair_records_dir=pair_records_dir)] == [wanted]


def test_a_phone_waiting_for_trust_says_so_then_reads_once_trusted(simulator, probe_one):
    udid = simulator.plug("untrusted_then_trusted", trusted_after_seconds=None)  # Trust is tapped below

    waiting = probe_one(udid)
    assert waiting.state is DeviceState.PAIRING_PENDING
    assert waiting.problems == [IOS_PAIRING_PENDING]
    # The basics are readable before trust, so the card can already say what the phone is.
    assert waiting.model_name == "iPhone 12"
    assert waiting.imei == [] and waiting.lock is LockState.UNKNOWN and waiting.battery is None

    simulator.phone(udid).tap_trust()
    trusted = probe_one(udid)
    assert trusted.state is DeviceState.READY
    assert trusted.imei == ["353053119876540"]


@pytest.mark.parametrize(
    ("override", "missing", "unknown", "code", "detail"),
    [
        ({"domains": {"com.apple.disk_usage": DISK_USAGE}}, "lock", LockState.UNKNOWN,
         "ios.find_my_unreadable", "Find My could not be read: MissingValue"),
        ({"battery": None}, "battery", None, "battery.unreadable", "the iPhone sent no battery data"),
        ({"domains": {"com.apple.fmip": {"IsAssociated": True}}}, "capacity_gb", None,
         "ios.storage_unreadable", "storage could not be read: MissingValue"),
    ],
)
def test_a_fact_the_phone_does_not_give_stays_unknown_with_a_reason(
    simulator, probe_one, override, missing, unknown, code, detail
):
    facts = probe_one(simulator.plug("iphone13pro_findmy_on", **override))
    assert facts.state is DeviceState.READY
    [problem] = facts.problems
    assert problem.code == code and detail in problem.en
    assert missing not in facts.provenance
    assert getattr(facts, missing) is unknown
    assert facts.imei == READY_PHONES["iphone13pro_findmy_on"]["imei"]


def test_management_is_unknown_when_the_mobile_config_service_will_not_start(simulator, probe_one):
    facts = probe_one(simulator.plug("iphone13pro_findmy_on", refused_services=["com.apple.mobile.MCInstall"]))
    assert facts.state is DeviceState.READY
    assert facts.managed.state is ManagedState.UNKNOWN
    [problem] = facts.problems
    assert problem.code == "ios.management_unreadable"
    assert problem.en == "management (MDM) could not be read: InvalidServiceError"


def test_a_company_phone_is_managed(simulator, probe_one):
    facts = probe_one(simulator.plug("company_iphone_managed"))
    assert facts.managed.state is ManagedState.ON
    assert facts.managed.detail == "supervised; enrolled in remote management by Example Corp"
    assert facts.provenance["managed"] is Source.DEVICE


def test_dont_trust_gives_pairing_denied(simulator, probe_one):
    facts = probe_one(simulator.plug("dont_trust"))
    assert facts.state is DeviceState.PAIRING_DENIED
    assert facts.problems == [IOS_PAIRING_DENIED]
    assert facts.hardware_serial is None and facts.imei == []


def test_a_locked_phone_gives_passcode_locked(simulator, probe_one):
    facts = probe_one(simulator.plug("passcode_locked"))
    assert facts.state is DeviceState.PASSCODE_LOCKED
    assert facts.problems == [IOS_PASSCODE_LOCKED]
    assert facts.model_name == "iPhone XR"


def test_a_phone_not_activated_has_lock_unknown_never_off(simulator, probe_one):
    facts = probe_one(simulator.plug("not_activated"))
    assert facts.state is DeviceState.READY
    assert facts.lock is LockState.UNKNOWN
    assert any("not activated" in error for error in facts.errors)


def test_a_stale_pairing_is_replaced_once(simulator, probe_one, pair_records_dir):
    udid = simulator.plug("stale_pairing")
    stale = plistlib.loads(simulator.registry.read_pair_record(udid))
    assert not simulator.phone(udid).is_paired_with(stale["HostID"])

    facts = probe_one(udid)

    assert facts.state is DeviceState.READY
    # The host keeps its HostID; the phone now knows it, with fresh certificates.
    assert simulator.phone(udid).paired_host_ids() == [stale["HostID"]]
    for saved in (simulator.registry.read_pair_record(udid), (pair_records_dir / f"{udid}.plist").read_bytes()):
        record = plistlib.loads(saved)
        assert record["HostCertificate"].startswith(b"-----BEGIN CERTIFICATE-----")
        assert record["HostCertificate"] != stale["HostCertificate"]


def test_a_second_read_reuses_the_pairing(simulator, probe_one):
    udid = simulator.plug("iphone13pro_findmy_on")
    probe_one(udid)
    assert probe_one(udid).state is DeviceState.READY
    assert len(simulator.phone(udid).paired_host_ids()) == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_pair_records_are_private_whatever_the_umask(simulator, probe_one, pair_records_dir):
    udid = simulator.plug("iphone13pro_findmy_on")
    old_umask = os.umask(0o002)
    try:
        probe_one(udid)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(pair_records_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((pair_records_dir / f"{udid}.plist").stat().st_mode) == 0o600


def test_pair_records_stay_in_the_given_folder(simulator, probe_one, pair_records_dir):
    udid = simulator.plug("iphone15_dual_sim")
    probe_one(udid)
    assert [path.name for path in pair_records_dir.iterdir()] == [f"{udid}.plist"]


def test_hostile_values_are_bounded_cleaned_and_checked(simulator, probe_one):
    facts = probe_one(simulator.plug("hostile_values"))

    assert facts.state is DeviceState.READY
    assert facts.imei == []
    assert facts.rejected_imei and "imei.invalid" in [problem.code for problem in facts.problems]
    assert facts.lock is LockState.UNKNOWN
    assert facts.battery is None
    for value in (facts.model_code, facts.os_version, facts.hardware_serial, *facts.errors):
        assert len(value) <= 512
        assert value.isprintable()
    assert len(facts.hardware_serial) == 64 and facts.hardware_serial.endswith("…")
    assert facts.os_version == "17.5.1"


def test_a_phone_that_never_answers_times_out_as_an_error(simulator, probe_one):
    udid = simulator.plug("iphone15_dual_sim", silent=True)
    started = time.monotonic()
    facts = probe_one(udid, timeout=1.0)
    assert time.monotonic() - started < 2.5
    assert facts.state is DeviceState.ERROR
    assert len(facts.errors) == 1 and "The iPhone did not answer within 1 s" in facts.errors[0]


def test_unplugging_mid_read_ends_the_read_with_a_message(simulator, probe_one):
    udid = simulator.plug("worn_battery", reply_delay_seconds=0.3)
    unplugged_at = []

    def unplug_soon():
        assert simulator.phone(udid).read_started.wait(10)
        unplugged_at.append(time.monotonic())
        simulator.unplug(udid)

    threading.Thread(target=unplug_soon).start()
    facts = probe_one(udid)

    assert time.monotonic() - unplugged_at[0] < 1.5
    assert facts.state is DeviceState.OFFLINE
    assert "unplugged" in facts.errors[0]
    assert facts.imei == [] and facts.battery is None


def test_phones_on_wifi_are_left_out(simulator, pair_records_dir):
    simulator.plug("iphone15_dual_sim", connection_type="Network")
    usb = simulator.plug("worn_battery")
    assert [f.serial for f in probe_ios(pair_records_dir=pair_records_dir)] == [usb]


@pytest.mark.sim
def test_usbmuxd_over_tcp(monkeypatch, pair_records_dir):
    with IosSimulator("127.0.0.1:0") as simulator:
        monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", simulator.address)
        udid = simulator.plug("iphone13pro_findmy_on")
        [facts] = probe_ios(pair_records_dir=pair_records_dir)
    assert (facts.serial, facts.state) == (udid, DeviceState.READY)


@pytest.mark.parametrize("address", ["{tmp}/no-usbmuxd-here", "127.0.0.1:9"])
def test_no_usbmuxd_raises_service_unreachable_with_a_hint(monkeypatch, tmp_path, pair_records_dir, address):
    monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", address.format(tmp=tmp_path))
    with pytest.raises(ServiceUnreachable) as raised:
        probe_ios(pair_records_dir=pair_records_dir, timeout=2)
    assert raised.value.service == "usbmuxd"
    assert "USBMUXD_SOCKET_ADDRESS" in raised.value.hint


def test_nothing_is_written_to_the_home_folder(simulator, tmp_path, pair_records_dir):
    home = tmp_path / "home"
    home.mkdir()
    code = (
        "import pathlib, sys\n"
        "from device_probes.ios import probe_ios\n"
        "[facts] = probe_ios(pair_records_dir=pathlib.Path(sys.argv[1]))\n"
        "print(facts.state.value)"
    )
    simulator.plug("iphone13pro_findmy_on")
    result = subprocess.run(
        [sys.executable, "-c", code, str(pair_records_dir)],
        env={**os.environ, "HOME": str(home)}, cwd=Path(__file__).parents[2],
        capture_output=True, text=True, timeout=60,
    )
    assert result.stdout.strip() == "ready", result.stderr
    assert list(home.iterdir()) == []
    assert len(list(pair_records_dir.iterdir())) == 1
