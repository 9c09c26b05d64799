"""What staff enter about an intake, and how it is read from JSON.

The device facts come from ``device_probes``; everything here is typed in at the
counter (or declared by the customer at the kiosk and then checked by staff).
Each reader names the offending field in its error, so a script that feeds
``kiosk grade`` / ``kiosk record`` learns exactly what to fix.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from dataclasses import dataclass, field
from typing import Any, TypeVar

from device_probes.facts import DeviceFacts, FactsError, clean_text
from kiosk.id_documents import IdCheck, IdDocuments, IdMethod, bundled_id_documents, id_check_problems
from kiosk.signature import Signature, SignatureError

__all__ = ["IdCheck", "IdMethod"]  # re-exported: the intake carries them


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
    "▲": "△",  # some carrier pages print the filled triangle
    "x": "×", "X": "×", "✕": "×", "✖": "×",
    "-": "ー", "－": "ー", "―": "ー", "—": "ー", "‐": "ー",
}


class Carrier(str, enum.Enum):
    DOCOMO = "docomo"
    AU = "au"  # also UQ mobile
    SOFTBANK = "softbank"  # also Y!mobile
    RAKUTEN = "rakuten"
    MINEO = "mineo"  # the one MVNO that gives the phones it sells a mark of its own


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


class ConsentMethod(str, enum.Enum):
    """How a minor's guardian consented (Tokyo youth ordinance §15 and its kin)."""

    ACCOMPANIED = "accompanied"  # 同伴: the guardian came along
    WRITTEN = "written"  # 同意書: a signed consent form
    PHONE = "phone"  # 電話確認: staff called the guardian


@dataclass(frozen=True)
class GuardianConsent:
    """A minor's guardian consented: how, and who (all of it goes in the ledger)."""

    method: ConsentMethod
    name: str
    relationship: str
    contact: str


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


#: Nobody older sells a phone: a birth date further back is a typing error.
OLDEST_AGE = 120


@dataclass(frozen=True)
class Seller:
    name: str
    address: str
    occupation: str
    date_of_birth: dt.date
    #: A guardian's consent (needed when the seller is a minor).
    guardian: GuardianConsent | None = None

    @property
    def guardian_consent(self) -> bool:
        return self.guardian is not None

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
    # -- pricing (kiosk/pricing.py) --
    #: The shop's own price deductions that staff ticked (names from the price table).
    price_deductions: tuple[str, ...] = ()
    #: Why staff set a price other than the table's suggestion.
    price_override_reason: str | None = None
    #: The version of the price table the price was suggested from (set when recording).
    price_table_version: str | None = None
    #: The seller's signature from the customer screen (personal data, like the seller).
    signature: Signature | None = None


# --- reading JSON -----------------------------------------------------------


#: Deeper JSON than this is not an intake; refused before Python's own recursion limit is near.
MAX_JSON_DEPTH = 32
_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")


