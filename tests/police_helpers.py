"""Entries recorded on given days, as the counter would have recorded them then."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.counter import grade_intake
from kiosk.grading import Policy
from kiosk.intake import intake_from_json
from kiosk.ledger import Ledger, LedgerEntry
from tests.factories import intake_json


def record_on(ledger: Ledger, day: dt.date, hour: int = 11, **changes: Any) -> LedgerEntry:
    """Grade an intake as on ``day`` (history and the notices active then) and append it with that date."""
    intake = intake_from_json(intake_json(**changes), for_record=True)
    result = grade_intake(intake, Policy.load(), ledger, day)
    if not result.outcome.is_purchase:
        intake = intake_from_json(intake_json(**{**changes, "price_yen": ...}), for_record=True)
    return ledger.append(intake, result, now=dt.datetime.combine(day, dt.time(hour, 0)))
