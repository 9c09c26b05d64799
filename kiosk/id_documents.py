"""The identity documents accepted at the counter, and what may be recorded of each.

The table is data (``resources/id_documents.json``, DESIGN §5). The rules it
carries are law, not taste: a My Number card's 個人番号 and a health-insurance
card's 記号・番号 are never recorded; a passport issued from 2020-02-04 shows no
address, so a second document proves it; ``other`` is recorded by its name.

A shop adds its own kinds (e.g. 特別永住者証明書) or renames the built-in ones
with an ``id_documents.json`` in the data directory, like ``carriers.json`` and
``policy.json``. It cannot relax the law: a built-in kind keeps every field but
its names, and none can be removed. A method code is a plain string; the
built-in ones are the :class:`IdMethod` members.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from device_probes.facts import clean_text
from kiosk.paths import resource

ID_DOCUMENTS_FILENAME = "id_documents.json"


class IdMethod(enum.StrEnum):
    """The built-in ways the seller's identity is checked (古物営業法 §15)."""

    DRIVERS_LICENSE = "drivers_license"
    MY_NUMBER_CARD = "my_number_card"
    PASSPORT = "passport"
    RESIDENCE_CARD = "residence_card"
    HEALTH_INSURANCE = "health_insurance"
    OTHER = "other"


class IdDocumentsError(ValueError):
    """An id_documents.json that does not fit; the message names the file and the field."""


@dataclass(frozen=True)
class IdCheck:
    """One identity document as checked at the counter (施行規則 §15).

    What may be recorded depends on the kind (:func:`id_check_problems`): never the
    number of a My Number card or a health-insurance card; a passport issued from
    2020-02-04 carries no address, so a second document for it is recorded too.
    """

    #: A code of the document table: an :class:`IdMethod` or a shop's own kind.
    method: str
    document_number: str | None = None
    #: The document's name, for ``other`` (e.g. 住民票の写し).
    document_name: str | None = None
    #: When a passport was issued: it says whether the passport shows the address.
    issued_on: dt.date | None = None
    #: The second document that proves the address, when the first one does not.
    address_document: IdCheck | None = None


@dataclass(frozen=True)
class IdDocument:
    method: str
    ja: str
    en: str
    proves: frozenset[str]
    #: ``record``, ``never`` or ``optional``: what the ledger keeps of the document's number.
    number: str
    #: Why the number is never kept, said to the user who enters it.
    never_ja: str | None
    never_en: str | None
    #: A passport shows the address only when issued before this day.
    address_if_issued_before: dt.date | None
    needs_name: bool

    def proves_address(self, issued_on: dt.date | None) -> bool:
        if self.address_if_issued_before is None:
            return "address" in self.proves
        return issued_on is not None and issued_on < self.address_if_issued_before


#: The table: method code → document, built-in kinds first, in the file's order.
IdDocuments = Mapping[str, IdDocument]

_CODE = re.compile(r"[a-z0-9_]{1,40}")
_PROVES = ("name", "address", "date_of_birth", "photo")
_NUMBER = ("record", "never", "optional")
#: The keys a row may have, with the longest text each may hold.
_TEXT_LIMITS = {"ja": 40, "en": 40, "never_ja": 200, "never_en": 200}
#: Only the bundled table may date a document's address rule.
_SHOP_KEYS = (*_TEXT_LIMITS, "proves", "number", "needs_name")
_BUNDLED_KEYS = (*_SHOP_KEYS, "address_if_issued_before")
#: What a shop may change of a built-in kind: its names, nothing the law decides.
_RENAMEABLE = ("ja", "en")
_MAX_SHOP_KINDS = 50


@functools.cache
def bundled_id_documents() -> IdDocuments:
    """The built-in table alone (``resources/id_documents.json``)."""
    data = json.loads(resource(ID_DOCUMENTS_FILENAME).read_text(encoding="utf-8"))
    table = {code: _document(code, row, ID_DOCUMENTS_FILENAME, _BUNDLED_KEYS)
             for code, row in data.items() if code != "_comment"}
    if set(table) != set(IdMethod):
        raise IdDocumentsError(f"{ID_DOCUMENTS_FILENAME}: expected exactly the kinds {', '.join(IdMethod)}")
    return MappingProxyType(table)


