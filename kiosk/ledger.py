"""The purchase ledger (古物台帳): append-only, hash-chained, durable SQLite.

All SQL of the app lives in this module. Rules (DESIGN §5):

* Every intake is one entry, refused ones too; purchases are the entries with a
  buying outcome and a price. An entry is never changed: a correction is a new
  entry whose ``corrects_id`` points at the one it corrects.
* Each entry stores the hash of the one before it and its own hash over all its
  columns, so an edited, deleted or reordered row is found by :meth:`Ledger.verify`.
  A one-row ``chain_head`` table, written in the same transaction, catches a
  deleted last entry.
* WAL with ``synchronous=FULL``: when :meth:`Ledger.append` returns, the entry
  is on disk. ``PRAGMA user_version`` holds the schema version; a newer database
  than this code knows is refused. One process writes at a time (a lock file).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import filelock
import sqlite_utils

from kiosk.grading import Grade, Outcome, PriorIntake
from kiosk.intake import Intake
from kiosk.item_features import item_capacity, item_color

SCHEMA_VERSION = 1
GENESIS_HASH = "0" * 64
WRITER_LOCK_TIMEOUT_S = 10.0

ENTRY_COLUMNS: dict[str, type] = {
    "id": int,
    "recorded_at": str,  # local time with UTC offset, ISO 8601
    "business_date": str,  # local date, YYYY-MM-DD: what the day's export selects on
    "corrects_id": int,
    "platform": str,
    "manufacturer": str,
    "model_name": str,
    "model_code": str,
    "color": str,
    "capacity": str,
    "imei1": str,
    "imei2": str,
    "hardware_serial": str,
    "restriction_mark": str,
    "carrier": str,
    "outcome": str,
    "rank": str,
    "price_yen": int,
    "is_purchase": int,
    "seller_name": str,
    "seller_address": str,
    "seller_occupation": str,
    "seller_birth_date": str,
    "seller_age": int,
    "id_method": str,
    "id_document_number": str,
    "staff_name": str,
    "police_report": str,  # JSON {"reported_at", "station"} when theft was reported
    "device_json": str,  # the full device facts, with provenance and errors
    "staff_json": str,  # everything staff entered
    "reasons_json": str,  # the grade's reasons, as shown
    "prev_hash": str,
    "entry_hash": str,
}
#: Added with the price table (kiosk/pricing.py), kept apart from the columns above: an
#: existing ledger gets them by ALTER TABLE on its first append, and they are hashed only
#: when set, so entries written before keep their hashes. To be folded into the next schema.
PRICING_COLUMNS: dict[str, type] = {
    "price_table_version": str,  # the price table's version the price was suggested from
    "price_override_reason": str,  # why staff set a price other than the table's
}
NOT_NULL = {"recorded_at", "business_date", "platform", "outcome", "is_purchase", "device_json",
            "staff_json", "reasons_json", "prev_hash", "entry_hash"}


class LedgerError(Exception):
    """A ledger problem to show to the user as it is."""


class LedgerTooNew(LedgerError):
    pass


class LedgerBusy(LedgerError):
    pass


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    #: The first entry found wrong, and what is wrong with it.
    bad_entry_id: int | None = None
    problem: str | None = None


class Ledger:
    """One ledger file. Reading needs nothing; the first write takes the writer lock."""

    def __init__(self, path: Path, *, lock_timeout: float = WRITER_LOCK_TIMEOUT_S):
        self.path = Path(path)
        self._writer_lock = filelock.FileLock(str(self.path) + ".lock", timeout=lock_timeout)
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=lock_timeout)
            conn.execute("PRAGMA synchronous=FULL")
            self.db = sqlite_utils.Database(conn)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path}: not a readable ledger database ({exc})") from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise LedgerTooNew(
                f"{self.path} was written by a newer version of this app (schema {version}, "
                f"this app knows {SCHEMA_VERSION}); update the app instead of using it with this ledger"
            )
        if version < SCHEMA_VERSION:
            try:
                self._create_schema()
            except sqlite3.OperationalError as exc:
                self.close()
                raise LedgerError(f"{self.path}: the ledger could not be created: {sqlite_problem(exc)}") from None

    def close(self) -> None:
        self.db.close()
        if self._writer_lock.is_locked:
            self._writer_lock.release(force=True)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- writing ------------------------------------------------------------

    def claim_writer(self) -> None:
        """Become the one process that writes this ledger (held until close)."""
        if self._writer_lock.is_locked:
            return
        try:
            self._writer_lock.acquire()
        except filelock.Timeout:
            raise LedgerBusy(
                f"another program is writing the ledger {self.path}; close it and try again"
            ) from None

    def _create_schema(self) -> None:
        self.claim_writer()
        self.db.enable_wal()
        with self._transaction():
            if self.db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
                return  # another process created it while we waited
            entries = self.db["entries"]
            entries.create({**ENTRY_COLUMNS, **PRICING_COLUMNS}, pk="id", not_null=NOT_NULL,
                           foreign_keys=[("corrects_id", "entries", "id")])
            entries.create_index(["business_date"])
            entries.create_index(["imei1"])
            entries.create_index(["imei2"])
            entries.create_index(["hardware_serial"])
            self.db["chain_head"].create({"id": int, "last_entry_id": int, "last_hash": str}, pk="id")
            self.db.execute("INSERT INTO chain_head (id, last_entry_id, last_hash) VALUES (1, 0, ?)", [GENESIS_HASH])
            for action in ("UPDATE", "DELETE"):
                self.db.execute(
                    f"CREATE TRIGGER entries_no_{action.lower()} BEFORE {action} ON entries "
                    "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END"
                )
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self):
        self.db.execute("BEGIN IMMEDIATE")
        return _Commit(self.db)

    def append(self, intake: Intake, grade: Grade, now: dt.datetime | None = None) -> dict[str, Any]:
        """Write one entry and return it; it is on disk when this returns."""
        self.claim_writer()
        self._add_pricing_columns()
        now = (now or dt.datetime.now()).astimezone()
        row = _row_for(intake, grade, now)
        corrects_id = intake.corrects_id
        try:
            with self._transaction():
                if corrects_id is not None and self.entry(corrects_id) is None:
                    raise LedgerError(f"corrects: there is no entry {corrects_id} to correct")
                head_id, head_hash = self.db.execute("SELECT last_entry_id, last_hash FROM chain_head").fetchone()
                row["id"] = head_id + 1
                row["prev_hash"] = head_hash
                row["entry_hash"] = entry_hash(row)
                self.db["entries"].insert(row)
                self.db.execute(
                    "UPDATE chain_head SET last_entry_id = ?, last_hash = ? WHERE id = 1",
                    [row["id"], row["entry_hash"]],
                )
        except sqlite3.OperationalError as exc:
            # Disk full, read-only file, locked database: nothing was written.
            raise LedgerError(f"the entry was not saved: {sqlite_problem(exc)}") from None
        return row

    def _add_pricing_columns(self) -> None:
        missing = set(PRICING_COLUMNS) - set(self.db["entries"].columns_dict)
        if missing:
            with self._transaction():
                for name in sorted(missing):
                    self.db.execute(f"ALTER TABLE entries ADD COLUMN {name} TEXT")

    # --- reading ------------------------------------------------------------

    def entry(self, entry_id: int) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM entries WHERE id = ?", [entry_id]))
        return rows[0] if rows else None

    def corrections_of(self, entry_id: int) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM entries WHERE corrects_id = ? ORDER BY id", [entry_id]))

    def entries_on(self, day: dt.date) -> Iterator[dict[str, Any]]:
        return self.db.query("SELECT * FROM entries WHERE business_date = ? ORDER BY id", [day.isoformat()])

    def search(self, text: str, day: dt.date | None = None) -> list[dict[str, Any]]:
        """Entries whose IMEI, serial or seller name contains ``text`` (optionally on one day)."""
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = (
            "SELECT * FROM entries WHERE (imei1 LIKE :p ESCAPE '\\' OR imei2 LIKE :p ESCAPE '\\' "
            "OR hardware_serial LIKE :p ESCAPE '\\' OR seller_name LIKE :p ESCAPE '\\')"
        )
        params: dict[str, Any] = {"p": pattern}
        if day is not None:
            sql += " AND business_date = :day"
            params["day"] = day.isoformat()
        return list(self.db.query(sql + " ORDER BY id", params))

    def last_intake(self, imeis: list[str], exclude_id: int | None = None) -> PriorIntake | None:
        """The latest entry for any of these IMEIs (for the repeat-IMEI warning)."""
        if not imeis:
            return None
        marks = ", ".join("?" for _ in imeis)
        row = self.db.execute(
            f"SELECT id, recorded_at, outcome FROM entries WHERE (imei1 IN ({marks}) OR imei2 IN ({marks}))"
            " AND id IS NOT ? ORDER BY id DESC LIMIT 1",
            [*imeis, *imeis, exclude_id],
        ).fetchone()
        return None if row is None else PriorIntake(entry_id=row[0], recorded_at=row[1], outcome=Outcome(row[2]))

    def verify(self) -> VerifyResult:
        """Walk the chain; report the first entry that was changed, deleted or reordered."""
        present = set(self.db["entries"].columns_dict)
        columns = [*ENTRY_COLUMNS, *(name for name in PRICING_COLUMNS if name in present)]
        cursor = self.db.execute(f"SELECT {', '.join(columns)} FROM entries ORDER BY id")
        expected_id, previous_hash, count = 1, GENESIS_HASH, 0
        for values in cursor:
            row = dict(zip(columns, values))
            count += 1
            problem = _chain_problem(row, expected_id, previous_hash)
            if problem:
                return VerifyResult(False, count, problem[0], problem[1])
            expected_id, previous_hash = row["id"] + 1, row["entry_hash"]
        head_id, head_hash = self.db.execute("SELECT last_entry_id, last_hash FROM chain_head").fetchone()
        if (head_id, head_hash) != (expected_id - 1, previous_hash):
            return VerifyResult(
                False, count, expected_id,
                f"entry {expected_id} and later are missing (deleted): the ledger recorded {head_id} entries",
            )
        return VerifyResult(True, count)


class _Commit:
    """Commit on success, roll back on any error (used with ``BEGIN IMMEDIATE``)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.db.execute("COMMIT")
        else:
            self.db.rollback()


