"""The model catalogue for manual intake, and staff facts filling what the phone did not give."""

from device_probes.facts import DeviceFacts, Source
from kiosk.catalogue import manual_facts, search, with_staff_facts
from tests.factories import GOOD_IMEI, intake_json


def test_a_model_is_found_by_name_or_code_however_typed():
    assert [m.model_name for m in search("13 pro")][:2] == ["iPhone 13 Pro", "iPhone 13 Pro Max"]
    assert [m.model_name for m in search("sc-51b")] == ["Galaxy S21 5G"]
    assert [m.model_name for m in search("ＩＰＨＯＮＥ１４,２")] == ["iPhone 13 Pro"]
    assert search("  ") == []


def test_a_manual_intake_takes_every_fact_from_staff():
    model = search("iPhone14,2")[0]
    facts = with_staff_facts(manual_facts(1), model, [GOOD_IMEI], "F2LXK0ABCDEF")
    assert (facts.platform, facts.model_name, facts.model_code, facts.imei) == (
        "ios", "iPhone 13 Pro", "iPhone14,2", [GOOD_IMEI])
    assert {facts.provenance[name] for name in ("model_name", "imei", "hardware_serial")} == {Source.STAFF}
    assert DeviceFacts.from_json(facts.to_json()) == facts


def test_staff_facts_never_overwrite_what_the_phone_gave():
    read = DeviceFacts.from_json({**intake_json()["device"], "imei": ["35209900176148X"]})
    assert read.has_invalid_imei()
    merged = with_staff_facts(read, search("Pixel 8")[0], [GOOD_IMEI], "OTHER")
    assert merged.model_name == "iPhone 13 Pro" and merged.platform == "ios"
    assert merged.hardware_serial == read.hardware_serial
    assert merged.imei == [GOOD_IMEI] and merged.provenance["imei"] is Source.STAFF
    assert not merged.has_invalid_imei() and not [p for p in merged.problems if p.code == "imei.invalid"]
    assert read.imei == [] and read.has_invalid_imei(), "the phone's own facts are left as read"
