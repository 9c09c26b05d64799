"""The pure mapping from lockdown and IORegistry answers to facts, including a fuzz test."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from device_probes.facts import BatteryMeasurement, DeviceFacts, LockState, ManagedState
from device_probes.ios.mapping import (
    IMEI_KEYS,
    apply_lockdown_values,
    battery_from_ioregistry,
    capacity_from_disk_usage,
    color_name,
    lock_from_find_my,
    managed_from_cloud_configuration,
)
from device_probes.problems import BATTERY_HEALTH_NOT_COMPUTED, IMEI_INVALID

# What a plist can carry, including the hostile: control characters, huge ints, deep nesting.
plist_leaves = (
    st.text(max_size=300)
    | st.binary(max_size=300)
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.none()
)
plist_values = st.recursive(
    plist_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4),
    max_leaves=12,
)
lockdown_keys = st.sampled_from(
    [*IMEI_KEYS, "ProductType", "ProductVersion", "SerialNumber", "RegionInfo", "MobileEquipmentIdentifier"]
)
battery_keys = st.sampled_from(
    ["DesignCapacity", "AppleRawMaxCapacity", "NominalChargeCapacity", "CycleCount", "BatteryData"]
)


def assert_bounded(facts: DeviceFacts) -> None:
    for value in (facts.model_name, facts.model_code, facts.os_version, facts.hardware_serial):
        assert value is None or (len(value) <= 256 and value.isprintable())
    for number in facts.imei:
        assert len(number) == 15 and number.isdigit()
    for error in facts.errors:
        assert len(error) <= 512 and error.isprintable()


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(values=st.dictionaries(lockdown_keys, plist_values) | plist_values, marketing=plist_values)
def test_lockdown_values_never_raise_and_stay_bounded(values, marketing):
    facts = DeviceFacts(platform="ios", serial="x")
    apply_lockdown_values(facts, values, marketing_name=marketing)
    assert_bounded(facts)
    assert DeviceFacts.from_json(facts.to_json()) == facts


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(battery_keys, plist_values | st.dictionaries(battery_keys, plist_values)) | plist_values)
def test_battery_data_never_raises_and_health_stays_in_range(data):
    battery, problems = battery_from_ioregistry(data)
    if battery is not None and battery.health_percent is not None:
        assert 0 < battery.health_percent <= 100
        assert battery.method
    assert all(problem.code.startswith("battery.") and len(problem.en) < 200 for problem in problems)


@given(is_associated=plist_values, activation=plist_values)
def test_find_my_never_raises(is_associated, activation):
    lock, note = lock_from_find_my(is_associated, activation)
    assert lock in LockState
    assert lock is LockState.UNKNOWN or note is None


def test_find_my_on_and_off_count_only_on_an_activated_phone():
    assert lock_from_find_my(True, "Activated") == (LockState.ON, None)
    assert lock_from_find_my(False, "Activated") == (LockState.OFF, None)
    lock, note = lock_from_find_my(False, "Unactivated")
    assert lock is LockState.UNKNOWN and note.code == "ios.not_activated" and "Unactivated" in note.en
    assert lock_from_find_my(False, None)[0] is LockState.UNKNOWN
    assert lock_from_find_my(1, "Activated")[0] is LockState.UNKNOWN


def test_health_is_raw_max_over_design_capped_at_100():
    battery, problems = battery_from_ioregistry({"DesignCapacity": 3000, "AppleRawMaxCapacity": 3300, "CycleCount": 3})
    assert (battery.health_percent, problems) == (100.0, [])
    battery, _ = battery_from_ioregistry({"DesignCapacity": 2658, "AppleRawMaxCapacity": 2020, "CycleCount": 900})
    assert battery.health_percent == 76.0


def test_nominal_capacity_is_the_fallback_and_the_method_says_so():
    battery, _ = battery_from_ioregistry({"BatteryData": {"DesignCapacity": 2000}, "NominalChargeCapacity": 1500})
    assert battery.health_percent == 75.0
    assert "NominalChargeCapacity" in battery.method and battery.measured_by is BatteryMeasurement.IPHONE_GAUGE


def test_a_battery_without_design_capacity_has_no_health():
    battery, problems = battery_from_ioregistry({"AppleRawMaxCapacity": 2000, "CycleCount": 10})
    assert battery.health_percent is None and battery.method is None
    assert battery.full_charge_capacity_mah == 2000
    assert problems == [BATTERY_HEALTH_NOT_COMPUTED]


def test_a_bad_imei_is_dropped_with_an_error_never_guessed():
    facts = DeviceFacts(platform="ios", serial="x")
    apply_lockdown_values(facts, {IMEI_KEYS[0]: "356789101234564", IMEI_KEYS[1]: "356789101234571"})
    assert facts.imei == ["356789101234571"]
    assert facts.rejected_imei == ["356789101234564"]
    assert [problem.code for problem in facts.problems] == [IMEI_INVALID]
    assert facts.problems[0].en.startswith("IMEI 1 '356789101234564' failed its check")


def test_a_meid_without_an_imei_is_shown_to_staff():
    facts = DeviceFacts(platform="ios", serial="x")
    apply_lockdown_values(facts, {"MobileEquipmentIdentifier": "A1000012345678"})
    assert facts.imei == []
    [problem] = facts.problems
    assert problem.code == "imei.meid_only" and "MEID A1000012345678" in problem.ja


def test_the_region_has_its_own_field_and_the_name_stays_plain():
    facts = DeviceFacts(platform="ios", serial="x")
    apply_lockdown_values(facts, {"RegionInfo": "J/A" + string.whitespace}, marketing_name="iPhone\x00 13 Pro")
    assert (facts.model_name, facts.region) == ("iPhone 13 Pro", "J/A")
    assert facts.provenance["region"] == "device"
    unknown = DeviceFacts(platform="ios", serial="y")
    apply_lockdown_values(unknown, {"RegionInfo": ["not", "text"]}, marketing_name="iPhone 13 Pro")
    assert unknown.region is None and "region" not in unknown.provenance


def test_colour_names_words_and_shows_codes_as_they_are():
    assert color_name("space gray", "black") == "Space Gray"
    assert color_name(None, "white") == "White"
    assert color_name("#e1cdbb", "1") == "#e1cdbb"
    assert color_name("4", "1") == "4"
    assert color_name(None, None) is None
    assert color_name(["not", "text"], 7) is None


def test_capacity_rounds_up_to_the_size_sold():
    assert capacity_from_disk_usage(127_989_493_760)[0] == 128
    assert capacity_from_disk_usage(63_966_400_512)[0] == 64
    size, method = capacity_from_disk_usage(255_865_970_688)
    assert size == 256 and "TotalDiskCapacity" in method
    for garbage in (None, "128GB", -1, True, 10**20):
        assert capacity_from_disk_usage(garbage) == (None, None)


def test_management_from_the_cloud_configuration():
    on = managed_from_cloud_configuration({"IsSupervised": True, "OrganizationName": "Example Corp",
                                           "ConfigurationURL": "https://mdm.example.com/enroll"})
    assert (on.state, on.detail) == (ManagedState.ON, "supervised; enrolled in remote management by Example Corp")
    assert on.organisation == "Example Corp"
    enrolled = managed_from_cloud_configuration({"IsSupervised": False, "IsMDMUnremovable": True})
    assert (enrolled.state, enrolled.detail, enrolled.organisation) == (ManagedState.ON, "enrolled in remote management", None)
    assert managed_from_cloud_configuration({"CloudConfigurationUIComplete": True}).state is ManagedState.OFF
    assert managed_from_cloud_configuration({}).state is ManagedState.OFF
    assert managed_from_cloud_configuration(None).state is ManagedState.UNKNOWN
    assert managed_from_cloud_configuration("garbage").state is ManagedState.UNKNOWN
