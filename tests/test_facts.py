import pytest
from hypothesis import given, strategies as st

from device_probes.facts import BatteryMeasurement, DeviceFacts, FactsError, LockState, checked_imei, clean_text
from device_probes.problems import IMEI_INVALID, Problem


def test_clean_text_drops_control_characters_and_bounds_length():
    assert clean_text("iPhone\x1b[31m 13\x00\u202e") == "iPhone[31m 13"
    long = clean_text("A" * 1_000_000)
    assert len(long) == 256 and long.endswith("…")
    assert clean_text(b"Pixel \xff8") == "Pixel \ufffd8"
    assert clean_text("  \n ") is None


def test_checked_imei_accepts_valid_and_rejects_bad_check_digit():
    assert checked_imei("35-209900-176148-1") == ("352099001761481", None)
    number, why = checked_imei("352099001761482")
    assert number is None and why


def test_from_json_round_trips_and_keeps_bad_imei_out():
    facts = DeviceFacts.from_json(
        {"platform": "ios", "serial": "udid", "lock": "off", "imei": ["352099001761481", "352099001761482"]}
    )
    assert facts.imei == ["352099001761481"]
    assert facts.rejected_imei == ["352099001761482"] and facts.has_invalid_imei()
    assert facts.lock is LockState.OFF
    [problem] = facts.problems
    assert problem.code == IMEI_INVALID and "352099001761482" in problem.ja and "352099001761482" in problem.en
    assert DeviceFacts.from_json(facts.to_json()) == facts


def test_a_rejected_imei_is_a_field_whatever_the_messages_say():
    facts = DeviceFacts.from_json({"platform": "android", "serial": "s", "rejected_imei": ["35209900176148"],
                                   "errors": ["nothing about IMEIs here"]})
    assert facts.has_invalid_imei()
    clean = DeviceFacts.from_json({"platform": "android", "serial": "s", "errors": ["invalid IMEI, says the text"]})
    assert not clean.has_invalid_imei()


def test_plain_error_strings_become_problems_and_structured_ones_win():
    facts = DeviceFacts.from_json({"platform": "ios", "serial": "s", "errors": ["a note from staff"]})
    assert facts.problems == [Problem("device.reported", "a note from staff", "a note from staff")]
    structured = {"code": "ios.pairing_pending", "ja": "「信頼」をタップ", "en": "tap Trust"}
    facts = DeviceFacts.from_json({"platform": "ios", "serial": "s", "problems": [structured],
                                   "errors": ["「信頼」をタップ / tap Trust"]})
    assert [problem.to_json() for problem in facts.problems] == [structured]
    assert facts.to_json()["errors"] == ["「信頼」をタップ / tap Trust"]


def test_a_problem_without_its_texts_names_the_field():
    with pytest.raises(FactsError, match=r"device.problems\[0\]: ja missing"):
        DeviceFacts.from_json({"platform": "ios", "serial": "s", "problems": [{"code": "x", "en": "y"}]})


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
    ["platform", "serial", "state", "model_name", "imei", "rejected_imei", "lock", "battery", "provenance", "errors",
     "problems", "os_version"]
)


@pytest.mark.slow
@given(st.dictionaries(field_names, json_values) | json_values)
def test_from_json_accepts_or_names_the_problem_never_crashes(data):
    try:
        facts = DeviceFacts.from_json(data)
    except FactsError:
        return
    texts = [text for problem in facts.problems for text in (problem.code, problem.ja, problem.en)]
    for value in (facts.serial, facts.model_name, facts.os_version, *texts, *facts.rejected_imei, *facts.provenance):
        assert value is None or (len(value) <= 512 and value.isprintable())


@given(st.text() | st.binary())
def test_clean_text_is_bounded_and_printable(value):
    text = clean_text(value)
    assert text is None or (len(text) <= 256 and text.isprintable() and text == text.strip())


def test_how_the_battery_was_measured_goes_through_json_as_its_code():
    data = {"platform": "ios", "serial": "s", "battery": {"health_percent": 80, "method": "IORegistry …",
                                                          "measured_by": "iphone_gauge"}}
    facts = DeviceFacts.from_json(data)
    assert facts.battery.measured_by is BatteryMeasurement.IPHONE_GAUGE
    assert facts.to_json()["battery"]["measured_by"] == "iphone_gauge"
    assert DeviceFacts.from_json(facts.to_json()) == facts
    with pytest.raises(FactsError, match="battery.measured_by"):
        DeviceFacts.from_json({**data, "battery": {"measured_by": "AppleRawMaxCapacity"}})
