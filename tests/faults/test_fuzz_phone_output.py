"""Fuzzing what phones print, where the parser tests do not reach yet.

tests/android/test_android_parsers.py fuzzes each Android parser with text and
tests/ios/test_mapping.py fuzzes the lockdown and IORegistry mapping. Here:
the Android read from raw bytes to facts (as ``run_script`` decodes them),
getprop dumps with hostile bytes in names and values, Parcels of any words,
structured dumpsys sections with any numbers, the adb server's device listing
(which carries the phone's own banner), and lockdown values of every plist type.
Whatever comes in, nothing raises and every string that comes out is bounded
and free of control characters.
"""

from __future__ import annotations

import datetime as dt
import plistlib
import unicodedata

import pytest
from adbutils import AdbDeviceInfo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from device_probes.android import parsers
from device_probes.android.probe import _device_info, fill_facts, probe_script, read_device
from device_probes.facts import MAX_PROBLEMS, MAX_TEXT_LENGTH, DeviceFacts, DeviceState
from device_probes.ios.mapping import IMEI_KEYS, apply_lockdown_values, describe, lock_from_find_my
from device_probes.sim.android.phone import format_parcel
from stdnum import luhn

# Hundreds of generated inputs per test: the full suite runs them, the fast loop leaves them out.
pytestmark = pytest.mark.slow
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKER = "@@0123456789abcdef@@"
SECTION_NAMES = ["props", "imei_call_1", "imei_call_3", "imei_call_4", "iphonesubinfo", "accounts", "setup", "battery",
                 "batterystats"]

hostile_bytes = st.binary(max_size=200) | st.sampled_from(
    [b"\x00", b"\x1b[2J", b"\r\n", b"\xff\xfe", b"\xed\xa0\x80", b"\xe2\x80\xae", b"]: [", b"[", b"]", b"\n", b"=cmd|"]
)
byte_soup = st.lists(hostile_bytes, max_size=20).map(b"".join)


