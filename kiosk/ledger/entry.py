"""A ledger entry, its personal data, and the two hashes that bind them (DESIGN §5).

An entry's hash covers its chained columns and the hash before it. The seller's
personal data is not among them: it lives in a row of its own, with a random
salt, and the entry holds ``sha256(salt ‖ canonical JSON of the personal data)``.
Erasing the personal row (salt included) after the retention period leaves the
chain verifiable, and nothing can be guessed back from the commitment.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import secrets
from collections.abc import Sequence
from typing import Any, NamedTuple

from kiosk.grading import Outcome
from kiosk.intake import ConsentMethod, PoliceReport

GENESIS_HASH = "0" * 64
#: JSON without spaces, made once (json.dumps() with options builds a new encoder on every call).
_encode_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
SALT_BYTES = 16
#: Shown in every cell whose personal data a purge erased (exports and the GUI).
ERASED_JA = "保存期間経過により消去"
ERASED_EN = "Erased: retention period over"


class EntryKind(str, enum.Enum):
    INTAKE = "intake"  # one phone at the counter, bought or not
    MIGRATION = "migration"  # the schema was upgraded; anchors the older chain's head
    PURGE = "purge"  # personal data past retention was erased; names the entries


class PersonalData(NamedTuple):
    """Everything in an entry that identifies a person; erased when retention ends.

    Stored as a JSON array in this field order (its canonical form, which the
    commitment covers): compact, and read back without a key lookup per field.
    """

    seller_name: str | None = None
    seller_address: str | None = None
    seller_occupation: str | None = None
    seller_birth_date: str | None = None
    id_document_number: str | None = None
    id_document_name: str | None = None
    id_issued_on: str | None = None
    #: The second document for a passport without an address, as JSON {method, document_number, ...}.
    address_document: str | None = None
    guardian_name: str | None = None
    guardian_relationship: str | None = None
    guardian_contact: str | None = None
    #: Signed on the customer screen: :meth:`kiosk.signature.Signature.to_json`.
    signature: str | None = None

    def canonical_json(self) -> str:
        values = list(self)
        # A field added after schema 2 is written only when set: an entry without it keeps
        # the form (and so the commitment) that entry would always have had.
        while len(values) > _SCHEMA_2_LENGTH and values[-1] is None:
            values.pop()
        return _encode_compact(values)

    @classmethod
    def from_json(cls, text: str) -> PersonalData:
        values = _decode_json(text)[0]
        if len(values) == _PERSONAL_LENGTH:
            return tuple.__new__(cls, values)  # _make() without its length check, just made here
        # A row written before a field was added is shorter: the missing fields are None.
        return cls._make([*values, *[None] * _PERSONAL_LENGTH][:_PERSONAL_LENGTH])


_PERSONAL_LENGTH = len(PersonalData._fields)
#: json.loads without its whitespace checks: a day's book reads a thousand personal rows, all written compact here.
_decode_json = json.JSONDecoder().raw_decode
#: The personal fields of schema 2, up to guardian_contact; later ones are optional in the JSON.
_SCHEMA_2_LENGTH = PersonalData._fields.index("guardian_contact") + 1


class PersonalRow(NamedTuple):
    """The personal data of one entry as stored: the canonical JSON and its salt."""

    entry_id: int
    salt: bytes
    data_json: str

    @classmethod
    def sealed(cls, entry_id: int, personal: PersonalData) -> PersonalRow:
        return cls(entry_id, secrets.token_bytes(SALT_BYTES), personal.canonical_json())

    @property
    def commitment(self) -> str:
        return personal_commitment(self.salt, self.data_json)

    @property
    def data(self) -> PersonalData:
        return PersonalData.from_json(self.data_json)


def personal_commitment(salt: bytes, data_json: str) -> str:
    return hashlib.sha256(salt + data_json.encode("utf-8")).hexdigest()


class LedgerEntry(NamedTuple):
    """One entry as stored (immutable). Every field but ``personal`` and ``other_store`` is covered by the chain.

    Values are kept as stored, so that an entry is hashed exactly as it was
    written and a day's rows become entries without a conversion per field: JSON
    columns stay text (the properties below read them), flags are 0 or 1, and
    ``kind`` is an :class:`EntryKind` value. ``personal`` is None when the entry
    has none (migration, purge) or when a purge erased it (:attr:`personal_erased`).
    """

    id: int
    kind: str  # an EntryKind value
    recorded_at: str  # local time with UTC offset, ISO 8601
    business_date: str  # local date, YYYY-MM-DD: what the day's export selects on
    counter: str  # which counter (PC) recorded it
    corrects_id: int | None
    platform: str | None
    manufacturer: str | None
    model_name: str | None
    model_code: str | None
    color: str | None
    capacity: str | None
    imei1: str | None
    imei2: str | None
    hardware_serial: str | None
    restriction_mark: str | None
    carrier: str | None
    outcome: str | None
    rank: str | None
    price_yen: int | None
    price_table_version: str | None  # the version of the shop's price table the price was suggested from
    price_override_reason: str | None  # why staff set a price other than the table's (not personal data)
    is_purchase: int  # 1 for a purchase (a buying outcome with a price), else 0
    seller_age: int | None
    id_method: str | None
    consent_method: str | None
    staff_name: str | None
    suspected_theft: int  # 1 when staff suspected stolen goods
    police_report_json: str | None  # {"reported_at", "station"} when a suspicion was reported
    device_json: str | None  # the device facts, with provenance and errors
    staff_json: str | None  # what staff entered, without any document number
    reasons_json: str | None  # the grade's reasons, as shown
    details_json: str | None  # a migration's or purge's own record
    personal_commitment: str | None
    #: For an entry written under schema 1: its hash in that chain (an anchor for old seals).
    legacy_hash: str | None
    prev_hash: str
    entry_hash: str
    personal: PersonalData | None = None
    #: Not chained: the store that recorded it, set only on an entry read from another store's
    #: chain (the suspicion memory looks across every store of a shared ledger, DESIGN §11).
    other_store: str | None = None

    # -- the chain -----------------------------------------------------------------

    def chain_values(self) -> tuple[Any, ...]:
        """The chained columns as stored, in :data:`CHAIN_COLUMNS` order."""
        return tuple(self)[:_CHAIN_LENGTH]

    @classmethod
    def from_stored(cls, values: Sequence[Any], personal: PersonalData | None = None,
                    other_store: str | None = None) -> LedgerEntry:
        """Build from the chained columns in :data:`CHAIN_COLUMNS` order, as the store returns them."""
        return cls._make((*values, personal, other_store))

    # -- reading ------------------------------------------------------------------

    @property
    def entry_kind(self) -> EntryKind:
        return EntryKind(self.kind)

    @property
    def personal_erased(self) -> bool:
        return self.personal_commitment is not None and self.personal is None

    @property
    def outcome_code(self) -> Outcome | None:
        return Outcome(self.outcome) if self.outcome else None

    @property
    def consent(self) -> ConsentMethod | None:
        return ConsentMethod(self.consent_method) if self.consent_method else None

    @property
    def police_report(self) -> PoliceReport | None:
        if self.police_report_json is None:
            return None
        data = json.loads(self.police_report_json)
        return PoliceReport(reported_at=data["reported_at"], station=data["station"])

    @property
    def police_pending(self) -> bool:
        """Suspected stolen and not yet reported (a correction that adds the report settles it)."""
        return bool(self.suspected_theft) and self.police_report_json is None

    @property
    def reasons(self) -> list[dict[str, str]]:
        return json.loads(self.reasons_json) if self.reasons_json else []

    @property
    def details(self) -> dict[str, Any]:
        return json.loads(self.details_json) if self.details_json else {}

    def recorded_on(self) -> dt.date:
        return dt.date.fromisoformat(self.business_date)


class BookEntry(NamedTuple):
    """The fields of an entry that the book shows (:func:`kiosk.export.ledger_row`: the CSV export and the book
    on paper). A day's book reads these alone: the device, staff and reasons JSON that it leaves out are two
    thirds of an entry's bytes."""

    id: int
    kind: str
    recorded_at: str
    corrects_id: int | None
    model_name: str | None
    model_code: str | None
    color: str | None
    capacity: str | None
    imei1: str | None
    imei2: str | None
    hardware_serial: str | None
    restriction_mark: str | None
    outcome: str | None
    rank: str | None
    price_yen: int | None
    price_table_version: str | None
    price_override_reason: str | None
    is_purchase: int
    seller_age: int | None
    id_method: str | None
    consent_method: str | None
    staff_name: str | None
    suspected_theft: int
    police_report_json: str | None
    personal_commitment: str | None
    personal: PersonalData | None = None

    @classmethod
    def of(cls, entry: LedgerEntry) -> BookEntry:
        return cls._make(getattr(entry, name) for name in cls._fields)


