"""A day of the ledger as CSV for Excel in Japan (DESIGN §5).

UTF-8 with BOM by default so Excel opens Japanese text intact, or cp932 (Shift_JIS,
Windows' own) as an option; CRLF line ends; RFC 4180 quoting; and every text
cell that Excel would run as a formula is neutralised with a leading quote.
A character cp932 cannot hold stops the export with the entry and column named:
the ledger is never silently changed on its way out.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import itertools
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO
from collections.abc import Iterable, Iterator

from kiosk.grading import Outcome
from kiosk.intake import IdMethod

ENCODINGS = ("utf-8-sig", "cp932")

# Columns of the police's ledger form (様式第15号), then the shop's own.
HEADER = (
    "取引年月日", "区別", "品目", "数量", "特徴", "相手方の住所・氏名・職業・年齢", "確認方法",
    "受付番号", "訂正元の受付番号", "IMEI", "ネットワーク利用制限", "判定", "ランク", "買取価格(円)", "担当者",
)

_ID_METHOD_JA = {
    IdMethod.DRIVERS_LICENSE: "運転免許証",
    IdMethod.MY_NUMBER_CARD: "マイナンバーカード",
    IdMethod.PASSPORT: "旅券",
    IdMethod.RESIDENCE_CARD: "在留カード",
    IdMethod.HEALTH_INSURANCE: "健康保険証",
    IdMethod.OTHER: "その他",
}

# A cell starting with one of these is a formula to Excel (also in full width,
# which Japanese input produces and Excel converts).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


class ExportError(Exception):
    """The export could not be written; the message says which entry or file."""


def neutralise(cell: Any) -> str:
    """Text as a CSV cell that Excel shows as text, never runs."""
    if cell is None:
        return ""
    if isinstance(cell, int):
        return str(cell)
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def ledger_row(entry: dict[str, Any]) -> list[Any]:
    """One ledger entry as the cells of :data:`HEADER`."""
    features = " / ".join(
        part for part in (
            entry["model_name"] or entry["model_code"],
            entry["color"],
            entry["capacity"],
            _labelled("IMEI", ", ".join(filter(None, (entry["imei1"], entry["imei2"])))),
            _labelled("製造番号", entry["hardware_serial"]),
        ) if part
    )
    seller = " ".join(
        part for part in (
            entry["seller_address"],
            entry["seller_name"],
            entry["seller_occupation"],
            f"{entry['seller_age']}歳" if entry["seller_age"] is not None else None,
        ) if part
    )
    id_check = None
    if entry["id_method"]:
        id_check = f"{_ID_METHOD_JA[IdMethod(entry['id_method'])]} {entry['id_document_number'] or ''}".strip()
    outcome = Outcome(entry["outcome"])
    return [
        entry["recorded_at"][:16].replace("T", " "),
        "買受" if entry["is_purchase"] else "受付(買取なし)",
        "携帯電話機",
        1,
        features,
        seller,
        id_check,
        entry["id"],
        entry["corrects_id"],
        entry["imei1"],
        entry["restriction_mark"],
        outcome.ja,
        entry["rank"],
        entry["price_yen"],
        entry["staff_name"],
    ]


def _labelled(label: str, value: str | None) -> str | None:
    return f"{label}: {value}" if value else None


def csv_lines(entries: Iterable[dict[str, Any]]) -> Iterator[tuple[int | None, list[str], str]]:
    """Yield ``(entry id, cells, CSV line)``: the header first (id None), then one per entry."""
    line = io.StringIO(newline="")
    writer = csv.writer(line, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for entry_id, cells in itertools.chain(
        [(None, list(HEADER))],
        ((entry["id"], [neutralise(cell) for cell in ledger_row(entry)]) for entry in entries),
    ):
        line.seek(0)
        line.truncate()
        writer.writerow(cells)
        yield entry_id, cells, line.getvalue()


def export_day(
    entries: Iterable[dict[str, Any]], out_path: Path | None, encoding: str = "utf-8-sig", stdout: BinaryIO | None = None
) -> int:
    """Export entries to ``out_path`` (atomically: all or nothing) or to ``stdout``; return the count."""
    if encoding not in ENCODINGS:
        raise ExportError(f"encoding must be one of {', '.join(ENCODINGS)}")
    # Encoded line by line so that an unencodable character names its entry;
    # the byte order mark goes once, at the start.
    data = bytearray(codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"")
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    count = -1  # the header is not an entry
    for entry_id, cells, line in csv_lines(entries):
        data += _encode(line, cells, entry_id, codec)
        count += 1
    if out_path is None:
        (stdout or sys.stdout.buffer).write(data)
        return count
    out_path = Path(out_path)
    try:
        with tempfile.NamedTemporaryFile(dir=out_path.parent, prefix=f".{out_path.name}.", delete=False) as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp.name, out_path)
    except OSError as exc:
        raise ExportError(f"cannot write {out_path}: {exc.strerror or exc}") from None
    return count


def _encode(line: str, cells: list[str], entry_id: int | None, encoding: str) -> bytes:
    try:
        return line.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        column = next(name for name, cell in zip(HEADER, cells) if char in cell)
        raise ExportError(
            f"entry {entry_id}, column {column}: the character {char!r} (U+{ord(char):04X}) "
            f"cannot be written in {encoding}; export in utf-8-sig instead"
        ) from None
