"""The ledger on PostgreSQL: one store's chain in a book that several counters and stores share (DESIGN §11).

* One chain per store. An append locks the store's row in ``ledger.chain_heads``
  (``SELECT ... FOR NO KEY UPDATE``) for its transaction, so counters of one store
  take turns and entry numbers have no gaps; other stores are not held up.
* An append is on the server's disk when it returns (see :meth:`PostgresStore.writing`).
  If the connection is lost while committing, the store asks the server afresh
  whether the entry landed before saying anything; nothing is reported saved
  unless the server has it on disk, and there is no local queue.
* The suspicion memory (:meth:`PostgresStore.history`) reads every store's entries,
  and the 品触れ register is the whole chain's: every store's intakes are checked
  against every notice, and a new notice against every store's purchases
  (:meth:`PostgresStore.purchases_between`). Search and export are the store's own.
* A read-only store (verify, export, head) works in one read-only REPEATABLE READ
  transaction: the server refuses any write, and the whole walk sees one moment.
* Every psycopg error becomes a :class:`LedgerError` that says what to do; a lost
  connection is made again on the next use.
"""

from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict

from kiosk.ledger import pg_schema
from kiosk.ledger.entry import (
    CHAIN_COLUMNS, HASHED_COLUMNS, BookEntry, LedgerEntry, PersonalData, PersonalRow, canonical_text,
)
from kiosk.ledger.notices import Notice, NoticeDraft, NoticeItem
from kiosk.ledger.search import SearchField, SearchQuery, model_key
from kiosk.ledger.storage import ChainHead, ChainRow, LedgerError, LedgerTooNew, StoreWriteFailed

CONNECT_TIMEOUT_S = 5
#: How long an append waits for another counter of the same store before giving up.
HEAD_LOCK_TIMEOUT_S = 10.0
#: How long a save whose connection was lost while committing keeps asking whether it landed.
LANDED_WAIT_S = 15.0

_COLUMNS = ", ".join(f"e.{name}" for name in CHAIN_COLUMNS)
_SELECT = (f"SELECT {_COLUMNS}, p.salt, p.data_json, e.store FROM ledger.entries e "
           "LEFT JOIN ledger.personal p ON p.store = e.store AND p.entry_id = e.id")
_PERSONAL_AT = len(CHAIN_COLUMNS)
_HASHED_LENGTH = len(HASHED_COLUMNS)
_ID, _KIND, _DETAILS, _COMMITMENT, _LEGACY, _PREV, _HASH = (
    CHAIN_COLUMNS.index(name)
    for name in ("id", "kind", "details_json", "personal_commitment", "legacy_hash", "prev_hash", "entry_hash"))
_STORE_AT = _PERSONAL_AT + 2
_INSERT_ENTRY = (f"INSERT INTO ledger.entries (store, {', '.join(CHAIN_COLUMNS)}) "
                 f"VALUES (%s, {', '.join(['%s'] * len(CHAIN_COLUMNS))})")
_INSERT_PERSONAL = "INSERT INTO ledger.personal (store, entry_id, salt, data_json) VALUES (%s, %s, %s, %s)"
_HEAD = "SELECT last_entry_id, last_hash FROM ledger.chain_heads WHERE store = %s"
_NOTICE_COLUMNS = ("SELECT n.id, n.received_on, n.station, n.number, n.recorded_at, i.imei, i.serial, i.model, "
                   "i.colour, i.features FROM ledger.notices n JOIN ledger.notice_items i ON i.notice_id = n.id")


def describe_server(url: str) -> str:
    """``user@host:port/dbname`` for messages: never the password."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(a URL that cannot be read)"
    host = params.get("host") or "localhost"
    port = f":{params['port']}" if params.get("port") else ""
    user = f"{params['user']}@" if params.get("user") else ""
    return f"{user}{host}{port}/{params.get('dbname') or ''}"


def server_problems(exc: psycopg.Error, server: str) -> tuple[str, str]:
    """What a failed statement means to the counter, in English and Japanese, with the server's own words for
    support (left as the server wrote them)."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return (f"the ledger server refused: {detail}. This login may not do that; counters use a role in "
                f"{pg_schema.APP_ROLE}, purge a role in {pg_schema.PURGE_ROLE}",
                f"台帳サーバーが拒否しました({detail})。このログインにはその操作の権限がありません")
    if isinstance(exc, pg_errors.LockNotAvailable):
        return ("another counter of this store held the book too long; nothing was recorded; save again",
                "同じ店舗の別のカウンターが台帳を長く使用していました。何も記録されていません。もう一度保存してください")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return f"the ledger server is read-only here ({detail})", f"台帳サーバーはここでは読み取り専用です({detail})"
    if isinstance(exc, psycopg.OperationalError):
        return (f"the ledger server {server} cannot be reached ({detail}). Nothing was recorded. Check the "
                f"network and the server; until it is back, follow the shop's paper procedure",
                f"台帳サーバー {server} に接続できません({detail})。何も記録されていません。ネットワークとサーバーを"
                f"確認してください。復旧するまでは店の紙の手順に従ってください")
    return (f"the ledger server {server} reported a problem: {detail}",
            f"台帳サーバー {server} で問題が起きました: {detail}")


