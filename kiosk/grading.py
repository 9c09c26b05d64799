"""The grading policy: one pure function from an intake to an outcome with reasons.

This module is the only place that decides whether the shop buys a phone. Every
rule that fires adds a :class:`Reason` naming itself, in Japanese and English,
and the outcome this rule alone would allow; the final outcome is the most severe
of them. Unknown is never green: a fact that is missing asks for ``hold``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields as dataclass_fields
from pathlib import Path

from device_probes.facts import (
    BootloaderState, DeviceFacts, DeviceState, LockState, ManagedState, measurement_words,
)
from device_probes.problems import state_words
from kiosk.intake import Intake, RestrictionMark, Wear
from kiosk.paths import resource

POLICY_FILENAME = "policy.json"


class Outcome(str, enum.Enum):
    """In order of severity: the final outcome is the most severe one a rule asks for."""

    BUY = "buy"
    BUY_REDUCED = "buy_reduced"
    JUNK_WIFI = "junk_wifi"
    JUNK_PARTS = "junk_parts"
    HOLD = "hold"
    REFUSE = "refuse"

    @property
    def severity(self) -> int:
        return list(Outcome).index(self)

    @property
    def is_purchase(self) -> bool:
        return self in _BUYING_OUTCOMES

    @property
    def ja(self) -> str:
        return _OUTCOME_NAMES[self][0]

    @property
    def en(self) -> str:
        return _OUTCOME_NAMES[self][1]


_BUYING_OUTCOMES = {Outcome.BUY, Outcome.BUY_REDUCED, Outcome.JUNK_WIFI, Outcome.JUNK_PARTS}
_OUTCOME_NAMES = {
    Outcome.BUY: ("通常買取", "Buy"),
    Outcome.BUY_REDUCED: ("減額買取", "Buy at a reduced price"),
    Outcome.JUNK_WIFI: ("ジャンク(Wi-Fi専用)", "Junk (Wi-Fi only)"),
    Outcome.JUNK_PARTS: ("ジャンク(パーツ取り)", "Junk (for parts)"),
    Outcome.HOLD: ("要確認", "Hold: needs checking"),
    Outcome.REFUSE: ("買取不可", "Refuse"),
}


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file and the key."""


#: 古物営業法 §18: each record is kept 3 years; a shop may keep it longer, never shorter.
LEGAL_RETENTION_YEARS = 3


@dataclass(frozen=True)
class Policy:
    """The shop's thresholds. Defaults in ``resources/policy.json``; a shop may
    override any of them in ``policy.json`` in its data directory."""

    battery_reduced_below_percent: float
    adult_age: int
    #: Water damage and no power: refuse (the seed's "impossible" case) rather than buy for parts.
    refuse_water_damage_without_power: bool
    #: × with at least this many of a cracked screen, a cracked back and a bent frame: refuse.
    refuse_restricted_with_damage_count: int
    #: How long the personal data of an entry is kept (years from the entry).
    retention_years: int
    #: How long for a refused entry that was not reported to the police (months from the entry).
    refused_unreported_retention_months: int
    #: What a phone an organisation manages (MDM, supervision, device owner) gets.
    managed_outcome: Outcome = Outcome.HOLD
    #: What a phone with an unlocked bootloader gets.
    bootloader_unlocked_outcome: Outcome = Outcome.BUY_REDUCED

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Policy:
        values = json.loads(resource(POLICY_FILENAME).read_text(encoding="utf-8"))
        override = data_dir / POLICY_FILENAME if data_dir else None
        source = str(override) if override else POLICY_FILENAME
        if override and override.exists():
            try:
                shop_values = json.loads(override.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise PolicyError(f"{override}: cannot read: {exc}") from None
            if not isinstance(shop_values, dict):
                raise PolicyError(f"{override}: expected a JSON object")
            unknown = set(shop_values) - {f.name for f in dataclass_fields(cls)}
            if unknown:
                raise PolicyError(f"{override}: unknown keys {sorted(unknown)}")
            values.update(shop_values)
        for key, (low, high) in _NUMBER_RANGES.items():
            value = values.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                raise PolicyError(f"{source}: {key} must be a number from {low} to {high}")
        for key in _WHOLE_NUMBERS:
            if values[key] != int(values[key]):
                raise PolicyError(f"{source}: {key} must be a whole number")
            values[key] = int(values[key])
        if not isinstance(values.get("refuse_water_damage_without_power"), bool):
            raise PolicyError(f"{source}: refuse_water_damage_without_power must be true or false")
        if values["refused_unreported_retention_months"] > values["retention_years"] * 12:
            raise PolicyError(f"{source}: refused_unreported_retention_months may shorten the retention, "
                              f"not lengthen it past retention_years")
        for key in _OUTCOME_KEYS:
            try:
                values[key] = Outcome(values.get(key))
            except ValueError:
                allowed = ", ".join(outcome.value for outcome in Outcome)
                raise PolicyError(f"{source}: {key} must be one of {allowed}") from None
        return cls(**values)


_NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "battery_reduced_below_percent": (1, 100),
    "adult_age": (1, 100),
    "refuse_restricted_with_damage_count": (1, 3),
    # The law's 3 years is the floor: a policy file cannot shorten it.
    "retention_years": (LEGAL_RETENTION_YEARS, 100),
    "refused_unreported_retention_months": (1, 1200),
}
_WHOLE_NUMBERS = ("adult_age", "refuse_restricted_with_damage_count", "retention_years",
                  "refused_unreported_retention_months")
