"""Storage, colour, management, bootloader, names and capacity-based battery health of Android phones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from device_probes.android import catalogue, names, parsers, probe_android
from device_probes.facts import BatteryMeasurement, BootloaderState, ManagedState, Source

#: Real phones' output, kept beside the repository (``../shared/real-dumps``) or further up.
REAL_DUMPS = next(
    (parent / "shared" / "real-dumps" for parent in Path(__file__).resolve().parents
     if (parent / "shared" / "real-dumps").is_dir()),
    None,
)
needs_real_dumps = pytest.mark.skipif(REAL_DUMPS is None, reason="no shared/real-dumps beside the repository")


@pytest.fixture
def read(plug):
    def read_profile(profile: str, **overrides):
        [facts] = probe_android(serial=plug(profile, **overrides))
        return facts

    return read_profile


@pytest.fixture(autouse=True)
def names_data_dir(tmp_path):
    """A data directory of this test's own for the shop's names and the lookup cache."""
    data_dir = tmp_path / "names"
    data_dir.mkdir()
    names.use_data_dir(data_dir)
    yield data_dir
    names.use_data_dir(tmp_path / "gone")


# -- what the probe reads --------------------------------------------------------------


def test_capacity_is_read_from_data_and_rounded_up_to_the_size_sold(read):
    facts = read("galaxy_s21")
    assert facts.capacity_gb == 256
    assert facts.provenance["capacity_gb"] is Source.DEVICE
    assert "df" in facts.capacity_method and "rounded up" in facts.capacity_method


def test_capacity_is_unknown_where_df_is_refused(read):
    facts = read("xperia_z3_old")
    assert facts.capacity_gb is None and "capacity_gb" not in facts.provenance


def test_colour_comes_from_the_property_that_holds_it_else_none(read):
    assert read("pixel8_frp").color == "HAZEL"
    assert read("galaxy_s21").color is None


def test_a_device_owner_means_managed(read):
    facts = read("arrows_managed")
    assert facts.managed.state is ManagedState.ON
    assert facts.managed.detail == "device owner Example MDM Agent (jp.example.mdm.agent)"
    assert facts.managed.organisation == "Example MDM Agent"


def test_a_work_profile_means_managed(read):
    facts = read("galaxy_s21", profile_owner={"package": "com.example.work", "name": "Work", "user": 10})
    assert facts.managed.state is ManagedState.ON and "profile owner Work" in facts.managed.detail


def test_no_owner_means_not_managed(read):
    facts = read("galaxy_s21")
    assert (facts.managed.state, facts.managed.detail) == (ManagedState.OFF, "no device or profile owner")


def test_management_is_unknown_when_the_dump_is_not_given(read):
    facts = read("galaxy_s21", commands={"dumpsys device_policy": "Can't find service: device_policy\n"})
    assert facts.managed.state is ManagedState.UNKNOWN


@pytest.mark.parametrize(("profile", "expected"), [
    ("galaxy_s21", BootloaderState.LOCKED),
    ("oneplus_nord_unlocked", BootloaderState.UNLOCKED),
    ("xperia_z3_old", BootloaderState.UNKNOWN),  # Android 4.4 has no verified boot to report
])
def test_bootloader_state(read, profile, expected):
    assert read(profile).bootloader is expected


def test_battery_health_from_the_fuel_gauge_files(read):
    battery = read("redmi_note11").battery
    assert (battery.health_percent, battery.cycle_count) == (92.2, 318)
    assert (battery.design_capacity_mah, battery.full_charge_capacity_mah) == (5000, 4612)
    assert "charge_full" in battery.method and battery.measured_by is BatteryMeasurement.GAUGE


def test_battery_health_from_the_last_learned_capacity_not_the_highest(read):
    battery = read("arrows_managed").battery
    assert (battery.full_charge_capacity_mah, battery.health_percent) == (3720, 93.0)
    assert battery.method.startswith("last learned")


def test_unreadable_gauge_files_leave_the_other_methods(read):
    battery = read("galaxy_s21").battery  # Samsung: the files are there but not for the shell user
    assert battery.health_percent == 78.0 and battery.method.startswith("Samsung ASOC")


def test_oneplus_imeis_from_the_imei_cache_properties(read):
    facts = read("oneplus_nord_unlocked")
    assert facts.imei == ["867530123456780", "867530123456863"]


def test_all_of_it_in_one_shell_round_trip(plug, adb_env):
    serial = plug("redmi_note11")
    before = adb_env.phones[serial].shell_opens
    probe_android(serial=serial)
    assert adb_env.phones[serial].shell_opens - before == 1


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "maker", "expected"), [
    ("SOG03", "Sony", "Xperia 1 III"),          # au
    ("SO-51B", "Sony", "Xperia 1 III"),         # docomo
    ("A101SH", "SHARP", "Aquos R6"),            # SoftBank
    ("SCG09", "samsung", "Galaxy S21 5G"),      # au
    ("F-51B", "FCNT", "Arrows We"),             # docomo, maker renamed since
    ("KYG01", "KYOCERA", "Torque 5G"),          # au
])
def test_japanese_carrier_models_are_named_by_the_catalogue(code, maker, expected):
    assert catalogue.marketing_name(code, maker) == expected


def test_an_unknown_code_has_no_name():
    assert catalogue.marketing_name("ZZ-99Z", "samsung") is None
    assert catalogue.marketing_name("SC-51B", "NoSuchMaker") is None


def test_the_name_shows_with_the_code(read):
    facts = read("reno7a_dual_sim")
    assert (facts.model_name, facts.model_code) == ("Reno 7A", "CPH2353")
    assert facts.display_name() == "Reno 7A (CPH2353)"


def test_the_shops_names_win(read, names_data_dir):
    shop_file = names_data_dir / names.SHOP_NAMES_FILE
    shop_file.write_text(json.dumps({"SC-51B": "Galaxy S21 5G", "KY-51B": "DIGNO SX3"}), encoding="utf-8")
    names.use_data_dir(names_data_dir)
    facts = read("galaxy_s21")
    assert facts.display_name() == "Galaxy S21 5G (SC-51B)"
    assert read("kyocera_bad_imei").model_name == "DIGNO SX3"


def test_a_name_looked_up_once_is_kept_for_the_next_run(names_data_dir, monkeypatch):
    props = {"ro.product.model": "SOG03", "ro.product.manufacturer": "Sony"}
    assert names.marketing_name(props) == "Xperia 1 III"
    assert (names_data_dir / names.CACHE_FILE).is_file()

    def catalogue_not_read(*args):
        raise AssertionError("the catalogue was read again")

    names.use_data_dir(names_data_dir)  # as a new process would start
    monkeypatch.setattr(catalogue, "marketing_name", catalogue_not_read)
    assert names.marketing_name(props) == "Xperia 1 III"


def test_answers_kept_from_another_catalogue_are_not_used(names_data_dir, monkeypatch):
    cache = {"catalogue": "an older catalogue", "names": {"sog03\tsony\t": "Wrong Name"}}
    (names_data_dir / names.CACHE_FILE).write_text(json.dumps(cache), encoding="utf-8")
    names.use_data_dir(names_data_dir)
    assert names.marketing_name({"ro.product.model": "SOG03", "ro.product.manufacturer": "Sony"}) == "Xperia 1 III"


@pytest.mark.parametrize("content", ['["SC-51B"]', '{"SC-51B": ""}', '{"SC-51B": 3}', "not json"])
def test_a_broken_shop_list_is_refused_naming_the_file(tmp_path, content):
    shop_file = tmp_path / names.SHOP_NAMES_FILE
    shop_file.write_text(content, encoding="utf-8")
    with pytest.raises(names.ShopNamesError, match=re.escape(str(shop_file))):
        names.use_data_dir(tmp_path)


# -- parsers on real output ------------------------------------------------------------


@needs_real_dumps
def test_last_learned_capacity_from_a_real_batterystats():
    text = (REAL_DUMPS / "android_batterystats" / "xiaomi_RedmiK80Pro_batterystats0.txt").read_text(errors="replace")
    assert parsers.parse_batterystats_capacity(text) == parsers.CapacityReading(5604, 5661)


@needs_real_dumps
def test_max_learned_stands_in_where_no_last_figure_is_printed():
    text = (REAL_DUMPS / "android_batterystats" / "google_pixel_2018_batterystats_excerpt.txt").read_text()
    assert parsers.parse_batterystats_capacity(text) == parsers.CapacityReading(2517, 2520)


@needs_real_dumps
def test_sysfs_charge_figures_from_a_real_oneplus():
    uevent = (REAL_DUMPS / "android_power_supply" / "oneplus7_los20_acc_info_uevent_partial.txt").read_text()
    values = dict(line.strip().split("=", 1) for line in uevent.splitlines() if "=" in line)
    full = parsers.charge_mah(parsers.parse_sysfs_number(values["CHARGE_FULL"]))
    design = parsers.charge_mah(parsers.parse_sysfs_number(values["CHARGE_FULL_DESIGN"]))
    assert (full, design) == (3492, 3588)


@pytest.mark.parametrize(("text", "expected"), [
    ("3492000\n", 3492000), ("  412 ", 412), ("", None),
    ("cat: /sys/class/power_supply/battery/charge_full: Permission denied\n", None), ("12abc", None),
])
def test_sysfs_numbers(text, expected):
    assert parsers.parse_sysfs_number(text) == expected


@pytest.mark.parametrize(("value", "mah"), [(3492000, 3492), (4100, 4100), (0, None), (-5, None), (10**11, None)])
def test_charge_figures_in_either_unit(value, mah):
    assert parsers.charge_mah(value) == mah


@pytest.mark.parametrize(("text", "total"), [
    ("Filesystem 1K-blocks Used Available Use% Mounted on\n/dev/block/dm-8 115164080 41232032 73932048 36% /data\n",
     115164080 * 1024),
    ("Filesystem Size Used Free Blksize\n/data 12.4G 3.1G 9.3G 4096\n", int(12.4 * 2**30)),
    ("df: /data: Permission denied\n", None),
    ("", None),
])
def test_df_output_old_and_new(text, total):
    assert parsers.parse_df_total_bytes(text) == total


@pytest.mark.parametrize(("props", "locked"), [
    ({"ro.boot.verifiedbootstate": "green", "ro.boot.flash.locked": "1"}, True),
    ({"ro.boot.verifiedbootstate": "orange"}, False),
    ({"ro.boot.verifiedbootstate": "green", "ro.boot.vbmeta.device_state": "unlocked"}, False),
    ({"ro.boot.verifiedbootstate": "yellow"}, True),
    ({}, None),
    ({"ro.boot.flash.locked": "maybe"}, None),
])
def test_bootloader_from_the_boot_properties(props, locked):
    assert parsers.bootloader_locked(props) is locked
