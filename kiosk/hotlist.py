"""The 品触れ register (古物営業法 §19): notices from the police, and checking phones against them.

* A notice is entered as JSON (``kiosk hotlist add``, the GUI's 品触れ page) or
  imported from a CSV file (UTF-8 or cp932) with one item per row; a file with
  any bad row is refused whole, every bad row named by its line.
* Every intake is checked against the notices received in the last 6 months:
  the same IMEI or serial is a match (hold, and call the police); the same model
  whose colour does not clearly differ is a possible match (hold, and compare the
  notice's features with the phone).
* A notice just added is checked against the purchases of the last 6 months:
  the shop may already hold the phone. Each match says what to report.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from stdnum import imei as imei_numbers

from device_probes.facts import clean_text
from kiosk.grading import NoticeHit
from kiosk.intake import Intake
from kiosk.item_features import item_color
from kiosk.ledger import ERASED_JA, Ledger, LedgerEntry, LedgerError
from kiosk.ledger.notices import ACTIVE_MONTHS, Notice, NoticeDraft, NoticeItem, months_after, received_since
from kiosk.ledger.search import imei_key, model_key, serial_key
from kiosk.ledger.storage import StoreWriteFailed

__all__ = [
    "ACTIVE_MONTHS", "CSV_COLUMNS", "HotlistError", "MatchKind", "Notice", "NoticeDraft", "NoticeItem", "NoticeMatch",
    "PhoneIdentity", "PurchaseMatch", "add_notice", "add_notices", "check_phone", "imeis_from_text", "notice_from_json",
    "notice_to_json", "notices_from_csv", "purchases_matching",
]

#: The columns of an import file, in this order, with a header row; one row per item.
CSV_COLUMNS = ("received_on", "station", "notice_number", "imei", "serial", "model", "colour", "features")
MAX_ITEMS = 10_000
_TEXT_LIMITS = {"station": 80, "number": 40, "model": 80, "colour": 40, "features": 400}


class HotlistError(ValueError):
    """A notice or import file that does not fit; the message names the field or the lines."""


class MatchKind(str, enum.Enum):
    EXACT = "exact"  # the same IMEI or serial: report to the police at once
    POSSIBLE = "possible"  # the same model: compare the notice's features with the phone


@dataclass(frozen=True)
class PhoneIdentity:
    """What a phone is checked on: its IMEIs, serial, model (name and code) and colour."""

    imeis: tuple[str, ...]
    serial: str | None
    models: tuple[str, ...]
    colour: str | None

    @classmethod
    def of_intake(cls, intake: Intake) -> PhoneIdentity:
        device = intake.device
        return cls(tuple(device.imei), device.hardware_serial,
                   tuple(filter(None, (device.model_name, device.model_code))), item_color(device, intake.staff))

    @classmethod
    def of_entry(cls, entry: LedgerEntry) -> PhoneIdentity:
        return cls(tuple(filter(None, (entry.imei1, entry.imei2))), entry.hardware_serial,
                   tuple(filter(None, (entry.model_name, entry.model_code))), entry.color)

    @functools.cached_property
    def model_keys(self) -> list[str]:
        return sorted({model_key(model) for model in self.models})

    @functools.cached_property
    def serial_key(self) -> str | None:
        return serial_key(self.serial) if self.serial else None

    @functools.cached_property
    def colour_key(self) -> str | None:
        return model_key(self.colour) if self.colour else None


@dataclass(frozen=True)
class NoticeMatch:
    notice: Notice
    item: NoticeItem
    kind: MatchKind
    #: What matched: "imei", "serial" or "model".
    on: str

    def to_json(self) -> dict[str, Any]:
        return {"notice_id": self.notice.id, "notice": self.notice.label_ja, "kind": self.kind.value, "on": self.on,
                "item": self.item.describe_ja()}

    def as_hit(self) -> NoticeHit:
        """The match as grading reads it."""
        return NoticeHit(exact=self.kind is MatchKind.EXACT, notice_ja=self.notice.label_ja,
                         notice_en=self.notice.label_en, item_ja=self.item.describe_ja(),
                         item_en=self.item.describe_en())


def match_item(item: NoticeItem, phone: PhoneIdentity) -> tuple[MatchKind, str] | None:
    """How ``item`` matches ``phone``, if it does."""
    if item.imei and item.imei in phone.imeis:
        return MatchKind.EXACT, "imei"
    if item.serial and item.serial == phone.serial_key:
        return MatchKind.EXACT, "serial"
    if item.model and model_key(item.model) in phone.model_keys and not _colours_differ(item.colour, phone.colour_key):
        return MatchKind.POSSIBLE, "model"
    return None


def _colours_differ(notice_colour: str | None, phone_colour_key: str | None) -> bool:
    """Only a clear difference rules a model match out: an unknown colour never does, nor one named in the
    other script (a notice's シエラブルー against the phone's own "Sierra Blue")."""
    if not notice_colour or not phone_colour_key:
        return False
    notice_key = model_key(notice_colour)
    if notice_key.isascii() != phone_colour_key.isascii():
        return False
    return notice_key not in phone_colour_key and phone_colour_key not in notice_key


def matches_in(notices: Iterable[Notice], phone: PhoneIdentity) -> list[NoticeMatch]:
    """The items of ``notices`` this phone matches; a notice it matches exactly adds no possible matches."""
    found = []
    for notice in notices:
        matches = [NoticeMatch(notice, item, *matched) for item in notice.items
                   if (matched := match_item(item, phone))]
        exact = [match for match in matches if match.kind is MatchKind.EXACT]
        found.extend(exact or matches)
    # Exact matches first: they are the ones to call the police about.
    return sorted(found, key=lambda match: (match.kind is not MatchKind.EXACT, match.notice.id))


def check_phone(ledger: Ledger, phone: PhoneIdentity, today: dt.date) -> list[NoticeMatch]:
    """The active notices' items this phone matches (every intake is checked, §19)."""
    imeis = [imei_key(number) for number in phone.imeis]
    candidates = ledger.store.notices_naming(imeis, phone.serial_key, phone.model_keys, received_since(today))
    return matches_in([notice for notice in candidates if notice.is_active(today)], phone)


