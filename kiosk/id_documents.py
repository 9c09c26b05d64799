"""The identity documents accepted at the counter, and what may be recorded of each.

The table is data (``resources/id_documents.json``, DESIGN §5). The rules it
carries are law, not taste: a My Number card's 個人番号 and a health-insurance
card's 記号・番号 are never recorded; a passport issued from 2020-02-04 shows no
address, so a second document proves it; ``other`` is recorded by its name.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from dataclasses import dataclass

from kiosk.paths import resource

ID_DOCUMENTS_FILENAME = "id_documents.json"


class IdMethod(str, enum.Enum):
    """How the seller's identity was checked (古物営業法 §15)."""

    DRIVERS_LICENSE = "drivers_license"
    MY_NUMBER_CARD = "my_number_card"
    PASSPORT = "passport"
    RESIDENCE_CARD = "residence_card"
    HEALTH_INSURANCE = "health_insurance"
    OTHER = "other"


@dataclass(frozen=True)
class IdCheck:
    """One identity document as checked at the counter (施行規則 §15).

    What may be recorded depends on the kind (:func:`id_check_problems`): never the
    number of a My Number card or a health-insurance card; a passport issued from
    2020-02-04 carries no address, so a second document for it is recorded too.
    """

    method: IdMethod
    document_number: str | None = None
    #: The document's name, for ``other`` (e.g. 住民票の写し).
    document_name: str | None = None
    #: When a passport was issued: it says whether the passport shows the address.
    issued_on: dt.date | None = None
    #: The second document that proves the address, when the first one does not.
    address_document: IdCheck | None = None


@dataclass(frozen=True)
class IdDocument:
    method: IdMethod
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


@functools.cache
def id_documents() -> dict[IdMethod, IdDocument]:
    table = json.loads(resource(ID_DOCUMENTS_FILENAME).read_text(encoding="utf-8"))
    documents = {}
    for method in IdMethod:
        row = table[method.value]
        before = row.get("address_if_issued_before")
        documents[method] = IdDocument(
            method=method, ja=row["ja"], en=row["en"], proves=frozenset(row["proves"]), number=row["number"],
            never_ja=row.get("never_ja"), never_en=row.get("never_en"),
            address_if_issued_before=dt.date.fromisoformat(before) if before else None,
            needs_name=bool(row.get("needs_name")),
        )
    return documents


def id_check_problems(check: IdCheck, path: str = "id_check") -> list[tuple[str, str]]:
    """What is wrong with an ID check, as ``(field path, message)``; empty when it may be recorded."""
    document = id_documents()[check.method]
    problems = []
    if document.number == "never" and check.document_number:
        problems.append((f"{path}.document_number", f"not allowed for {check.method.value}: {document.never_en}"))
    if document.number == "record" and not check.document_number:
        problems.append((f"{path}.document_number", f"required for {check.method.value}"))
    if document.needs_name and not check.document_name:
        problems.append((f"{path}.document_name", "required: name the document that was shown"))
    if document.address_if_issued_before is None:
        return problems
    if check.issued_on is None:
        problems.append((f"{path}.issued_on", f"required for {check.method.value}: the issue date says "
                                              f"whether it shows the address"))
    elif not document.proves_address(check.issued_on):
        second = check.address_document
        if second is None:
            problems.append((f"{path}.address_document", f"required: a {check.method.value} issued from "
                                                         f"{document.address_if_issued_before} shows no address, "
                                                         f"so a second document must prove it"))
        else:
            problems.extend(id_check_problems(second, f"{path}.address_document"))
            if not id_documents()[second.method].proves_address(second.issued_on):
                problems.append((f"{path}.address_document.method",
                                 f"{second.method.value} does not prove the address"))
    return problems
