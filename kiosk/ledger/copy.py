"""Move a ledger into another, empty one: a single counter's SQLite file into its store on a shared server.

Entries are copied exactly as stored (ids, hashes, counters, commitments) with their
personal rows, so the chain and every seal written down before stay valid. Both
sides are verified: the source before anything is written, the target after the
one transaction that writes it all. A target that already holds entries is
refused, so the copy cannot run twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.ledger.chain import Ledger, VerifyResult
from kiosk.ledger.entry import GENESIS_HASH
from kiosk.ledger.storage import ChainHead, LedgerError, StoreWriteFailed


@dataclass(frozen=True)
class CopyResult:
    entries: int
    head: ChainHead
    source: VerifyResult
    target: VerifyResult


def copy_ledger(source: Ledger, target: Ledger) -> CopyResult:
    """Copy every entry of ``source`` into the empty ``target``; raise LedgerError and write nothing otherwise."""
    checked = source.verify()
    if not checked.ok:
        raise LedgerError(f"{source.store.location} is not intact, so it is not copied: {checked.problem}")
    head = source.store.head()
    if head.last_id == 0:
        raise LedgerError(f"{source.store.location} holds no entries; there is nothing to copy")
    try:
        with target.store.writing() as write:
            if write.head() != ChainHead(0, GENESIS_HASH):
                raise LedgerError(
                    f"{target.store.location} already holds {write.head().last_id} entries; a ledger is copied "
                    f"only into an empty store (was it copied already?). Nothing was written")
            for entry, personal in source.store.rows():
                write.insert(entry, personal)
            write.set_head(head)
    except StoreWriteFailed as exc:
        raise LedgerError(f"nothing was copied: {exc}") from None
    copied = target.verify()
    if not copied.ok or target.store.head() != head:
        problem = copied.problem or "its last entry differs from the source's"
        raise LedgerError(f"the copy in {target.store.location} does not verify: {problem}")
    return CopyResult(head.last_id, head, checked, copied)
