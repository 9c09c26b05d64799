"""Ledger entries (a day, a date range, a search result) as CSV for Excel in Japan (DESIGN §5).

UTF-8 with BOM by default so Excel opens Japanese text intact, or cp932 (Shift_JIS,
Windows' own) as an option; CRLF line ends; RFC 4180 quoting; and every text
cell that Excel would run as a formula is neutralised with a leading quote.
A character cp932 cannot hold stops the export, listing every such cell at once:
the ledger is never silently changed on its way out. Personal data erased by a
purge shows as 「保存期間経過により消去」.

A corrected entry stays in the book, so it is flagged 訂正済 with the number of
the entry that corrects it: a sum over the 買受 rows that are not 訂正済 counts
each phone once.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from kiosk.grading import Outcome
from kiosk.id_documents import IdDocuments, bundled_id_documents, document_name
from kiosk.intake import ConsentMethod
from kiosk.ledger import ERASED_JA, EntryKind, PersonalData
from kiosk.ledger.entry import BookRow

ENCODINGS = ("utf-8-sig", "cp932")

# Columns of the police's ledger form (様式第15号), then the shop's own.
HEADER = (
    "取引年月日", "区別", "品目", "数量", "特徴", "相手方の住所・氏名・職業・年齢", "確認方法",
    "保護者の同意", "保護者", "台帳番号", "訂正元の台帳番号", "訂正済", "IMEI", "ネットワーク利用制限", "判定", "ランク",
    "買取価格(円)", "価格変更の理由", "価格表の版", "警察への申告", "担当者",
)

_OUTCOME_JA = {outcome.value: outcome.ja for outcome in Outcome}
_CONSENT_JA = {
    ConsentMethod.ACCOMPANIED.value: "同伴",
    ConsentMethod.WRITTEN.value: "同意書",
    ConsentMethod.PHONE.value: "電話確認",
}
#: What the police-report cell says of a suspicion that has not been reported yet.
NOT_YET_REPORTED_JA = "未申告(要申告)"

# A cell starting with one of these is a formula to Excel (also in full width,
# which Japanese input produces and Excel converts).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_FORMULA_FIRST = frozenset(_FORMULA_STARTS)


class ExportError(Exception):
    """The export could not be written; the message says which entries or which file."""


def neutralise(cell: object) -> str:
    """Text as a CSV cell that Excel shows as text, never runs."""
    if cell is None:
        return ""
    if isinstance(cell, int):
        return str(cell)
    text = cell if isinstance(cell, str) else str(cell)
    return "'" + text if text[:1] in _FORMULA_FIRST else text


def corrected_cell(corrected_by: Sequence[int]) -> str | None:
    """「訂正済(台帳番号 12)」 for an entry that later entries correct; None otherwise."""
    if not corrected_by:
        return None
    return f"訂正済(台帳番号 {', '.join(map(str, corrected_by))})"


def ledger_row(entry: BookRow, corrected_by: Sequence[int] = (), documents: IdDocuments | None = None,
               ) -> list[object]:
    """One ledger entry as the cells of :data:`HEADER`; ``corrected_by`` names the entries correcting it,
    ``documents`` is the shop's ID document table (the bundled one when None).

    A day's export makes a thousand of these, so the cells are made inline from the entry's fields."""
    imei1, imei2, serial = entry.imei1, entry.imei2, entry.hardware_serial
    imeis = f"{imei1}, {imei2}" if imei1 and imei2 else imei1 or imei2
    features = " / ".join([part for part in (
        entry.model_name or entry.model_code,
        entry.color,
        entry.capacity,
        imeis and "IMEI: " + imeis,
        serial and "製造番号: " + serial,
    ) if part])
    age = entry.seller_age
    personal = entry.personal
    erased = personal is None and entry.personal_commitment is not None
    if personal is None:
        personal = _NO_PERSONAL_DATA
    seller: str | None
    guardian: str | None
    if erased:
        seller = f"{ERASED_JA} {age}歳" if age is not None else ERASED_JA
    else:
        seller = " ".join([part for part in (personal.seller_address, personal.seller_name,
                                              personal.seller_occupation, None if age is None else f"{age}歳")
                           if part]) or None
    consent = entry.consent_method
    if not consent:
        guardian = None
    elif erased:
        guardian = ERASED_JA
    else:
        guardian = " ".join([part for part in (personal.guardian_name, personal.guardian_relationship,
                                               personal.guardian_contact) if part]) or None
    police_json = entry.police_report_json
    police: str | None
    if police_json is not None:
        report = json.loads(police_json)
        police = f"{report['reported_at'].replace('T', ' ')} {report['station']}"
    else:
        police = NOT_YET_REPORTED_JA if entry.suspected_theft else None
    return [
        entry.recorded_at[:16].replace("T", " "),
        "買受" if entry.is_purchase else "受付(買取なし)",
        "携帯電話機",
        1,
        features,
        seller,
        _id_check_cell(entry.id_method, personal, erased, documents),
        _CONSENT_JA.get(consent) if consent else None,
        guardian,
        entry.id,
        entry.corrects_id,
        corrected_cell(corrected_by),
        imei1,
        entry.restriction_mark,
        _OUTCOME_JA.get(entry.outcome) if entry.outcome else None,
        entry.rank,
        entry.price_yen,
        entry.price_override_reason,
        entry.price_table_version,
        police,
        entry.staff_name,
    ]


_NO_PERSONAL_DATA = PersonalData()


def _id_check_cell(id_method: str | None, personal: PersonalData, erased: bool,
                   documents: IdDocuments | None) -> str | None:
    if id_method is None:
        return None
    table = bundled_id_documents() if documents is None else documents
    kind = document_name(table, id_method)
    if erased:
        return f"{kind} {ERASED_JA}"
    name, number = personal.id_document_name or kind, personal.id_document_number
    if not personal.id_issued_on and not personal.address_document:  # the common case, without the list
        return f"{name} {number}" if number else name
    parts = [name, number]
    if personal.id_issued_on:
        parts.append(f"発行日 {personal.id_issued_on}")
    if personal.address_document:
        second = json.loads(personal.address_document)
        parts.append("住所: " + " ".join(filter(None, (second.get("document_name") or document_name(table, second["method"]),
                                                     second.get("document_number")))))
    return " ".join([part for part in parts if part])




#: The cells of :func:`ledger_row` that may hold text from the entry; the others are fixed words or numbers made here.
_DATA_CELLS = tuple(index for index, column in enumerate(HEADER)
                    if column not in ("区別", "品目", "数量", "保護者の同意", "台帳番号", "訂正済", "判定"))


def csv_rows(entries: Iterable[BookRow], corrections: Mapping[int, Sequence[int]] | None = None,
             documents: IdDocuments | None = None) -> Iterator[tuple[int | None, list[object]]]:
    """Yield ``(entry id, cells)``: the header first (id None), then one per intake.

    Text cells are neutralised; integers and empty cells (None) are left for the CSV writer, which writes
    them as :func:`neutralise` would. ``corrections`` maps an entry's id to the ids of the entries
    correcting it (the 訂正済 column)."""
    corrections = corrections or {}
    no_corrections: tuple[int, ...] = ()
    intake = EntryKind.INTAKE.value
    yield None, list(HEADER)
    for entry in entries:
        if entry.kind == intake:
            cells = ledger_row(entry, corrections.get(entry.id, no_corrections), documents)
            for index in _DATA_CELLS:
                cell = cells[index]
                if cell.__class__ is str:
                    if cell[:1] in _FORMULA_FIRST:
                        cells[index] = "'" + cell
                elif cell is not None and cell.__class__ is not int:
                    cells[index] = neutralise(cell)
            yield entry.id, cells


def unwritable_in_cp932(text: str) -> list[str]:
    """The characters of ``text`` that a Shift_JIS (cp932) export cannot hold, each once, in order."""
    found: list[str] = []
    for char in text:
        if char not in found and not _fits_cp932(char):
            found.append(char)
    return found


def _fits_cp932(char: str) -> bool:
    # Round trip, not just encode: cp932 takes 〜 (U+301C) and − (U+2212) but gives back ～ and －.
    try:
        return char.encode("cp932").decode("cp932") == char
    except UnicodeEncodeError:
        return False


def describe_characters(chars: list[str]) -> str:
    return ", ".join(f"{char!r} (U+{ord(char):04X})" for char in chars)


def export_day(
    entries: Iterable[BookRow], out_path: Path | None, encoding: str = "utf-8-sig",
    stdout: BinaryIO | None = None, refused_paths: Iterable[Path] = (),
    corrections: Mapping[int, Sequence[int]] | None = None, documents: IdDocuments | None = None,
) -> int:
    """Export entries to ``out_path`` (atomically: all or nothing) or to ``stdout``; return the count.

    ``refused_paths`` are files the export must never replace (the ledger's own);
    ``corrections`` maps an entry's id to the entries correcting it (the 訂正済 column);
    ``documents`` names the ID documents (the shop's table, :func:`kiosk.id_documents.load_id_documents`).
    """
    if encoding not in ENCODINGS:
        raise ExportError(f"encoding must be one of {', '.join(ENCODINGS)}")
    if out_path is not None:
        check_output_path(Path(out_path), refused_paths)
    rows = list(csv_rows(entries, corrections, documents))
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(cells for _id, cells in rows)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    data = text.getvalue().encode(codec, errors="replace")
    unwritable: list[str] = []
    if codec != "utf-8" and data.decode(codec) != text.getvalue():
        # Every cell that does not survive the round trip, all at once: nothing is changed silently.
        unwritable = [f"entry {entry_id}, column {column}: {describe_characters(unwritable_in_cp932(cell))}"
                      for entry_id, cells in rows for column, cell in zip(HEADER, cells)
                      if isinstance(cell, str) and unwritable_in_cp932(cell)]
    if encoding == "utf-8-sig":
        data = codecs.BOM_UTF8 + data
    count = len(rows) - 1  # the header is not an entry
    if unwritable:
        raise ExportError(
            f"{len(unwritable)} cells cannot be written in {encoding}, and nothing was written; "
            f"export in utf-8-sig instead, or correct the entries:\n  " + "\n  ".join(unwritable)
        )
    if out_path is None:
        (stdout or sys.stdout.buffer).write(data)
        return count
    _write_atomically(Path(out_path), data)
    return count


def check_output_path(out_path: Path, refused_paths: Iterable[Path]) -> None:
    """Refuse a folder, a device or other non-regular file, and the ledger's own files."""
    try:
        mode = out_path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"{out_path} is a folder; give a file name for the CSV")
    if mode is not None and not stat.S_ISREG(mode):
        raise ExportError(f"{out_path} is not a regular file (a device or a pipe); give a file name for the CSV")
    resolved = out_path.resolve()
    for refused in refused_paths:
        if resolved == Path(refused).resolve():
            raise ExportError(f"{out_path} is one of the ledger's own files; the export never replaces it")
    if not out_path.parent.is_dir():
        raise ExportError(f"cannot write {out_path}: the folder {out_path.parent} does not exist")


def _write_atomically(out_path: Path, data: bytes) -> None:
    """Write beside the target and rename over it; the temporary file never outlives a failure."""
    try:
        tmp = tempfile.NamedTemporaryFile(dir=out_path.parent, prefix=f".{out_path.name}.", delete=False)
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    try:
        with tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, out_path)
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp.name)
