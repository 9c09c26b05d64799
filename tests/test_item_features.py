"""The ledger's distinguishing features (特徴) take colour and capacity from the phone unless staff correct them."""

import json

import pytest

from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import open_ledger
from tests.factories import intake_json

READ = {"device.color": "Sierra Blue", "device.capacity_gb": 128, "device.provenance.color": "device",
        "device.provenance.capacity_gb": "device"}


def recorded(tmp_path, **changes):
    with open_ledger(tmp_path / "ledger.sqlite3") as ledger:
        entry, _ = record_intake(intake_from_json(intake_json(**changes), for_record=True), Policy.load(), ledger)
        return ledger.entry(entry.id)


def test_the_phones_own_reading_is_used_when_staff_leave_the_fields_empty(tmp_path):
    entry = recorded(tmp_path, **READ, **{"staff.color": ..., "staff.capacity": ...})
    assert (entry.color, entry.capacity) == ("Sierra Blue", "128GB")
    assert json.loads(entry.device_json)["provenance"]["capacity_gb"] == "device"


def test_what_staff_enter_corrects_the_reading(tmp_path):
    entry = recorded(tmp_path, **READ, **{"staff.color": "シエラブルー", "staff.capacity": "256GB"})
    assert (entry.color, entry.capacity) == ("シエラブルー", "256GB")
    # Both stay in the entry, so it shows who said what.
    assert json.loads(entry.staff_json)["capacity"] == "256GB"
    assert json.loads(entry.device_json)["capacity_gb"] == 128


@pytest.mark.parametrize(("capacity_gb", "text"), [(64, "64GB"), (1024, "1TB"), (2048, "2TB")])
def test_capacity_is_written_as_shops_write_it(tmp_path, capacity_gb, text):
    entry = recorded(tmp_path, **{"device.capacity_gb": capacity_gb, "staff.capacity": ...})
    assert entry.capacity == text


def test_nothing_read_and_nothing_entered_stays_empty(tmp_path):
    entry = recorded(tmp_path, **{"staff.color": ..., "staff.capacity": ...})
    assert (entry.color, entry.capacity) == (None, None)
