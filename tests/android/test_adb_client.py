"""The stock adb command line (the binary in adbutils' wheel) gets from a simulated phone what a real one gives.

Each test runs ``adb`` as a user would, against the simulator's private adb server.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from device_probes.sim.android.phone import Phone, load_profile

BATTERY = "/sys/class/power_supply/battery"
FILES = {f"{BATTERY}/cycle_count": "412\n", f"{BATTERY}/charge_full": None}


@pytest.fixture
def adb(adb_env):
    """Run ``adb -s SERIAL ...`` against the simulator's server."""

    def run(serial: str, *arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [adb_env.adb_path, "-s", serial, *arguments],
            env={**os.environ, **adb_env.env},
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=30,
        )

    return run


def test_shell_exit_status_is_the_scripts(plug, adb):
    serial = plug("galaxy_s21")
    done = adb(serial, "shell", "echo a; exit 3")
    assert (done.stdout, done.returncode) == (b"a\n", 3)
    assert adb(serial, "shell", "false").returncode == 1
    assert adb(serial, "shell", "getprop | grep no-such-property").returncode == 1


def test_shell_reads_standard_input(plug, adb):
    serial = plug("galaxy_s21")
    done = adb(serial, "shell", "cat", stdin=b"hi\n")
    assert (done.stdout, done.returncode) == (b"hi\n", 0)
    done = adb(serial, "shell", "grep -i B", stdin=b"a\nb\nc\n")
    assert done.stdout == b"b\n"


def test_exec_out_gives_the_raw_bytes(plug, adb):
    serial = plug("galaxy_s21")
    done = adb(serial, "exec-out", "getprop ro.product.model")
    assert (done.stdout, done.returncode) == (b"SC-51B\n", 0)


def test_pull_copies_a_file_the_phone_holds(plug, adb, tmp_path):
    serial = plug("galaxy_s21", files=FILES)
    target = tmp_path / "cycle_count"
    done = adb(serial, "pull", f"{BATTERY}/cycle_count", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == b"412\n"


@pytest.mark.parametrize(("path", "reason"), [
    (f"{BATTERY}/charge_full", b"Permission denied"),
    (f"{BATTERY}/no_such_file", b"No such file or directory"),
])
def test_pull_of_an_unreadable_or_missing_file_fails_with_the_reason(plug, adb, tmp_path, path, reason):
    serial = plug("galaxy_s21", files=FILES)
    done = adb(serial, "pull", path, str(tmp_path / "out"))
    assert done.returncode == 1
    assert reason in done.stderr
    assert not (tmp_path / "out").exists()


def test_shell_cat_of_an_unreadable_file_fails_like_the_real_one(plug, adb):
    serial = plug("galaxy_s21", files=FILES)
    done = adb(serial, "shell", f"cat {BATTERY}/charge_full")
    assert done.returncode == 1
    assert done.stderr == f"cat: {BATTERY}/charge_full: Permission denied\n".encode()


def test_reboot_detaches_the_phone_and_attaches_it_again(plug, adb, adb_env):
    serial = plug("galaxy_s21", reboot_seconds=1.0)
    assert adb(serial, "reboot").returncode == 0
    assert adb_env.wait_for_state(serial, lambda state: state is None) is None
    assert adb_env.wait_for_state(serial, lambda state: state == "device", timeout=20) == "device"
    # Booted again: it answers as before.
    assert adb(serial, "shell", "getprop ro.product.model").stdout == b"SC-51B\n"


def test_getprop_is_the_size_of_a_real_phones(plug, adb):
    serial = plug("pixel8_frp")
    lines = adb(serial, "shell", "getprop").stdout.decode().splitlines()
    assert len(lines) >= 700
    assert "[ro.product.model]: [Pixel 8]" in lines
    assert "[ro.boot.verifiedbootstate]: [green]" in lines


def test_a_profiles_own_properties_win_over_the_generated_ones():
    phone = Phone(load_profile("galaxy_s21", props={"ro.product.model": "SC-51B", "ro.boot.flash.locked": "0"}))
    assert phone.run("getprop ro.boot.flash.locked").stdout == b"0\n"
    # The copies in the other partitions follow the profile's identity.
    assert phone.run("getprop ro.product.vendor.model").stdout == b"SC-51B\n"


def test_a_megabyte_model_is_printed_once_not_in_every_partition():
    phone = Phone(load_profile("hostile"))
    assert len(phone.run("getprop").stdout) < 2 * 1024 * 1024


def test_old_phones_have_no_verified_boot_properties():
    phone = Phone(load_profile("xperia_z3_old"))
    assert phone.run("getprop ro.boot.verifiedbootstate").stdout == b"\n"


def test_the_shell_waits_for_the_whole_of_standard_input(plug, adb_env):
    """A command that reads stdin sees everything the host sent, however it was split."""
    serial = plug("galaxy_s21")
    payload = os.urandom(300_000).hex().encode()
    done = subprocess.run(
        [adb_env.adb_path, "-s", serial, "shell", "cat"], env={**os.environ, **adb_env.env},
        input=payload, capture_output=True, timeout=60,
    )
    assert done.returncode == 0 and done.stdout == payload
