"""Schema versions of the SQLite ledger, as an ordered list of steps (``PRAGMA user_version``).

A new file gets the current schema at once. An older file goes through each
step from its version up, each in one transaction, each tested on a real file
written by the older code (``tests/fixtures``). A newer file is refused before
any step runs (:mod:`kiosk.ledger.sqlite_store`).

Schema 1 kept the seller's personal data, and sometimes a number the law
forbids keeping, inside the chained rows. Step 1 → 2 first checks the schema-1
chain, then writes each entry again in the schema-2 form: personal data in its
own salted row, a My Number card's or health-insurance card's number dropped,
and the entry's schema-1 hash kept as ``legacy_hash``. A migration entry then
anchors the old chain: it records the schema-1 head hash, so a seal written
down before the upgrade still checks (``verify --seal``).

Step 2 → 3 adds the 品触れ register and the search key of each seller's name
(kept beside the personal row and erased with it); step 3 → 4 makes the indexes
of the second IMEI and of the entry corrected partial. Neither touches the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.id_documents import bundled_id_documents
from kiosk.ledger.entry import GENESIS_HASH, EntryKind, PersonalData, PersonalRow, bookkeeping_values, sealed_entry
from kiosk.ledger.storage import ChainHead, LedgerError

if TYPE_CHECKING:
    from kiosk.ledger.sqlite_store import SqliteStore


def upgrade(store: SqliteStore, version: int) -> None:
    """Bring the file from ``version`` to the current schema, one committed step at a time."""
    if version == 0:
        _in_transaction(store, 0, _create)
        return
    for from_version, step in STEPS:
        if from_version >= version:
            _in_transaction(store, from_version, step)


def _in_transaction(store: SqliteStore, from_version: int, step: Callable[[SqliteStore], None]) -> None:
    conn = store.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != from_version:
            conn.execute("ROLLBACK")  # another process did this step while we waited for the lock
            return
        step(store)
        conn.execute(f"PRAGMA user_version = {from_version + 1 if from_version else _CURRENT}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _create(store: SqliteStore) -> None:
    store.create_schema()
    store.conn.execute("INSERT INTO chain_head (id, last_entry_id, last_hash) VALUES (1, 0, ?)", [GENESIS_HASH])


# --- schema 1 -> 2 ------------------------------------------------------------------------------

#: Schema 1's entry columns, in the order its hash covered them (sorted JSON object keys).
V1_COLUMNS = (
    "id", "recorded_at", "business_date", "corrects_id", "platform", "manufacturer", "model_name", "model_code",
    "color", "capacity", "imei1", "imei2", "hardware_serial", "restriction_mark", "carrier", "outcome", "rank",
    "price_yen", "is_purchase", "seller_name", "seller_address", "seller_occupation", "seller_birth_date",
    "seller_age", "id_method", "id_document_number", "staff_name", "police_report", "device_json", "staff_json",
    "reasons_json", "prev_hash", "entry_hash",
)


def v1_entry_hash(row: dict[str, Any]) -> str:
    content = {name: row.get(name) for name in V1_COLUMNS if name != "entry_hash"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _v1_to_v2(store: SqliteStore) -> None:
    conn = store.conn
    rows = [dict(zip(V1_COLUMNS, values))
            for values in conn.execute(f"SELECT {', '.join(V1_COLUMNS)} FROM entries ORDER BY id")]
    v1_head = _checked_v1_chain(store, rows)
    conn.execute("ALTER TABLE entries RENAME TO entries_v1")
    for name in ("entries_no_update", "entries_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    for (index,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries_v1' "
                                 "AND sql IS NOT NULL").fetchall():
        conn.execute(f'DROP INDEX "{index}"')
    conn.execute("DROP TABLE chain_head")
    store.create_schema()

    statements = store.statements()
    previous, not_kept = GENESIS_HASH, []
    for row in rows:
        personal, dropped = _v1_personal(row)
        if dropped:
            not_kept.append(row["id"])
        salted = PersonalRow.sealed(row["id"], personal)
        entry = sealed_entry(_v2_values(row, store.counter, previous, salted.commitment), personal)
        statements.insert(entry, salted)
        previous = entry.entry_hash
    conn.execute("DROP TABLE entries_v1")

    details = {"from_schema": 1, "to_schema": 2, "v1_entries": v1_head.last_id, "v1_head_hash": v1_head.last_hash,
               "numbers_not_kept": not_kept}
    migration = sealed_entry(bookkeeping_values(v1_head.last_id + 1, EntryKind.MIGRATION,
                                                dt.datetime.now().astimezone(), store.counter, previous, details))
    statements.insert(migration, None)
    statements.set_head(ChainHead(migration.id, migration.entry_hash))


def _checked_v1_chain(store: SqliteStore, rows: list[dict[str, Any]]) -> ChainHead:
    """Walk the schema-1 chain; refuse to upgrade a ledger that does not verify."""
    previous, expected_id = GENESIS_HASH, 1
    for row in rows:
        if row["id"] != expected_id or row["prev_hash"] != previous or v1_entry_hash(row) != row["entry_hash"]:
            raise LedgerError(
                f"{store.path}: the ledger cannot be upgraded: its entry {expected_id} was changed, deleted or "
                f"reordered. Nothing was changed; keep the file as it is and restore the last good copy"
            )
        previous, expected_id = row["entry_hash"], expected_id + 1
    head = store.conn.execute("SELECT last_entry_id, last_hash FROM chain_head").fetchone()
    if head is None or (head[0], head[1]) != (expected_id - 1, previous):
        raise LedgerError(f"{store.path}: the ledger cannot be upgraded: entries after {expected_id - 1} are "
                          f"missing. Nothing was changed; restore the last good copy")
    return ChainHead(expected_id - 1, previous)


def _v1_personal(row: dict[str, Any]) -> tuple[PersonalData, bool]:
    """The personal data of a schema-1 row, and whether a number the law forbids keeping was dropped."""
    number = row["id_document_number"]
    # Schema 1 knew only the built-in kinds.
    document = bundled_id_documents().get(row["id_method"] or "")
    forbidden = document is not None and document.number == "never"
    return PersonalData(
        seller_name=row["seller_name"],
        seller_address=row["seller_address"],
        seller_occupation=row["seller_occupation"],
        seller_birth_date=row["seller_birth_date"],
        id_document_number=None if forbidden else number,
    ), forbidden and bool(number)


def _v2_values(row: dict[str, Any], counter: str, previous: str, commitment: str) -> dict[str, Any]:
    staff = json.loads(row["staff_json"])
    if isinstance(staff.get("id_check"), dict):
        staff["id_check"] = {"method": staff["id_check"].get("method")}
    return {
        "id": row["id"], "kind": EntryKind.INTAKE, "recorded_at": row["recorded_at"],
        "business_date": row["business_date"], "counter": counter, "corrects_id": row["corrects_id"],
        "platform": row["platform"], "manufacturer": row["manufacturer"], "model_name": row["model_name"],
        "model_code": row["model_code"], "color": row["color"], "capacity": row["capacity"], "imei1": row["imei1"],
        "imei2": row["imei2"], "hardware_serial": row["hardware_serial"], "restriction_mark": row["restriction_mark"],
        "carrier": row["carrier"], "outcome": row["outcome"], "rank": row["rank"], "price_yen": row["price_yen"],
        "price_table_version": None, "price_override_reason": None,  # schema 1 had no price table
        "is_purchase": bool(row["is_purchase"]), "seller_age": row["seller_age"], "id_method": row["id_method"],
        "consent_method": None, "staff_name": row["staff_name"], "suspected_theft": bool(staff.get("suspected_theft")),
        "police_report_json": row["police_report"], "device_json": row["device_json"],
        "staff_json": json.dumps(staff, ensure_ascii=False, sort_keys=True), "reasons_json": row["reasons_json"],
        "details_json": None, "personal_commitment": commitment, "legacy_hash": row["entry_hash"],
        "prev_hash": previous,
    }


# --- schema 2 -> 3 ------------------------------------------------------------------------------

def _v2_to_v3(store: SqliteStore) -> None:
    """The 品触れ register's tables, and a search key for each seller's name still stored.

    Nothing chained changes: the chain does not cover either. (A v1 file upgraded by
    step 1 -> 2 has them already, made by the current schema; this step then only checks.)
    """
    store.add_schema_3()


# --- schema 3 -> 4 ------------------------------------------------------------------------------

def _v3_to_v4(store: SqliteStore) -> None:
    """Partial indexes for the second IMEI and the entry corrected; the chain is untouched."""
    store.add_schema_4()


#: (the version a step starts from, the step), in order.
STEPS: list[tuple[int, Callable[[SqliteStore], None]]] = [
    (1, _v1_to_v2),
    (2, _v2_to_v3),
    (3, _v3_to_v4),
]
_CURRENT = STEPS[-1][0] + 1