def load_id_documents(data_dir: Path | None = None) -> IdDocuments:
    """The bundled table, with the shop's ``id_documents.json`` from ``data_dir`` laid over it."""
    bundled = bundled_id_documents()
    override = data_dir / ID_DOCUMENTS_FILENAME if data_dir else None
    if override is None or not override.exists():
        return bundled
    try:
        shop = json.loads(override.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise IdDocumentsError(f"{override}: cannot read: {str(exc)[:200]}") from None
    if not isinstance(shop, dict):
        raise IdDocumentsError(f"{override}: expected a JSON object of document kinds")
    if len(shop) > _MAX_SHOP_KINDS:
        raise IdDocumentsError(f"{override}: at most {_MAX_SHOP_KINDS} document kinds")
    table = dict(bundled)
    for code, row in shop.items():
        if code == "_comment":
            if not isinstance(row, str):
                raise IdDocumentsError(f"{override}: _comment: expected text")
            continue
        if not _CODE.fullmatch(code):
            raise IdDocumentsError(f"{override}: {clean_text(code, 40)!r}: a document code is 1 to 40 of "
                                   f"a-z, 0-9 and _")
        if code in bundled:
            table[code] = _renamed(bundled[code], row, str(override))
        else:
            table[code] = _document(code, row, str(override), _SHOP_KEYS)
    return MappingProxyType(table)


def document_name(documents: IdDocuments, method: str, japanese: bool = True) -> str:
    """A kind's name; a code no longer in the table (a shop removed its kind) is shown as stored."""
    document = documents.get(method)
    if document is None:
        return method
    return document.ja if japanese else document.en


def _renamed(builtin: IdDocument, row: Any, source: str) -> IdDocument:
    """A built-in kind as the shop names it; any other field must say what the bundled table says."""
    where = f"{source}: {builtin.method}"
    if row is None:
        raise IdDocumentsError(f"{where}: a built-in document kind cannot be removed")
    shop = _document(builtin.method, row, source, _SHOP_KEYS, partial=True)
    for key in set(row) - set(_RENAMEABLE):
        if getattr(shop, key) != getattr(builtin, key):
            raise IdDocumentsError(f"{where}.{key}: a legal rule of a built-in kind; a shop may change only "
                                   f"its names (ja, en)")
    return replace(builtin, ja=shop.ja if "ja" in row else builtin.ja, en=shop.en if "en" in row else builtin.en)


def _document(code: str, row: Any, source: str, keys: tuple[str, ...], partial: bool = False) -> IdDocument:
    """One row, checked as untrusted input; ``partial`` allows a built-in kind's row to name only some fields."""
    where = f"{source}: {code}"
    if not isinstance(row, dict):
        raise IdDocumentsError(f"{where}: expected an object")
    unknown = set(row) - set(keys)
    if unknown:
        raise IdDocumentsError(f"{where}: unknown keys {sorted(map(str, unknown))}")
    texts: dict[str, str | None] = {}
    for key, limit in _TEXT_LIMITS.items():
        value = row.get(key)
        if value is None:
            texts[key] = None
            continue
        cleaned = clean_text(value, limit) if isinstance(value, str) else None
        if cleaned is None or len(value.strip()) > limit:
            raise IdDocumentsError(f"{where}.{key}: expected text of 1 to {limit} characters")
        texts[key] = cleaned
    proves = row.get("proves", [] if partial else None)
    if (not isinstance(proves, list) or not all(isinstance(item, str) and item in _PROVES for item in proves)
            or len(set(proves)) != len(proves)):
        raise IdDocumentsError(f"{where}.proves: expected a list of {', '.join(_PROVES)}")
    number = row.get("number", "never" if partial else None)
    if number not in _NUMBER:
        raise IdDocumentsError(f"{where}.number: expected one of {', '.join(_NUMBER)}")
    needs_name = row.get("needs_name", False)
    if not isinstance(needs_name, bool):
        raise IdDocumentsError(f"{where}.needs_name: expected true or false")
    if not partial:
        for key in ("ja", "en"):
            if texts[key] is None:
                raise IdDocumentsError(f"{where}.{key}: required")
        for key in ("never_ja", "never_en"):
            if (number == "never") != (texts[key] is not None):
                raise IdDocumentsError(f"{where}.{key}: " + ("required when number is never" if number == "never"
                                                             else "only for number never"))
    before = row.get("address_if_issued_before")
    try:
        issued_before = dt.date.fromisoformat(before) if before is not None else None
    except (TypeError, ValueError):
        raise IdDocumentsError(f"{where}.address_if_issued_before: expected a date as YYYY-MM-DD") from None
    return IdDocument(
        method=code, ja=texts["ja"] or "", en=texts["en"] or "", proves=frozenset(proves), number=number,
        never_ja=texts["never_ja"], never_en=texts["never_en"], address_if_issued_before=issued_before,
        needs_name=needs_name,
    )


def id_check_problems(check: IdCheck, documents: IdDocuments | None = None,
                      path: str = "id_check") -> list[tuple[str, str]]:
    """What is wrong with an ID check, as ``(field path, message)``; empty when it may be recorded."""
    table = bundled_id_documents() if documents is None else documents
    document = table.get(check.method)
    if document is None:
        return [(f"{path}.method", f"{clean_text(check.method, 40)!r} is not one of {', '.join(table)}")]
    method = document.method
    problems = []
    if document.number == "never" and check.document_number:
        problems.append((f"{path}.document_number", f"not allowed for {method}: {document.never_en}"))
    if document.number == "record" and not check.document_number:
        problems.append((f"{path}.document_number", f"required for {method}"))
    if document.needs_name and not check.document_name:
        problems.append((f"{path}.document_name", "required: name the document that was shown"))
    if document.address_if_issued_before is None:
        return problems
    if check.issued_on is None:
        problems.append((f"{path}.issued_on", f"required for {method}: the issue date says "
                                              f"whether it shows the address"))
    elif not document.proves_address(check.issued_on):
        second = check.address_document
        if second is None:
            problems.append((f"{path}.address_document", f"required: a {method} issued from "
                                                         f"{document.address_if_issued_before} shows no address, "
                                                         f"so a second document must prove it"))
        else:
            second_problems = id_check_problems(second, table, f"{path}.address_document")
            problems.extend(second_problems)
            if not second_problems and not table[second.method].proves_address(second.issued_on):
                problems.append((f"{path}.address_document.method",
                                 f"{second.method} does not prove the address"))
    return problems