_OUTCOME_KEYS = ("managed_outcome", "bootloader_unlocked_outcome")


@dataclass(frozen=True)
class Reason:
    rule: str
    #: The outcome this rule alone allows (``buy`` for a fact that is fine).
    effect: Outcome
    ja: str
    en: str
    #: The rule fired because something has not been entered or read yet, not because of the phone.
    awaiting_input: bool = False

    @classmethod
    def missing(cls, rule: str, ja: str, en: str) -> Reason:
        """A hold until staff enter, or the phone gives, what the rule needs."""
        return cls(rule, Outcome.HOLD, ja, en, awaiting_input=True)

    def to_json(self) -> dict[str, str]:
        return {"rule": self.rule, "effect": self.effect.value, "ja": self.ja, "en": self.en}


@dataclass(frozen=True)
class PriorIntake:
    """An earlier ledger entry for the same IMEI or hardware serial."""

    entry_id: int
    recorded_at: str
    outcome: Outcome
    suspected_theft: bool = False
    #: The police station it was reported to, if it was.
    police_station: str | None = None
    #: It matched a 品触れ by IMEI or serial when it was graded.
    matched_notice: bool = False
    #: The other store that recorded it, when the ledger is shared by several stores.
    store: str | None = None

    @property
    def suspicious(self) -> bool:
        return self.suspected_theft or self.police_station is not None or self.matched_notice


@dataclass(frozen=True)
class NoticeHit:
    """An active 品触れ item this phone matches: by IMEI or serial (exact), or by model (possible)."""

    exact: bool
    notice_ja: str
    notice_en: str
    item_ja: str
    item_en: str


@dataclass(frozen=True)
class Grade:
    outcome: Outcome
    #: Cosmetic rank S/A/B (by wear), C (cracked glass), J (junk); None while unchecked.
    rank: str | None
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome.value,
            "rank": self.rank,
            "reasons": [reason.to_json() for reason in self.reasons],
        }

    @property
    def awaiting_input(self) -> bool:
        """Only missing input decides the outcome: the form is not finished yet, nothing is wrong with the phone."""
        deciding = [reason for reason in self.reasons if reason.effect is self.outcome]
        return bool(deciding) and all(reason.awaiting_input for reason in deciding)


def grade(intake: Intake, policy: Policy, history: Sequence[PriorIntake], today: dt.date,
          notices: Sequence[NoticeHit] = ()) -> Grade:
    """Grade one intake. ``history`` is every earlier ledger entry with the same IMEI or serial, oldest first;
    ``notices`` the active 品触れ items the phone matches."""
    reasons: list[Reason] = [
        *_device_rules(intake.device),
        *_lock_rules(intake),
        *_imei_rules(intake.device),
        *_history_rules(history),
        *_notice_rules(notices),
        *_mark_rules(intake),
        *_condition_rules(intake, policy),
        *_battery_rules(intake, policy),
        *_seller_rules(intake, policy, today),
        *_management_rules(intake.device, policy),
        *_bootloader_rules(intake.device, policy),
    ]
    outcome = max((reason.effect for reason in reasons), key=lambda o: o.severity)
    reasons.sort(key=lambda reason: -reason.effect.severity)
    return Grade(outcome=outcome, rank=_rank(intake), reasons=tuple(reasons))


