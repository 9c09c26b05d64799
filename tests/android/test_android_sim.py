"""The simulator itself: real key checks, shell v2 for the adb command line, the demo runner."""

from __future__ import annotations

import base64
import os
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils

from device_probes.android import probe_android
from device_probes.facts import DeviceState
from device_probes.sim.android import load_profile
from device_probes.sim.android.adbd import FakeAdbd
from device_probes.sim.android.phone import Phone
from device_probes.sim.android.protocol import PublicKey

REPO = Path(__file__).resolve().parents[2]


def adb_public_key(key: rsa.RSAPrivateKey) -> str:
    """The key in adb's adbkey.pub format (Android's RSAPublicKey struct, base64)."""
    numbers = key.public_key().public_numbers()
    n0inv = (-pow(numbers.n, -1, 2**32)) % 2**32
    rr = pow(2, 4096, numbers.n)
    blob = (
        struct.pack("<II", 64, n0inv)
        + numbers.n.to_bytes(256, "little")
        + rr.to_bytes(256, "little")
        + struct.pack("<I", numbers.e)
    )
    return base64.b64encode(blob).decode() + " someone@elsewhere"


@pytest.fixture(scope="module")
def other_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_signature_check_accepts_only_the_right_key_and_token(other_key):
    token = os.urandom(20)
    signature = other_key.sign(token, padding.PKCS1v15(), utils.Prehashed(hashes.SHA1()))
    key = PublicKey.from_adb(adb_public_key(other_key))
    assert key.verifies(token, signature)
    assert not key.verifies(os.urandom(20), signature)
    assert not key.verifies(token, signature[:-1] + bytes([signature[-1] ^ 1]))


def test_a_phone_trusting_another_computer_is_unauthorized_until_allowed(adb_env, other_key):
    adbd = FakeAdbd(Phone(load_profile("pixel8_frp")), trusted_keys=[adb_public_key(other_key)])
    try:
        assert "failed to authenticate" in adb_env.client.connect(adbd.address, timeout=10)
        assert adb_env.wait_for_state(adbd.address, lambda state: state == "unauthorized") == "unauthorized"
        adbd.allow_usb_debugging()
        assert adb_env.wait_for_state(adbd.address, lambda state: state == "device") == "device"
    finally:
        adbd.close()
        adb_env.client.disconnect(adbd.address)


def test_shell_v2_through_the_adb_command_line(plug, adb_env):
    serial = plug("galaxy_s21")
    result = subprocess.run(
        [adb_env.adb_path, "-s", serial, "shell", "getprop ro.product.model; no-such-tool"],
        env={**os.environ, **adb_env.env},
        capture_output=True,
        timeout=20,
    )
    assert result.stdout == b"SC-51B\n"
    assert b"no-such-tool: inaccessible or not found" in result.stderr
    assert result.returncode == 127  # only shell v2 carries the exit code


def test_unknown_profile_is_refused(adb_env):
    with pytest.raises(ValueError, match="no phone profile"):
        adb_env.plug("nokia_3310")


@pytest.mark.sim
def test_command_line_runs_phones_until_interrupted(monkeypatch):
    runner = subprocess.Popen(
        [sys.executable, "-m", "device_probes.sim.android", "pixel8_frp", "galaxy_s21"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        exports = {}
        for line in runner.stdout:
            if line.startswith("export "):
                key, _, value = line.removeprefix("export ").strip().partition("=")
                exports[key] = value
            if line.startswith("# Ctrl-C"):
                break
        for key, value in exports.items():
            monkeypatch.setenv(key, value)
        facts = probe_android()
        assert sorted(f.model_code for f in facts) == ["Pixel 8", "SC-51B"]
        assert all(f.state is DeviceState.READY for f in facts)
        runner.send_signal(signal.SIGINT)
        assert runner.wait(timeout=20) == 0
    finally:
        if runner.poll() is None:
            runner.kill()
            runner.wait()
