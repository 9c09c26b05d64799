from device_probes.facts import DeviceFacts, FactsError, LockState, checked_imei, clean_text

import pytest


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
