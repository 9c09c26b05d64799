"""An intake as a ledger entry, and back: which facts go in the chain and which are personal.

The chained entry keeps what the book needs that identifies no one: the phone,
the outcome, the seller's age, the kind of ID document, how a guardian
consented. Names, addresses, birth dates, document numbers, the guardian's
details and the seller's signature go in the personal row (:class:`PersonalData`).
``staff_json`` keeps only the kind of the ID document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from kiosk.grading import Grade
from kiosk.id_documents import IdCheck
from kiosk.intake import GuardianConsent, Intake, Seller, StaffInput, staff_from_json
from kiosk.item_features import item_capacity, item_color
from kiosk.ledger.entry import EntryKind, LedgerEntry, PersonalData


def intake_values(intake: Intake, grade: Grade, now: dt.datetime, counter: str) -> dict[str, Any]:
    """The chained columns of an intake's entry, but for id, the commitment and the hashes."""
    device, staff, seller = intake.device, intake.staff, intake.seller
    return {
        "kind": EntryKind.INTAKE,
        "recorded_at": now.isoformat(timespec="seconds"),
        "business_date": now.date().isoformat(),
        "counter": counter,
        "corrects_id": intake.corrects_id,
        "platform": device.platform,
        "manufacturer": device.manufacturer,
        "model_name": device.model_name,
        "model_code": device.model_code,
        "color": item_color(device, staff),
        "capacity": item_capacity(device, staff),
        "imei1": device.imei[0] if device.imei else None,
        "imei2": device.imei[1] if len(device.imei) > 1 else None,
        "hardware_serial": device.hardware_serial,
        "restriction_mark": staff.restriction_mark.value if staff.restriction_mark else None,
        "carrier": staff.carrier.value if staff.carrier else None,
        "outcome": grade.outcome.value,
        "rank": grade.rank,
        "price_yen": intake.price_yen,
        "price_table_version": intake.price_table_version,
        "price_override_reason": intake.price_override_reason,
        "is_purchase": grade.outcome.is_purchase and intake.price_yen is not None,
        "seller_age": seller.age_on(now.date()) if seller else None,
        "id_method": str(staff.id_check.method) if staff.id_check else None,
        "consent_method": seller.guardian.method.value if seller and seller.guardian else None,
        "staff_name": staff.staff_name,
        "suspected_theft": staff.suspected_theft,
        "police_report_json": (json.dumps(dataclasses.asdict(intake.police_report), ensure_ascii=False)
                               if intake.police_report else None),
        "device_json": _encode_sorted(device),
        "staff_json": _encode_sorted(_staff_without_personal_data(staff)),
        "reasons_json": _encode([reason.to_json() for reason in grade.reasons]),
        "details_json": None,
        "legacy_hash": None,
    }


def _plain(value: Any) -> Any:
    """A dataclass as the JSON encoder wants it, one level at a time (the encoder asks again for nested ones).

    Cheaper than ``dataclasses.asdict``, which deep-copies every value: this is on
    the path of every append. Enums are ``str`` enums and encode as their values,
    so a DeviceFacts comes out as its ``to_json()`` (a test holds them equal).
    """
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(field.name for field in dataclasses.fields(value))
    if names is not None:
        return {name: getattr(value, name) for name in names}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


#: Each dataclass's field names, looked up once (dataclasses.fields() builds its tuple on every call).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
# The encoders made once: json.dumps() with options builds a new encoder on every call, at half the cost
# of encoding a phone's facts.
_encode_sorted = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_plain).encode
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _staff_without_personal_data(staff: StaffInput) -> dict[str, Any]:
    data: dict[str, Any] = _plain(staff)
    if staff.id_check is not None:
        data["id_check"] = {"method": str(staff.id_check.method)}
    return data


def personal_data(intake: Intake) -> PersonalData | None:
    seller, id_check, signature = intake.seller, intake.staff.id_check, intake.signature
    if seller is None and id_check is None and signature is None:
        return None
    guardian = seller.guardian if seller else None
    return PersonalData(
        seller_name=seller.name if seller else None,
        seller_address=seller.address if seller else None,
        seller_occupation=seller.occupation if seller else None,
        seller_birth_date=seller.date_of_birth.isoformat() if seller else None,
        id_document_number=id_check.document_number if id_check else None,
        id_document_name=id_check.document_name if id_check else None,
        id_issued_on=id_check.issued_on.isoformat() if id_check and id_check.issued_on else None,
        address_document=(json.dumps(_id_check_json(id_check.address_document), ensure_ascii=False, sort_keys=True)
                          if id_check and id_check.address_document else None),
        guardian_name=guardian.name if guardian else None,
        guardian_relationship=guardian.relationship if guardian else None,
        guardian_contact=guardian.contact if guardian else None,
        signature=signature.to_json() if signature else None,
    )


def _id_check_json(check: IdCheck) -> dict[str, Any]:
    return {"method": str(check.method), "document_number": check.document_number,
            "document_name": check.document_name,
            "issued_on": check.issued_on.isoformat() if check.issued_on else None}


# --- back from an entry (the starting point of a correction) -------------------------------------


def staff_of(entry: LedgerEntry) -> StaffInput:
    """What staff entered, with the ID check rebuilt from the personal row where it is kept."""
    staff = staff_from_json(_without_id_check(entry))
    return dataclasses.replace(staff, id_check=id_check_of(entry))


def _without_id_check(entry: LedgerEntry) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(entry.staff_json or "{}")
    data.pop("id_check", None)
    return data


def id_check_of(entry: LedgerEntry) -> IdCheck | None:
    if entry.id_method is None:
        return None
    personal = entry.personal or PersonalData()
    second = json.loads(personal.address_document) if personal.address_document else None
    return IdCheck(
        method=entry.id_method,
        document_number=personal.id_document_number,
        document_name=personal.id_document_name,
        issued_on=dt.date.fromisoformat(personal.id_issued_on) if personal.id_issued_on else None,
        address_document=None if second is None else IdCheck(
            method=second["method"], document_number=second.get("document_number"),
            document_name=second.get("document_name"),
            issued_on=dt.date.fromisoformat(second["issued_on"]) if second.get("issued_on") else None,
        ),
    )


def seller_of(entry: LedgerEntry) -> Seller | None:
    """The seller as recorded, or None when there was none or a purge erased it."""
    personal = entry.personal
    if personal is None or personal.seller_name is None or personal.seller_birth_date is None:
        return None
    guardian = None
    if entry.consent is not None:
        guardian = GuardianConsent(method=entry.consent, name=personal.guardian_name or "",
                                   relationship=personal.guardian_relationship or "",
                                   contact=personal.guardian_contact or "")
    return Seller(
        name=personal.seller_name, address=personal.seller_address or "",
        occupation=personal.seller_occupation or "",
        date_of_birth=dt.date.fromisoformat(personal.seller_birth_date), guardian=guardian,
    )