#: What the book reads of an entry: the whole entry (a search result) or its book fields (a day's book).
BookRow = BookEntry | LedgerEntry
#: The columns a :class:`BookEntry` is read from, in its field order (its personal data apart).
BOOK_COLUMNS: tuple[str, ...] = BookEntry._fields[:-1]


#: The chained columns, in the order the hash covers them (``entry_hash`` is the result).
CHAIN_COLUMNS: tuple[str, ...] = LedgerEntry._fields[:-2]  # all but personal and other_store
HASHED_COLUMNS = CHAIN_COLUMNS[:-1]
_CHAIN_LENGTH = len(CHAIN_COLUMNS)


_STORED_AS_IS = frozenset({str, int, type(None)})


def _stored(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def canonical_text(hashed_values: Sequence[Any]) -> str:
    """The bytes an entry's hash covers: its :data:`HASHED_COLUMNS` values as a compact JSON array.

    Unambiguous, and the same text SQLite's ``json_array()`` makes of the same
    values (text without control characters, integers, nulls), so an engine may
    produce it where the rows are, and verify hashes one string per entry.
    """
    return _encode_compact(list(hashed_values))


def hash_canonical(canonical: bytes) -> str:
    """The entry hash of a canonical text, UTF-8 encoded."""
    return hashlib.sha256(canonical).hexdigest()


def entry_hash(hashed_values: Sequence[Any]) -> str:
    """The hash of an entry from its :data:`HASHED_COLUMNS` values as stored."""
    return hash_canonical(canonical_text(hashed_values).encode("utf-8"))


def sealed_entry(values: dict[str, Any], personal: PersonalData | None = None) -> LedgerEntry:
    """An entry whose ``entry_hash`` is computed from ``values`` (which lack it)."""
    # Most values are stored as they are; only flags and enums are converted (a call saved per column).
    stored = [value if value.__class__ in _STORED_AS_IS else _stored(value)
              for value in map(values.__getitem__, HASHED_COLUMNS)]
    return LedgerEntry.from_stored([*stored, entry_hash(stored)], personal)


def bookkeeping_values(entry_id: int, kind: EntryKind, now: dt.datetime, counter: str, previous: str,
                 details: dict[str, Any]) -> dict[str, Any]:
    """The columns of an entry that records the ledger's own history (a migration, a purge)."""
    return {
        "id": entry_id, "kind": kind, "recorded_at": now.isoformat(timespec="seconds"),
        "business_date": now.date().isoformat(), "counter": counter, "corrects_id": None, "platform": None,
        "manufacturer": None, "model_name": None, "model_code": None, "color": None, "capacity": None,
        "imei1": None, "imei2": None, "hardware_serial": None, "restriction_mark": None, "carrier": None,
        "outcome": None, "rank": None, "price_yen": None, "price_table_version": None,
        "price_override_reason": None, "is_purchase": False, "seller_age": None,
        "id_method": None, "consent_method": None, "staff_name": None, "suspected_theft": False,
        "police_report_json": None, "device_json": None, "staff_json": None, "reasons_json": None,
        "details_json": json.dumps(details, ensure_ascii=False, sort_keys=True), "personal_commitment": None,
        "legacy_hash": None, "prev_hash": previous,
    }
