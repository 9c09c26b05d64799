"""The storage seam: what the chain, verify and purge logic need from a database engine.

:class:`LedgerStore` is one chain of entries (one shop's book) in some engine.
SQLite (:mod:`kiosk.ledger.sqlite_store`) is the embedded default; the PostgreSQL
store (:mod:`kiosk.ledger.pg_store`, DESIGN §11) implements the same protocol for
one store's chain among several, with ``counter`` naming the PC on each entry and
:meth:`LedgerStore.writing` taking a row lock on that store's chain head. Everything above this module knows
nothing of SQL; everything below it knows nothing of hashes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from kiosk.ledger.entry import BookEntry, LedgerEntry, PersonalRow
from kiosk.ledger.notices import Notice, NoticeDraft
from kiosk.ledger.search import SearchQuery


class LedgerError(Exception):
    """A ledger problem to show to the user as it is: in English, and in Japanese where the counter shows it."""

    def __init__(self, message: str, ja: str | None = None):
        super().__init__(message)
        #: The same problem in Japanese, for the counter's Japanese UI; None where only English is written.
        self.ja = ja


class LedgerTooNew(LedgerError):
    pass


class LedgerBusy(LedgerError):
    pass


class StoreWriteFailed(LedgerError):
    """The engine failed a write transaction and rolled it back: nothing of it was written."""


@dataclass(frozen=True)
class ChainHead:
    """The last entry's id and hash, kept apart from the entries: a deleted last entry shows."""

    last_id: int
    last_hash: str


class ChainRow(NamedTuple):
    """One entry as verify walks it: the columns verify reads, the canonical text its hash covers
    (:func:`kiosk.ledger.entry.canonical_text` of its hashed columns, UTF-8 encoded, made by the
    engine where the rows are), and its personal row's salt and JSON if present. Flat, so that an
    engine can make it straight from a result row."""

    entry_id: int
    kind: str
    details_json: str | None
    personal_commitment: str | None
    legacy_hash: str | None
    prev_hash: str
    entry_hash: str
    canonical: bytes
    salt: bytes | None
    personal_json: str | None

    @property
    def personal(self) -> PersonalRow | None:
        if self.salt is None or self.personal_json is None:
            return None
        return PersonalRow(self.entry_id, self.salt, self.personal_json)


class WriteTransaction(Protocol):
    """One atomic write, holding the chain head locked: all of it lands, or none of it."""

    def head(self) -> ChainHead: ...

    def has_entry(self, entry_id: int) -> bool: ...

    def insert(self, entry: LedgerEntry, personal: PersonalRow | None) -> None: ...

    def erase_personal(self, entry_ids: Sequence[int]) -> None:
        """Delete these entries' personal rows, and the name search keys made from them."""
        ...

    def set_head(self, head: ChainHead) -> None: ...

    def insert_notice(self, notice: NoticeDraft, recorded_at: str) -> int:
        """Add a 品触れ to the register (outside the chain); return its number in the register."""
        ...

    def has_notice(self, notice: NoticeDraft) -> bool:
        """Whether a notice with the same station, number and receipt date is in the register already."""
        ...


class LedgerStore(Protocol):
    """One chain of ledger entries in a database engine.

    Reads return :class:`LedgerEntry` with their personal data attached when it
    is still stored. Every engine error becomes a :class:`LedgerError` whose
    message says what happened and what to do.
    """

    #: Where the ledger is, for messages (a file path, a server and store name).
    location: str
    #: The counter (PC) whose entries this store writes.
    counter: str

    def close(self) -> None: ...

    def claim_writer(self) -> None:
        """Become a writer now, so that a refusal shows at start: SQLite allows one writer (a lock file,
        else :class:`LedgerBusy`); PostgreSQL many, and checks that this login may record."""
        ...

    def writing(self) -> AbstractContextManager[WriteTransaction]:
        """Begin the one writer's transaction (committed durably on exit, rolled back on error)."""
        ...

    def head(self) -> ChainHead: ...

    def entry(self, entry_id: int) -> LedgerEntry | None: ...

    def entries_on(self, day: dt.date) -> Iterator[LedgerEntry]: ...

    def corrections_of(self, entry_id: int) -> list[LedgerEntry]: ...

    def search(self, text: str, day: dt.date | None) -> list[LedgerEntry]:
        """Intakes whose IMEI, serial or seller name contains ``text``."""
        ...

    def find(self, query: SearchQuery, limit: int) -> list[LedgerEntry]:
        """Intakes matching ``query`` (see :mod:`kiosk.ledger.search`), oldest first, at most ``limit``."""
        ...

    def entries_between(self, first: dt.date, last: dt.date) -> Iterator[LedgerEntry]:
        """Every entry of these business days (both included), in id order."""
        ...

    def book_between(self, first: dt.date, last: dt.date) -> Iterator[BookEntry]:
        """:meth:`entries_between` with only the fields the book shows (the CSV export, the book on paper)."""
        ...

    def corrections_between(self, first: dt.date, last: dt.date) -> dict[int, list[int]]:
        """For each entry of these days that was corrected: the ids of the entries correcting it."""
        ...

    def purchases_between(self, first: dt.date, last: dt.date) -> list[tuple[LedgerEntry, list[int]]]:
        """Every purchase of these business days with the ids of the entries correcting it, oldest first: what a
        new notice is checked against. An engine that holds several stores' chains looks in all of them,
        marking each entry of another store with :attr:`LedgerEntry.other_store`."""
        ...

    def notices(self) -> list[Notice]:
        """The whole 品触れ register (on an engine of several stores, the chain's), expired notices too, oldest receipt first."""
        ...

    def notices_naming(self, imeis: Sequence[str], serial: str | None, model_keys: Sequence[str],
                       received_since: dt.date) -> list[Notice]:
        """Notices received since that day with an item of one of these IMEIs, this serial or one of these
        model keys (:func:`kiosk.ledger.search.model_key`): the candidates a phone is checked against. Each
        carries only those items, not its whole list."""
        ...

    def history(self, imeis: Sequence[str], hardware_serial: str | None) -> list[LedgerEntry]:
        """Every intake with one of these IMEIs or this hardware serial, any date, oldest first.

        An engine that holds several stores' chains looks in all of them, marking
        each entry of another store with :attr:`LedgerEntry.other_store`.
        """
        ...

    def suspected(self) -> list[LedgerEntry]:
        """Every intake marked suspected stolen, and every correction of one, oldest first."""
        ...

    def with_personal_data_before(self, day: dt.date) -> list[LedgerEntry]:
        """Entries from before ``day`` whose personal data is still stored (purge candidates)."""
        ...

    def chain(self) -> Iterator[ChainRow]:
        """Every entry in id order, for verify."""
        ...

    def rows(self) -> Iterator[tuple[LedgerEntry, PersonalRow | None]]:
        """Every entry in id order with its personal row as stored (salt included): what a copy needs."""
        ...

    def damage(self) -> list[str]:
        """What the engine's own checks and the schema check find wrong; empty when sound."""
        ...

    def damage_check(self) -> Callable[[], list[str]]:
        """Start :meth:`damage`, to run beside the caller's own reading where the engine can (SQLite: a
        second connection in a thread); the function returned waits for it and gives its findings."""
        ...
