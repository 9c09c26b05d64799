"""The Android parsers: known shapes, and hypothesis fuzzing with garbage."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from device_probes.android import parsers
from device_probes.android.probe import fill_facts
from device_probes.facts import MAX_TEXT_LENGTH, DeviceFacts
from device_probes.sim.android.phone import _string16_words, format_parcel

SECTIONS = ("props", "imei_call_1", "imei_call_3", "imei_call_4", "iphonesubinfo", "accounts", "setup", "battery", "batterystats")
any_text = st.text(max_size=2000)
phone_like_text = st.lists(
    st.sampled_from(
        [
            "[ro.product.model]: [",
            "]",
            "Result: Parcel(",
            "0x00000000: ",
            "00000000 ",
            "ffffffff ",
            "0000000f ",
            "00350033 ",
            "'..'",
            ")",
            "Account {name=a, type=com.google}",
            "Accounts: 1",
            "level: ",
            "mSavedBatteryAsoc: ",
            "Max learned battery capacity: ",
            "Estimated battery capacity: ",
            " mAh",
            "\n",
        ]
    )
    | st.integers(min_value=-(2**40), max_value=2**40).map(str)
    | st.text(max_size=20),
    max_size=60,
).map("".join)


def test_real_parcel_shapes():
    imei_reply = (
        "Result: Parcel(\n"
        "  0x00000000: 00000000 0000000f 00350033 00360034 '........3.5.4.6.'\n"
        "  0x00000010: 00380037 00320031 00340033 00360035 '7.8.1.2.3.4.5.6.'\n"
        "  0x00000020: 00380037 00000037                   '7.8.7...        ')\n"
    )
    assert parsers.parse_parcel_string(imei_reply) == parsers.ParcelString("354678123456787")
    assert parsers.parse_parcel_string("Result: Parcel(00000000 ffffffff   '........')") == parsers.ParcelString(None)
    refused = format_parcel([0xFFFFFFFF] + _string16_words("uid 2000 does not belong to package"))
    assert "does not belong to" in parsers.parse_parcel_string(refused.decode()).problem
    assert parsers.parse_parcel_string("service: Service iphonesubinfo does not exist").problem.startswith("no Parcel")


@pytest.mark.parametrize(
    ("sdk", "maker", "code"),
    [(19, "Sony", None), (22, "Google", 3), (28, "HUAWEI", 4), (28, "samsung", 3), (29, "OPPO", 3), (30, "HUAWEI", 4), (34, "Google", 4), (None, "Google", None)],
)
def test_second_slot_code_by_sdk_and_maker(sdk, maker, code):
    assert parsers.second_slot_call_code(sdk, maker) == code


def test_battery_and_capacity():
    reading = parsers.parse_dumpsys_battery("  level: 64\n  health: 3\n  temperature: 455\n  mSavedBatteryAsoc: 78\n")
    assert reading == parsers.BatteryReading(64, "overheat", 45.5, 78)
    capacity = parsers.parse_batterystats_capacity(
        "  Estimated power use (mAh):\n    Capacity: 4355, Computed drain: 120\n  Max learned battery capacity: 4010 mAh\n"
    )
    assert capacity == parsers.CapacityReading(4355, 4010)


def test_a_learned_capacity_no_battery_could_have_is_left_out():
    # Found by the fuzz test: 1 mAh learned of 2001 designed read as 0 % health.
    dump = "Estimated battery capacity: 2001 mAh\nMax learned battery capacity: {} mAh\n"
    assert parsers.parse_batterystats_capacity(dump.format(1)) == parsers.CapacityReading(2001, None)
    assert parsers.parse_batterystats_capacity(dump.format(400)) == parsers.CapacityReading(2001, 400)


@given(st.text(max_size=64))
def test_parcel_round_trip(text):
    printed = format_parcel([0] + _string16_words(text)).decode()
    expected = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace") or None
    assert parsers.parse_parcel_string(printed).value == (expected if text else "")


@pytest.mark.slow
@settings(max_examples=300)
@given(any_text | phone_like_text)
def test_parsers_never_raise_and_stay_bounded(text):
    properties = parsers.parse_getprop(text)
    assert len(properties) <= parsers.MAX_PROPERTIES
    assert all(len(value) <= parsers.MAX_VALUE_LENGTH for value in properties.values())
    parcel = parsers.parse_parcel_string(text)
    assert parcel.value is None or len(parcel.value) <= 2 * parsers.MAX_PARCEL_WORDS
    parsers.parse_dumpsys_iphonesubinfo(text)
    types = parsers.parse_account_types(text)
    assert types is None or len(types) <= 256
    assert parsers.parse_setup_complete(text) in (True, False, None)
    battery = parsers.parse_dumpsys_battery(text)
    assert battery.level_percent is None or 0 <= battery.level_percent <= 100
    capacity = parsers.parse_batterystats_capacity(text)
    assert capacity.design_mah is None or 500 <= capacity.design_mah <= 20000


nonces = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)


@given(st.text(max_size=300), nonces, nonces)
def test_a_phone_cannot_forge_a_section(body, nonce, guess):
    assume(guess != nonce)
    marker = f"@@{nonce}@@"
    # Whatever the phone prints, with a guessed marker or not, lands in the real section.
    body = "\n".join(line for line in body.split("\n") if not line.startswith(marker))
    output = f"{marker}props\n{body}\n@@{guess}@@end\n@@{guess}@@accounts\n"
    sections, complete = parsers.split_sections(output, marker)
    assert set(sections) == {"props"} and not complete
    assert f"@@{guess}@@end" in sections["props"]


@pytest.mark.slow
@settings(max_examples=200)
@given(st.fixed_dictionaries({}, optional={name: any_text | phone_like_text for name in SECTIONS}))
def test_facts_from_garbage_are_clean(sections):
    facts = DeviceFacts(platform="android", serial="fuzz")
    fill_facts(facts, sections)
    for value in (facts.manufacturer, facts.model_name, facts.model_code, facts.os_version, facts.hardware_serial):
        if value is not None:
            assert len(value) <= MAX_TEXT_LENGTH
            assert not [char for char in value if unicodedata.category(char)[0] == "C"]
    assert all(len(imei) == 15 and imei.isdigit() for imei in facts.imei)
    if facts.battery and facts.battery.health_percent is not None:
        assert 0 < facts.battery.health_percent <= 150


def test_a_marker_after_an_unterminated_line_still_counts():
    sections, complete = parsers.split_sections("noise@@n@@setup\n1@@n@@end\n", "@@n@@")
    assert sections == {"setup": "1", "end": ""} and complete


@pytest.mark.parametrize("sections", [
    {"batterystats": "Estimated battery capacity: 2001 mAh\nLast learned battery capacity: 9 mAh\n"},
    {"charge_full": "9\n", "charge_full_design": "3000000\n"},  # 9 mAh now of 3000 mAh (in µAh) designed
])
def test_a_gauge_misreading_leaves_the_battery_unknown_not_dead(sections):
    facts = DeviceFacts(platform="android", serial="gauge")
    fill_facts(facts, sections)
    # Unknown, never a figure: the grade holds until staff read the health from the phone's settings.
    assert facts.battery is None or facts.battery.health_percent is None


def test_hostile_dumps_are_parsed_in_linear_time():
    started = time.monotonic()
    assert parsers.parse_account_types("Accounts: 1\n" + "Account {name=" * 70000) == []
    assert parsers.parse_batterystats_capacity("Max learned battery capacity: " * 30000) == parsers.CapacityReading()
    assert time.monotonic() - started < 2.0
