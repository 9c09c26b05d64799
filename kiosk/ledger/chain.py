"""The purchase ledger (古物台帳): append, verify and purge, over any :class:`LedgerStore`.

Rules (DESIGN §5):

* Every intake is one entry, refused ones too; purchases are the entries with a
  buying outcome and a price. An entry is never changed: a correction is a new
  entry whose ``corrects_id`` points at the one it corrects.
* Each entry stores the hash of the one before it and its own hash over all its
  chained columns; the chain head, written in the same transaction, catches a
  deleted last entry. The personal data sits apart, bound by a salted commitment.
* A purge erases the personal data of entries past retention and is itself an
  entry naming them; verify accepts a missing personal row only when a purge
  names it.
* Seals (``ledger head`` written down, a backup's head) catch a ledger that was
  rewritten or cut short, which no chain can see from the inside.

Nothing here knows SQL: the store does the engine's work.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from types import TracebackType
from typing import Any

from kiosk.grading import NOTICE_MATCH_RULE, Grade, Outcome, Policy, PriorIntake
from kiosk.intake import Intake
from kiosk.ledger.entry import (
    GENESIS_HASH, BookEntry, EntryKind, LedgerEntry, PersonalRow, bookkeeping_values, entry_hash,
    personal_commitment, sealed_entry,
)
from kiosk.ledger.records import intake_values, personal_data
from kiosk.ledger.search import SearchQuery, queries_for
from kiosk.ledger.storage import ChainHead, ChainRow, LedgerError, LedgerStore, StoreWriteFailed

#: The most entries one search returns (a name search can name thousands).
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class Seal:
    """An entry's id and hash, written down or read from a backup: the ledger must still hold it."""

    entry_id: int
    entry_hash: str

    @classmethod
    def parse(cls, text: str) -> Seal:
        match = re.fullmatch(r"\s*(\d+):([0-9a-fA-F]{64})\s*", text)
        if match is None:
            raise ValueError(f"{text!r} is not a seal as ID:HASH (the entry number, a colon, 64 hex digits)")
        return cls(int(match[1]), match[2].lower())


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    #: The first entry found wrong, and what is wrong (or what damage the file has).
    bad_entry_id: int | None = None
    problem: str | None = None
    #: Purge entry id -> how many entries' personal data it erased.
    erased_by_purge: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RetentionPolicy:
    """How long personal data is kept: §18's 3 years or the shop's longer period, shorter
    for refused entries that were not reported to the police when the shop says so."""

    years: int
    refused_unreported_months: int

    @classmethod
    def of(cls, policy: Policy) -> RetentionPolicy:
        return cls(policy.retention_years, policy.refused_unreported_retention_months)

    def kept_until(self, entry: LedgerEntry) -> dt.date:
        made = entry.recorded_on()
        if entry.outcome == Outcome.REFUSE.value and not entry.suspected_theft and entry.police_report_json is None:
            return _add_months(made, self.refused_unreported_months)
        return _add_months(made, self.years * 12)


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return dt.date(target_year, target_month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


class Ledger:
    """The book, over one store. Reading needs nothing; the first write makes this process the writer."""

    def __init__(self, store: LedgerStore):
        self.store = store

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def claim_writer(self) -> None:
        self.store.claim_writer()

    # --- writing ------------------------------------------------------------------------------

    def append(self, intake: Intake, grade: Grade, now: dt.datetime | None = None) -> LedgerEntry:
        """Write one entry and return it; it is on disk when this returns."""
        now = (now or dt.datetime.now()).astimezone()
        values = intake_values(intake, grade, now, self.store.counter)
        personal = personal_data(intake)
        try:
            with self.store.writing() as write:
                if intake.corrects_id is not None and not write.has_entry(intake.corrects_id):
                    raise LedgerError(f"corrects: there is no entry {intake.corrects_id} to correct")
                head = write.head()
                row = PersonalRow.sealed(head.last_id + 1, personal) if personal else None
                entry = sealed_entry({**values, "id": head.last_id + 1, "prev_hash": head.last_hash,
                                      "personal_commitment": row.commitment if row else None}, personal)
                write.insert(entry, row)
                write.set_head(ChainHead(entry.id, entry.entry_hash))
        except StoreWriteFailed as exc:
            # Disk full, read-only file, locked database: nothing was written.
            raise LedgerError(f"the entry was not saved: {exc}", ja=exc.ja) from None
        return entry

    def purge_candidates(self, before: dt.date, policy: Policy, today: dt.date) -> list[LedgerEntry]:
        """Entries from before ``before`` whose personal data is past retention on ``today``."""
        retention = RetentionPolicy.of(policy)
        return [entry for entry in self.store.with_personal_data_before(before)
                if retention.kept_until(entry) <= today]

    def purge(self, before: dt.date, policy: Policy, now: dt.datetime | None = None,
              erase_copies: Callable[[list[int]], object] | None = None) -> LedgerEntry | None:
        """Erase the personal data of the entries :meth:`purge_candidates` lists; append the purge entry.

        ``erase_copies(ids)`` erases what holds the same personal data outside the
        ledger (the statement PDFs). It runs before the erasure is committed: if it
        fails, the ledger is left as it was; a copy never outlives its personal row.
        """
        now = (now or dt.datetime.now()).astimezone()
        retention = RetentionPolicy.of(policy)
        try:
            with self.store.writing() as write:
                erased = [entry.id for entry in self.purge_candidates(before, policy, now.date())]
                if not erased:
                    return None
                head = write.head()
                details = {"erased": erased, "before": before.isoformat(),
                           "retention_years": retention.years,
                           "refused_unreported_months": retention.refused_unreported_months}
                entry = sealed_entry(bookkeeping_values(head.last_id + 1, EntryKind.PURGE, now, self.store.counter,
                                                        head.last_hash, details))
                write.erase_personal(erased)
                if erase_copies is not None:
                    erase_copies(erased)
                write.insert(entry, None)
                write.set_head(ChainHead(entry.id, entry.entry_hash))
        except StoreWriteFailed as exc:
            raise LedgerError(f"nothing was erased: {exc}") from None
        return entry

    # --- reading ------------------------------------------------------------------------------

    def head(self) -> LedgerEntry | None:
        """The last entry (what ``ledger head`` prints), or None while the ledger is empty."""
        head = self.store.head()
        return self.store.entry(head.last_id) if head.last_id else None

    def entry(self, entry_id: int) -> LedgerEntry | None:
        return self.store.entry(entry_id)

    def corrections_of(self, entry_id: int) -> list[LedgerEntry]:
        return self.store.corrections_of(entry_id)

    def entries_on(self, day: dt.date) -> Iterator[LedgerEntry]:
        return self.store.entries_on(day)

    def search(self, text: str, day: dt.date | None = None) -> list[LedgerEntry]:
        """Intakes whose IMEI, serial or seller name contains ``text`` (optionally on one day)."""
        return self.store.search(text, day)

    def find(self, query: SearchQuery, limit: int = SEARCH_LIMIT) -> list[LedgerEntry]:
        """Intakes by IMEI, serial or seller name over a date range (:mod:`kiosk.ledger.search`)."""
        return self.store.find(query, limit)

    def find_text(self, text: str, first: dt.date | None = None, last: dt.date | None = None,
                  limit: int = SEARCH_LIMIT) -> list[LedgerEntry]:
        """Intakes whose IMEI or serial is ``text`` or whose seller's name contains it, in id order."""
        found = {entry.id: entry for query in queries_for(text, first, last) for entry in self.find(query, limit)}
        return [found[entry_id] for entry_id in sorted(found)][:limit]

    def entries_between(self, first: dt.date, last: dt.date) -> Iterator[LedgerEntry]:
        return self.store.entries_between(first, last)

    def book_between(self, first: dt.date, last: dt.date) -> Iterator[BookEntry]:
        """The entries of these days as the book shows them (the CSV export, the book on paper)."""
        return self.store.book_between(first, last)

    def corrections_between(self, first: dt.date, last: dt.date) -> dict[int, list[int]]:
        """For each entry of these days that was corrected, the entries correcting it (the 訂正済 column)."""
        return self.store.corrections_between(first, last)

    def corrections_among(self, entries: Sequence[LedgerEntry]) -> dict[int, list[int]]:
        """:meth:`corrections_between` for a few entries, e.g. a search result."""
        found = {entry.id: [correction.id for correction in self.store.corrections_of(entry.id)]
                 for entry in entries}
        return {entry_id: ids for entry_id, ids in found.items() if ids}

    def history(self, imeis: Sequence[str], hardware_serial: str | None,
                exclude_id: int | None = None) -> list[LedgerEntry]:
        """Every earlier intake of the same phone (by IMEI or hardware serial), oldest first."""
        return [entry for entry in self.store.history(imeis, hardware_serial)
                if entry.id != exclude_id or entry.other_store is not None]

    def prior_intakes(self, imeis: Sequence[str], hardware_serial: str | None,
                      exclude_id: int | None = None) -> list[PriorIntake]:
        """:meth:`history` as grading reads it."""
        return [prior_intake(entry) for entry in self.history(imeis, hardware_serial, exclude_id)]

    def police_pending(self) -> list[LedgerEntry]:
        """Suspected stolen phones not yet reported to the police, and not settled by a correction that reports them."""
        suspected = self.store.suspected()
        reported = {entry.corrects_id for entry in suspected if entry.police_report_json is not None}
        return [entry for entry in suspected if entry.police_pending and entry.id not in reported
                and entry.corrects_id not in reported]

    # --- verify -------------------------------------------------------------------------------

    def verify(self, seal: Seal | None = None) -> VerifyResult:
        """Check the file, walk the chain and the commitments, then the seal if one is given."""
        # The engine's own checks run beside the walk; what they find comes first, as a damaged file can
        # make the walk fail or read wrong.
        damage = self.store.damage_check()
        try:
            walked = self._walk(seal)
        except LedgerError:
            if found := damage():
                return VerifyResult(False, 0, None, "; ".join(found))
            raise
        if found := damage():
            return VerifyResult(False, 0, None, "; ".join(found))
        return walked

    def _walk(self, seal: Seal | None) -> VerifyResult:
        walk = _ChainWalk(seal, self.store.entry)
        step = walk.step
        for row in self.store.chain():
            problem = step(row)
            if problem:
                return VerifyResult(False, walk.count, problem[0], problem[1])
        problem = walk.finish(self.store.head())
        if problem:
            return VerifyResult(False, walk.count, problem[0], problem[1])
        return VerifyResult(True, walk.count, erased_by_purge=walk.erased_counts())


def prior_intake(entry: LedgerEntry) -> PriorIntake:
    report = entry.police_report
    return PriorIntake(entry_id=entry.id, recorded_at=entry.recorded_at, outcome=Outcome(entry.outcome),
                       suspected_theft=bool(entry.suspected_theft), police_station=report.station if report else None,
                       matched_notice=any(reason.get("rule") == NOTICE_MATCH_RULE for reason in entry.reasons),
                       store=entry.other_store)


_INTAKE = EntryKind.INTAKE.value


class _ChainWalk:
    """One pass over the chain, keeping only what later checks need."""

    def __init__(self, seal: Seal | None, entry: Callable[[int], LedgerEntry | None]) -> None:
        self.seal = seal
        self.seal_matched = False
        self._entry = entry
        self.count = 0
        self.expected_id = 1
        self.previous = GENESIS_HASH
        self.last_legacy_hash: str | None = None
        #: Entries whose personal row is missing; a purge entry later in the chain must name each.
        self.missing_personal: set[int] = set()
        self.erased_by: dict[int, int] = {}

    def step(self, row: ChainRow) -> tuple[int, str] | None:
        """Check one entry against the one before; None when it is sound. (The hot loop of verify:
        a million entries pass here, so the common case is kept to a few comparisons.)"""
        entry_id = row.entry_id
        self.count += 1
        if entry_id != self.expected_id:
            return self.expected_id, f"entry {self.expected_id} is missing (deleted, or the entries were renumbered)"
        if sha256(row.canonical).hexdigest() != row.entry_hash:
            moved_from = self._original_id(entry_id)
            if moved_from is not None:
                return entry_id, f"entry {entry_id} holds the content of entry {moved_from} (entries reordered)"
            return entry_id, f"entry {entry_id} was changed after it was written"
        if row.prev_hash != self.previous:
            return entry_id, f"entry {entry_id} does not follow entry {entry_id - 1} (reordered or an entry removed)"
        salt = row.salt
        if salt is None:
            if row.personal_commitment is not None:
                self.missing_personal.add(entry_id)
        elif row.personal_commitment is None:
            return entry_id, f"entry {entry_id} has personal data that was added after it was written"
        elif personal_commitment(salt, row.personal_json or "") != row.personal_commitment:
            return entry_id, f"the personal data of entry {entry_id} was changed after it was written"
        if row.kind != _INTAKE or row.legacy_hash is not None:
            problem = self._bookkeeping_problem(row)
            if problem:
                return entry_id, problem
        if self.seal is not None and entry_id == self.seal.entry_id:
            if self.seal.entry_hash not in (row.entry_hash, row.legacy_hash):
                return entry_id, (f"entry {entry_id} is not the one sealed: its hash differs, so the ledger was "
                                  f"rewritten up to there")
            self.seal_matched = True
        self.expected_id, self.previous = entry_id + 1, row.entry_hash
        return None

    def _bookkeeping_problem(self, row: ChainRow) -> str | None:
        if row.kind == EntryKind.MIGRATION.value:
            anchor = _details(row).get("v1_head_hash")
            if anchor is not None and anchor != self.last_legacy_hash:
                return f"the migration entry {row.entry_id} does not match the last entry of the older ledger"
        elif row.kind == EntryKind.PURGE.value:
            for erased_id in _details(row).get("erased", []):
                if erased_id not in self.missing_personal:
                    return f"purge entry {row.entry_id} names entry {erased_id}, whose personal data is still stored"
                self.missing_personal.discard(erased_id)
                self.erased_by[erased_id] = row.entry_id
        if row.legacy_hash is not None:
            self.last_legacy_hash = row.legacy_hash
        return None

    def finish(self, head: ChainHead) -> tuple[int, str] | None:
        if (head.last_id, head.last_hash) != (self.expected_id - 1, self.previous):
            return (self.expected_id,
                    f"entry {self.expected_id} and later are missing (deleted): the ledger recorded {head.last_id} "
                    f"entries")
        if self.seal is not None and not self.seal_matched:
            return self.seal.entry_id, (f"the sealed entry {self.seal.entry_id} is not in the ledger: the ledger was "
                                        f"cut short (it ends at entry {self.expected_id - 1})")
        if self.missing_personal:
            first = min(self.missing_personal)
            return first, (f"the personal data of entry {first} is missing, and no purge erased it "
                           f"({len(self.missing_personal)} entries in all)")
        return None

    def erased_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for purge_id in self.erased_by.values():
            counts[purge_id] = counts.get(purge_id, 0) + 1
        return counts

    def _original_id(self, entry_id: int, search_span: int = 1000) -> int | None:
        """Which id a moved row was written under, if its hash says so (bounded search, only on failure)."""
        entry = self._entry(entry_id)
        if entry is None:
            return None
        hashed = list(entry.chain_values()[:-1])
        for candidate in range(max(1, entry_id - search_span), entry_id + search_span):
            hashed[0] = candidate
            if entry_hash(hashed) == entry.entry_hash:
                return candidate
        return None


def _details(row: ChainRow) -> dict[str, Any]:
    return json.loads(row.details_json) if row.details_json else {}
