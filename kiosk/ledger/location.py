"""Which book a counter writes: the local SQLite file, or its store's chain on a PostgreSQL server.

``--ledger URL`` or ``KIOSK_LEDGER_URL`` with a ``postgresql://`` URL chooses the
server; ``--store`` / ``KIOSK_STORE`` names the store (required there) and
``--counter`` / ``KIOSK_COUNTER`` the counter (default: the PC's name). Without a
URL the ledger is ``ledger.sqlite3`` in the data folder, as it always was.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

from kiosk.ledger.chain import Ledger
from kiosk.ledger.sqlite_store import WRITER_LOCK_TIMEOUT_S, SqliteStore, companion_files
from kiosk.ledger.storage import LedgerError, LedgerStore
from kiosk.paths import COUNTER_VARIABLE, LEDGER_FILENAME, LEDGER_URL_VARIABLE, STORE_VARIABLE


class LedgerLocationError(LedgerError):
    """--ledger, --store or --counter (or their variables) is not usable: bad input, naming the option."""


def is_server_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


@dataclass(frozen=True)
class LedgerLocation:
    """An SQLite file (``path``) or a server (``url``) with the store and counter names."""

    path: Path | None = None
    url: str | None = None
    store: str | None = None
    counter: str | None = None

    @classmethod
    def choose(cls, data_dir: Path, url: str | None = None, store: str | None = None,
               counter: str | None = None) -> LedgerLocation:
        """From the command line's values, else the environment, else the local file in ``data_dir``."""
        url = url or os.environ.get(LEDGER_URL_VARIABLE) or None
        store = store or os.environ.get(STORE_VARIABLE) or None
        counter = counter or os.environ.get(COUNTER_VARIABLE) or None
        if url is None:
            return cls(path=data_dir / LEDGER_FILENAME, counter=counter)
        if not is_server_url(url):
            raise LedgerLocationError(f"--ledger: {url.split('://')[0]!r} is not a ledger engine; give a "
                                      f"postgresql://USER@HOST/DBNAME URL, or nothing for the local ledger file")
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict

        try:
            conninfo_to_dict(url)
        except ProgrammingError as exc:
            raise LedgerLocationError(f"--ledger: not a PostgreSQL URL as postgresql://USER@HOST/DBNAME "
                                      f"({exc})") from None
        if not store:
            raise LedgerLocationError("--store: a shared ledger needs this counter's store name (or KIOSK_STORE)")
        return cls(url=url, store=store, counter=counter)

    @property
    def is_server(self) -> bool:
        return self.url is not None

    def describe(self) -> str:
        if self.url is not None:
            from kiosk.ledger.pg_store import describe_server

            return f"{describe_server(self.url)}, store {self.store}"
        return str(self.path)

    def place(self) -> str | None:
        """What the staff see of a shared ledger: "store / counter" (nothing for the local file)."""
        if self.url is None:
            return None
        return f"{self.store} / {self.counter or socket.gethostname()}"

    def files(self) -> list[Path]:
        """The ledger's own files, which an export must never overwrite (none for a server)."""
        return [] if self.path is None else [self.path, *companion_files(self.path)]

    def open_store(self, *, read_only: bool = False, lock_timeout: float = WRITER_LOCK_TIMEOUT_S) -> LedgerStore:
        if self.url is not None:
            # Imported here (as in describe): psycopg and libpq load only for a counter that uses a server.
            from kiosk.ledger.pg_store import PostgresStore

            # lock_timeout is the wait for another program holding the ledger file; a server has no such
            # lock, and its wait for the store's other counters is its own (HEAD_LOCK_TIMEOUT_S).
            return PostgresStore(self.url, store=self.store or "", counter=self.counter, read_only=read_only)
        assert self.path is not None
        return SqliteStore(self.path, read_only=read_only, lock_timeout=lock_timeout, counter=self.counter)

    def open(self, *, read_only: bool = False, lock_timeout: float = WRITER_LOCK_TIMEOUT_S) -> Ledger:
        return Ledger(self.open_store(read_only=read_only, lock_timeout=lock_timeout))
