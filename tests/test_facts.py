import pytest
from hypothesis import given, strategies as st

from device_probes.facts import DeviceFacts, FactsError, LockState, checked_imei, clean_text


def test_clean_text_drops_control_characters_and_bounds_length():
    assert clean_text("iPhone\x1b[31m 13\x00\u202e") == "iPhone[31m 13"
    long = clean_text("A" * 1_000_000)
    assert len(long) == 256 and long.endswith("…")
    assert clean_text(b"Pixel \xff8") == "Pixel \ufffd8"
    assert clean_text("  \n ") is None


def test_checked_imei_accepts_valid_and_rejects_bad_check_digit():
    assert checked_imei("35-209900-176148-1") == ("352099001761481", None)
    number, problem = checked_imei("352099001761482")
    assert number is None and "invalid IMEI" in problem


def test_from_json_round_trips_and_keeps_bad_imei_out():
    facts = DeviceFacts.from_json(
        {"platform": "ios", "serial": "udid", "lock": "off", "imei": ["352099001761481", "352099001761482"]}
    )
    assert facts.imei == ["352099001761481"]
    assert facts.lock is LockState.OFF
    assert any("invalid IMEI" in e for e in facts.errors)
    assert DeviceFacts.from_json(facts.to_json()) == facts


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"platform": "windows", "serial": "s"}, "device.platform"),
        ({"platform": "ios"}, "device.serial"),
        ({"platform": "ios", "serial": "s", "lock": "maybe"}, "device.lock"),
        ({"platform": "ios", "serial": "s", "battery": {"health_percent": "99"}}, "battery.health_percent"),
    ],
)
def test_from_json_names_the_bad_field(bad, field):
    with pytest.raises(FactsError, match=field):
        DeviceFacts.from_json(bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=6),
    max_leaves=30,
)
field_names = st.sampled_from(
    ["platform", "serial", "state", "model_name", "imei", "lock", "battery", "provenance", "errors", "os_version"]
)


@given(st.dictionaries(field_names, json_values) | json_values)
def test_from_json_accepts_or_names_the_problem_never_crashes(data):
    try:
        facts = DeviceFacts.from_json(data)
    except FactsError:
        return
    for value in (facts.serial, facts.model_name, facts.os_version, *facts.errors, *facts.provenance):
        assert value is None or (len(value) <= 512 and value.isprintable())


@given(st.text() | st.binary())
def test_clean_text_is_bounded_and_printable(value):
    text = clean_text(value)
    assert text is None or (len(text) <= 256 and text.isprintable() and text == text.strip())