def _device_rules(device: DeviceFacts) -> Iterator[Reason]:
    if device.state is not DeviceState.READY:
        state_ja, state_en = state_words(device.state.value)
        yield Reason.missing(
            "device.not_ready",
            f"端末から情報を読み取れていません(状態: {state_ja})。",
            f"The phone could not be read (state: {state_en}).",
        )


def _lock_rules(intake: Intake) -> Iterator[Reason]:
    ios = intake.device.platform == "ios"
    lock_ja = "アクティベーションロック(iPhoneを探す)" if ios else "Googleアカウント(FRP)"
    lock_en = "Activation Lock (Find My)" if ios else "the Google account (FRP)"
    lock, confirmed = intake.device.lock, intake.staff.lock_removed_in_front_of_staff
    if lock is LockState.ON and not confirmed:
        yield Reason(
            "lock.on", Outcome.REFUSE,
            f"{lock_ja}が解除されていません。お客様ご本人に解除していただく必要があります。",
            f"{_capitalised(lock_en)} is still on; the customer must remove it.",
        )
    elif lock is LockState.ON:
        yield Reason(
            "lock.still_reported", Outcome.HOLD,
            f"{lock_ja}の解除を確認済みとされていますが、端末はまだオンと報告しています。読み取り直してください。",
            f"Staff saw {lock_en} removed, but the phone still reports it on; read the phone again.",
        )
    elif lock is LockState.UNKNOWN and not confirmed:
        yield Reason.missing(
            "lock.unknown",
            f"{lock_ja}の状態が不明です。目の前で解除を確認してください。",
            f"The state of {lock_en} is unknown; watch the customer remove it.",
        )
    elif lock is LockState.UNKNOWN:
        yield Reason(
            "lock.confirmed_by_staff", Outcome.BUY,
            f"{lock_ja}の解除をスタッフが目の前で確認しました。",
            f"Staff watched {lock_en} being removed.",
        )
    else:
        yield Reason("lock.off", Outcome.BUY, f"{lock_ja}はオフです。", f"{_capitalised(lock_en)} is off.")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _imei_rules(device: DeviceFacts) -> Iterator[Reason]:
    if device.has_invalid_imei():
        yield Reason(
            "imei.invalid", Outcome.HOLD,
            "IMEIのチェックディジットが正しくありません。端末の改造や読み取り誤りの可能性があります。",
            "An IMEI fails its check digit: the phone may be tampered with, or misread.",
        )
    elif not device.imei:
        yield Reason.missing(
            "imei.missing",
            "IMEIを読み取れていません。台帳に記録するため確認してください。",
            "No IMEI was read; the ledger needs it.",
        )


#: The most earlier entries a reason lists (the GUI's history shows them all).
HISTORY_IN_REASON = 5


def _history_rules(history: Sequence[PriorIntake]) -> Iterator[Reason]:
    if not history:
        return
    suspicious = [prior for prior in history if prior.suspicious]
    if suspicious:
        shown = suspicious[-HISTORY_IN_REASON:]
        yield Reason(
            "history.suspicious", Outcome.HOLD,
            "この端末(IMEIまたは製造番号)には盗品等の疑いの記録があります: "
            + "、".join(_prior_ja(prior) for prior in shown) + "。警察に照会してください。",
            "This phone (IMEI or serial) was suspected or reported before: "
            + "; ".join(_prior_en(prior) for prior in shown) + ". Check with the police.",
        )
        return
    recent = history[-HISTORY_IN_REASON:]
    yield Reason(
        "imei.repeat", Outcome.BUY,
        f"同じ端末の受付が台帳に{len(history)}件あります: " + "、".join(_prior_ja(prior) for prior in recent) + "。",
        f"This phone is in the ledger {'once' if len(history) == 1 else f'{len(history)} times'}: "
        + "; ".join(_prior_en(prior) for prior in recent) + ".",
    )


