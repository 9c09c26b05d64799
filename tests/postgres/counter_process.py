"""One counter PC in a process of its own, recording into a shared ledger.

    python3 -m tests.postgres.counter_process URL STORE COUNTER COUNT

Records COUNT intakes (each a phone of its own). It prints ``ready`` once the
ledger is open, and ``saved ID`` only after ``append`` returned, i.e. once the
server committed the entry: what the counter screen would show as 保存しました.
A failed save prints ``failed`` with the message and is tried again, as staff
would, until COUNT entries are saved.
"""

from __future__ import annotations

import sys
import time

from kiosk.counter import record_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import LedgerError
from kiosk.ledger.location import LedgerLocation
from tests.factories import intake_json


def main(url: str, store: str, counter: str, count: int) -> None:
    ledger = LedgerLocation(url=url, store=store, counter=counter).open()
    ledger.claim_writer()
    policy = Policy.load()
    print("ready", flush=True)
    saved = 0
    while saved < count:
        serial = f"{store}{counter}{saved:06d}"
        intake = intake_from_json(intake_json(**{"device.hardware_serial": serial, "device.imei": [], "price_yen": ...,
                                                 "seller.name": f"売主 {counter} {saved}"}), for_record=True)
        try:
            entry, _ = record_intake(intake, policy, ledger)
        except LedgerError as exc:
            print(f"failed {exc}", flush=True)
            time.sleep(0.05)
            continue
        saved += 1
        print(f"saved {entry.id}", flush=True)
    ledger.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
