"""What staff enter about an intake, and how it is read from JSON.

The device facts come from ``device_probes``; everything here is typed in at the
counter (or declared by the customer at the kiosk and then checked by staff).
Each reader names the offending field in its error, so a script that feeds
``kiosk grade`` / ``kiosk record`` learns exactly what to fix.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from device_probes.facts import DeviceFacts, FactsError, clean_text


class IntakeError(ValueError):
    """Input that does not fit; the message starts with the field's path."""


class RestrictionMark(str, enum.Enum):
    """The carrier's network-restriction mark (ネットワーク利用制限)."""

    CLEAR = "○"  # no restriction
    INSTALMENTS = "△"  # instalments still running; may become × later
    RESTRICTED = "×"  # the "red ROM" (赤ロム)
    NOT_MANAGED = "ー"  # not managed by that carrier (normal for SIM-free phones)


# Characters that look like a mark and are easy to type instead of it.
_MARK_LOOKALIKES = {
    "o": "○", "O": "○", "〇": "○", "◯": "○",
    "x": "×", "X": "×", "✕": "×", "✖": "×",
    "-": "ー", "－": "ー", "―": "ー", "—": "ー", "‐": "ー",
}


class Carrier(str, enum.Enum):
    DOCOMO = "docomo"
    AU = "au"  # also UQ mobile
    SOFTBANK = "softbank"  # also Y!mobile
    RAKUTEN = "rakuten"


class IdMethod(str, enum.Enum):
    """How the seller's identity was checked (古物営業法 §15)."""

    DRIVERS_LICENSE = "drivers_license"
    MY_NUMBER_CARD = "my_number_card"
    PASSPORT = "passport"
    RESIDENCE_CARD = "residence_card"
    HEALTH_INSURANCE = "health_insurance"
    OTHER = "other"


class Wear(str, enum.Enum):
    """Cosmetic wear of an undamaged phone, as staff judge it."""

    S = "S"  # like new
    A = "A"  # light signs of use
    B = "B"  # visible scratches or dents


@dataclass
class Condition:
    """The condition checklist. ``None`` means "not checked yet", never "fine"."""

    powers_on: bool | None = None
    screen_cracked: bool | None = None
    back_cracked: bool | None = None
    frame_bent: bool | None = None
    water_damage: bool | None = None
    battery_swollen: bool | None = None
    wear: Wear | None = None

    def unchecked(self) -> list[str]:
        return [name for name, value in vars(self).items() if value is None]


@dataclass
class IdCheck:
    method: IdMethod
    document_number: str


@dataclass
class StaffInput:
    restriction_mark: RestrictionMark | None = None
    carrier: Carrier | None = None
    #: Bought SIM-free (not from a carrier): a "ー" mark is then normal.
    sim_free: bool = False
    condition: Condition = field(default_factory=Condition)
    #: Battery health read by staff (e.g. from the phone's Settings) when the device gave none.
    battery_health_percent: float | None = None
    #: Staff watched the customer turn off Find My / remove the Google account.
    lock_removed_in_front_of_staff: bool = False
    id_check: IdCheck | None = None
    suspected_theft: bool = False
    color: str | None = None
    capacity: str | None = None
    staff_name: str | None = None


@dataclass
class Seller:
    name: str
    address: str
    occupation: str
    date_of_birth: dt.date
    #: A guardian consented in writing (needed when the seller is a minor).
    guardian_consent: bool = False

    def age_on(self, day: dt.date) -> int:
        had_birthday = (day.month, day.day) >= (self.date_of_birth.month, self.date_of_birth.day)
        return day.year - self.date_of_birth.year - (0 if had_birthday else 1)


@dataclass
class PoliceReport:
    """A suspicion reported to the police (古物営業法 §15-3), even when the deal is refused."""

    reported_at: str
    station: str


@dataclass
class Intake:
    """One phone brought to the counter: what was read, what staff entered, who sells."""

    device: DeviceFacts
    staff: StaffInput
    seller: Seller | None = None
    price_yen: int | None = None
    police_report: PoliceReport | None = None
    #: The ledger entry this intake corrects (a correction is a new entry).
    corrects_id: int | None = None
    # -- pricing (kiosk/pricing.py): kept apart from the ledger's v1 fields --
    #: The shop's own price deductions that staff ticked (names from the price table).
    price_deductions: tuple[str, ...] = ()
    #: Why staff set a price other than the table's suggestion.
    price_override_reason: str | None = None
    #: The version of the price table the price was suggested from (set when recording).
    price_table_version: str | None = None


# --- reading JSON -----------------------------------------------------------