#: What a failed write means to the user, by SQLite's primary result code.
_SQLITE_PROBLEMS = {
    sqlite3.SQLITE_FULL: "the disk is full; free some space, then save again",
    sqlite3.SQLITE_IOERR: "the disk could not be written (full or failing); free some space or check the disk, then save again",
    sqlite3.SQLITE_BUSY: "another program holds the ledger database locked; close it, then save again",
    sqlite3.SQLITE_LOCKED: "another program holds the ledger database locked; close it, then save again",
    sqlite3.SQLITE_READONLY: "the ledger file is read-only; check its permissions, then save again",
    sqlite3.SQLITE_CANTOPEN: "the ledger file cannot be opened; check the data folder, then save again",
}


def sqlite_problem(exc: sqlite3.Error) -> str:
    """Say what went wrong and what to do, with SQLite's own words for support."""
    code = getattr(exc, "sqlite_errorcode", None)
    advice = _SQLITE_PROBLEMS.get(code & 0xFF) if code is not None else None
    return f"{advice} ({exc})" if advice else str(exc)


def entry_hash(row: dict[str, Any]) -> str:
    content = {name: row.get(name) for name in ENTRY_COLUMNS if name != "entry_hash"}
    content.update({name: row[name] for name in PRICING_COLUMNS if row.get(name) is not None})
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chain_problem(row: dict[str, Any], expected_id: int, previous_hash: str) -> tuple[int, str] | None:
    entry_id = row["id"]
    if entry_id != expected_id:
        return expected_id, f"entry {expected_id} is missing (deleted, or the entries were renumbered)"
    if entry_hash(row) != row["entry_hash"]:
        moved_from = _original_id(row)
        if moved_from is not None:
            return entry_id, f"entry {entry_id} holds the content of entry {moved_from} (entries reordered)"
        return entry_id, f"entry {entry_id} was changed after it was written"
    if row["prev_hash"] != previous_hash:
        return entry_id, f"entry {entry_id} does not follow entry {entry_id - 1} (reordered or an entry removed)"
    return None


