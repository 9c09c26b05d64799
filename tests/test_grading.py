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
    # The seed's hard cases: water damage with no power, with or without ×; × with the screen, the back
    # and the frame all damaged.
    ({**DEAD, "staff.condition.water_damage": True}, "refuse", "J", {"condition.water_damage_dead"}),
    ({**DEAD, "staff.condition.water_damage": True, "staff.restriction_mark": "×"}, "refuse", "J",
     {"condition.water_damage_dead"}),
    ({**CRACKED, **BENT, "staff.condition.back_cracked": True, "staff.restriction_mark": "×"}, "refuse", "J",
     {"condition.restricted_and_wrecked"}),
    # Two of the three are not enough by default.
    ({**CRACKED, **BENT, "staff.restriction_mark": "×"}, "junk_parts", "J", {"mark.restricted_damaged"}),
    ({"device.lock": "on"}, "refuse", "A", {"lock.on"}),
    ({"device.lock": "on", "staff.lock_removed_in_front_of_staff": True}, "hold", "A", {"lock.still_reported"}),
    ({"device.lock": "unknown"}, "hold", "A", {"lock.unknown"}),
    ({"device.lock": "unknown", "staff.lock_removed_in_front_of_staff": True}, "buy", "A", {"lock.confirmed_by_staff"}),
    # A phone just plugged in has no ID check yet: hold, not refuse.
    ({"staff.id_check": ...}, "hold", "A", {"id.not_checked"}),
    ({"staff.suspected_theft": True}, "refuse", "A", {"provenance.suspected"}),
    ({"seller.date_of_birth": "2010-01-01"}, "refuse", "A", {"seller.minor"}),
    ({"seller.date_of_birth": "2010-01-01", "seller.guardian": {
        "consent_method": "accompanied", "name": "山田 花子", "relationship": "母", "contact": "090-0000-0000"}},
     "buy", "A", {"seller.minor_with_consent"}),
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


def grade_of(data, history=(), policy=None):
    return grade(intake_from_json(data), policy or Policy.load(), history, TODAY)


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


def test_a_phone_seen_before_names_its_earlier_intakes_without_holding_it():
    history = [PriorIntake(3, "2026-10-01T10:00:00+09:00", Outcome.BUY),
               PriorIntake(9, "2026-11-02T15:30:00+09:00", Outcome.REFUSE)]
    result = grade_of(intake_json(), history)
    repeat = [r for r in result.reasons if r.rule == "imei.repeat"]
    assert len(repeat) == 1 and result.outcome is Outcome.BUY
    assert "2026-11-02" in repeat[0].ja and "買取不可" in repeat[0].ja and "台帳番号3" in repeat[0].ja
    assert "2026-11-02" in repeat[0].en and "entry 9" in repeat[0].en
    assert repeat[0].en.startswith("This phone is in the ledger 2 times:")


def test_a_phone_seen_once_before_says_once_in_english():
    result = grade_of(intake_json(), [PriorIntake(3, "2026-10-01T10:00:00+09:00", Outcome.BUY)])
    [repeat] = [r for r in result.reasons if r.rule == "imei.repeat"]
    assert repeat.en.startswith("This phone is in the ledger once:") and "1件" in repeat.ja


@pytest.mark.parametrize("prior", [
    PriorIntake(4, "2026-11-01T12:00:00+09:00", Outcome.REFUSE, suspected_theft=True),
    PriorIntake(4, "2026-11-01T12:00:00+09:00", Outcome.REFUSE, suspected_theft=True, police_station="万世橋警察署"),
    PriorIntake(4, "2026-11-01T12:00:00+09:00", Outcome.BUY, police_station="万世橋警察署"),
], ids=["suspected", "suspected and reported", "reported"])
def test_a_phone_with_a_suspicious_past_is_held_with_that_history(prior):
    history = [PriorIntake(2, "2026-10-01T10:00:00+09:00", Outcome.BUY), prior]
    result = grade_of(intake_json(), history)
    assert result.outcome is Outcome.HOLD
    reason = result.reasons[0]
    assert reason.rule == "history.suspicious"
    assert "2026-11-01" in reason.ja and "台帳番号4" in reason.ja and prior.outcome.ja in reason.ja
    if prior.police_station:
        assert "万世橋警察署" in reason.ja and "万世橋警察署" in reason.en


def test_seller_turning_18_today_is_an_adult():
    assert grade_of(intake_json(**{"seller.date_of_birth": "2008-11-26"})).outcome is Outcome.BUY
    assert grade_of(intake_json(**{"seller.date_of_birth": "2008-11-27"})).outcome is Outcome.REFUSE


def test_shop_policy_overrides_the_battery_threshold(tmp_path):
    (tmp_path / "policy.json").write_text(json.dumps({"battery_reduced_below_percent": 90}))
    result = grade_of(intake_json(), policy=Policy.load(tmp_path))
    assert result.outcome is Outcome.BUY_REDUCED
    assert any(r.rule == "battery.worn" and "90%" in r.ja for r in result.reasons)


@pytest.mark.parametrize("content, problem", [
    ("{", "cannot read"), ('{"battery": 1}', "unknown keys"), ('{"adult_age": "18"}', "adult_age"),
    ('{"retention_years": 2}', "retention_years must be a number from 3"),
    ('{"refuse_restricted_with_damage_count": 4}', "refuse_restricted_with_damage_count"),
    ('{"refuse_water_damage_without_power": 1}', "refuse_water_damage_without_power must be true or false"),
    ('{"refused_unreported_retention_months": 48}', "may shorten the retention"),
], ids=["not JSON", "unknown key", "a string", "retention under the law's 3 years", "count out of range",
        "a number for a flag", "shorter period longer than the retention"])
def test_a_broken_shop_policy_is_refused_clearly(tmp_path, content, problem):
    (tmp_path / "policy.json").write_text(content)
    with pytest.raises(PolicyError, match=problem):
        Policy.load(tmp_path)


def test_battery_figure_says_how_it_was_measured_in_the_shops_words():
    battery = next(r for r in grade_of(intake_json()).reasons if r.rule == "battery.ok")
    assert "端末の電池ゲージの測定値" in battery.ja and "the phone's battery gauge" in battery.en
    assert "AppleRawMaxCapacity" not in battery.ja + battery.en and "IORegistry" not in battery.ja + battery.en
    older = next(r for r in grade_of(intake_json(**{"device.battery.measured_by": ...})).reasons
                 if r.rule == "battery.ok")
    assert "(端末の測定値)" in older.ja and "(measured by the phone)" in older.en


def test_unchecked_items_are_named_in_each_language():
    unchecked = next(r for r in grade_of(intake_json(**{"staff.condition.wear": ...})).reasons
                     if r.rule == "condition.unchecked")
    assert "使用感" in unchecked.ja and "wear" in unchecked.en and "wear" not in unchecked.ja


def test_the_hard_case_thresholds_sit_in_the_shop_policy(tmp_path):
    (tmp_path / "policy.json").write_text(json.dumps({
        "refuse_water_damage_without_power": False, "refuse_restricted_with_damage_count": 2}))
    policy = Policy.load(tmp_path)
    drowned = grade_of(intake_json(**{**DEAD, "staff.condition.water_damage": True}), policy=policy)
    assert drowned.outcome is Outcome.JUNK_PARTS
    wrecked = grade_of(intake_json(**{**CRACKED, **BENT, "staff.restriction_mark": "×"}), policy=policy)
    assert wrecked.outcome is Outcome.REFUSE