# --- adding notices, and what the shop already holds -------------------------------------------------------------

@dataclass(frozen=True)
class PurchaseMatch:
    """A purchase of the last 6 months that a new notice names: what to report to the police."""

    entry: LedgerEntry
    match: NoticeMatch
    #: The entries correcting this purchase (the latest one has the figures that stand).
    corrected_by: tuple[int, ...] = ()

    def report_ja(self) -> str:
        entry, notice = self.entry, self.match.notice
        seller = ERASED_JA if entry.personal_erased else (
            " ".join(filter(None, (entry.personal.seller_name, entry.personal.seller_address)))
            if entry.personal else "")
        kind = "該当" if self.match.kind is MatchKind.EXACT else "該当の可能性(特徴を確認)"
        corrected = f"(台帳番号{', '.join(map(str, self.corrected_by))}で訂正)" if self.corrected_by else ""
        store = f"{entry.other_store}店 " if entry.other_store else ""
        return (f"品触れ{kind}: {notice.label_ja} の品目「{self.match.item.describe_ja()}」 — {store}台帳番号{entry.id}"
                f"{corrected} {entry.recorded_at[:16].replace('T', ' ')} "
                f"{entry.model_name or entry.model_code or ''} IMEI {entry.imei1 or '-'} 製造番号 "
                f"{entry.hardware_serial or '-'} 買取価格 {entry.price_yen if entry.price_yen is not None else '-'}円 "
                f"売主 {seller or '-'}。{notice.station}へ連絡してください。")

    def report_en(self) -> str:
        entry, notice = self.entry, self.match.notice
        kind = "matches" if self.match.kind is MatchKind.EXACT else "may match (compare the features)"
        store = f"Store {entry.other_store} entry" if entry.other_store else "Entry"
        return (f"{store} {entry.id} of {entry.business_date} ({entry.model_name or entry.model_code or 'phone'}, "
                f"IMEI {entry.imei1 or '-'}) {kind} {notice.label_en}, item \"{self.match.item.describe_en()}\". "
                f"Report it to {notice.station}.")

    def to_json(self) -> dict[str, Any]:
        return {"entry_id": self.entry.id, "store": self.entry.other_store, "business_date": self.entry.business_date,
                **self.match.to_json(),
                "corrected_by": list(self.corrected_by), "report_ja": self.report_ja(), "report_en": self.report_en()}


