"""A ledger writer in a process of its own, for the tests that kill or block it.

    python3 -m tests.faults.ledger_writer LEDGER series   # append until killed, print each saved id
    python3 -m tests.faults.ledger_writer LEDGER hold     # hold the writer lock until stdin closes

It prints ``ready`` once the ledger is open, and an entry's id only after
``append`` returned, i.e. once the entry is on disk: what the counter screen
would show as "saved".
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import open_ledger
from tests.factories import intake_json


def main(path: str, mode: str) -> None:
    ledger = open_ledger(Path(path))
    ledger.claim_writer()
    print("ready", flush=True)
    if mode == "hold":
        sys.stdin.read()
        ledger.close()
        return
    policy = Policy.load()
    number = 0
    while True:
        number += 1
        intake = intake_from_json(intake_json(**{"seller.name": f"売主 {number}"}), for_record=True)
        entry, _ = record_intake(intake, policy, ledger)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
