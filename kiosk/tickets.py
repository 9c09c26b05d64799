"""Tickets from the customer screen: what a customer declared, waiting for the counter.

The queue lives in memory in the counter's process, next to the customer
screen that fills it (see ``ui/customer``). Nothing here is written to disk: a
ticket holds a customer's own answers and perhaps a phone number, which the
shop needs only until a technician has picked the ticket up. If the app stops,
the customer still holds the number and tells it at the counter.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, fields

from kiosk.intake import Condition


class PhoneKind(str, enum.Enum):
    """What the customer says they are selling."""

    IPHONE = "iphone"
    ANDROID = "android"
    OTHER = "other"  # a tablet, a feature phone...


#: The checklist items a customer answers, in the order they are asked. The rest
#: of the checklist (a swollen battery, the cosmetic rank) needs a trained eye.
DECLARED_CONDITIONS = ("powers_on", "screen_cracked", "back_cracked", "water_damage", "frame_bent")

#: Japanese phone numbers without hyphens: 10 digits (landline) or 11 (mobile, 050).
CALLBACK_PHONE_LENGTHS = (10, 11)
#: Numbers cycle through 1..999, so a ticket number always fits the screen in three digits.
LAST_TICKET_NUMBER = 999


def is_callback_phone(digits: str) -> bool:
    """A domestic phone number as typed on the keypad: ASCII digits, a leading 0, 10 or 11 long."""
    return digits.isascii() and digits.isdigit() and digits.startswith("0") and len(digits) in CALLBACK_PHONE_LENGTHS


@dataclass(frozen=True)
class Declaration:
    """A customer's own answers: a hint for the technician, never a checked value.

    ``condition`` holds only :data:`DECLARED_CONDITIONS`; ``None`` means the
    customer was not sure.
    """

    kind: PhoneKind
    condition: Condition
    callback_phone: str | None = None

    def __post_init__(self) -> None:
        undeclared = [f.name for f in fields(Condition)
                      if f.name not in DECLARED_CONDITIONS and getattr(self.condition, f.name) is not None]
        if undeclared:
            raise ValueError(f"a customer does not declare {', '.join(undeclared)}")
        if self.callback_phone is not None and not is_callback_phone(self.callback_phone):
            raise ValueError("callback_phone: expected 10 or 11 digits starting with 0")


@dataclass(frozen=True)
class Ticket:
    number: int
    issued_at: dt.datetime
    declaration: Declaration

    @property
    def label(self) -> str:
        """The number as shown and called out: three digits."""
        return f"{self.number:03d}"


class TicketQueue:
    """Tickets waiting for the counter, oldest first."""

    def __init__(self) -> None:
        self._waiting: dict[int, Ticket] = {}
        self._last_number = 0

    def issue(self, declaration: Declaration, now: dt.datetime | None = None) -> Ticket:
        number = self._next_number()
        ticket = Ticket(number, now or dt.datetime.now().astimezone(), declaration)
        self._waiting[number] = ticket
        self._last_number = number
        return ticket

    def waiting(self) -> list[Ticket]:
        return list(self._waiting.values())

    def take(self, number: int) -> Ticket:
        """Remove a ticket from the queue: the counter has picked it up."""
        return self._waiting.pop(number)

    def _next_number(self) -> int:
        if len(self._waiting) >= LAST_TICKET_NUMBER:
            raise RuntimeError("every ticket number is waiting at the counter")
        number = self._last_number
        while True:
            number = number % LAST_TICKET_NUMBER + 1
            if number not in self._waiting:
                return number