def add_notices(ledger: Ledger, drafts: Sequence[NoticeDraft], now: dt.datetime | None = None) -> list[Notice]:
    """Put notices in the register, all of them or none (one is there already), and return them."""
    recorded_at = (now or dt.datetime.now()).astimezone().isoformat(timespec="seconds")
    added = []
    try:
        with ledger.store.writing() as write:
            for draft in drafts:
                if write.has_notice(draft):
                    raise LedgerError(f"{draft.station} notice {draft.number} received {draft.received_on} is in "
                                      f"the register already; nothing was added")
                notice_id = write.insert_notice(draft, recorded_at)
                added.append(Notice(notice_id, draft.received_on, draft.station, draft.number, recorded_at,
                                    draft.items))
    except StoreWriteFailed as exc:
        raise LedgerError(f"the notice was not added: {exc}") from None
    return added


def add_notice(ledger: Ledger, draft: NoticeDraft, now: dt.datetime | None = None) -> Notice:
    return add_notices(ledger, [draft], now)[0]


def purchases_matching(ledger: Ledger, notice: Notice, today: dt.date) -> list[PurchaseMatch]:
    """The purchases of the last 6 months (to ``today``) that ``notice`` names, exact matches first."""
    first = months_after(today, -ACTIVE_MONTHS)
    found = [PurchaseMatch(entry, match, tuple(corrected_by))
             for entry, corrected_by in ledger.store.purchases_between(first, today)
             for match in matches_in([notice], PhoneIdentity.of_entry(entry))]
    return sorted(found, key=lambda found: (found.match.kind is not MatchKind.EXACT, found.entry.other_store or "",
                                            found.entry.id))


# --- reading notices ------------------------------------------------------------------------------------------------

def notice_from_json(data: Any) -> NoticeDraft:
    """A notice as ``kiosk hotlist add`` reads it::

        {"received_on": "2026-05-01", "station": "万世橋警察署", "number": "R8-123",
         "items": [{"imei": "…", "serial": "…", "model": "iPhone 13 Pro", "colour": "…", "features": "…"}]}
    """
    if not isinstance(data, dict):
        raise HotlistError("notice: expected an object")
    unknown = set(data) - {"received_on", "station", "number", "items"}
    if unknown:
        raise HotlistError(f"{sorted(unknown)[0]}: not a field of a notice")
    items = data.get("items")
    if not isinstance(items, list) or not items:
        raise HotlistError("items: expected a list of at least one item")
    if len(items) > MAX_ITEMS:
        raise HotlistError(f"items: at most {MAX_ITEMS} in one notice")
    return NoticeDraft(
        received_on=_received_on("received_on", data.get("received_on")),
        station=_required_text("station", data.get("station")),
        number=_required_text("number", data.get("number")),
        items=tuple(_item(f"items[{index}]", item) for index, item in enumerate(items)),
    )


def _item(path: str, data: Any) -> NoticeItem:
    if not isinstance(data, dict):
        raise HotlistError(f"{path}: expected an object")
    unknown = set(data) - {"imei", "serial", "model", "colour", "features"}
    if unknown:
        raise HotlistError(f"{path}.{sorted(unknown)[0]}: not a field of an item")
    return _checked_item(f"{path}.", data.get("imei"), data.get("serial"), data.get("model"), data.get("colour"),
                         data.get("features"))


def _checked_item(prefix: str, imei: Any, serial: Any, model: Any, colour: Any, features: Any) -> NoticeItem:
    """An item's fields checked; ``prefix`` is the item's path in errors ("items[0]." in JSON, "" in a CSV row)."""
    item = NoticeItem(
        imei=_imei(f"{prefix}imei", imei),
        serial=_serial(f"{prefix}serial", serial),
        model=_text(f"{prefix}model", model, _TEXT_LIMITS["model"]),
        colour=_text(f"{prefix}colour", colour, _TEXT_LIMITS["colour"]),
        features=_text(f"{prefix}features", features, _TEXT_LIMITS["features"]),
    )
    if not (item.imei or item.serial or item.model):
        raise HotlistError(f"{prefix.rstrip('.') or 'row'}: give at least an IMEI, a serial or a model")
    return item


