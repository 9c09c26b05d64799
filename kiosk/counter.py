"""The counter's two actions, shared by the CLI and the GUI: grade an intake, record it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kiosk.grading import Grade, Policy, grade
from kiosk.intake import Intake, IntakeError
from kiosk.ledger import Ledger
from kiosk.pricing import PriceTable, check_override, price_intake


def grade_intake(intake: Intake, policy: Policy, ledger: Ledger, today: dt.date | None = None) -> Grade:
    """Grade against the ledger's history of the same IMEI (a correction ignores its original)."""
    last = ledger.last_intake(intake.device.imei, exclude_id=intake.corrects_id)
    return grade(intake, policy, last, today or dt.date.today())


def record_intake(intake: Intake, policy: Policy, ledger: Ledger,
                  prices: PriceTable | None = None) -> tuple[dict[str, Any], Grade]:
    """Grade and append one entry; return the stored entry (on disk) and its grade.

    With a price table, a price other than the table's suggestion needs a reason,
    and the entry records the table's version.
    """
    now = dt.datetime.now().astimezone()
    result = grade_intake(intake, policy, ledger, now.date())
    if intake.price_yen is not None and not result.outcome.is_purchase:
        raise IntakeError(
            f"price_yen: the outcome is {result.outcome.value}, so the shop does not buy this phone; leave the price out"
        )
    if prices is not None:
        check_override(price_intake(prices, intake, result), intake.price_yen, intake.price_override_reason)
        intake = dataclasses.replace(intake, price_table_version=prices.version)
    return ledger.append(intake, result, now=now), result
