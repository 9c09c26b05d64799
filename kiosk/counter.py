"""The counter's two actions, shared by the CLI and the GUI: grade an intake, record it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.grading import Grade, Policy, grade
from kiosk.intake import Intake, IntakeError
from kiosk.ledger import Ledger


def grade_intake(intake: Intake, policy: Policy, ledger: Ledger, today: dt.date | None = None) -> Grade:
    """Grade against the ledger's history of the same IMEI (a correction ignores its original)."""
    last = ledger.last_intake(intake.device.imei, exclude_id=intake.corrects_id)
    return grade(intake, policy, last, today or dt.date.today())


def record_intake(intake: Intake, policy: Policy, ledger: Ledger) -> tuple[dict[str, Any], Grade]:
    """Grade and append one entry; return the stored entry (on disk) and its grade."""
    now = dt.datetime.now().astimezone()
    result = grade_intake(intake, policy, ledger, now.date())
    if intake.price_yen is not None and not result.outcome.is_purchase:
        raise IntakeError(
            f"price_yen: the outcome is {result.outcome.value}, so the shop does not buy this phone; leave the price out"
        )
    return ledger.append(intake, result, now=now), result