def _original_id(row: dict[str, Any], search_span: int = 1000) -> int | None:
    """Which id a moved row was written under, if its hash says so (bounded search)."""
    for candidate in range(max(1, row["id"] - search_span), row["id"] + search_span):
        if entry_hash({**row, "id": candidate}) == row["entry_hash"]:
            return candidate
    return None


def _row_for(intake: Intake, grade: Grade, now: dt.datetime) -> dict[str, Any]:
    device, staff, seller = intake.device, intake.staff, intake.seller
    staff_data = json.loads(json.dumps(staff, default=_json_default))
    return {
        "recorded_at": now.isoformat(timespec="seconds"),
        "business_date": now.date().isoformat(),
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
        "is_purchase": int(grade.outcome.is_purchase and intake.price_yen is not None),
        "seller_name": seller.name if seller else None,
        "seller_address": seller.address if seller else None,
        "seller_occupation": seller.occupation if seller else None,
        "seller_birth_date": seller.date_of_birth.isoformat() if seller else None,
        "seller_age": seller.age_on(now.date()) if seller else None,
        "id_method": staff.id_check.method.value if staff.id_check else None,
        "id_document_number": staff.id_check.document_number if staff.id_check else None,
        "staff_name": staff.staff_name,
        "police_report": json.dumps(vars(intake.police_report), ensure_ascii=False) if intake.police_report else None,
        "device_json": json.dumps(device.to_json(), ensure_ascii=False, sort_keys=True),
        "staff_json": json.dumps(staff_data, ensure_ascii=False, sort_keys=True),
        "reasons_json": json.dumps([r.to_json() for r in grade.reasons], ensure_ascii=False),
        "price_table_version": intake.price_table_version,
        "price_override_reason": intake.price_override_reason,
    }


def _json_default(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return vars(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")
