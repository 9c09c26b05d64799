"""The shared ledger's schema and roles on a PostgreSQL server, as ordered steps (DESIGN §11).

Run once by the database's owner (``kiosk ledger migrate``), again after an
upgrade of the app, and whenever a store is added. Everything lives in the
schema ``ledger``:

* ``chain_heads``: one row per store, its last entry's id and hash. Appends lock
  the store's row, so entry numbers per store have no gaps and no duplicates.
* ``entries``: every store's chain, keyed by (store, id); the chained columns
  are the SQLite engine's, so an entry hashes the same on either engine.
* ``personal``: the personal data apart from the chain, one row per entry.

Two group roles, to which the shop grants its login roles:

* ``kiosk_app``: the counters. SELECT and INSERT on entries and personal data,
  and moving its store's head forward; never UPDATE or DELETE of an entry or a
  personal row. verify needs nothing more (it runs in a read-only transaction).
* ``kiosk_purge``: ``kiosk ledger purge --apply``. It may also DELETE personal rows.

Triggers repeat the rules for every role, the owner's included: entries are
never changed or deleted, personal rows never changed, and a chain head only
moves forward onto an entry that holds that hash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import psycopg
from psycopg import sql

from kiosk.ledger.entry import CHAIN_COLUMNS, GENESIS_HASH
from kiosk.ledger.storage import LedgerError

SCHEMA = "ledger"
APP_ROLE = "kiosk_app"
PURGE_ROLE = "kiosk_purge"

_COLUMN_TYPES = {
    "id": "bigint NOT NULL",
    "kind": "text NOT NULL",
    "recorded_at": "text NOT NULL",
    "business_date": "text NOT NULL",
    "counter": "text NOT NULL",
    "corrects_id": "bigint",
    "price_yen": "bigint",
    "is_purchase": "smallint NOT NULL CHECK (is_purchase IN (0, 1))",
    "seller_age": "integer",
    "suspected_theft": "smallint NOT NULL CHECK (suspected_theft IN (0, 1))",
    "prev_hash": "text NOT NULL",
    "entry_hash": "text NOT NULL",
}

_SCHEMA_1 = [
    "CREATE SCHEMA ledger",
    "CREATE TABLE ledger.schema_version (version integer NOT NULL)",
    "CREATE TABLE ledger.chain_heads (store text PRIMARY KEY CHECK (store <> ''), "
    "last_entry_id bigint NOT NULL, last_hash text NOT NULL)",
    "CREATE TABLE ledger.entries (store text NOT NULL REFERENCES ledger.chain_heads (store), "
    + ", ".join(f"{name} {_COLUMN_TYPES.get(name, 'text')}" for name in CHAIN_COLUMNS)
    + ", PRIMARY KEY (store, id), FOREIGN KEY (store, corrects_id) REFERENCES ledger.entries (store, id))",
    "CREATE INDEX entries_business_date ON ledger.entries (store, business_date, id)",
    "CREATE INDEX entries_imei1 ON ledger.entries (imei1)",
    "CREATE INDEX entries_imei2 ON ledger.entries (imei2)",
    "CREATE INDEX entries_hardware_serial ON ledger.entries (hardware_serial)",
    "CREATE INDEX entries_corrects_id ON ledger.entries (store, corrects_id)",
    "CREATE INDEX entries_suspected ON ledger.entries (store, id) WHERE suspected_theft = 1",
    "CREATE TABLE ledger.personal (store text NOT NULL, entry_id bigint NOT NULL, salt bytea NOT NULL, "
    "data_json text NOT NULL, PRIMARY KEY (store, entry_id), "
    "FOREIGN KEY (store, entry_id) REFERENCES ledger.entries (store, id))",
    # The same rules as the SQLite triggers, for every role.
    """CREATE FUNCTION ledger.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'insufficient_privilege'; END $$""",
    "CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON ledger.entries "
    "FOR EACH ROW EXECUTE FUNCTION ledger.refuse('ledger entries are append-only')",
    "CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON ledger.entries "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse('ledger entries are append-only')",
    "CREATE TRIGGER personal_no_update BEFORE UPDATE ON ledger.personal "
    "FOR EACH ROW EXECUTE FUNCTION ledger.refuse('personal data is never changed, only erased by a purge')",
    "CREATE TRIGGER chain_heads_no_delete BEFORE DELETE OR TRUNCATE ON ledger.chain_heads "
    "FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse('a store''s chain head is never deleted')",
    """CREATE FUNCTION ledger.head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.store <> OLD.store OR NEW.last_entry_id <= OLD.last_entry_id OR NOT EXISTS (
             SELECT 1 FROM ledger.entries e
             WHERE e.store = NEW.store AND e.id = NEW.last_entry_id AND e.entry_hash = NEW.last_hash) THEN
           RAISE EXCEPTION 'a chain head only moves forward, onto an entry with that hash'
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN NEW;
       END $$""",
    "CREATE TRIGGER chain_heads_forward BEFORE UPDATE ON ledger.chain_heads "
    "FOR EACH ROW EXECUTE FUNCTION ledger.head_moves_forward()",
    "INSERT INTO ledger.schema_version (version) VALUES (0)",
]

#: What verify requires to be present: tables with their columns, and the triggers.
REQUIRED_TABLES: dict[str, tuple[str, ...]] = {
    "entries": ("store", *CHAIN_COLUMNS),
    "personal": ("store", "entry_id", "salt", "data_json"),
    "chain_heads": ("store", "last_entry_id", "last_hash"),
    "schema_version": ("version",),
}
REQUIRED_TRIGGERS = ("entries_append_only", "entries_no_truncate", "personal_no_update", "chain_heads_no_delete",
                     "chain_heads_forward")

#: (the version a step starts from, its statements), in order; each runs in one transaction.
STEPS: list[tuple[int, Sequence[str]]] = [
    (0, _SCHEMA_1),
]
SCHEMA_VERSION = STEPS[-1][0] + 1


def _grants() -> list[sql.Composed]:
    """Grants are (re)issued by every run: idempotent, and a new role gets the same rights."""
    app, purge = sql.Identifier(APP_ROLE), sql.Identifier(PURGE_ROLE)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA ledger TO {}, {}").format(app, purge),
        sql.SQL("GRANT SELECT ON ledger.schema_version TO {}, {}").format(app, purge),
        sql.SQL("GRANT SELECT, INSERT ON ledger.entries, ledger.personal TO {}, {}").format(app, purge),
        # UPDATE of the head is what takes its row lock (SELECT ... FOR NO KEY UPDATE) and moves it.
        sql.SQL("GRANT SELECT, UPDATE (last_entry_id, last_hash) ON ledger.chain_heads TO {}, {}").format(app, purge),
        sql.SQL("GRANT DELETE ON ledger.personal TO {}").format(purge),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON ledger.entries FROM {}, {}").format(app, purge),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON ledger.personal FROM {}").format(app),
    ]
    return statements


def _create_roles(conn: psycopg.Connection) -> None:
    for role in (APP_ROLE, PURGE_ROLE):
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        if exists is None:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))


def server_version(conn: psycopg.Connection) -> int:
    """The ledger schema's version on this server: 0 where there is none yet."""
    found = conn.execute("SELECT to_regclass('ledger.schema_version') IS NOT NULL").fetchone()
    if found is None or not found[0]:
        return 0
    row = conn.execute("SELECT version FROM ledger.schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: psycopg.Connection, stores: Sequence[str] = (),
            report: Callable[[str], None] = lambda line: None) -> int:
    """Create or upgrade the schema and roles, and add ``stores``; return the schema version now.

    ``conn`` is the database owner's, in autocommit mode; each step is one transaction,
    so an interrupted run leaves the last completed step and can simply be run again.
    """
    with conn.transaction():
        _create_roles(conn)
    version = server_version(conn)
    if version > SCHEMA_VERSION:
        raise MigrationRefused(f"the server's ledger schema is version {version}, newer than this app's "
                               f"{SCHEMA_VERSION}; update the app")
    for from_version, statements in STEPS:
        if from_version < version:
            continue
        with conn.transaction():
            for statement in statements:
                conn.execute(statement)  # our own constant SQL
            conn.execute("UPDATE ledger.schema_version SET version = %s", [from_version + 1])
        report(f"schema {from_version} -> {from_version + 1}")
    with conn.transaction():
        for grant in _grants():
            conn.execute(grant)
        for store in stores:
            added = conn.execute(
                "INSERT INTO ledger.chain_heads (store, last_entry_id, last_hash) VALUES (%s, 0, %s) "
                "ON CONFLICT (store) DO NOTHING RETURNING store", [store, GENESIS_HASH]).fetchone()
            report(f"store {store!r} added" if added else f"store {store!r} already there")
    return SCHEMA_VERSION


class MigrationRefused(LedgerError):
    """The server holds something this app must not touch."""


def migrate_server(url: str, stores: Sequence[str] = (), report: Callable[[str], None] = lambda line: None) -> int:
    """:func:`migrate` on the server at ``url`` (the database owner's login); errors as LedgerError."""
    from kiosk.ledger.pg_store import CONNECT_TIMEOUT_S, describe_server, server_problem

    server = describe_server(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as conn:
            return migrate(conn, stores, report)
    except psycopg.Error as exc:
        raise LedgerError(f"the ledger schema could not be set up: {server_problem(exc, server)}") from None
