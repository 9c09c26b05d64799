"""A customer at the customer screen, by touch: each step is a tap on a visible, enabled button.

Shared by the GUI tests and the screenshot script, which also counts the taps.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from kiosk.tickets import PhoneKind
from ui.customer.pages import NOT_SURE
from ui.customer.window import CustomerWindow
from ui.i18n import Language

#: Answers to the condition questions: a cracked screen, not sure about water.
ANSWERS = {"powers_on": True, "screen_cracked": True, "back_cracked": False, "water_damage": NOT_SURE,
           "frame_bent": False}


class Finger:
    """Taps buttons the way a customer can: only what is on screen and enabled."""

    def __init__(self) -> None:
        self.taps = 0

    def tap(self, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be tapped"
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.taps += 1

    def type_digits(self, keypad, digits: str) -> None:
        for digit in digits:
            self.tap(keypad.digit_buttons[digit])


def answer_questions(finger: Finger, screen: CustomerWindow, language: Language = Language.JAPANESE,
                     kind: PhoneKind = PhoneKind.IPHONE) -> None:
    """From the first screen to "before you sell"."""
    finger.tap(screen.language_page.buttons[language])
    finger.tap(screen.kind_page.choice.buttons[kind])
    for page in screen.question_pages:
        assert screen.current_page() is page
        finger.tap(page.choice.buttons[ANSWERS[page.name]])
    assert screen.current_page() is screen.before_page


def walk_to_ticket(finger: Finger, screen: CustomerWindow, callback_phone: str = "", **choices) -> None:
    """The whole flow, with or without a callback number, ending on the ticket."""
    answer_questions(finger, screen, **choices)
    finger.tap(screen.before_page.next_button)
    finger.type_digits(screen.contact_page.keypad, callback_phone)
    finger.tap(screen.contact_page.next_button)
    finger.tap(screen.consent_page.next_button)
    assert screen.current_page() is screen.ticket_page


def sign(pad, strokes: int = 2) -> None:
    """Write a scrawl on the pad with the mouse, as a hand would: loops (a prolate cycloid) left to right,
    each stroke a word; the last one a little lower."""
    width, height = pad.width(), pad.height()
    for number in range(strokes):
        left, base = width * (0.08 + 0.45 * number), height * (0.5 + 0.08 * number)
        points = [QPoint(int(left + width * (0.009 * t - 0.012 * math.sin(t))),
                         int(base - height * (0.1 * math.cos(t) + 0.004 * t)))
                  for t in (step / 2.2 for step in range(60))]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for point in points[1:]:
            QTest.mouseMove(pad, point)
        QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