#: The rule of an exact 品触れ match; an entry graded with it counts as suspicious history.
NOTICE_MATCH_RULE = "hotlist.match"


def _notice_rules(notices: Sequence[NoticeHit]) -> Iterator[Reason]:
    exact = [hit for hit in notices if hit.exact]
    possible = [hit for hit in notices if not hit.exact]
    if exact:
        yield Reason(
            NOTICE_MATCH_RULE, Outcome.HOLD,
            "品触れ該当: 警察へ連絡してください("
            + "、".join(f"{hit.notice_ja} 品目「{hit.item_ja}」" for hit in exact) + ")。",
            "Matches a stolen-goods notice (品触れ): call the police ("
            + "; ".join(f"{hit.notice_en}, item \"{hit.item_en}\"" for hit in exact) + ").",
        )
    if possible:
        yield Reason(
            "hotlist.possible", Outcome.HOLD,
            "品触れ該当の可能性: 同じ機種の品触れがあります。特徴を照合してください("
            + "、".join(f"{hit.notice_ja} 品目「{hit.item_ja}」" for hit in possible) + ")。",
            "May match a stolen-goods notice (品触れ): the same model is named; compare its features ("
            + "; ".join(f"{hit.notice_en}, item \"{hit.item_en}\"" for hit in possible) + ").",
        )


def _prior_ja(prior: PriorIntake) -> str:
    police = f"、{prior.police_station}に申告" if prior.police_station else ("、盗品の疑い" if prior.suspected_theft else "")
    notice = "、品触れ該当" if prior.matched_notice else ""
    where = f"{prior.store}店 " if prior.store else ""
    return f"{prior.recorded_at[:10]} {where}台帳番号{prior.entry_id} {prior.outcome.ja}{police}{notice}"


def _prior_en(prior: PriorIntake) -> str:
    police = (f", reported to {prior.police_station}" if prior.police_station
              else (", suspected stolen" if prior.suspected_theft else ""))
    notice = ", matched a stolen-goods notice" if prior.matched_notice else ""
    where = f"store {prior.store} " if prior.store else ""
    return f"{prior.recorded_at[:10]} {where}entry {prior.entry_id} {prior.outcome.en}{police}{notice}"


def _phone_works(intake: Intake) -> bool:
    c = intake.staff.condition
    return c.powers_on is True and not any((c.frame_bent, c.water_damage, c.battery_swollen))


def _mark_rules(intake: Intake) -> Iterator[Reason]:
    mark = intake.staff.restriction_mark
    if mark is None:
        yield Reason.missing(
            "mark.missing",
            "ネットワーク利用制限の判定(○△×ー)が入力されていません。",
            "The network restriction mark (○ △ × ー) has not been entered.",
        )
    elif mark is RestrictionMark.CLEAR:
        yield Reason("mark.clear", Outcome.BUY, "ネットワーク利用制限は○(制限なし)です。", "Network restriction: ○ (none).")
    elif mark is RestrictionMark.INSTALMENTS:
        yield Reason(
            "mark.instalments", Outcome.BUY_REDUCED,
            "ネットワーク利用制限は△(分割支払い中)です。後に×になる可能性があります。",
            "Network restriction: △ (instalments running); it may become × later.",
        )
    elif mark is RestrictionMark.RESTRICTED and _phone_works(intake):
        yield Reason(
            "mark.restricted", Outcome.JUNK_WIFI,
            "ネットワーク利用制限は×(赤ロム)です。動作するためWi-Fi専用機として扱います。",
            "Network restriction: × (red ROM); the phone works, so it is a Wi-Fi-only device.",
        )
    elif mark is RestrictionMark.RESTRICTED:
        yield Reason(
            "mark.restricted_damaged", Outcome.JUNK_PARTS,
            "ネットワーク利用制限は×(赤ロム)で、損傷または不動のためパーツ取りとなります。",
            "Network restriction: × (red ROM) and damaged or dead: for parts only.",
        )
    elif intake.staff.sim_free:
        yield Reason(
            "mark.not_managed_sim_free", Outcome.BUY,
            "ネットワーク利用制限は「ー」(対象外)です。SIMフリー端末のため問題ありません。",
            "Network restriction: ー (not managed); normal for a SIM-free phone.",
        )
    else:
        yield Reason(
            "mark.not_managed", Outcome.HOLD,
            "ネットワーク利用制限が「ー」(対象外)です。販売元の通信会社で確認し直してください。",
            "Network restriction: ー (not managed by that carrier); check with the carrier that sold the phone.",
        )