class InvalidNumber:
    """A number JSON allows no program to use (NaN, Infinity, 1e400), kept until a field reader names it."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _parse_float(text: str) -> float | InvalidNumber:
    value = float(text)
    return value if math.isfinite(value) else InvalidNumber(text)


def json_from_bytes(data: bytes) -> Any:
    """Decode the CLI's input: strict UTF-8 (a byte order mark allowed), bounded depth, finite numbers.

    A non-finite number is kept as :class:`InvalidNumber`, so the field that holds
    it is named by the reader that expects a number.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError(f"input: not UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    depth = _nesting_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise IntakeError(f"input: JSON nested {depth} levels deep; at most {MAX_JSON_DEPTH} are allowed")
    try:
        return json.loads(text, parse_constant=InvalidNumber, parse_float=_parse_float)
    except ValueError as exc:  # JSONDecodeError, or an integer of thousands of digits
        raise IntakeError(f"input: not valid JSON ({exc})") from None


def _nesting_depth(text: str) -> int:
    """The deepest bracket nesting, outside strings (a cheap scan before parsing)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class _Fields:
    """Typed access to one JSON object, with errors that name the field's path."""

    def __init__(self, data: Any, path: str):
        if not isinstance(data, dict):
            raise IntakeError(f"{path or 'input'}: expected an object")
        self.data: dict[str, Any] = data
        self.path = path

    def fail(self, name: str, message: str) -> IntakeError:
        return IntakeError(f"{self._path_of(name)}: {message}")

    def _path_of(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def required(self, value: _T | None, name: str) -> _T:
        if value is None:
            raise self.fail(name, "required")
        return value

    def raw(self, name: str, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise self.fail(name, "required")
        return value

    def text(self, name: str, required: bool = False, limit: int = 256) -> str | None:
        value = self.raw(name, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(name, "expected a string")
        text = clean_field(value, limit)
        if text is None and required:
            raise self.fail(name, "required")
        return text

    def required_text(self, name: str, limit: int = 256) -> str:
        return self.required(self.text(name, required=True, limit=limit), name)

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.maybe_flag(name)
        return default if value is None else value

    def maybe_flag(self, name: str) -> bool | None:
        value = self.raw(name)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.fail(name, "expected true or false")
        return value

    def number(self, name: str, low: float = 0, high: float = 1e12) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(name, f"expected a number, got {_shown(value)}")
        if not low <= value <= high:
            raise self.fail(name, f"{value} is outside {low:g}..{high:g}")
        return float(value)

    def whole_number(self, name: str, low: int = 0, high: int = 10**12) -> int | None:
        value = self.number(name, low, high)
        if value is None:
            return None
        if value != int(value):
            raise self.fail(name, "expected a whole number")
        return int(value)

    def choice(self, name: str, kind: type[_E], required: bool = False,
               aliases: dict[str, str] | None = None) -> _E | None:
        value = self.raw(name, required)
        if value is None:
            return None
        allowed = ", ".join(str(member.value) for member in kind)
        if not isinstance(value, str):
            raise self.fail(name, f"expected one of {allowed}, got {_shown(value)}")
        value = (aliases or {}).get(value, value)
        try:
            return kind(value)
        except ValueError:
            raise self.fail(name, f"{clean_text(value, 40)!r} is not one of {allowed}") from None

    def date(self, name: str, required: bool = False) -> dt.date | None:
        value = self.text(name, required, limit=10)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(name, "expected a date as YYYY-MM-DD") from None

    def child(self, name: str, required: bool = False) -> _Fields | None:
        value = self.raw(name, required)
        return None if value is None else _Fields(value, self._path_of(name))


def _shown(value: Any) -> str:
    if isinstance(value, InvalidNumber):
        return value.text
    return {list: "a list", dict: "an object", str: "a string", bool: "true or false"}.get(type(value), repr(value))


def clean_field(value: str, limit: int) -> str | None:
    """Clean text typed by a person: the one function for the CLI's JSON and the GUI's fields."""
    return clean_text(value, limit)


def condition_from_json(fields: _Fields | None) -> Condition:
    if fields is None:
        return Condition()
    return Condition(
        powers_on=fields.maybe_flag("powers_on"),
        screen_cracked=fields.maybe_flag("screen_cracked"),
        back_cracked=fields.maybe_flag("back_cracked"),
        frame_bent=fields.maybe_flag("frame_bent"),
        water_damage=fields.maybe_flag("water_damage"),
        battery_swollen=fields.maybe_flag("battery_swollen"),
        wear=fields.choice("wear", Wear),
    )


def id_check_from_json(fields: _Fields, documents: IdDocuments | None = None) -> IdCheck:
    """An ID check whose method is a code of ``documents`` (the bundled table when None)."""
    table = bundled_id_documents() if documents is None else documents
    second = fields.child("address_document")
    method = fields.raw("method", required=True)
    allowed = ", ".join(table)
    if not isinstance(method, str):
        raise fields.fail("method", f"expected one of {allowed}, got {_shown(method)}")
    if method not in table:
        raise fields.fail("method", f"{clean_text(method, 40)!r} is not one of {allowed}")
    check = IdCheck(
        method=method,
        document_number=fields.text("document_number", limit=64),
        document_name=fields.text("document_name", limit=80),
        issued_on=fields.date("issued_on"),
        address_document=None if second is None else id_check_from_json(second, table),
    )
    problems = id_check_problems(check, table, fields.path)
    if problems:
        path, message = problems[0]
        raise IntakeError(f"{path}: {message}")
    return check


def staff_from_json(data: Any, documents: IdDocuments | None = None) -> StaffInput:
    fields = _Fields(data, "staff")
    id_fields = fields.child("id_check")
    return StaffInput(
        restriction_mark=fields.choice("restriction_mark", RestrictionMark, aliases=_MARK_LOOKALIKES),
        carrier=fields.choice("carrier", Carrier),
        sim_free=fields.flag("sim_free"),
        condition=condition_from_json(fields.child("condition")),
        battery_health_percent=fields.number("battery_health_percent", high=100),
        lock_removed_in_front_of_staff=fields.flag("lock_removed_in_front_of_staff"),
        id_check=None if id_fields is None else id_check_from_json(id_fields, documents),
        suspected_theft=fields.flag("suspected_theft"),
        color=fields.text("color", limit=40),
        capacity=fields.text("capacity", limit=20),
        staff_name=fields.text("staff_name", limit=80),
    )


def seller_from_json(data: Any, today: dt.date | None = None) -> Seller:
    fields = _Fields(data, "seller")
    birth = fields.required(fields.date("date_of_birth", required=True), "date_of_birth")
    problem = birth_date_problem(birth, today or dt.date.today())
    if problem:
        raise fields.fail("date_of_birth", problem)
    guardian_fields = fields.child("guardian")
    guardian = None
    if guardian_fields is not None:
        guardian = GuardianConsent(
            method=guardian_fields.required(
                guardian_fields.choice("consent_method", ConsentMethod, required=True), "consent_method"),
            name=guardian_fields.required_text("name", limit=120),
            relationship=guardian_fields.required_text("relationship", limit=40),
            contact=guardian_fields.required_text("contact", limit=80),
        )
    return Seller(
        name=fields.required_text("name", limit=120),
        address=fields.required_text("address", limit=256),
        occupation=fields.required_text("occupation", limit=80),
        date_of_birth=birth,
        guardian=guardian,
    )


def birth_date_problem(birth: dt.date, today: dt.date) -> str | None:
    """Why a date of birth cannot be right, or None: shared by the CLI and the form."""
    if birth > today:
        return f"{birth.isoformat()} is in the future"
    if today.year - birth.year > OLDEST_AGE:
        return f"{birth.isoformat()} would make the seller older than {OLDEST_AGE}"
    return None


def intake_from_json(data: Any, *, for_record: bool = False, documents: IdDocuments | None = None) -> Intake:
    """Read ``{"device", "staff"[, "seller", "price_yen", "police_report", "corrects", "price_deductions",
    "price_override_reason", "signature"]}``.

    For ``kiosk record`` the seller and the staff member's name are required:
    the ledger must say who sold and who bought. ``documents`` is the shop's ID
    document table (:func:`kiosk.id_documents.load_id_documents`).
    """
    fields = _Fields(data, "")
    device_data = fields.raw("device", required=True)
    try:
        device = DeviceFacts.from_json(device_data)
    except (FactsError, OverflowError) as exc:
        raise IntakeError(str(exc)) from None
    staff = staff_from_json(fields.raw("staff", required=True), documents)
    seller_data = fields.raw("seller", required=for_record)
    seller = None if seller_data is None else seller_from_json(seller_data)
    if for_record and staff.staff_name is None:
        raise IntakeError("staff.staff_name: required")
    report_fields = fields.child("police_report")
    police_report = None
    if report_fields is not None:
        police_report = PoliceReport(
            reported_at=report_fields.required_text("reported_at", limit=40),
            station=report_fields.required_text("station", limit=120),
        )
    signature_data = fields.raw("signature")
    try:
        signature = None if signature_data is None else Signature.from_data(signature_data)
    except SignatureError as exc:
        raise IntakeError(str(exc)) from None
    return Intake(
        device=device,
        staff=staff,
        seller=seller,
        price_yen=fields.whole_number("price_yen", high=10_000_000),
        police_report=police_report,
        corrects_id=fields.whole_number("corrects", low=1),
        price_deductions=_price_deductions(fields.raw("price_deductions")),
        price_override_reason=fields.text("price_override_reason", limit=200),
        signature=signature,
    )


def _price_deductions(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > 20:
        raise IntakeError("price_deductions: expected a list of up to 20 deduction names")
    names = []
    for index, item in enumerate(value):
        name = clean_field(item, 40) if isinstance(item, str) else None
        if not name:
            raise IntakeError(f"price_deductions[{index}]: expected a deduction's name")
        names.append(name)
    return tuple(names)
