"""`kiosk probe` reads both kinds of phone through the real clients and the simulators."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from device_probes.sim.android import AndroidSimulator
from device_probes.sim.ios import IosSimulator
from tests.factories import intake_json

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def phones():
    with IosSimulator() as ios, AndroidSimulator() as android:
        serials = {
            "iphone": ios.plug("iphone13pro_findmy_on"),
            "untrusted": ios.plug("dont_trust"),
            "galaxy": android.plug("galaxy_s21"),
            "unauthorized": android.plug("pixel6a_unauthorized"),
            "bad_imei": android.plug("kyocera_bad_imei"),
        }
        yield {**ios.env, **android.env}, serials


def kiosk_probe(env_changes, *args):
    env = {**os.environ, **env_changes}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "probe", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


def test_probe_json_lists_every_phone_of_both_platforms(phones):
    env, serials = phones
    done = kiosk_probe(env, "--json")
    assert done.returncode == 0, done.stderr
    by_serial = {facts["serial"]: facts for facts in json.loads(done.stdout)}
    iphone = by_serial[serials["iphone"]]
    assert iphone["platform"] == "ios" and iphone["state"] == "ready" and iphone["lock"] == "on"
    assert iphone["model_name"].startswith("iPhone 13 Pro") and iphone["imei"]
    assert by_serial[serials["untrusted"]]["state"] == "pairing_denied"
    galaxy = by_serial[serials["galaxy"]]
    assert galaxy["platform"] == "android" and galaxy["manufacturer"] == "samsung" and galaxy["imei"]
    unauthorized = by_serial[serials["unauthorized"]]
    assert unauthorized["state"] == "unauthorized"
    assert any("USB" in error for error in unauthorized["errors"])


def test_probe_table_and_serial_filter(phones):
    env, serials = phones
    done = kiosk_probe(env, "--serial", serials["galaxy"])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("PLATFORM") and len(lines) == 2 and serials["galaxy"] in lines[1]


def test_probe_works_when_only_one_service_answers(phones, tmp_path):
    env, _ = phones
    done = kiosk_probe({**env, "USBMUXD_SOCKET_ADDRESS": str(tmp_path / "no-usbmuxd")}, "--json")
    assert done.returncode == 0
    assert {facts["platform"] for facts in json.loads(done.stdout)} == {"android"}
    assert "usbmuxd not reachable" in done.stderr


def test_probe_fails_naming_both_services_when_neither_answers(tmp_path):
    done = kiosk_probe(
        {"USBMUXD_SOCKET_ADDRESS": str(tmp_path / "no-usbmuxd"), "ANDROID_ADB_SERVER_PORT": "1"}, "--json"
    )
    assert done.returncode == 1
    assert "usbmuxd not reachable" in done.stderr and "adb server not reachable" in done.stderr


def test_probed_facts_grade_through_the_cli(phones):
    """What the probe prints is what grading reads: a phone with a bad IMEI is held."""
    env, serials = phones
    probed = json.loads(kiosk_probe(env, "--json", "--serial", serials["bad_imei"]).stdout)
    grading_input = dict(intake_json(), device=probed[0])
    done = subprocess.run([sys.executable, "-m", "kiosk", "grade"], input=json.dumps(grading_input),
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "hold"
    assert "imei.invalid" in {reason["rule"] for reason in result["reasons"]}


@pytest.mark.sim
def test_kiosk_sim_serves_phones_that_kiosk_probe_reads(tmp_path):
    sim = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", "ios:iphone_se3_findmy_off", "android:redmi_note11"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        env = {}
        for line in sim.stdout:
            if line.startswith("export "):
                name, value = line.removeprefix("export ").strip().split("=", 1)
                env[name] = value.strip("'")
            if line.startswith("# Ctrl-C"):
                break
        done = kiosk_probe(env, "--json")
        assert done.returncode == 0, done.stderr
        models = sorted(facts["model_name"] for facts in json.loads(done.stdout))
        assert models[0].startswith("Redmi Note 11") and models[1].startswith("iPhone SE")
    finally:
        sim.terminate()
        assert sim.wait(timeout=30) == 0


def test_probe_json_carries_the_new_facts_and_the_shops_names(phones, tmp_path):
    env, serials = phones
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "android_model_names.json").write_text(json.dumps({"SC-51B": "Galaxy S21 5G"}), encoding="utf-8")
    done = kiosk_probe({**env, "KIOSK_DATA_DIR": str(data_dir)}, "--json")
    assert done.returncode == 0, done.stderr
    by_serial = {facts["serial"]: facts for facts in json.loads(done.stdout)}
    iphone, galaxy = by_serial[serials["iphone"]], by_serial[serials["galaxy"]]
    assert (iphone["model_name"], iphone["region"], iphone["capacity_gb"]) == ("iPhone 13 Pro", "J/A", 128)
    assert iphone["managed"] == {"state": "off", "detail": "not supervised; no remote management", "organisation": None}
    assert iphone["bootloader"] is None and iphone["provenance"]["capacity_gb"] == "device"
    assert (galaxy["model_name"], galaxy["model_code"], galaxy["capacity_gb"]) == ("Galaxy S21 5G", "SC-51B", 256)
    assert galaxy["bootloader"] == "locked" and galaxy["managed"]["state"] == "off"
    table = kiosk_probe({**env, "KIOSK_DATA_DIR": str(data_dir)}, "--serial", serials["galaxy"])
    assert "Galaxy S21 5G (SC-51B)" in table.stdout


def test_a_broken_shop_names_file_is_named_and_the_probe_goes_on(phones, tmp_path):
    env, serials = phones
    names_file = tmp_path / "android_model_names.json"
    names_file.write_text("[1, 2]", encoding="utf-8")
    done = kiosk_probe({**env, "KIOSK_DATA_DIR": str(tmp_path)}, "--json", "--serial", serials["galaxy"])
    assert done.returncode == 0
    assert str(names_file) in done.stderr
    assert json.loads(done.stdout)[0]["model_code"] == "SC-51B"
