"""The customer screen's tickets: numbered in turn, taken by the counter, holding declarations only."""

import pytest

from kiosk.intake import Condition, Wear
from kiosk.tickets import LAST_TICKET_NUMBER, Declaration, PhoneKind, TicketQueue


def declaration(**condition):
    return Declaration(PhoneKind.IPHONE, Condition(**condition))


def test_tickets_are_numbered_in_turn_and_wait_until_taken():
    queue = TicketQueue()
    first, second = queue.issue(declaration(powers_on=True)), queue.issue(declaration())
    assert (first.number, second.number, first.label) == (1, 2, "001")
    assert queue.take(1) is first
    assert queue.waiting() == [second]
    with pytest.raises(KeyError):
        queue.take(1)


def test_numbers_wrap_round_and_skip_tickets_still_waiting():
    queue = TicketQueue()
    for _ in range(LAST_TICKET_NUMBER):
        queue.issue(declaration())
    for number in range(2, LAST_TICKET_NUMBER + 1):
        queue.take(number)
    assert queue.issue(declaration()).number == 2


def test_a_customer_declares_only_what_they_can_see():
    with pytest.raises(ValueError, match="wear"):
        declaration(wear=Wear.S)
    with pytest.raises(ValueError, match="battery_swollen"):
        declaration(battery_swollen=False)


@pytest.mark.parametrize("phone, valid", [("09012345678", True), ("0312345678", True), ("9012345678", False),
                                          ("090123456789", False), ("０９０12345678", False)])
def test_a_callback_phone_is_a_domestic_number(phone, valid):
    if valid:
        assert Declaration(PhoneKind.ANDROID, Condition(), phone).callback_phone == phone
    else:
        with pytest.raises(ValueError, match="callback_phone"):
            Declaration(PhoneKind.ANDROID, Condition(), phone)