def server_problem(exc: psycopg.Error, server: str) -> str:
    return server_problems(exc, server)[0]


def _unreadable(exc: psycopg.Error, server: str) -> LedgerError:
    en, ja = server_problems(exc, server)
    return LedgerError(f"the ledger could not be read: {en}", ja=f"台帳を読めませんでした: {ja}")


class PostgresStore:
    """One store's chain on a PostgreSQL server (see :class:`kiosk.ledger.storage.LedgerStore`)."""

    def __init__(self, url: str, *, store: str, counter: str | None = None, read_only: bool = False,
                 lock_timeout: float = HEAD_LOCK_TIMEOUT_S):
        if not store:
            raise LedgerError("a shared ledger needs the store's name (--store or KIOSK_STORE)")
        self.url = url
        self.server = describe_server(url)
        self.store = store
        self.location = f"{self.server}, store {store}"
        self.counter = counter or (socket.gethostname()[:64] or "counter")
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._conn: psycopg.Connection[Any] | None = None
        conn = self._connection()
        try:
            self._check(conn)
        except BaseException:
            self.close()
            raise

    # -- connecting ------------------------------------------------------------------

    def _connect(self) -> psycopg.Connection[Any]:
        try:
            conn = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=not self.read_only,
                                   application_name=f"kiosk {self.counter}"[:63], keepalives=1,
                                   keepalives_idle=10, keepalives_interval=5, keepalives_count=3)
        except (psycopg.ProgrammingError, ValueError) as exc:  # libpq's or psycopg's reading of the URL
            raise LedgerError(f"--ledger: not a PostgreSQL URL as postgresql://USER@HOST/DBNAME ({exc})") from None
        except psycopg.Error as exc:
            raise LedgerError(*server_problems(exc, self.server)) from None
        if self.read_only:
            conn.read_only = True
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        else:
            try:
                # synchronous_commit on, whatever the server's default: _make_durable relies on it.
                conn.execute(f"SET lock_timeout = '{int(self.lock_timeout * 1000)}ms'; SET synchronous_commit = on")
            except psycopg.Error as exc:
                conn.close()
                raise LedgerError(*server_problems(exc, self.server)) from None
        return conn

    def _connection(self) -> psycopg.Connection[Any]:
        """The live connection, made again after the server restarted or the network dropped."""
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self._conn = self._connect()
        return self._conn

    def _check(self, conn: psycopg.Connection[Any]) -> None:
        try:
            version = pg_schema.server_version(conn)
            if version > pg_schema.SCHEMA_VERSION:
                raise LedgerTooNew(f"{self.location}: the server's ledger schema (version {version}) is newer than "
                                   f"this app knows ({pg_schema.SCHEMA_VERSION}); update the app")
            if version < pg_schema.SCHEMA_VERSION:
                raise LedgerError(f"{self.server}: the ledger schema is not set up (version {version}); the "
                                  f"database's owner runs `kiosk ledger migrate` first (see the README)")
            if conn.execute(_HEAD, [self.store]).fetchone() is None:
                raise LedgerError(f"{self.server}: there is no store {self.store!r}; check the name, or have the "
                                  f"database's owner add it with `kiosk ledger migrate --add-store {self.store}`")
        except psycopg.Error as exc:
            raise LedgerError(*server_problems(exc, self.server)) from None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- writing ---------------------------------------------------------------------

    def claim_writer(self) -> None:
        """Several counters write at once; what is checked here is that this login may write at all."""
        if self.read_only:
            raise LedgerError(f"{self.location}: opened read-only")
        rows = self._rows("SELECT has_table_privilege('ledger.entries', 'INSERT')")
        if not rows[0][0]:
            raise LedgerError(f"{self.location}: this login may not record entries; grant it {pg_schema.APP_ROLE}")

    @contextmanager
    def writing(self) -> Iterator[_PostgresWrite]:
        """One append or purge: the store's head locked, then committed and flushed to disk.

        The lock is held only for two round trips: lock and read the head, then the
        inserts, the new head and the COMMIT sent together (pipeline mode). That
        commit does not wait for the disk; the lock is released at once, and the next
        statement waits for the flush instead (:meth:`_make_durable`), outside the
        lock, where the server flushes the commits of several counters together.
        The WAL is written in order, so an entry is never on disk without the
        entries it chains to. Nothing is reported saved before the flush returns.
        """
        if self.read_only:
            raise LedgerError(f"{self.location}: opened read-only")
        conn = self._connection()
        write = _PostgresWrite(conn, self.store)
        committing = False
        try:
            with conn.pipeline(), conn.transaction():
                conn.execute("SET LOCAL synchronous_commit = off")
                write.lock_head()
                yield write
                committing = True
            self._make_durable(conn)
        except psycopg.OperationalError as exc:
            if committing and write.new_head is not None:
                landed = self._landed(write.new_head)
                if landed:
                    return  # the commit reached the server, and its disk, before the connection went
                if landed is None:
                    raise StoreWriteFailed(
                        f"the connection to {self.server} was lost while committing, and the server could not be "
                        f"asked again, so the entry may have been saved: look for it in the day's entries before "
                        f"saving it again",
                        ja=f"記録の確定中に {self.server} との接続が切れ、サーバーに再確認もできませんでした。"
                           f"保存されている可能性があります。もう一度保存する前に、台帳検索で今日の記録を確認してください",
                    ) from None
            raise StoreWriteFailed(*server_problems(exc, self.server)) from None
        except psycopg.Error as exc:
            raise StoreWriteFailed(*server_problems(exc, self.server)) from None

    @staticmethod
    def _make_durable(conn: psycopg.Connection[Any]) -> None:
        """Wait until everything this connection committed is on the server's disk.

        A transaction that takes a transaction id commits with synchronous_commit on
        (set for the session when it connects), so its commit waits for the WAL to
        be flushed up to its own record, which lies after every commit before it.
        """
        conn.execute("SELECT pg_current_xact_id()")

    def _landed(self, head: ChainHead) -> bool | None:
        """After a connection lost while committing: whether the entry is on the server's disk.

        The server is asked afresh, for up to :data:`LANDED_WAIT_S` (long enough for a
        restart); None when it could not be asked at all.
        """
        deadline = time.monotonic() + LANDED_WAIT_S
        while True:
            try:
                conn = self._connection()
                self._make_durable(conn)
                found = conn.execute("SELECT 1 FROM ledger.entries WHERE store = %s AND id = %s AND entry_hash = %s",
                                     [self.store, head.last_id, head.last_hash]).fetchone()
                return found is not None
            except (psycopg.Error, LedgerError):
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.25)

    # -- reading ---------------------------------------------------------------------

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection().execute(query, params).fetchall()
        except psycopg.Error as exc:
            raise _unreadable(exc, self.server) from None

    def _query(self, query: str, params: Sequence[Any] = ()) -> list[LedgerEntry]:
        return [self._entry(row) for row in self._rows(query, params)]

    def _entry(self, row: tuple[Any, ...]) -> LedgerEntry:
        data_json, store = row[_PERSONAL_AT + 1], row[_STORE_AT]
        personal = None if data_json is None else PersonalData.from_json(data_json)
        return LedgerEntry.from_stored(row[:_PERSONAL_AT], personal,
                                       other_store=None if store == self.store else store)

    def head(self) -> ChainHead:
        rows = self._rows(_HEAD, [self.store])
        if not rows:
            raise LedgerError(f"{self.location}: the store's chain head is missing; the ledger was damaged")
        return ChainHead(rows[0][0], rows[0][1])

    def entry(self, entry_id: int) -> LedgerEntry | None:
        found = self._query(f"{_SELECT} WHERE e.store = %s AND e.id = %s", [self.store, entry_id])
        return found[0] if found else None

    def entries_on(self, day: dt.date) -> Iterator[LedgerEntry]:
        return iter(self._query(f"{_SELECT} WHERE e.store = %s AND e.business_date = %s ORDER BY e.id",
                                [self.store, day.isoformat()]))

    def corrections_of(self, entry_id: int) -> list[LedgerEntry]:
        return self._query(f"{_SELECT} WHERE e.store = %s AND e.corrects_id = %s ORDER BY e.id",
                           [self.store, entry_id])

    def search(self, text: str, day: dt.date | None) -> list[LedgerEntry]:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = (f"{_SELECT} WHERE e.store = %s AND e.kind = 'intake' AND (e.imei1 ILIKE %s OR e.imei2 ILIKE %s "
                 "OR e.hardware_serial ILIKE %s OR (p.data_json::jsonb ->> 0) ILIKE %s)")  # PersonalData.seller_name
        params: list[Any] = [self.store, pattern, pattern, pattern, pattern]
        if day is not None:
            query += " AND e.business_date = %s"
            params.append(day.isoformat())
        return self._query(query + " ORDER BY e.id", params)

    def find(self, query: SearchQuery, limit: int) -> list[LedgerEntry]:
        """This store's intakes matching ``query``: the store answers for its own book."""
        if query.field is SearchField.IMEI:
            condition, params = "(e.imei1 = %s OR e.imei2 = %s)", [query.text, query.text]
        elif query.field is SearchField.SERIAL:
            condition, params = "e.hardware_serial IN (%s, %s)", [query.text, query.text.lower()]
        else:
            condition, params = ("EXISTS (SELECT 1 FROM ledger.seller_names s WHERE s.store = e.store "
                                 "AND s.entry_id = e.id AND strpos(s.name_key, %s) > 0)", [query.text])
        sql = f"{_SELECT} WHERE e.store = %s AND e.kind = 'intake' AND {condition}"
        params = [self.store, *params]
        if query.first is not None:
            sql += " AND e.business_date >= %s"
            params.append(query.first.isoformat())
        if query.last is not None:
            sql += " AND e.business_date <= %s"
            params.append(query.last.isoformat())
        return self._query(f"{sql} ORDER BY e.id LIMIT %s", [*params, limit])

    def entries_between(self, first: dt.date, last: dt.date) -> Iterator[LedgerEntry]:
        return iter(self._query(f"{_SELECT} WHERE e.store = %s AND e.business_date BETWEEN %s AND %s ORDER BY e.id",
                                [self.store, first.isoformat(), last.isoformat()]))

    def book_between(self, first: dt.date, last: dt.date) -> Iterator[BookEntry]:
        # The server sends a day's rows in one result either way; leaving columns out saves little here.
        return map(BookEntry.of, self.entries_between(first, last))

    def corrections_between(self, first: dt.date, last: dt.date) -> dict[int, list[int]]:
        corrected: dict[int, list[int]] = {}
        for original, correction in self._rows(
            "SELECT o.id, c.id FROM ledger.entries o JOIN ledger.entries c ON c.store = o.store "
            "AND c.corrects_id = o.id WHERE o.store = %s AND o.business_date BETWEEN %s AND %s ORDER BY c.id",
            [self.store, first.isoformat(), last.isoformat()],
        ):
            corrected.setdefault(original, []).append(correction)
        return corrected

    def purchases_between(self, first: dt.date, last: dt.date) -> list[tuple[LedgerEntry, list[int]]]:
        """Every store's purchases of these days: a notice names a phone wherever the chain bought it."""
        return [(self._entry(row[:-1]), list(row[-1])) for row in self._rows(
            f"SELECT {_COLUMNS}, p.salt, p.data_json, e.store, ARRAY(SELECT c.id FROM ledger.entries c "
            "WHERE c.store = e.store AND c.corrects_id = e.id ORDER BY c.id) FROM ledger.entries e "
            "LEFT JOIN ledger.personal p ON p.store = e.store AND p.entry_id = e.id "
            "WHERE e.is_purchase = 1 AND e.business_date BETWEEN %s AND %s ORDER BY e.recorded_at, e.store, e.id",
            [first.isoformat(), last.isoformat()])]

    def notices(self) -> list[Notice]:
        return _notices(self._rows(f"{_NOTICE_COLUMNS} ORDER BY n.received_on, n.id, i.position"))

    def notices_naming(self, imeis: Sequence[str], serial: str | None, model_keys: Sequence[str],
                       received_since: dt.date) -> list[Notice]:
        conditions: list[str] = []
        params: list[Any] = [received_since]
        if imeis:
            conditions.append("i.imei = ANY(%s)")
            params.append(list(imeis))
        if serial:
            conditions.append("i.serial = %s")
            params.append(serial)
        if model_keys:
            conditions.append("i.model_key = ANY(%s)")
            params.append(list(model_keys))
        if not conditions:
            return []
        return _notices(self._rows(f"{_NOTICE_COLUMNS} WHERE n.received_on >= %s AND ({' OR '.join(conditions)}) "
                                   "ORDER BY n.id, i.position", params))

    def history(self, imeis: Sequence[str], hardware_serial: str | None) -> list[LedgerEntry]:
        """Every store's intakes of this phone: a phone held at one store is held at all of them."""
        if not imeis and not hardware_serial:
            return []
        conditions: list[str] = []
        params: list[Any] = []
        if imeis:
            conditions += ["e.imei1 = ANY(%s)", "e.imei2 = ANY(%s)"]
            params += [list(imeis), list(imeis)]
        if hardware_serial:
            conditions.append("e.hardware_serial = %s")
            params.append(hardware_serial)
        return self._query(f"{_SELECT} WHERE e.kind = 'intake' AND ({' OR '.join(conditions)}) "
                           "ORDER BY e.recorded_at, e.store, e.id", params)

    def suspected(self) -> list[LedgerEntry]:
        """This store's suspicions: each store reports its own to its police station."""
        return self._query(
            f"{_SELECT} WHERE e.store = %s AND (e.suspected_theft = 1 OR e.corrects_id IN "
            "(SELECT id FROM ledger.entries WHERE store = %s AND suspected_theft = 1)) ORDER BY e.id",
            [self.store, self.store])

    def with_personal_data_before(self, day: dt.date) -> list[LedgerEntry]:
        return self._query(f"{_SELECT} WHERE e.store = %s AND e.business_date < %s AND p.entry_id IS NOT NULL "
                           "ORDER BY e.id", [self.store, day.isoformat()])

    def _stream(self) -> Iterator[tuple[Any, ...]]:
        """Every row of this store's chain in id order, through a named (server-side) cursor:
        a million entries without holding them all."""
        conn = self._connection()
        try:
            with conn.transaction() if conn.autocommit else _nothing(), \
                    conn.cursor(name="kiosk_chain_walk") as cursor:
                cursor.itersize = 2000
                cursor.execute(f"{_SELECT} WHERE e.store = %s ORDER BY e.id", [self.store])
                yield from cursor
        except psycopg.Error as exc:
            raise _unreadable(exc, self.server) from None

    def chain(self) -> Iterator[ChainRow]:
        for row in self._stream():
            salt, data_json = row[_PERSONAL_AT], row[_PERSONAL_AT + 1]
            # The canonical text is made here, not by the server: PostgreSQL's JSON spaces its arrays.
            canonical = canonical_text(row[:_HASHED_LENGTH]).encode("utf-8")
            yield ChainRow(row[_ID], row[_KIND], row[_DETAILS], row[_COMMITMENT], row[_LEGACY], row[_PREV],
                           row[_HASH], canonical, None if salt is None else bytes(salt), data_json)

    def rows(self) -> Iterator[tuple[LedgerEntry, PersonalRow | None]]:
        for row in self._stream():
            salt, data_json = row[_PERSONAL_AT], row[_PERSONAL_AT + 1]
            personal = None if salt is None else PersonalRow(row[0], bytes(salt), data_json)
            yield LedgerEntry.from_stored(row[:_PERSONAL_AT]), personal

    def damage_check(self) -> Callable[[], list[str]]:
        # The server's checks are catalogue queries, quick enough to run before the walk on this connection.
        found = self.damage()
        return lambda: found

    def damage(self) -> list[str]:
        problems = []
        try:
            version = self._rows("SELECT version FROM ledger.schema_version")
        except LedgerError as exc:
            return [f"the ledger schema cannot be read ({exc})"]
        if [row[0] for row in version] != [pg_schema.SCHEMA_VERSION]:
            problems.append(f"the schema version is {version}, not [{pg_schema.SCHEMA_VERSION}]")
        columns: dict[str, set[str]] = {}
        for table, column in self._rows("SELECT table_name, column_name FROM information_schema.columns "
                                        "WHERE table_schema = 'ledger'"):
            columns.setdefault(table, set()).add(column)
        for table, required in pg_schema.REQUIRED_TABLES.items():
            if table not in columns:
                problems.append(f"the table {table} is missing")
            elif missing := [column for column in required if column not in columns[table]]:
                problems.append(f"the table {table} lacks the columns {', '.join(missing)}")
        triggers = {name for (name,) in self._rows(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ledger' AND t.tgenabled <> 'D'")}
        for trigger in pg_schema.REQUIRED_TRIGGERS:
            if trigger not in triggers:
                problems.append(f"the trigger {trigger} is missing or disabled (entries could be changed unseen)")
        if not problems and not self._rows(_HEAD, [self.store]):
            problems.append(f"the chain head of store {self.store!r} is missing")
        return problems


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _notices(rows: Sequence[tuple[Any, ...]]) -> list[Notice]:
    """Notices from rows of :data:`_NOTICE_COLUMNS`, one row per item, in the rows' order."""
    headers: dict[int, tuple[dt.date, str, str, str]] = {}
    items: dict[int, list[NoticeItem]] = {}
    for notice_id, received_on, station, number, recorded_at, *item in rows:
        headers[notice_id] = (received_on, station, number, recorded_at)
        items.setdefault(notice_id, []).append(NoticeItem(*item))
    return [Notice(notice_id, received_on, station, number, recorded_at, tuple(items[notice_id]))
            for notice_id, (received_on, station, number, recorded_at) in headers.items()]


class _PostgresWrite:
    """The statements of one append or purge, holding the store's chain head locked."""

    def __init__(self, conn: psycopg.Connection[Any], store: str):
        self.conn = conn
        self.store = store
        self.new_head: ChainHead | None = None
        self._head: ChainHead | None = None

    def lock_head(self) -> None:
        row = self.conn.execute(f"{_HEAD} FOR NO KEY UPDATE", [self.store]).fetchone()
        if row is None:
            raise LedgerError(f"the chain head of store {self.store!r} is missing; the ledger was damaged")
        self._head = ChainHead(row[0], row[1])

    def head(self) -> ChainHead:
        if self._head is None:
            raise RuntimeError("lock_head() first")
        return self._head

    def has_entry(self, entry_id: int) -> bool:
        return self.conn.execute("SELECT 1 FROM ledger.entries WHERE store = %s AND id = %s",
                                 [self.store, entry_id]).fetchone() is not None

    def insert(self, entry: LedgerEntry, personal: PersonalRow | None) -> None:
        self.conn.execute(_INSERT_ENTRY, [self.store, *entry.chain_values()])
        if personal is not None:
            self.conn.execute(_INSERT_PERSONAL, [self.store, personal.entry_id, personal.salt, personal.data_json])
            key = pg_schema.seller_name_key(personal.data)
            if key:
                self.conn.execute("INSERT INTO ledger.seller_names (store, entry_id, name_key) VALUES (%s, %s, %s)",
                                  [self.store, personal.entry_id, key])

    def erase_personal(self, entry_ids: Sequence[int]) -> None:
        for table in ("seller_names", "personal"):  # the name keys first: they refer to the personal rows
            self.conn.execute(f"DELETE FROM ledger.{table} WHERE store = %s AND entry_id = ANY(%s)",
                              [self.store, list(entry_ids)])

    def insert_notice(self, notice: NoticeDraft, recorded_at: str) -> int:
        """Add a notice to the chain's register (not the store's: every store is checked against it)."""
        row = self.conn.execute(
            "INSERT INTO ledger.notices (received_on, station, number, recorded_at) VALUES (%s, %s, %s, %s) "
            "RETURNING id", [notice.received_on, notice.station, notice.number, recorded_at]).fetchone()
        assert row is not None  # INSERT ... RETURNING returns the row it inserted
        notice_id = int(row[0])
        with self.conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO ledger.notice_items (notice_id, position, imei, serial, model, model_key, colour, "
                "features) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [(notice_id, position, item.imei, item.serial, item.model,
                  model_key(item.model) if item.model else None, item.colour, item.features)
                 for position, item in enumerate(notice.items, start=1)])
        return notice_id

    def has_notice(self, notice: NoticeDraft) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM ledger.notices WHERE station = %s AND number = %s AND received_on = %s",
            [notice.station, notice.number, notice.received_on]).fetchone() is not None

    def set_head(self, head: ChainHead) -> None:
        self.conn.execute("UPDATE ledger.chain_heads SET last_entry_id = %s, last_hash = %s WHERE store = %s",
                          [head.last_id, head.last_hash, self.store])
        self.new_head = head
