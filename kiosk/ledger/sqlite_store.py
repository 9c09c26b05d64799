"""The ledger on SQLite: the embedded engine, one file per shop. All of the ledger's SQL is here.

* WAL with ``synchronous=FULL``: when a write transaction commits, it is on disk.
  ``secure_delete`` zeroes erased personal rows in the file, and the WAL is
  truncated after a purge, so erased data does not linger in either.
* Triggers refuse UPDATE and DELETE on entries; personal rows can only go.
* ``PRAGMA user_version`` is the schema version; older files are upgraded by the
  ordered steps in :mod:`kiosk.ledger.migrations`, a newer one is refused.
* One process writes at a time (a lock file beside the ledger).
* A read-only store opens the file with ``mode=ro`` and creates nothing; a file
  that is missing, empty or not a ledger is named in the error.
* verify reads the file mapped, and runs SQLite's integrity check on a second
  read-only connection in a thread, beside the chain walk (SQLite does not hold
  Python's lock while it works, so the two use two cores).
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import filelock

from kiosk.ledger.entry import (
    BOOK_COLUMNS, CHAIN_COLUMNS, HASHED_COLUMNS, BookEntry, LedgerEntry, PersonalData, PersonalRow,
)
from kiosk.ledger.migrations import upgrade
from kiosk.ledger.notices import Notice, NoticeDraft, NoticeItem
from kiosk.ledger.search import SearchField, SearchQuery, model_key, name_key
from kiosk.ledger.storage import ChainHead, ChainRow, LedgerBusy, LedgerError, LedgerTooNew, StoreWriteFailed
from kiosk.private_files import PRIVATE_FILE_MODE, create_private_file, tighten_all

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4
WRITER_LOCK_TIMEOUT_S = 10.0
#: An entry is about 2.5 KB: a 4 KB page holds one and wastes the rest, an 8 KB page three. Reading a
#: day or the whole chain is a sixth faster, and the file a third smaller; an append costs the same.
PAGE_SIZE = 8192
SQLITE_MAGIC = b"SQLite format 3\x00"
#: The files beside the ledger that SQLite and the writer lock make.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")

_COLUMN_TYPES = {
    "id": "INTEGER PRIMARY KEY",
    "kind": "TEXT NOT NULL",
    "recorded_at": "TEXT NOT NULL",
    "business_date": "TEXT NOT NULL",
    "counter": "TEXT NOT NULL",
    "corrects_id": "INTEGER REFERENCES entries(id)",
    "price_yen": "INTEGER",
    "is_purchase": "INTEGER NOT NULL",
    "seller_age": "INTEGER",
    "suspected_theft": "INTEGER NOT NULL",
    "prev_hash": "TEXT NOT NULL",
    "entry_hash": "TEXT NOT NULL",
}
#: Schema 4: indexes of the columns most entries leave empty (a second IMEI, the entry corrected) hold only the
#: entries that have one; an append then writes two pages fewer, and every query by either names a value.
SCHEMA_V4_INDEXES = [
    "CREATE INDEX entries_imei2 ON entries (imei2) WHERE imei2 IS NOT NULL",
    "CREATE INDEX entries_corrects_id ON entries (corrects_id) WHERE corrects_id IS NOT NULL",
]
#: The tables and indexes as schema 2 made them, with the later changes to them folded in (a new file gets these).
SCHEMA_V2 = [
    "CREATE TABLE entries ("
    + ", ".join(f"{name} {_COLUMN_TYPES.get(name, 'TEXT')}" for name in CHAIN_COLUMNS)
    + ")",
    "CREATE INDEX entries_business_date ON entries (business_date)",
    "CREATE INDEX entries_imei1 ON entries (imei1)",
    *SCHEMA_V4_INDEXES,
    "CREATE INDEX entries_hardware_serial ON entries (hardware_serial)",
    "CREATE INDEX entries_suspected ON entries (id) WHERE suspected_theft = 1",
    "CREATE TABLE personal (entry_id INTEGER PRIMARY KEY REFERENCES entries(id), salt BLOB NOT NULL, "
    "data_json TEXT NOT NULL)",
    "CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), last_entry_id INTEGER NOT NULL, "
    "last_hash TEXT NOT NULL)",
    "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries "
    "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END",
    "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries "
    "BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END",
    "CREATE TRIGGER personal_no_update BEFORE UPDATE ON personal "
    "BEGIN SELECT RAISE(ABORT, 'personal data is never changed, only erased by a purge'); END",
]
#: Schema 3: the seller's name as a search key (personal data: erased with its row), and the 品触れ register,
#: whose notices are never changed or deleted. IF NOT EXISTS: a v1 file migrated to v2 already has them.
SCHEMA_V3_ADDITIONS = [
    "CREATE TABLE IF NOT EXISTS seller_names (entry_id INTEGER PRIMARY KEY REFERENCES entries(id), "
    "name_key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS notices (id INTEGER PRIMARY KEY, received_on TEXT NOT NULL, station TEXT NOT NULL, "
    "number TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (station, number, received_on))",
    "CREATE INDEX IF NOT EXISTS notices_received_on ON notices (received_on)",
    "CREATE TABLE IF NOT EXISTS notice_items (notice_id INTEGER NOT NULL REFERENCES notices(id), "
    "position INTEGER NOT NULL, imei TEXT, serial TEXT, model TEXT, model_key TEXT, colour TEXT, features TEXT, "
    "PRIMARY KEY (notice_id, position))",
    "CREATE INDEX IF NOT EXISTS notice_items_imei ON notice_items (imei)",
    "CREATE INDEX IF NOT EXISTS notice_items_serial ON notice_items (serial)",
    "CREATE INDEX IF NOT EXISTS notice_items_model_key ON notice_items (model_key)",
    *(f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE {action} ON {table} "
      f"BEGIN SELECT RAISE(ABORT, 'the 品触れ register is never changed'); END"
      for table in ("notices", "notice_items") for action in ("UPDATE", "DELETE")),
]
#: What verify requires to be present: tables with their columns, and the triggers.
REQUIRED_TABLES = {
    "entries": CHAIN_COLUMNS,
    "personal": ("entry_id", "salt", "data_json"),
    "chain_head": ("id", "last_entry_id", "last_hash"),
    "seller_names": ("entry_id", "name_key"),
    "notices": ("id", "received_on", "station", "number", "recorded_at"),
    "notice_items": ("notice_id", "position", "imei", "serial", "model", "model_key", "colour", "features"),
}
REQUIRED_TRIGGERS = ("entries_no_update", "entries_no_delete", "personal_no_update", "notices_no_update",
                     "notices_no_delete", "notice_items_no_update", "notice_items_no_delete")

_SELECT = (
    "SELECT " + ", ".join(f"e.{name}" for name in CHAIN_COLUMNS) + ", p.salt, p.data_json "
    "FROM entries e LEFT JOIN personal p ON p.entry_id = e.id"
)
# What the book shows of each entry (BookEntry), without the JSON columns that are most of an entry's bytes.
_SELECT_BOOK = (
    "SELECT " + ", ".join(f"e.{name}" for name in BOOK_COLUMNS) + ", p.data_json "
    "FROM entries e LEFT JOIN personal p ON p.entry_id = e.id"
)
# Entries by their sellers' name keys: CROSS JOIN makes the small key table drive the scan, in entry order.
_SELECT_BY_NAME = (
    "SELECT " + ", ".join(f"e.{name}" for name in CHAIN_COLUMNS) + ", p.salt, p.data_json "
    "FROM seller_names s CROSS JOIN entries e ON e.id = s.entry_id LEFT JOIN personal p ON p.entry_id = e.id"
)
# What verify reads of each entry, in ChainRow's order; json_array() makes the canonical text of the hashed columns
# in C.
_SELECT_CHAIN = (
    "SELECT e.id, e.kind, e.details_json, e.personal_commitment, e.legacy_hash, e.prev_hash, e.entry_hash, "
    "CAST(json_array(" + ", ".join(f"e.{name}" for name in HASHED_COLUMNS) + ") AS BLOB), p.salt, p.data_json "
    "FROM entries e LEFT JOIN personal p ON p.entry_id = e.id"
)
#: Verify's connections map the file (up to SQLite's limit, 2 GB in common builds) instead of a read() per page.
_READ_PRAGMAS = ("PRAGMA mmap_size = 2147418112",)
_INSERT_ENTRY = f"INSERT INTO entries ({', '.join(CHAIN_COLUMNS)}) VALUES ({', '.join('?' * len(CHAIN_COLUMNS))})"
_INSERT_PERSONAL = "INSERT INTO personal (entry_id, salt, data_json) VALUES (?, ?, ?)"
_PERSONAL_AT = len(CHAIN_COLUMNS)

#: What a failed statement means to the user, by SQLite's primary result code.
_LOCKED = ("another program holds the ledger database locked; close it, then save again",
           "別のプログラムが台帳を使用中です。そのプログラムを閉じてから、もう一度保存してください")
#: What an SQLite failure means to the counter and what to do, in English and Japanese.
_SQLITE_PROBLEMS = {
    sqlite3.SQLITE_FULL: ("the disk is full; free some space, then save again",
                          "ディスクがいっぱいです。空きを作ってから、もう一度保存してください"),
    sqlite3.SQLITE_IOERR: ("the disk could not be written (full or failing); free some space or check the disk, "
                           "then save again",
                           "ディスクに書き込めませんでした(容量不足または故障)。空きを作るかディスクを確認してから、"
                           "もう一度保存してください"),
    sqlite3.SQLITE_BUSY: _LOCKED,
    sqlite3.SQLITE_LOCKED: _LOCKED,
    sqlite3.SQLITE_READONLY: ("the ledger file is read-only; check its permissions, then save again",
                              "台帳ファイルが読み取り専用です。権限を確認してから、もう一度保存してください"),
    sqlite3.SQLITE_CANTOPEN: ("the ledger file cannot be opened; check the data folder, then save again",
                              "台帳ファイルを開けません。データフォルダを確認してから、もう一度保存してください"),
    sqlite3.SQLITE_CORRUPT: ("the ledger file is damaged; keep it as it is and restore the last good copy",
                             "台帳ファイルが破損しています。そのまま残し、最後の正常なバックアップを戻してください"),
    sqlite3.SQLITE_NOTADB: ("the file is not a ledger database", "このファイルは台帳のデータベースではありません"),
}


def _advice(exc: sqlite3.Error) -> tuple[str, str] | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return _SQLITE_PROBLEMS.get(code & 0xFF) if code is not None else None


def sqlite_problem(exc: sqlite3.Error) -> str:
    """Say what went wrong and what to do, with SQLite's own words for support."""
    advice = _advice(exc)
    return f"{advice[0]} ({exc})" if advice else str(exc)


