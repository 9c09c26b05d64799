"""品触れ (stolen-goods notices) as the ledger database keeps them (古物営業法 §19, DESIGN §10).

A notice is kept with the date the shop received it, the issuing station, its
number and its items. Notices are never changed or deleted: §19 asks for 6
months, the register keeps them for good, and an expired one stays readable.
Reading, parsing and checking against them is :mod:`kiosk.hotlist`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: A notice is checked against for this long from its receipt (§19: kept 6 months).
ACTIVE_MONTHS = 6


@dataclass(frozen=True)
class NoticeItem:
    """One stolen item as the notice describes it; any field may be missing but not all."""

    imei: str | None = None
    serial: str | None = None
    model: str | None = None
    colour: str | None = None
    features: str | None = None

    def describe_ja(self) -> str:
        parts = [
            f"IMEI {self.imei}" if self.imei else None,
            f"製造番号 {self.serial}" if self.serial else None,
            self.model, self.colour, self.features,
        ]
        return " / ".join(part for part in parts if part)

    def describe_en(self) -> str:
        parts = [
            f"IMEI {self.imei}" if self.imei else None,
            f"serial {self.serial}" if self.serial else None,
            self.model, self.colour, self.features,
        ]
        return " / ".join(part for part in parts if part)


@dataclass(frozen=True)
class NoticeDraft:
    """A notice as entered or imported, before the register gives it a number."""

    received_on: dt.date
    station: str
    number: str
    items: tuple[NoticeItem, ...]


@dataclass(frozen=True)
class Notice:
    """A notice in the register."""

    id: int
    received_on: dt.date
    station: str
    number: str
    recorded_at: str
    items: tuple[NoticeItem, ...]

    @property
    def active_until(self) -> dt.date:
        """The last day intakes are checked against it: 6 months after its receipt."""
        return months_after(self.received_on, ACTIVE_MONTHS)

    def is_active(self, today: dt.date) -> bool:
        return self.received_on <= today <= self.active_until

    @property
    def label_ja(self) -> str:
        return f"{self.station} 第{self.number}号({self.received_on.isoformat()}受理)"

    @property
    def label_en(self) -> str:
        return f"{self.station} notice {self.number} (received {self.received_on.isoformat()})"


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it has fewer days)."""
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    for last_day in (31, 30, 29, 28):
        try:
            return dt.date(target_year, target_month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def received_since(today: dt.date) -> dt.date:
    """A receipt date no notice active on ``today`` is older than (a bound for a query; check
    :meth:`Notice.is_active` on what it finds)."""
    return months_after(today, -ACTIVE_MONTHS) - dt.timedelta(days=3)