class _Fields:
    """Typed access to one JSON object, with errors that name the field's path."""

    def __init__(self, data: Any, path: str):
        if not isinstance(data, dict):
            raise IntakeError(f"{path or 'input'}: expected an object")
        self.data = data
        self.path = path

    def _fail(self, name: str, message: str) -> IntakeError:
        return IntakeError(f"{self._path_of(name)}: {message}")

    def _path_of(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def raw(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise self._fail(name, "required")
        return value

    def text(self, name: str, required: bool = False, limit: int = 256) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._fail(name, "expected a string")
        text = clean_text(value, limit)
        if text is None and required:
            raise self._fail(name, "required")
        return text

    def flag(self, name: str, default: bool | None = False) -> bool | None:
        value = self.raw(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._fail(name, "expected true or false")
        return value

    def number(self, name: str, whole: bool = False, low: float = 0, high: float = 1e12) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and value != int(value)):
            raise self._fail(name, "expected a whole number" if whole else "expected a number")
        if not low <= value <= high:
            raise self._fail(name, f"{value} is outside {low:g}..{high:g}")
        return int(value) if whole else float(value)

    def choice(self, name: str, kind: type[enum.Enum], required: bool = False, aliases: dict | None = None):
        value = self.raw(name, required)
        if value is None:
            return None
        value = (aliases or {}).get(value, value)
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            raise self._fail(name, f"{clean_text(str(value), 40)!r} is not one of {allowed}") from None

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.text(name, required, limit=10)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self._fail(name, "expected a date as YYYY-MM-DD") from None

    def child(self, name: str, required: bool = False) -> _Fields | None:
        value = self.raw(name, required)
        return None if value is None else _Fields(value, self._path_of(name))


def condition_from_json(fields: _Fields | None) -> Condition:
    if fields is None:
        return Condition()
    return Condition(
        powers_on=fields.flag("powers_on", default=None),
        screen_cracked=fields.flag("screen_cracked", default=None),
        back_cracked=fields.flag("back_cracked", default=None),
        frame_bent=fields.flag("frame_bent", default=None),
        water_damage=fields.flag("water_damage", default=None),
        battery_swollen=fields.flag("battery_swollen", default=None),
        wear=fields.choice("wear", Wear),
    )


def staff_from_json(data: Any) -> StaffInput:
    fields = _Fields(data, "staff")
    id_fields = fields.child("id_check")
    id_check = None
    if id_fields is not None:
        id_check = IdCheck(
            method=id_fields.choice("method", IdMethod, required=True),
            document_number=id_fields.text("document_number", required=True, limit=64),
        )
    return StaffInput(
        restriction_mark=fields.choice("restriction_mark", RestrictionMark, aliases=_MARK_LOOKALIKES),
        carrier=fields.choice("carrier", Carrier),
        sim_free=fields.flag("sim_free"),
        condition=condition_from_json(fields.child("condition")),
        battery_health_percent=fields.number("battery_health_percent", high=100),
        lock_removed_in_front_of_staff=fields.flag("lock_removed_in_front_of_staff"),
        id_check=id_check,
        suspected_theft=fields.flag("suspected_theft"),
        color=fields.text("color", limit=40),
        capacity=fields.text("capacity", limit=20),
        staff_name=fields.text("staff_name", limit=80),
    )


def seller_from_json(data: Any) -> Seller:
    fields = _Fields(data, "seller")
    return Seller(
        name=fields.text("name", required=True, limit=120),
        address=fields.text("address", required=True, limit=256),
        occupation=fields.text("occupation", required=True, limit=80),
        date_of_birth=fields.date("date_of_birth", required=True),
        guardian_consent=fields.flag("guardian_consent"),
    )


def intake_from_json(data: Any, *, for_record: bool = False) -> Intake:
    """Read ``{"device", "staff"[, "seller", "price_yen", "police_report", "corrects"]}``.

    For ``kiosk record`` the seller and the staff member's name are required:
    the ledger must say who sold and who bought.
    """
    fields = _Fields(data, "")
    device_data = fields.raw("device", required=True)
    try:
        device = DeviceFacts.from_json(device_data)
    except FactsError as exc:
        raise IntakeError(str(exc)) from None
    staff = staff_from_json(fields.raw("staff", required=True))
    seller_data = fields.raw("seller", required=for_record)
    seller = None if seller_data is None else seller_from_json(seller_data)
    if for_record and staff.staff_name is None:
        raise IntakeError("staff.staff_name: required")
    report_fields = fields.child("police_report")
    police_report = None
    if report_fields is not None:
        police_report = PoliceReport(
            reported_at=report_fields.text("reported_at", required=True, limit=40),
            station=report_fields.text("station", required=True, limit=120),
        )
    return Intake(
        device=device,
        staff=staff,
        seller=seller,
        price_yen=fields.number("price_yen", whole=True, high=10_000_000),
        police_report=police_report,
        corrects_id=fields.number("corrects", whole=True, low=1),
        price_deductions=_price_deductions(fields.raw("price_deductions")),
        price_override_reason=fields.text("price_override_reason", limit=200),
    )


def _price_deductions(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise IntakeError("price_deductions: expected a list of up to 20 deduction names")
    names = []
    for index, item in enumerate(value):
        name = clean_text(item, 40) if isinstance(item, str) else None
        if not name:
            raise IntakeError(f"price_deductions[{index}]: expected a deduction's name")
        names.append(name)
    return tuple(names)