_CHECKLIST = {
    "powers_on": ("電源", "power"),
    "screen_cracked": ("画面割れ", "screen cracks"),
    "back_cracked": ("背面割れ", "back cracks"),
    "frame_bent": ("フレーム曲がり", "bent frame"),
    "water_damage": ("水没", "water damage"),
    "battery_swollen": ("バッテリー膨張", "swollen battery"),
    "wear": ("使用感", "wear"),
}
_HEAVY_DAMAGE = ("frame_bent", "water_damage", "battery_swollen")
#: Damage counted against a restricted (×) phone: with enough of it, not even its parts are worth buying.
_STRUCTURAL_DAMAGE = ("screen_cracked", "back_cracked", "frame_bent")


def _condition_rules(intake: Intake, policy: Policy) -> Iterator[Reason]:
    c = intake.staff.condition
    unchecked = c.unchecked()
    if unchecked:
        yield Reason.missing(
            "condition.unchecked",
            f"状態チェックが終わっていません({'、'.join(_CHECKLIST[name][0] for name in unchecked)})。",
            f"The condition checklist is not complete ({', '.join(_CHECKLIST[name][1] for name in unchecked)}).",
        )
    if policy.refuse_water_damage_without_power and c.water_damage and c.powers_on is False:
        yield Reason(
            "condition.water_damage_dead", Outcome.REFUSE,
            "水没しており電源が入りません。買取できません。",
            "Water damage and no power: the shop cannot buy it.",
        )
        return
    structural = [name for name in _STRUCTURAL_DAMAGE if getattr(c, name)]
    if (intake.staff.restriction_mark is RestrictionMark.RESTRICTED
            and len(structural) >= policy.refuse_restricted_with_damage_count):
        yield Reason(
            "condition.restricted_and_wrecked", Outcome.REFUSE,
            f"ネットワーク利用制限×で、{'・'.join(_CHECKLIST[name][0] for name in structural)}があります。買取できません。",
            f"Restricted (×) with {', '.join(_CHECKLIST[name][1] for name in structural)}: the shop cannot buy it.",
        )
        return
    damage = [name for name in _HEAVY_DAMAGE if getattr(c, name)]
    cracked = bool(c.screen_cracked or c.back_cracked)
    if c.powers_on is False:
        yield Reason("condition.no_power", Outcome.JUNK_PARTS, "電源が入りません(パーツ取り)。", "Does not power on (for parts).")
    if damage:
        yield Reason(
            "condition.heavy_damage", Outcome.JUNK_PARTS,
            f"重度の損傷があります: {'、'.join(_CHECKLIST[name][0] for name in damage)}。",
            f"Heavy damage: {', '.join(_CHECKLIST[name][1] for name in damage)}.",
        )
    if cracked:
        yield Reason(
            "condition.cracked", Outcome.BUY_REDUCED,
            "画面または背面ガラスに割れがあります(ランクC)。",
            "Cracked screen or back glass (rank C).",
        )


def _battery_rules(intake: Intake, policy: Policy) -> Iterator[Reason]:
    # Battery health only prices a working phone that is sold as a phone.
    if not _phone_works(intake) or intake.staff.restriction_mark is RestrictionMark.RESTRICTED:
        return
    device_battery = intake.device.battery
    if device_battery and device_battery.health_percent is not None:
        health = device_battery.health_percent
        how_ja, how_en = measurement_words(device_battery)
    elif intake.staff.battery_health_percent is not None:
        health = intake.staff.battery_health_percent
        how_ja, how_en = "スタッフが端末の設定画面で確認", "entered by staff from the phone's settings"
    else:
        yield Reason.missing(
            "battery.unknown",
            "バッテリーの最大容量を読み取れません。設定画面で確認して入力してください。",
            "Battery health could not be read; check it in the phone's settings and enter it.",
        )
        return
    threshold = policy.battery_reduced_below_percent
    if health < threshold:
        yield Reason(
            "battery.worn", Outcome.BUY_REDUCED,
            f"バッテリー最大容量 {health:.0f}% ({threshold:g}%未満、{how_ja})。",
            f"Battery health {health:.0f}% (below {threshold:g}%; {how_en}).",
        )
    else:
        yield Reason(
            "battery.ok", Outcome.BUY,
            f"バッテリー最大容量 {health:.0f}% ({how_ja})。",
            f"Battery health {health:.0f}% ({how_en}).",
        )


