"""Clients nobody here wrote get from the simulated iPhones what a real iPhone gives them.

pymobiledevice3's own command line always runs; libimobiledevice's tools run where
Debian's libimobiledevice-utils is installed (``.ci/run`` installs it). Every client
finds the phones through ``USBMUXD_SOCKET_ADDRESS`` set to a loopback ``HOST:PORT``,
the one form both libusbmuxd and pymobiledevice3 read.
"""

from __future__ import annotations

import json
import os
import plistlib
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from device_probes.sim.ios import IosSimulator
from device_probes.sim.phones import ANY_CLIENT_USBMUXD_ADDRESS

PROFILE = "iphone13pro_findmy_on"
LIBIMOBILEDEVICE_TOOLS = ("idevice_id", "idevicepair", "ideviceinfo", "idevicediagnostics")
needs_libimobiledevice = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in LIBIMOBILEDEVICE_TOOLS),
    reason="libimobiledevice-utils is not installed (Debian: apt-get install libimobiledevice-utils)",
)


@pytest.fixture
def phone(tmp_path):
    """One simulated iPhone on a loopback port, and the environment a client process needs."""
    with IosSimulator(ANY_CLIENT_USBMUXD_ADDRESS) as simulator:
        udid = simulator.plug(PROFILE)
        home = tmp_path / "home"
        home.mkdir()
        # A private HOME: the clients keep their own pair records and settings there.
        env = {**os.environ, **simulator.env, "HOME": str(home), "COLUMNS": "200"}
        yield simulator, udid, env


def run(env: dict[str, str], *command: str) -> subprocess.CompletedProcess:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}: {done.stderr}"
    return done


def pymobiledevice3(env: dict[str, str], *arguments: str):
    return json.loads(run(env, sys.executable, "-m", "pymobiledevice3", *arguments).stdout)


def test_the_simulator_listens_where_both_kinds_of_client_look(phone):
    simulator, _, _ = phone
    host, _, port = simulator.address.rpartition(":")
    assert host == "127.0.0.1" and int(port) > 0


# -- libimobiledevice ---------------------------------------------------------------------


@needs_libimobiledevice
def test_idevice_id_lists_the_phone(phone):
    _, udid, env = phone
    assert run(env, "idevice_id", "-l").stdout.split() == [udid]


@needs_libimobiledevice
def test_idevicepair_pairs_validates_and_unpairs(phone):
    simulator, udid, env = phone
    assert "SUCCESS" in run(env, "idevicepair", "pair").stdout
    [host_id] = simulator.phone(udid).paired_host_ids()
    assert simulator.registry.read_pair_record(udid) is not None
    # validate starts a TLS session: the phone must accept the client certificate libimobiledevice presents.
    assert "SUCCESS" in run(env, "idevicepair", "validate").stdout

    assert "SUCCESS" in run(env, "idevicepair", "unpair").stdout
    assert host_id not in simulator.phone(udid).paired_host_ids()
    assert simulator.registry.read_pair_record(udid) is None


@needs_libimobiledevice
def test_ideviceinfo_reads_the_values_a_session_unlocks(phone):
    _, _, env = phone
    run(env, "idevicepair", "pair")
    values = dict(line.split(": ", 1) for line in run(env, "ideviceinfo").stdout.splitlines() if ": " in line)
    assert values["ProductType"] == "iPhone14,2"
    assert values["SerialNumber"] == "F2LXK0ABCDEF"
    assert values["InternationalMobileEquipmentIdentity"] == "356789101234563"
    assert run(env, "ideviceinfo", "-q", "com.apple.fmip").stdout.strip() == "IsAssociated: true"
    disk_usage = run(env, "ideviceinfo", "-q", "com.apple.disk_usage").stdout
    assert "TotalDiskCapacity: 127989493760" in disk_usage.splitlines()


@needs_libimobiledevice
def test_idevicediagnostics_reads_the_battery_by_name_and_the_reports(phone):
    _, _, env = phone
    run(env, "idevicepair", "pair")
    entry = plistlib.loads(run(env, "idevicediagnostics", "ioregentry", "AppleSmartBattery").stdout.encode())
    assert entry["IORegistry"]["AppleRawMaxCapacity"] == 2650
    assert entry["IORegistry"]["DesignCapacity"] == 3095
    reports = plistlib.loads(run(env, "idevicediagnostics", "diagnostics", "All").stdout.encode())
    assert {"GasGauge", "NAND", "WiFi"} <= set(reports)
    # As iOS 12.2 and later report it: FullChargeCapacity is a percentage, not mAh.
    assert reports["GasGauge"] == {"CycleCount": 412, "DesignCapacity": 3095, "FullChargeCapacity": 100,
                                   "Status": "Success"}
    gas_gauge = plistlib.loads(run(env, "idevicediagnostics", "diagnostics", "GasGauge").stdout.encode())
    assert set(gas_gauge) == {"GasGauge"}


# -- pymobiledevice3's command line -------------------------------------------------------


def test_pymobiledevice3_lists_the_phone(phone):
    _, udid, env = phone
    [device] = pymobiledevice3(env, "usbmux", "list")
    assert device["UniqueDeviceID"] == udid and device["ProductType"] == "iPhone14,2"


def test_pymobiledevice3_reads_lockdown_values_and_the_date(phone):
    _, _, env = phone
    values = pymobiledevice3(env, "lockdown", "info")
    assert values["InternationalMobileEquipmentIdentity2"] == "356789101234571"
    assert values["RegionInfo"] == "J/A"
    date = run(env, sys.executable, "-m", "pymobiledevice3", "lockdown", "date").stdout.strip()
    assert date[:4].isdigit() and int(date[:4]) >= 2024


def test_pymobiledevice3_reads_the_battery_and_the_diagnostics_reports(phone):
    _, _, env = phone
    battery = pymobiledevice3(env, "diagnostics", "battery", "single")
    assert battery["CycleCount"] == 412 and battery["AppleRawMaxCapacity"] == 2650
    reports = pymobiledevice3(env, "diagnostics", "info")
    assert reports["GasGauge"]["DesignCapacity"] == 3095


def test_pymobiledevice3_pairs_and_keeps_its_record_in_usbmuxd(phone):
    simulator, udid, env = phone
    pymobiledevice3(env, "lockdown", "info")
    assert simulator.registry.read_pair_record(udid) is not None
    assert len(simulator.phone(udid).paired_host_ids()) == 1


@pytest.mark.sim
def test_the_address_kiosk_sim_prints_serves_both_kinds_of_client(tmp_path):
    root = Path(__file__).resolve().parents[2]
    sim = subprocess.Popen([sys.executable, "-m", "kiosk", "sim", f"ios:{PROFILE}"], stdout=subprocess.PIPE,
                           text=True, cwd=root)
    try:
        exports = {}
        for line in sim.stdout:
            if line.startswith("export "):
                name, value = line.removeprefix("export ").strip().split("=", 1)
                exports[name] = value.strip("'")
            if line.startswith("# Ctrl-C"):
                break
        env = {**os.environ, **exports, "HOME": str(tmp_path)}
        [device] = pymobiledevice3(env, "usbmux", "list")
        if shutil.which("idevice_id"):
            assert run(env, "idevice_id", "-l").stdout.split() == [device["UniqueDeviceID"]]
    finally:
        sim.send_signal(signal.SIGINT)
        assert sim.wait(timeout=30) == 0
