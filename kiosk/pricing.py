"""The shop's price table (買取価格表) and the price it suggests for a graded phone.

A shop keeps its table in Excel or a CSV file and imports it (``kiosk price
import FILE`` or the counter window). One row per model, and capacity where the
price depends on it:

=====================  ==========================================================
column                 meaning
=====================  ==========================================================
``model``              model name or code as the phone reports it (iPhone 13 Pro, A2638, SC-51B)
``capacity``           e.g. 128GB; empty = any capacity
``S`` ``A`` ``B`` ``C``  the price for each cosmetic rank, whole yen; empty = not bought at that rank
``junk_wifi``          the price as a Wi-Fi-only device (× mark, working)
``junk_parts``         the price for parts
``deduct_instalments``  deduction for a △ mark: yen (3000) or percent (10%)
``deduct_battery``     deduction for a worn battery (below the policy's threshold)
``deduct:NAME``        any other deduction the shop names (e.g. ``deduct:箱なし``); staff tick it
=====================  ==========================================================

Japanese headers are read too (機種, 容量, ジャンクWi-Fi, ジャンクパーツ, 減額:△,
減額:バッテリー, 減額:NAME). Each import is a version: the hash of its rows and
the import time. The table in use is ``price_table.json`` in the data
directory; every imported version is kept in ``price_tables/`` so an entry's
version can always be looked up.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from device_probes.facts import DeviceFacts, clean_text
from kiosk.grading import Grade, Outcome
from kiosk.intake import Intake, IntakeError, RestrictionMark
from kiosk.private_files import replace_with_json

TABLE_FILENAME = "price_table.json"
VERSIONS_DIRNAME = "price_tables"
MAX_PRICE_YEN = 10_000_000
MAX_ROWS = 20_000
MAX_FILE_BYTES = 20 * 1024 * 1024
RANKS = ("S", "A", "B", "C")
INSTALMENTS, BATTERY = "instalments", "battery"
BATTERY_WORN_RULE = "battery.worn"

_HEADER_ALIASES = {
    "model": "model", "機種": "model", "機種名": "model", "型番": "model",
    "capacity": "capacity", "容量": "capacity",
    "s": "S", "a": "A", "b": "B", "c": "C",
    "junk_wifi": "junk_wifi", "ジャンクwi-fi": "junk_wifi", "ジャンクwifi": "junk_wifi",
    "junk_parts": "junk_parts", "ジャンクパーツ": "junk_parts",
    "deduct_instalments": f"deduct:{INSTALMENTS}", "減額:△": f"deduct:{INSTALMENTS}",
    "deduct_battery": f"deduct:{BATTERY}", "減額:バッテリー": f"deduct:{BATTERY}",
}
_NAMED_DEDUCTION = re.compile(r"^(?:deduct|減額)\s*[:：]\s*(.+)$", re.IGNORECASE)
_REGION = re.compile(r"\s*\(\w{1,3}/\w\)$")  # "(J/A)", "(LL/A)": the sales region of an iPhone
_PERCENT = re.compile(r"^(\d{1,2}(?:\.\d+)?|100)\s*[%％]$")


class PriceTableError(ValueError):
    """A table that cannot be used; the message names the row and column."""


@dataclass(frozen=True)
class Deduction:
    name: str  # "instalments", "battery", or a name the shop chose
    yen: int | None = None
    percent: float | None = None

    def amount_on(self, base_yen: int) -> int:
        if self.yen is not None:
            return self.yen
        return int(base_yen * (self.percent or 0) / 100)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "yen": self.yen, "percent": self.percent}


@dataclass(frozen=True)
class PriceRow:
    model: str
    capacity: str | None
    prices: dict[str, int | None]  # S/A/B/C, junk_wifi, junk_parts
    deductions: tuple[Deduction, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "capacity": self.capacity, "prices": self.prices,
                "deductions": [d.to_json() for d in self.deductions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PriceRow:
        return cls(data["model"], data["capacity"], dict(data["prices"]),
                   tuple(Deduction(**d) for d in data["deductions"]))

    def named_deductions(self) -> tuple[Deduction, ...]:
        """The deductions staff tick by hand (box missing, scratches…): not △, not the battery."""
        return tuple(d for d in self.deductions if d.name not in (INSTALMENTS, BATTERY))


@dataclass(frozen=True)
class PriceTable:
    version: str  # the first 12 hex digits of the rows' SHA-256
    imported_at: str  # ISO 8601 with offset
    source: str  # the imported file's name
    rows: tuple[PriceRow, ...]

    def find(self, facts: DeviceFacts, capacity: str | None) -> PriceRow | None:
        """The row for this phone: its model code or name, and its capacity (a row without one fits any)."""
        # An iPhone's name carries its sales region, "iPhone 13 Pro (J/A)"; the table names the model.
        names = {_model_key(name) for name in (facts.model_code, facts.model_name,
                                                _REGION.sub("", facts.model_name or "")) if name}
        wanted = _capacity_key(capacity)
        candidates = [row for row in self.rows if _model_key(row.model) in names]
        exact = [row for row in candidates if row.capacity is not None and _capacity_key(row.capacity) == wanted]
        found = exact or [row for row in candidates if row.capacity is None]
        return found[0] if found else None

    def to_json(self) -> dict[str, Any]:
        return {"version": self.version, "imported_at": self.imported_at, "source": self.source,
                "rows": [row.to_json() for row in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PriceTable:
        return cls(data["version"], data["imported_at"], data["source"],
                   tuple(PriceRow.from_json(row) for row in data["rows"]))

    @classmethod
    def load(cls, data_dir: Path) -> PriceTable | None:
        """The table in use; None when none was imported yet."""
        path = data_dir / TABLE_FILENAME
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise PriceTableError(f"{path}: not a readable price table ({exc}); import the table again") from None


# -- importing ---------------------------------------------------------------------------


def import_table(source: Path, data_dir: Path, now: dt.datetime | None = None) -> PriceTable:
    """Read a CSV or .xlsx price table and make it the one in use, as a new version."""
    rows = read_rows(source)
    canonical = json.dumps([row.to_json() for row in rows], ensure_ascii=False, sort_keys=True)
    table = PriceTable(
        version=hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12],
        imported_at=(now or dt.datetime.now()).astimezone().isoformat(timespec="seconds"),
        source=source.name,
        rows=tuple(rows),
    )
    versions = data_dir / VERSIONS_DIRNAME
    versions.mkdir(parents=True, exist_ok=True)
    _write_json(versions / f"{table.version}.json", table.to_json())
    _write_json(data_dir / TABLE_FILENAME, table.to_json())
    return table


def read_rows(source: Path) -> list[PriceRow]:
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise PriceTableError(f"{source.name}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        cells = _xlsx_cells(source) if source.suffix.lower() in (".xlsx", ".xlsm") else _csv_cells(source.read_bytes())
    except OSError as exc:
        raise PriceTableError(f"{source}: cannot be read ({exc.strerror})") from None
    return rows_from_cells(cells, source.name)


def rows_from_cells(cells: Iterable[list[Any]], source_name: str = "table") -> list[PriceRow]:
    """The price rows of a sheet given as lists of cells, the first one the header."""
    lines = iter(cells)
    header = next(lines, None)
    if header is None:
        raise PriceTableError(f"{source_name}: empty; the first row must name the columns")
    columns = [_column(cell, index) for index, cell in enumerate(header)]
    if "model" not in columns:
        raise PriceTableError(f"{source_name}: no 'model' (機種) column in the first row")
    rows: list[PriceRow] = []
    for number, line in enumerate(lines, start=2):
        cells = list(line) + [None] * (len(columns) - len(line))
        # A column with another name (notes, a JAN code) is left out.
        values = {column: value for column, value in zip(columns, cells) if column is not None}
        if not any(_cell_text(value) for value in values.values()):
            continue  # a blank line between groups of models
        if len(rows) == MAX_ROWS:
            raise PriceTableError(f"{source_name}: more than {MAX_ROWS} rows")
        rows.append(_row(values, f"{source_name} row {number}"))
    if not rows:
        raise PriceTableError(f"{source_name}: no price rows under the header")
    return rows


def _csv_cells(data: bytes) -> list[list[str]]:
    # Excel saves "CSV UTF-8" with a BOM, and plain "CSV" in cp932 on a Japanese Windows.
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PriceTableError("the CSV file is neither UTF-8 nor cp932 (Shift_JIS)")
    return list(csv.reader(io.StringIO(text, newline="")))


def _xlsx_cells(source: Path) -> list[list[Any]]:
    import openpyxl  # only an import from Excel needs it

    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise PriceTableError(f"{source.name}: not an Excel workbook ({type(exc).__name__})") from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _column(cell: Any, index: int) -> str | None:
    text = unicodedata.normalize("NFKC", _cell_text(cell)).strip()
    if not text:
        return None
    named = _NAMED_DEDUCTION.match(text)
    alias = _HEADER_ALIASES.get(text.lower())
    if alias is not None:
        return alias
    if named:
        return f"deduct:{named.group(1).strip()}"
    return None  # a column the shop keeps for itself (notes, a JAN code) is ignored


def _row(values: dict[str, Any], where: str) -> PriceRow:
    model = clean_text(_cell_text(values.get("model")), 80)
    if not model:
        raise PriceTableError(f"{where}, model: empty")
    capacity = clean_text(_cell_text(values.get("capacity")), 20)
    prices = {name: _yen(values.get(name), f"{where}, {name}") for name in (*RANKS, "junk_wifi", "junk_parts")}
    deductions = tuple(
        _deduction(column.removeprefix("deduct:"), value, f"{where}, {column}")
        for column, value in values.items() if column.startswith("deduct:") and _cell_text(value)
    )
    return PriceRow(model, capacity, prices, deductions)


def _yen(value: Any, where: str) -> int | None:
    text = _cell_text(value).replace(",", "").replace("¥", "").replace("円", "").strip()
    if not text:
        return None
    if text.endswith(".0"):
        text = text[:-2]  # Excel hands whole numbers over as floats
    if not text.isdigit() or int(text) > MAX_PRICE_YEN:
        raise PriceTableError(f"{where}: {text!r} is not whole yen up to {MAX_PRICE_YEN:,}")
    return int(text)


def _deduction(name: str, value: Any, where: str) -> Deduction:
    text = unicodedata.normalize("NFKC", _cell_text(value)).strip()
    percent = _PERCENT.match(text)
    if percent:
        return Deduction(name, percent=float(percent.group(1)))
    yen = _yen(text, where)
    return Deduction(name, yen=yen)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _model_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).lower().split())


def _capacity_key(capacity: str | None) -> str | None:
    if not capacity:
        return None
    text = "".join(unicodedata.normalize("NFKC", capacity).upper().split())
    return text if text.endswith(("GB", "TB")) else f"{text}GB"


def _write_json(path: Path, data: Any) -> None:
    try:
        replace_with_json(path, data)
    except OSError as exc:
        raise PriceTableError(f"{path}: cannot be written ({exc.strerror})") from None


# -- suggesting a price ------------------------------------------------------------------


@dataclass(frozen=True)
class PriceLine:
    """One line of the breakdown: what it is, in both languages, and its yen (negative for a deduction)."""

    code: str
    ja: str
    en: str
    yen: int

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "ja": self.ja, "en": self.en, "yen": self.yen}


@dataclass(frozen=True)
class PriceSuggestion:
    price_yen: int | None
    lines: tuple[PriceLine, ...]
    table_version: str | None
    #: Why there is no price (code, ja, en), when there is none.
    missing: tuple[str, str, str] | None = None
    #: The shop's own deductions for this model, for staff to tick.
    named_deductions: tuple[Deduction, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "suggested_price_yen": self.price_yen,
            "price_breakdown": {
                "table_version": self.table_version,
                "lines": [line.to_json() for line in self.lines],
                "missing": None if self.missing is None else dict(zip(("code", "ja", "en"), self.missing)),
            },
        }


_NO_TABLE = ("price.no_table", "買取価格表が取り込まれていません。", "No price table has been imported.")
_NOT_IN_TABLE = ("price.model_not_in_table", "この機種・容量は買取価格表にありません。",
                 "This model and capacity are not in the price table.")
_NOT_BOUGHT = ("price.not_a_purchase", "買取しない判定のため価格はありません。", "No price: the outcome is not a purchase.")
_NO_RANK = ("price.rank_not_decided", "ランクが決まっていないため価格を出せません。",
            "No price until the rank is decided (checklist).")
_RANK_NOT_PRICED = ("price.rank_not_priced", "この機種のこのランクの価格が表にありません。",
                    "The table has no price for this model at this rank.")


def suggest_price(table: PriceTable | None, facts: DeviceFacts, capacity: str | None, mark: RestrictionMark | None,
                  grade: Grade, ticked: Iterable[str] = ()) -> PriceSuggestion:
    """The table's price for a graded phone, with each step of how it was reached.

    ``ticked`` names the shop's own deductions that staff ticked for this phone.
    """
    if table is None:
        return PriceSuggestion(None, (), None, _NO_TABLE)
    row = table.find(facts, capacity)
    if row is None:
        return PriceSuggestion(None, (), table.version, _NOT_IN_TABLE)
    named = row.named_deductions()
    if not grade.outcome.is_purchase:
        return PriceSuggestion(None, (), table.version, _NOT_BOUGHT, named)
    column, label = _price_column(grade)
    if column is None:
        return PriceSuggestion(None, (), table.version, _NO_RANK, named)
    base = row.prices.get(column)
    if base is None:
        return PriceSuggestion(None, (), table.version, _RANK_NOT_PRICED, named)
    where = f"{row.model}{' ' + row.capacity if row.capacity else ''}"
    lines = [PriceLine(f"price.{column}", f"{where} {label[0]}", f"{where} {label[1]}", base)]
    applies = {INSTALMENTS: mark is RestrictionMark.INSTALMENTS and grade.outcome is not Outcome.JUNK_WIFI,
               BATTERY: any(reason.rule == BATTERY_WORN_RULE for reason in grade.reasons)}
    chosen = set(ticked)
    for deduction in row.deductions:
        if applies.get(deduction.name, deduction.name in chosen):
            lines.append(_deduction_line(deduction, base))
    price = max(0, sum(line.yen for line in lines))
    return PriceSuggestion(price, tuple(lines), table.version, None, named)


def _price_column(grade: Grade) -> tuple[str | None, tuple[str, str]]:
    if grade.outcome is Outcome.JUNK_WIFI:
        return "junk_wifi", ("ジャンク(Wi-Fi専用)", "junk (Wi-Fi only)")
    if grade.outcome is Outcome.JUNK_PARTS:
        return "junk_parts", ("ジャンク(パーツ取り)", "junk (parts)")
    if grade.rank in RANKS:
        return grade.rank, (f"ランク{grade.rank}", f"rank {grade.rank}")
    return None, ("", "")


def _deduction_line(deduction: Deduction, base: int) -> PriceLine:
    how_ja = f"{deduction.percent:g}%" if deduction.percent is not None else "定額"
    how_en = f"{deduction.percent:g}%" if deduction.percent is not None else "fixed"
    names = {INSTALMENTS: ("△(分割支払い中)", "△ (instalments running)"),
             BATTERY: ("バッテリー劣化", "worn battery")}
    ja, en = names.get(deduction.name, (deduction.name, deduction.name))
    return PriceLine(f"deduct.{deduction.name}", f"減額: {ja}({how_ja})", f"Deduction: {en} ({how_en})",
                     -deduction.amount_on(base))


def price_intake(table: PriceTable | None, intake: Intake, grade: Grade) -> PriceSuggestion:
    """The suggestion for an intake as staff entered it."""
    return suggest_price(table, intake.device, intake.staff.capacity, intake.staff.restriction_mark, grade,
                         intake.price_deductions)


def check_override(suggestion: PriceSuggestion, price_yen: int | None, reason: str | None) -> None:
    """A price that differs from the table's needs a reason; raises IntakeError naming the field."""
    if suggestion.price_yen is None or price_yen is None or price_yen == suggestion.price_yen:
        return
    if not reason:
        raise IntakeError(
            f"price_override_reason: required, the price {price_yen:,} yen differs from the table's "
            f"{suggestion.price_yen:,} yen")