def _management_rules(device: DeviceFacts, policy: Policy) -> Iterator[Reason]:
    """A company's phone can lock itself to the company again after a reset; unknown is noted only."""
    managed = device.managed
    if managed is not None and managed.state is ManagedState.ON:
        # The probe's detail (what showed it) is technical and stays in the facts; the reason names who manages it.
        by_ja = f"(管理元: {managed.organisation})" if managed.organisation else ""
        by_en = f" (managed by {managed.organisation})" if managed.organisation else ""
        yield Reason(
            "managed.on", policy.managed_outcome,
            f"法人管理(MDM)端末の可能性があります{by_ja}。リセット後も管理元に再びロックされることがあります。",
            f"Possibly a company-managed (MDM) phone{by_en}: it can lock itself to the company again after a reset.",
        )
    elif device.state is DeviceState.READY and (managed is None or managed.state is ManagedState.UNKNOWN):
        yield Reason(
            "managed.unknown", Outcome.BUY,
            "法人管理(MDM)の有無を読み取れませんでした(参考)。",
            "Whether a company manages the phone (MDM) could not be read (note only).",
        )


def _bootloader_rules(device: DeviceFacts, policy: Policy) -> Iterator[Reason]:
    if device.bootloader is BootloaderState.UNLOCKED:
        yield Reason(
            "bootloader.unlocked", policy.bootloader_unlocked_outcome,
            "ブートローダーのロックが解除されています(システム改変の可能性)。",
            "The bootloader is unlocked (the system may have been modified).",
        )


def _seller_rules(intake: Intake, policy: Policy, today: dt.date) -> Iterator[Reason]:
    staff = intake.staff
    if staff.suspected_theft:
        yield Reason(
            "provenance.suspected", Outcome.REFUSE,
            "盗品等の疑いがあります。買取しない場合も警察への申告が必要です(古物営業法第15条第3項)。",
            "Suspected stolen goods: report to the police even though the deal is refused (Secondhand Goods Act §15-3).",
        )
    if staff.id_check is None:
        # Hold, not refuse: a phone just plugged in has no ID check yet, and that is no reason to turn it away.
        yield Reason.missing(
            "id.not_checked",
            "本人確認がまだです(古物営業法第15条)。確認書類を入力してください。",
            "The seller's identity has not been checked yet (Secondhand Goods Act §15); enter the ID document.",
        )
    seller = intake.seller
    if seller is None:
        yield Reason.missing(
            "seller.missing",
            "売主の情報(氏名・住所・職業・生年月日)が入力されていません。",
            "The seller's details (name, address, occupation, date of birth) have not been entered.",
        )
        return
    age = seller.age_on(today)
    if age < policy.adult_age and not seller.guardian_consent:
        yield Reason(
            "seller.minor", Outcome.REFUSE,
            f"売主が{age}歳です。{policy.adult_age}歳未満の方からは保護者の同意なしに買取できません。",
            f"The seller is {age}; under {policy.adult_age} the shop needs a guardian's consent.",
        )
    elif age < policy.adult_age:
        yield Reason(
            "seller.minor_with_consent", Outcome.BUY,
            f"売主は{age}歳です。保護者の同意を確認済みです。",
            f"The seller is {age}; a guardian's consent was checked.",
        )


def _rank(intake: Intake) -> str | None:
    c = intake.staff.condition
    if c.powers_on is False or any(getattr(c, name) for name in _HEAVY_DAMAGE):
        return "J"
    if c.screen_cracked or c.back_cracked:
        return "C"
    return c.wear.value if isinstance(c.wear, Wear) else None
