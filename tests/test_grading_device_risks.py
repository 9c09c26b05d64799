"""Grading of what the phone tells about itself beyond its lock: management (MDM) and the bootloader."""

import datetime as dt
import json

import pytest

from device_probes.facts import BootloaderState, DeviceFacts, FactsError, ManagedState
from kiosk.grading import Outcome, Policy, PolicyError, grade
from kiosk.intake import intake_from_json
from tests.factories import intake_json

TODAY = dt.date(2026, 11, 27)
MANAGED = {"state": "on", "detail": "supervised; enrolled in remote management by Example Corp",
           "organisation": "Example Corp"}


def grade_of(data, policy=None):
    return grade(intake_from_json(data), policy or Policy.load(), [], TODAY)


def rules_of(result):
    return {reason.rule: reason for reason in result.reasons}


def test_a_managed_phone_is_held_with_the_reason():
    result = grade_of(intake_json(**{"device.managed": MANAGED}))
    assert result.outcome is Outcome.HOLD
    reason = rules_of(result)["managed.on"]
    assert "法人管理(MDM)端末の可能性" in reason.ja and "(管理元: Example Corp)" in reason.ja
    assert "(managed by Example Corp)" in reason.en
    # What showed it is the probe's technical note: it stays in the facts, out of the reasons.
    assert "supervised" not in reason.ja + reason.en and "remote management" not in reason.ja + reason.en
    assert "MDM" in reason.en and reason.effect is Outcome.HOLD


@pytest.mark.parametrize("managed", [{"state": "unknown", "detail": "no answer"}, ...])
def test_unknown_management_is_a_note_only(managed):
    result = grade_of(intake_json(**{"device.managed": managed}))
    assert result.outcome is Outcome.BUY
    assert rules_of(result)["managed.unknown"].effect is Outcome.BUY


def test_an_unmanaged_phone_has_no_management_reason():
    result = grade_of(intake_json(**{"device.managed": {"state": "off", "detail": "no device or profile owner"}}))
    assert result.outcome is Outcome.BUY
    assert not {"managed.on", "managed.unknown"} & set(rules_of(result))


def test_an_unlocked_bootloader_reduces_the_price():
    result = grade_of(intake_json(**{"device.platform": "android", "device.bootloader": "unlocked"}))
    assert result.outcome is Outcome.BUY_REDUCED
    assert "ブートローダー" in rules_of(result)["bootloader.unlocked"].ja


@pytest.mark.parametrize("bootloader", ["locked", "unknown", None])
def test_a_locked_or_unknown_bootloader_changes_nothing(bootloader):
    result = grade_of(intake_json(**{"device.platform": "android", "device.bootloader": bootloader}))
    assert result.outcome is Outcome.BUY
    assert "bootloader.unlocked" not in rules_of(result)


def test_the_shop_sets_what_each_gets(tmp_path):
    (tmp_path / "policy.json").write_text(json.dumps({"managed_outcome": "refuse", "bootloader_unlocked_outcome": "hold"}))
    policy = Policy.load(tmp_path)
    assert grade_of(intake_json(**{"device.managed": MANAGED}), policy).outcome is Outcome.REFUSE
    unlocked = intake_json(**{"device.platform": "android", "device.bootloader": "unlocked"})
    assert grade_of(unlocked, policy).outcome is Outcome.HOLD


def test_a_policy_naming_no_outcome_is_refused(tmp_path):
    (tmp_path / "policy.json").write_text(json.dumps({"managed_outcome": "shrug"}))
    with pytest.raises(PolicyError, match="managed_outcome must be one of buy, buy_reduced"):
        Policy.load(tmp_path)


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("managed", {"state": "maybe"}, "managed.state"),
    ("managed", "on", "managed: expected an object"),
    ("bootloader", "open", "device.bootloader"),
    ("capacity_gb", "128GB", "device.capacity_gb: expected a number"),
    ("capacity_gb", 0, "device.capacity_gb: 0 is out of range"),
])
def test_bad_device_facts_name_the_field(field, value, problem):
    with pytest.raises(FactsError, match=problem):
        DeviceFacts.from_json({**intake_json()["device"], field: value})


def test_the_new_facts_survive_the_json_contract():
    data = {**intake_json()["device"], "platform": "android", "capacity_gb": 128, "capacity_method": "df",
            "color": "HAZEL", "region": None, "managed": MANAGED, "bootloader": "unlocked"}
    facts = DeviceFacts.from_json(data)
    assert (facts.capacity_gb, facts.color, facts.bootloader) == (128, "HAZEL", BootloaderState.UNLOCKED)
    assert facts.managed.state is ManagedState.ON
    again = DeviceFacts.from_json(facts.to_json())
    assert again == facts
    assert facts.to_json()["managed"] == MANAGED and facts.to_json()["bootloader"] == "unlocked"