def sqlite_problem_ja(exc: sqlite3.Error) -> str | None:
    """:func:`sqlite_problem` in Japanese, where the failure is one the counter can explain."""
    advice = _advice(exc)
    return f"{advice[1]} ({exc})" if advice else None


def companion_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in COMPANION_SUFFIXES]


class SqliteStore:
    """One ledger file. Reading needs nothing; the first write takes the writer lock."""

    def __init__(self, path: Path, *, read_only: bool = False, lock_timeout: float = WRITER_LOCK_TIMEOUT_S,
                 counter: str | None = None):
        self.path = Path(path)
        self.location = str(self.path)
        self.counter = counter or (socket.gethostname()[:64] or "counter")
        self.read_only = read_only
        self._writer_lock = filelock.FileLock(str(self.path) + ".lock", timeout=lock_timeout, mode=PRIVATE_FILE_MODE)
        self._erased_since_checkpoint = False
        if read_only:
            self._check_is_a_database()
        else:
            create_private_file(self.path)
            tighten_all([self.path, *companion_files(self.path)])
        self.conn = self._connect(lock_timeout)
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

    # -- opening ---------------------------------------------------------------------

    def _check_is_a_database(self) -> None:
        path = self.path
        if not path.exists():
            raise LedgerError(f"{path}: no such file; check the folder (nothing was created)")
        if not path.is_file():
            raise LedgerError(f"{path}: not a file")
        try:
            with path.open("rb") as file:
                header = file.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise LedgerError(f"{path}: cannot be read: {exc.strerror or exc}") from None
        if not header:
            raise LedgerError(f"{path}: the file is empty, not a ledger")
        if header != SQLITE_MAGIC:
            raise LedgerError(f"{path}: not a ledger database (not an SQLite file)")

    def _connect(self, timeout: float) -> sqlite3.Connection:
        try:
            if self.read_only:
                conn = sqlite3.connect(self._read_only_uri(), uri=True, isolation_level=None, timeout=timeout)
                for pragma in _READ_PRAGMAS:
                    conn.execute(pragma)
            else:
                conn = sqlite3.connect(self.path, isolation_level=None, timeout=timeout)
                conn.execute("PRAGMA secure_delete = ON")
                conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            return conn
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: not a readable ledger database ({sqlite_problem(exc)})") from None

    def _read_only_uri(self) -> str:
        """``mode=ro`` reads a live ledger's WAL; with no WAL beside it (a closed ledger, a backup copy) the
        file is opened ``immutable``, so that SQLite does not create a -wal and -shm next to it."""
        uri = self.path.resolve().as_uri()
        wal, shm = Path(f"{self.path}-wal"), Path(f"{self.path}-shm")
        if shm.exists() or (wal.exists() and wal.stat().st_size > 0):
            return uri + "?mode=ro"  # the app may have it open: read through its WAL, with its locks
        return uri + "?immutable=1"

    def _prepare(self) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            has_tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: not a readable ledger database ({sqlite_problem(exc)})") from None
        if version > SCHEMA_VERSION:
            raise LedgerTooNew(
                f"{self.path} was written by a newer version of this app (schema {version}, "
                f"this app knows {SCHEMA_VERSION}); update the app instead of using it with this ledger"
            )
        if self.read_only:
            if version == 0:
                raise LedgerError(f"{self.path}: not a ledger (an SQLite file of another program, or an empty one)")
            if version < SCHEMA_VERSION:
                raise LedgerError(
                    f"{self.path}: written by an older version of this app (schema {version}); open it once with "
                    f"the app or a writing command to upgrade it, then check it again"
                )
            return
        if version == 0 and has_tables:
            raise LedgerError(f"{self.path}: an SQLite file of another program, not a ledger; nothing was changed")
        if version < SCHEMA_VERSION:
            self._upgrade(version)
        else:
            self._set_wal()
        # Never write into a damaged book: verify says what is wrong with it.
        problems = self._schema_problems()
        if problems:
            raise LedgerError(f"{self.path}: the ledger is damaged ({'; '.join(problems)}); nothing was written. "
                              f"Keep the file as it is, run `kiosk ledger verify`, and restore the last good copy")

    def _set_wal(self, action: str = "opened") -> None:
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be {action}: {sqlite_problem(exc)}") from None
        tighten_all([self.path, *companion_files(self.path)])

    def _upgrade(self, version: int) -> None:
        action = "created" if version == 0 else "upgraded"
        self.claim_writer()
        if version == 0:
            # Only an empty file takes a page size; a ledger made with another one keeps it.
            self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        self._set_wal(action)
        try:
            upgrade(self, version)
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be {action}: {sqlite_problem(exc)}") from None
        # Rows rewritten by an upgrade (numbers the law forbids keeping) must not linger in the WAL.
        self._truncate_wal()

    def statements(self) -> _SqliteWrite:
        """The write statements on this connection, for the migrations (which run their own transaction)."""
        return _SqliteWrite(self.conn)

    def create_schema(self) -> None:
        """Create the current schema in an empty file (called by the migrations, inside their transaction)."""
        for statement in SCHEMA_V2 + SCHEMA_V3_ADDITIONS:
            self.conn.execute(statement)

    def add_schema_3(self) -> None:
        """Schema 2 -> 3: the 品触れ register, and the name keys of the personal rows still stored."""
        for statement in SCHEMA_V3_ADDITIONS:
            self.conn.execute(statement)
        rows = self.conn.execute("SELECT entry_id, data_json FROM personal").fetchall()
        self.conn.executemany("INSERT OR IGNORE INTO seller_names (entry_id, name_key) VALUES (?, ?)",
                              [(entry_id, key) for entry_id, data_json in rows
                               if (key := _name_key_of(PersonalData.from_json(data_json)))])

    def add_schema_4(self) -> None:
        """Schema 3 -> 4: the partial indexes of :data:`SCHEMA_V4_INDEXES` replace the full ones."""
        for name in ("entries_imei2", "entries_corrects_id"):
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        for statement in SCHEMA_V4_INDEXES:
            self.conn.execute(statement)

    def close(self) -> None:
        if self._erased_since_checkpoint:
            self._truncate_wal()
        self.conn.close()
        if self._writer_lock.is_locked:
            self._writer_lock.release(force=True)

    # -- writing ---------------------------------------------------------------------

    def claim_writer(self) -> None:
        """Become the one process that writes this ledger (held until close)."""
        if self.read_only:
            raise LedgerError(f"{self.path}: opened read-only")
        if self._writer_lock.is_locked:
            return
        try:
            self._writer_lock.acquire()
        except filelock.Timeout:
            raise LedgerBusy(f"another program is writing the ledger {self.path}; close it and try again",
                             ja=f"別のプログラムが台帳 {self.path} に書き込み中です。閉じてから、もう一度試してください") from None
        except OSError as exc:
            raise LedgerError(f"{self.path}: the lock file cannot be made: {exc.strerror or exc}") from None

    @contextmanager
    def writing(self) -> Iterator[_SqliteWrite]:
        self.claim_writer()
        transaction = _SqliteWrite(self.conn)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield transaction
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreWriteFailed(sqlite_problem(exc), ja=sqlite_problem_ja(exc)) from None
        except BaseException:
            self._rollback()
            raise
        if transaction.erased:
            # The erased rows are zeroed in pages that may sit in the WAL until a checkpoint.
            self._erased_since_checkpoint = True
            self._truncate_wal()

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.rollback()

    def _truncate_wal(self) -> None:
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._erased_since_checkpoint = False
        except sqlite3.Error as exc:
            log.warning("the ledger's WAL could not be checkpointed after a purge: %s", exc)

    # -- reading ---------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[LedgerEntry]:
        return [_entry(row) for row in self._rows(sql, params)]

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None

    def head(self) -> ChainHead:
        rows = self._rows("SELECT last_entry_id, last_hash FROM chain_head WHERE id = 1")
        if len(rows) != 1:
            raise LedgerError(f"{self.path}: the chain head is missing; the ledger was damaged")
        return ChainHead(rows[0][0], rows[0][1])

    def entry(self, entry_id: int) -> LedgerEntry | None:
        found = self._query(f"{_SELECT} WHERE e.id = ?", [entry_id])
        return found[0] if found else None

    def entries_on(self, day: dt.date) -> Iterator[LedgerEntry]:
        try:
            cursor = self.conn.execute(f"{_SELECT} WHERE e.business_date = ? ORDER BY e.id", [day.isoformat()])
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None
        return (_entry(row) for row in cursor)

    def corrections_of(self, entry_id: int) -> list[LedgerEntry]:
        return self._query(f"{_SELECT} WHERE e.corrects_id = ? ORDER BY e.id", [entry_id])

    def search(self, text: str, day: dt.date | None) -> list[LedgerEntry]:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql = (
            f"{_SELECT} WHERE e.kind = 'intake' AND (e.imei1 LIKE :p ESCAPE '\\' OR e.imei2 LIKE :p ESCAPE '\\' "
            "OR e.hardware_serial LIKE :p ESCAPE '\\' "
            "OR json_extract(p.data_json, '$[0]') LIKE :p ESCAPE '\\')"  # PersonalData.seller_name
        )
        params: dict[str, Any] = {"p": pattern}
        if day is not None:
            sql += " AND e.business_date = :day"
            params["day"] = day.isoformat()
        return self._query(sql + " ORDER BY e.id", params)

    def find(self, query: SearchQuery, limit: int) -> list[LedgerEntry]:
        if query.field is SearchField.IMEI:
            condition, params = "(e.imei1 = :key OR e.imei2 = :key)", {"key": query.text}
        elif query.field is SearchField.SERIAL:
            condition = "e.hardware_serial IN (:key, :lower)"
            params = {"key": query.text, "lower": query.text.lower()}
        else:
            # instr() over the small name-key table, not LIKE over the personal JSON: no pattern escaping, and
            # a scan of short rows in entry order that stops at the limit (each match joined by primary key).
            condition = "instr(s.name_key, :key) > 0"
            params = {"key": query.text}
        select = _SELECT_BY_NAME if query.field is SearchField.NAME else _SELECT
        sql = f"{select} WHERE e.kind = 'intake' AND {condition}"
        if query.first is not None:
            sql += " AND e.business_date >= :first"
            params["first"] = query.first.isoformat()
        if query.last is not None:
            sql += " AND e.business_date <= :last"
            params["last"] = query.last.isoformat()
        order = "s.entry_id" if query.field is SearchField.NAME else "e.id"
        return self._query(f"{sql} ORDER BY {order} LIMIT {int(limit)}", params)

    def entries_between(self, first: dt.date, last: dt.date) -> Iterator[LedgerEntry]:
        try:
            # The days' ids from the date index first, then the rows in id order: sorting the ids, not the
            # wide rows (a day's export reads a third less this way).
            cursor = self.conn.execute(
                f"{_SELECT} WHERE e.id IN (SELECT id FROM entries WHERE business_date BETWEEN ? AND ?) ORDER BY e.id",
                [first.isoformat(), last.isoformat()])
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None
        return (_entry(row) for row in cursor)

    def book_between(self, first: dt.date, last: dt.date) -> Iterator[BookEntry]:
        try:
            cursor = self.conn.execute(
                f"{_SELECT_BOOK} WHERE e.id IN (SELECT id FROM entries WHERE business_date BETWEEN ? AND ?) "
                "ORDER BY e.id", [first.isoformat(), last.isoformat()])
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None
        return (_book_entry(row) for row in cursor)

    def corrections_between(self, first: dt.date, last: dt.date) -> dict[int, list[int]]:
        corrected: dict[int, list[int]] = {}
        for original, correction in self._rows(
            "SELECT o.id, c.id FROM entries o JOIN entries c ON c.corrects_id = o.id "
            "WHERE o.business_date BETWEEN ? AND ? ORDER BY c.id", [first.isoformat(), last.isoformat()]
        ):
            corrected.setdefault(original, []).append(correction)
        return corrected

    def purchases_between(self, first: dt.date, last: dt.date) -> list[tuple[LedgerEntry, list[int]]]:
        corrections = self.corrections_between(first, last)
        return [(entry, corrections.get(entry.id, [])) for entry in self.entries_between(first, last)
                if entry.is_purchase]

    def notices(self) -> list[Notice]:
        return self._notices("SELECT id FROM notices ORDER BY received_on, id")

    def notices_naming(self, imeis: Sequence[str], serial: str | None, model_keys: Sequence[str],
                       received_since: dt.date) -> list[Notice]:
        conditions: list[str] = []
        params: list[Any] = [received_since.isoformat()]
        if imeis:
            conditions.append(f"i.imei IN ({', '.join('?' for _ in imeis)})")
            params.extend(imeis)
        if serial:
            conditions.append("i.serial = ?")
            params.append(serial)
        if model_keys:
            conditions.append(f"i.model_key IN ({', '.join('?' for _ in model_keys)})")
            params.extend(model_keys)
        if not conditions:
            return []
        headers: dict[int, tuple[str, str, str, str]] = {}
        items: dict[int, list[NoticeItem]] = {}
        for notice_id, received, station, number, recorded_at, *item in self._rows(
            "SELECT n.id, n.received_on, n.station, n.number, n.recorded_at, i.imei, i.serial, i.model, i.colour, "
            "i.features FROM notice_items i JOIN notices n ON n.id = i.notice_id "
            f"WHERE n.received_on >= ? AND ({' OR '.join(conditions)}) ORDER BY n.id, i.position", params
        ):
            headers[notice_id] = (received, station, number, recorded_at)
            items.setdefault(notice_id, []).append(NoticeItem(*item))
        return [Notice(notice_id, dt.date.fromisoformat(received), station, number, recorded_at,
                       tuple(items[notice_id]))
                for notice_id, (received, station, number, recorded_at) in headers.items()]

    def _notices(self, ids_sql: str, params: Sequence[Any] = ()) -> list[Notice]:
        headers = self._rows(f"SELECT id, received_on, station, number, recorded_at FROM notices "
                             f"WHERE id IN ({ids_sql})", params)
        if not headers:
            return []
        items: dict[int, list[NoticeItem]] = {}
        for notice_id, *values in self._rows(
            f"SELECT notice_id, imei, serial, model, colour, features FROM notice_items "
            f"WHERE notice_id IN ({ids_sql}) ORDER BY notice_id, position", params
        ):
            items.setdefault(notice_id, []).append(NoticeItem(*values))
        notices = [Notice(notice_id, dt.date.fromisoformat(received), station, number, recorded_at,
                          tuple(items.get(notice_id, ())))
                   for notice_id, received, station, number, recorded_at in headers]
        return sorted(notices, key=lambda notice: (notice.received_on, notice.id))

    def history(self, imeis: Sequence[str], hardware_serial: str | None) -> list[LedgerEntry]:
        if not imeis and not hardware_serial:
            return []
        marks = ", ".join("?" for _ in imeis)
        conditions = [f"e.imei1 IN ({marks})", f"e.imei2 IN ({marks})"] if imeis else []
        params: list[Any] = [*imeis, *imeis]
        if hardware_serial:
            conditions.append("e.hardware_serial = ?")
            params.append(hardware_serial)
        return self._query(f"{_SELECT} WHERE e.kind = 'intake' AND ({' OR '.join(conditions)}) ORDER BY e.id", params)

    def suspected(self) -> list[LedgerEntry]:
        return self._query(
            f"{_SELECT} WHERE e.suspected_theft = 1 OR e.corrects_id IN "
            "(SELECT id FROM entries WHERE suspected_theft = 1) ORDER BY e.id"
        )

    def with_personal_data_before(self, day: dt.date) -> list[LedgerEntry]:
        return self._query(f"{_SELECT} WHERE e.business_date < ? AND p.entry_id IS NOT NULL ORDER BY e.id",
                           [day.isoformat()])

    def chain(self) -> Iterator[ChainRow]:
        try:
            cursor = self.conn.execute(f"{_SELECT_CHAIN} ORDER BY e.id")
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None
        while True:
            try:
                batch = cursor.fetchmany(1000)
            except sqlite3.Error as exc:
                raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None
            if not batch:
                return
            yield from map(ChainRow._make, batch)

    def rows(self) -> Iterator[tuple[LedgerEntry, PersonalRow | None]]:
        try:
            cursor = self.conn.execute(f"{_SELECT} ORDER BY e.id")
            for row in cursor:
                salt, data_json = row[_PERSONAL_AT], row[_PERSONAL_AT + 1]
                personal = None if salt is None else PersonalRow(row[0], salt, data_json)
                yield LedgerEntry.from_stored(row[:_PERSONAL_AT]), personal
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: the ledger could not be read: {sqlite_problem(exc)}") from None

    def damage(self) -> list[str]:
        return _integrity_problems(self.conn) + self._schema_problems()

    def damage_check(self) -> Callable[[], list[str]]:
        """SQLite's integrity check on a read-only connection in a thread (it holds no Python lock while it
        runs), the schema check here at once; the function returned joins the thread."""
        schema = self._schema_problems()
        found: list[str] = []

        def check() -> None:
            try:
                conn = sqlite3.connect(self._read_only_uri(), uri=True, isolation_level=None)
            except sqlite3.Error as exc:
                found.append(f"the file is damaged: {sqlite_problem(exc)}")
                return
            try:
                for pragma in _READ_PRAGMAS:
                    conn.execute(pragma)
                found.extend(_integrity_problems(conn))
            except sqlite3.Error as exc:
                found.append(f"the file is damaged: {sqlite_problem(exc)}")
            finally:
                conn.close()

        thread = threading.Thread(target=check, name="ledger-integrity-check", daemon=True)
        thread.start()

        def result() -> list[str]:
            thread.join()
            return found + schema

        return result

    def _schema_problems(self) -> list[str]:
        problems = []
        for table, columns in REQUIRED_TABLES.items():
            present = {row[1] for row in self._rows(f"PRAGMA table_info({table})")}
            if not present:
                problems.append(f"the table {table} is missing")
            elif missing := [column for column in columns if column not in present]:
                problems.append(f"the table {table} lacks the columns {', '.join(missing)}")
        triggers = {name for (name,) in self._rows("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for trigger in REQUIRED_TRIGGERS:
            if trigger not in triggers:
                problems.append(f"the trigger {trigger} is missing (entries could be changed unseen)")
        if not problems and self._rows("SELECT count(*) FROM chain_head")[0][0] != 1:
            problems.append("the chain head row is missing")
        return problems


class _SqliteWrite:
    """The statements of one write transaction (see :class:`kiosk.ledger.storage.WriteTransaction`)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.erased = False

    def head(self) -> ChainHead:
        row = self.conn.execute("SELECT last_entry_id, last_hash FROM chain_head WHERE id = 1").fetchone()
        if row is None:
            raise LedgerError("the chain head is missing; the ledger was damaged")
        return ChainHead(row[0], row[1])

    def has_entry(self, entry_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM entries WHERE id = ?", [entry_id]).fetchone() is not None

    def insert(self, entry: LedgerEntry, personal: PersonalRow | None) -> None:
        self.conn.execute(_INSERT_ENTRY, entry.chain_values())
        if personal is not None:
            self.conn.execute(_INSERT_PERSONAL, [personal.entry_id, personal.salt, personal.data_json])
            key = _name_key_of(personal.data)
            if key:
                self.conn.execute("INSERT INTO seller_names (entry_id, name_key) VALUES (?, ?)",
                                  [personal.entry_id, key])

    def erase_personal(self, entry_ids: Sequence[int]) -> None:
        ids = [[entry_id] for entry_id in entry_ids]
        self.conn.executemany("DELETE FROM seller_names WHERE entry_id = ?", ids)
        self.conn.executemany("DELETE FROM personal WHERE entry_id = ?", ids)
        self.erased = self.erased or bool(entry_ids)

    def insert_notice(self, notice: NoticeDraft, recorded_at: str) -> int:
        cursor = self.conn.execute(
            "INSERT INTO notices (received_on, station, number, recorded_at) VALUES (?, ?, ?, ?)",
            [notice.received_on.isoformat(), notice.station, notice.number, recorded_at],
        )
        notice_id = cursor.lastrowid
        assert notice_id is not None
        self.conn.executemany(
            "INSERT INTO notice_items (notice_id, position, imei, serial, model, model_key, colour, features) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(notice_id, position, item.imei, item.serial, item.model, model_key(item.model) if item.model else None,
              item.colour, item.features) for position, item in enumerate(notice.items, start=1)],
        )
        return notice_id

    def has_notice(self, notice: NoticeDraft) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM notices WHERE station = ? AND number = ? AND received_on = ?",
            [notice.station, notice.number, notice.received_on.isoformat()],
        ).fetchone() is not None

    def set_head(self, head: ChainHead) -> None:
        self.conn.execute("INSERT OR REPLACE INTO chain_head (id, last_entry_id, last_hash) VALUES (1, ?, ?)",
                          [head.last_id, head.last_hash])


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    try:
        checked = [line for (line,) in conn.execute("PRAGMA integrity_check(20)")]
    except sqlite3.Error as exc:
        return [f"the file is damaged: {sqlite_problem(exc)}"]
    return [] if checked == ["ok"] else [f"damaged: {line}" for line in checked]


def _name_key_of(personal: PersonalData) -> str | None:
    return name_key(personal.seller_name) if personal.seller_name else None


def _entry(row: tuple[Any, ...]) -> LedgerEntry:
    data_json = row[_PERSONAL_AT + 1]
    personal = None if data_json is None else PersonalData.from_json(data_json)
    return _make_entry(row[:_PERSONAL_AT] + (personal, None))  # from_stored without its extra copy: a day's rows


_make_entry = LedgerEntry._make


def _book_entry(row: tuple[Any, ...]) -> BookEntry:
    data_json = row[-1]
    # tuple.__new__ is BookEntry._make() without its length check: the SELECT has the fields' columns.
    return tuple.__new__(BookEntry, row[:-1] + (None if data_json is None else PersonalData.from_json(data_json),))