def _imei(path: str, value: Any) -> str | None:
    text = _text(path, value, 40)
    if text is None:
        return None
    number = imei_key(text)
    if not (len(number) == 15 and imei_numbers.is_valid(number)):
        raise HotlistError(f"{path}: {text!r} is not an IMEI (15 digits with a valid check digit)")
    return number


def _serial(path: str, value: Any) -> str | None:
    text = _text(path, value, 40)
    if text is None:
        return None
    serial = serial_key(text)
    if not serial.replace("-", "").isalnum():
        raise HotlistError(f"{path}: {text!r} is not a serial number (letters, digits and hyphens)")
    return serial


def _text(path: str, value: Any, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise HotlistError(f"{path}: expected text")
    text = clean_text(value, limit=len(value) + 1)
    if text is not None and len(text) > limit:
        raise HotlistError(f"{path}: at most {limit} characters")
    return text


def _required_text(path: str, value: Any) -> str:
    text = _text(path, value, _TEXT_LIMITS[path])
    if not text:
        raise HotlistError(f"{path}: required")
    return text


def _received_on(path: str, value: Any) -> dt.date:
    if not isinstance(value, str):
        raise HotlistError(f"{path}: expected a date as YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HotlistError(f"{path}: {value!r} is not a date as YYYY-MM-DD") from None
    if day > dt.date.today():
        raise HotlistError(f"{path}: {day} is in the future")
    if day.year < 2000:
        raise HotlistError(f"{path}: {day} is too long ago")
    return day


def imeis_from_text(text: str) -> list[str]:
    """IMEIs pasted as a list (one per line, or separated by spaces, commas or 、); raises naming each bad one."""
    words = [word for word in text.replace("、", " ").replace(",", " ").replace("，", " ").split() if word]
    numbers, bad = [], []
    for word in words:
        number = imei_key(word)
        if len(number) == 15 and imei_numbers.is_valid(number):
            if number not in numbers:
                numbers.append(number)
        else:
            bad.append(word)
    if bad:
        raise HotlistError(f"imei: not IMEIs (15 digits with a valid check digit): {', '.join(bad)}")
    return numbers


def notices_from_csv(data: bytes) -> list[NoticeDraft]:
    """Read an import file: UTF-8 (a BOM allowed) or cp932, a header row of :data:`CSV_COLUMNS`, one item a row.

    Rows with the same received date, station and number make one notice. Every
    bad row is named by its line; if there is one, nothing is returned.
    """
    text = _decode(data)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or [cell.strip().lstrip("\ufeff") for cell in rows[0]] != list(CSV_COLUMNS):
        raise HotlistError(f"line 1: the header must be {','.join(CSV_COLUMNS)}")
    drafts: dict[tuple[dt.date, str, str], list[NoticeItem]] = {}
    problems = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            problems.append(f"line {line}: {len(row)} columns, expected {len(CSV_COLUMNS)}")
            continue
        cells = [cell.strip() or None for cell in row]
        try:
            key = (_received_on("received_on", cells[0] or ""), _required_text("station", cells[1]),
                   _required_text("number", cells[2]))
            item = _checked_item("", *cells[3:])
        except HotlistError as exc:
            problems.append(f"line {line}: {exc}")
            continue
        drafts.setdefault(key, []).append(item)
    if problems:
        raise HotlistError(f"{len(problems)} rows cannot be read, and nothing was imported:\n  "
                           + "\n  ".join(problems))
    if not drafts:
        raise HotlistError("the file has no items")
    return [NoticeDraft(received, station, number, tuple(items))
            for (received, station, number), items in drafts.items()]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        raise HotlistError(f"the file is neither UTF-8 nor cp932 (Shift_JIS): byte {exc.start} cannot be read") \
            from None


def notice_to_json(notice: Notice, today: dt.date) -> dict[str, Any]:
    return {
        "id": notice.id, "received_on": notice.received_on.isoformat(), "station": notice.station,
        "number": notice.number, "recorded_at": notice.recorded_at,
        "active_until": notice.active_until.isoformat(), "active": notice.is_active(today),
        "items": [{key: value for key, value in vars(item).items() if value is not None} for item in notice.items],
    }

