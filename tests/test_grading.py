"""The grading policy as a table: each outcome, each rule."""

import datetime as dt
import json

import pytest

from kiosk.grading import Outcome, Policy, PolicyError, PriorIntake, grade
from kiosk.intake import intake_from_json
from tests.factories import intake_json

TODAY = dt.date(2026, 11, 26)
DEAD = {"staff.condition.powers_on": False}
CRACKED = {"staff.condition.screen_cracked": True}
BENT = {"staff.condition.frame_bent": True}

CASES = [
    # changes, outcome, rank, rules that must fire
    ({}, "buy", "A", {"mark.clear", "lock.off", "battery.ok"}),
    ({"staff.restriction_mark": "ー", "staff.sim_free": True}, "buy", "A", {"mark.not_managed_sim_free"}),
    ({"staff.restriction_mark": "ー"}, "hold", "A", {"mark.not_managed"}),
    ({"staff.restriction_mark": "△"}, "buy_reduced", "A", {"mark.instalments"}),
    ({"device.battery.health_percent": 76.0}, "buy_reduced", "A", {"battery.worn"}),
    ({**CRACKED}, "buy_reduced", "C", {"condition.cracked"}),
    ({"staff.restriction_mark": "×"}, "junk_wifi", "A", {"mark.restricted"}),
    ({"staff.restriction_mark": "×", **BENT}, "junk_parts", "J", {"mark.restricted_damaged", "condition.heavy_damage"}),
    ({**DEAD}, "junk_parts", "J", {"condition.no_power"}),
    ({"staff.condition.water_damage": True}, "junk_parts", "J", {"condition.heavy_damage"}),
    ({**DEAD, **CRACKED, "staff.condition.water_damage": True}, "refuse", "J", {"condition.beyond_parts"}),
    ({"device.lock": "on"}, "refuse", "A", {"lock.on"}),
    ({"device.lock": "on", "staff.lock_removed_in_front_of_staff": True}, "hold", "A", {"lock.still_reported"}),
    ({"device.lock": "unknown"}, "hold", "A", {"lock.unknown"}),
    ({"device.lock": "unknown", "staff.lock_removed_in_front_of_staff": True}, "buy", "A", {"lock.confirmed_by_staff"}),
    ({"staff.id_check": ...}, "refuse", "A", {"id.not_checked"}),
    ({"staff.suspected_theft": True}, "refuse", "A", {"provenance.suspected"}),
    ({"seller.date_of_birth": "2010-01-01"}, "refuse", "A", {"seller.minor"}),
    ({"seller.date_of_birth": "2010-01-01", "seller.guardian_consent": True}, "buy", "A", {"seller.minor_with_consent"}),
    ({"seller": ...}, "hold", "A", {"seller.missing"}),
    ({"staff.restriction_mark": ...}, "hold", "A", {"mark.missing"}),
    ({"staff.condition.wear": ...}, "hold", None, {"condition.unchecked"}),
    ({"device.imei": ["352099001761482"]}, "hold", "A", {"imei.invalid"}),
    ({"device.imei": []}, "hold", "A", {"imei.missing"}),
    ({"device.state": "pairing_pending"}, "hold", "A", {"device.not_ready"}),
    ({"device.battery": ...}, "hold", "A", {"battery.unknown"}),
    ({"device.battery": ..., "staff.battery_health_percent": 91}, "buy", "A", {"battery.ok"}),
    # A dead or red-ROM phone is not priced by its battery, so an unknown battery does not hold it.
    ({"device.battery": ..., **DEAD}, "junk_parts", "J", {"condition.no_power"}),
    # The most severe rule wins: refuse beats hold.
    ({"device.lock": "on", "staff.restriction_mark": ...}, "refuse", "A", {"lock.on", "mark.missing"}),
]


def grade_of(data, last=None, policy=None):
    return grade(intake_from_json(data), policy or Policy.load(), last, TODAY)


@pytest.mark.parametrize("changes, outcome, rank, rules", CASES, ids=[str(c[3]) for c in CASES])
def test_policy_table(changes, outcome, rank, rules):
    result = grade_of(intake_json(**changes))
    assert result.outcome is Outcome(outcome)
    assert result.rank == rank
    fired = {reason.rule for reason in result.reasons}
    assert rules <= fired, fired
    # Every reason speaks both languages, and the most severe comes first.
    assert all(reason.ja and reason.en for reason in result.reasons)
    assert result.reasons[0].effect is result.outcome


def test_every_outcome_is_reachable():
    assert {Outcome(case[1]) for case in CASES} == set(Outcome)


def test_repeat_imei_names_the_last_intake():
    last = PriorIntake(9, "2026-11-02T15:30:00+09:00", Outcome.REFUSE)
    repeat = [r for r in grade_of(intake_json(), last).reasons if r.rule == "imei.repeat"]
    assert len(repeat) == 1
    assert "2026-11-02" in repeat[0].ja and "買取不可" in repeat[0].ja
    assert "2026-11-02" in repeat[0].en and "entry 9" in repeat[0].en


def test_seller_turning_18_today_is_an_adult():
    assert grade_of(intake_json(**{"seller.date_of_birth": "2008-11-26"})).outcome is Outcome.BUY
    assert grade_of(intake_json(**{"seller.date_of_birth": "2008-11-27"})).outcome is Outcome.REFUSE


def test_shop_policy_overrides_the_battery_threshold(tmp_path):
    (tmp_path / "policy.json").write_text(json.dumps({"battery_reduced_below_percent": 90}))
    result = grade_of(intake_json(), policy=Policy.load(tmp_path))
    assert result.outcome is Outcome.BUY_REDUCED
    assert any(r.rule == "battery.worn" and "90%" in r.ja for r in result.reasons)


@pytest.mark.parametrize("content, problem", [("{", "cannot read"), ('{"battery": 1}', "unknown keys"),
                                              ('{"adult_age": "18"}', "adult_age")])
def test_a_broken_shop_policy_is_refused_clearly(tmp_path, content, problem):
    (tmp_path / "policy.json").write_text(content)
    with pytest.raises(PolicyError, match=problem):
        Policy.load(tmp_path)


def test_battery_figure_says_how_it_was_measured():
    battery = next(r for r in grade_of(intake_json()).reasons if r.rule == "battery.ok")
    assert "AppleRawMaxCapacity / DesignCapacity" in battery.en


def test_unchecked_items_are_named_in_each_language():
    unchecked = next(r for r in grade_of(intake_json(**{"staff.condition.wear": ...})).reasons
                     if r.rule == "condition.unchecked")
    assert "使用感" in unchecked.ja and "wear" in unchecked.en and "wear" not in unchecked.ja