def strings_in(value):
    """Every string inside a JSON-like value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def assert_clean(facts: DeviceFacts) -> None:
    """Every string in the facts is bounded and printable; IMEIs are real IMEIs; the JSON reads back."""
    data = facts.to_json()
    for text in strings_in(data):
        assert len(text) <= 512, text[:80]
        assert not [char for char in text if unicodedata.category(char)[0] == "C"], repr(text[:80])
    for name in ("manufacturer", "model_name", "model_code", "os_version", "hardware_serial"):
        assert data[name] is None or len(data[name]) <= MAX_TEXT_LENGTH
    assert len(facts.problems) <= MAX_PROBLEMS
    for imei in facts.imei:
        assert len(imei) == 15 and imei.isdigit() and luhn.is_valid(imei)
    assert DeviceFacts.from_json(data) == facts


# --- Android: from the bytes on the wire to facts ---------------------------------------------


def script_output(sections: dict[str, bytes], complete: bool = True) -> str:
    """What the probe script prints, decoded exactly as ``run_script`` decodes it."""
    raw = b"".join(f"{MARKER}{name}\n".encode() + body for name, body in sections.items())
    if complete:
        raw += f"{MARKER}end\n".encode()
    return raw.decode("utf-8", errors="replace")


def test_the_fuzzed_sections_are_the_ones_the_probe_asks_for():
    script = probe_script(MARKER)
    assert [name for name in SECTION_NAMES if f"echo {MARKER}{name};" in script] == SECTION_NAMES


@FUZZ
@given(st.dictionaries(st.sampled_from(SECTION_NAMES), byte_soup))
def test_any_bytes_in_any_section_give_clean_facts(sections):
    split, complete = parsers.split_sections(script_output(sections), MARKER)
    assert complete
    facts = DeviceFacts(platform="android", serial="fuzz")
    fill_facts(facts, split)
    assert_clean(facts)


property_names = st.sampled_from([
    "ro.product.model", "ro.product.manufacturer", "ro.product.brand", "ro.product.marketname",
    "ro.build.version.release", "ro.build.version.sdk", "ril.serialnumber", "ro.serialno", "ro.ril.miui.imei0",
    "ro.ril.oem.imei2", "persist.radio.multisim.config",
]).map(str.encode) | byte_soup


@FUZZ
@given(st.lists(st.tuples(property_names, byte_soup), max_size=30))
def test_getprop_dumps_with_hostile_bytes(properties):
    dump = b"".join(b"[" + name + b"]: [" + value + b"]\n" for name, value in properties)
    text = dump.decode("utf-8", errors="replace")
    parsed = parsers.parse_getprop(text)
    assert len(parsed) <= len(properties)
    for name, value in parsed.items():
        assert "[" not in name and "]" not in name and "\n" not in name
        assert "\n" not in value and len(value) <= parsers.MAX_VALUE_LENGTH
    facts = DeviceFacts(platform="android", serial="fuzz")
    fill_facts(facts, {"props": text})
    assert_clean(facts)


words = st.integers(min_value=0, max_value=2**32 - 1)
awkward_words = st.sampled_from([0, 1, 0xF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0x0000001B, 0x00200000])


@FUZZ
@given(st.lists(words | awkward_words, max_size=300), st.sampled_from(["", "garbage before ", "Result: Parcel("]))
def test_parcels_of_any_words(parcel_words, prefix):
    text = prefix + format_parcel(parcel_words).decode()
    parcel = parsers.parse_parcel_string(text)
    assert (parcel.value is None) or (parcel.problem is None)
    if parcel.value is not None:
        assert len(parcel.value) <= 2 * parsers.MAX_PARCEL_WORDS
    assert parcel.problem is None or len(parcel.problem) <= 1024
    facts = DeviceFacts(platform="android", serial="fuzz")
    fill_facts(facts, {"props": "[ro.build.version.sdk]: [34]\n[persist.radio.multisim.config]: [dsds]\n",
                       "imei_call_1": text, "imei_call_4": text})
    assert_clean(facts)


battery_keys = st.sampled_from(["level", "health", "temperature", "mSavedBatteryAsoc", "scale", "voltage"])
numbers = st.integers() | st.sampled_from([-(10**9), 10**9 - 1, 10**30])


@FUZZ
@given(st.lists(st.tuples(battery_keys | st.text(max_size=12), numbers, st.sampled_from([" ", "", "\t", "  "])),
                max_size=12))
def test_dumpsys_battery_with_any_numbers_stays_in_range(lines):
    text = "Current Battery Service state:\n" + "".join(f"{pad}{key}: {value}\n" for key, value, pad in lines)
    reading = parsers.parse_dumpsys_battery(text)
    assert reading.level_percent is None or 0 <= reading.level_percent <= 100
    assert reading.temperature_c is None or -40 <= reading.temperature_c <= 100
    assert reading.samsung_asoc is None or 1 <= reading.samsung_asoc <= 150
    assert reading.condition is None or reading.condition in parsers.BATTERY_HEALTH.values()


capacity_kinds = st.sampled_from([
    "Estimated battery capacity: {} mAh", "Max learned battery capacity: {} mAh",
    "Min learned battery capacity: {} mAh", "    Capacity: {}, Computed drain: 1", "{}",
])


@FUZZ
@given(st.lists(st.tuples(capacity_kinds, numbers), max_size=10))
def test_batterystats_capacity_with_any_numbers_gives_a_plausible_health(lines):
    text = "".join(kind.format(value) + "\n" for kind, value in lines)
    capacity = parsers.parse_batterystats_capacity(text)
    if capacity.design_mah is not None:
        assert 500 <= capacity.design_mah <= 20000
    if capacity.learned_mah is not None:
        least, most = parsers.LEARNED_CAPACITY_RANGE
        assert capacity.design_mah and least * capacity.design_mah <= capacity.learned_mah <= most * capacity.design_mah
    facts = DeviceFacts(platform="android", serial="fuzz")
    fill_facts(facts, {"batterystats": text})
    assert facts.battery is None or 0 < facts.battery.health_percent <= 100
    assert_clean(facts)


# The adb server lists each phone with tags taken from the phone's own connection banner.
listing_words = st.text(min_size=1, max_size=40).map(lambda text: "".join(text.split()) or "x")


@FUZZ
@given(listing_words, listing_words.filter(lambda state: state != "device"), st.lists(listing_words, max_size=6))
def test_a_hostile_device_listing_gives_clean_facts_without_touching_the_phone(serial, state, tags):
    line = " ".join([serial, state, *tags])
    info = _device_info(line)
    assert (info.serial, info.state) == (serial, state)
    # Any state but "device" is reported without opening a connection (no client needed).
    facts = read_device(None, AdbDeviceInfo(info.serial, info.state, info.tags), timeout=1.0)
    assert facts.state is not DeviceState.READY
    assert facts.errors
    assert_clean(facts)


# --- iPhone: lockdown values of every plist type ------------------------------------------------

plist_leaves = (
    st.text(max_size=300)
    | st.binary(max_size=300)
    | st.integers(min_value=-(2**64), max_value=2**64 - 1)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31))
    | st.integers(min_value=0, max_value=2**63).map(plistlib.UID)
    | st.sampled_from(["\u202e", "\x00" * 3, "A" * 100_000, "３５６７８９０１２３４５６７８", "35-209900-176148-1\x00"])
)
plist_values = st.recursive(
    plist_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4),
    max_leaves=10,
)
LOCKDOWN_KEYS = [*IMEI_KEYS, "ProductType", "ProductVersion", "SerialNumber", "RegionInfo", "MobileEquipmentIdentifier",
                 "ActivationState", "DeviceName", "UniqueDeviceID"]


@FUZZ
@given(
    before=st.fixed_dictionaries({}, optional={key: plist_values for key in LOCKDOWN_KEYS}),
    after=st.fixed_dictionaries({}, optional={key: plist_values for key in LOCKDOWN_KEYS}),
    marketing=plist_values,
)
def test_lockdown_values_of_every_plist_type_before_and_after_pairing(before, after, marketing):
    """The probe maps the values twice (before and after Trust): still bounded, still clean."""
    facts = DeviceFacts(platform="ios", serial="fuzz")
    apply_lockdown_values(facts, before, marketing_name=marketing)
    apply_lockdown_values(facts, after, marketing_name=marketing)
    lock, note = lock_from_find_my(after.get("IsAssociated"), after.get("ActivationState"))
    if note:
        facts.add_problem(note)
    facts.lock = lock
    assert_clean(facts)


@FUZZ
@given(plist_values)
def test_describe_is_short_and_printable_whatever_the_value(value):
    text = describe(value)
    assert len(text) <= 80 and text.isprintable()
