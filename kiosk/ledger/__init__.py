"""The purchase ledger (古物台帳): entries, the chain over them, and the storage seam beneath.

    entry.py         LedgerEntry, PersonalData, the entry hash and the personal-data commitment
    records.py       an intake as an entry and back (what is chained, what is personal)
    chain.py         Ledger: append, verify, purge, seals; knows no SQL
    storage.py       LedgerStore: the typed seam every engine implements
    sqlite_store.py  the SQLite engine (all of its SQL); migrations.py its schema steps
"""

from __future__ import annotations

from pathlib import Path

from kiosk.ledger.chain import Ledger, RetentionPolicy, Seal, VerifyResult, prior_intake
from kiosk.ledger.entry import ERASED_EN, ERASED_JA, EntryKind, LedgerEntry, PersonalData
from kiosk.ledger.sqlite_store import SCHEMA_VERSION, WRITER_LOCK_TIMEOUT_S, SqliteStore, companion_files
from kiosk.ledger.storage import LedgerBusy, LedgerError, LedgerStore, LedgerTooNew

__all__ = [
    "ERASED_EN", "ERASED_JA", "EntryKind", "Ledger", "LedgerBusy", "LedgerEntry", "LedgerError", "LedgerStore",
    "LedgerTooNew", "PersonalData", "RetentionPolicy", "SCHEMA_VERSION", "Seal", "SqliteStore", "VerifyResult",
    "companion_files", "open_ledger", "prior_intake",
]


def open_ledger(path: Path, *, read_only: bool = False, lock_timeout: float = WRITER_LOCK_TIMEOUT_S) -> Ledger:
    """The ledger in an SQLite file (the default engine); ``read_only`` creates and changes nothing."""
    return Ledger(SqliteStore(Path(path), read_only=read_only, lock_timeout=lock_timeout))
