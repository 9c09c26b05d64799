"""The counter's two actions, shared by the CLI and the GUI: grade an intake, record it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from kiosk.grading import Grade, NoticeHit, Policy, PriorIntake, grade
from kiosk.hotlist import PhoneIdentity, check_phone
from kiosk.intake import Intake, IntakeError
from kiosk.ledger import Ledger, LedgerEntry
from kiosk.pricing import PriceTable, check_override, price_intake


def phone_history(intake: Intake, ledger: Ledger) -> list[PriorIntake]:
    """Every earlier intake of this phone, by IMEI or hardware serial (a correction ignores its original)."""
    device = intake.device
    return ledger.prior_intakes(device.imei, device.hardware_serial, exclude_id=intake.corrects_id)


def notice_hits(intake: Intake, ledger: Ledger, today: dt.date | None = None) -> list[NoticeHit]:
    """The active 品触れ items this phone matches (古物営業法 §19: every intake is checked)."""
    matches = check_phone(ledger, PhoneIdentity.of_intake(intake), today or dt.date.today())
    return [match.as_hit() for match in matches]


def grade_intake(intake: Intake, policy: Policy, ledger: Ledger, today: dt.date | None = None) -> Grade:
    """Grade against the ledger's history of the same phone and the 品触れ register."""
    today = today or dt.date.today()
    return grade(intake, policy, phone_history(intake, ledger), today, notice_hits(intake, ledger, today))


def grade_with_history(intake: Intake, policy: Policy, history: Sequence[PriorIntake],
                       today: dt.date | None = None, notices: Sequence[NoticeHit] = ()) -> Grade:
    """Grade with a history and notice matches already read (the GUI reads them once per phone, off its own
    thread)."""
    return grade(intake, policy, history, today or dt.date.today(), notices)


def record_intake(intake: Intake, policy: Policy, ledger: Ledger,
                  prices: PriceTable | None = None) -> tuple[LedgerEntry, Grade]:
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
