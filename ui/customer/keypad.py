"""A big numeric keypad: the customer screen has no keyboard, and a phone-style
keypad is what everyone knows for numbers."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from ui.customer.language import CustomerLanguage
from ui.customer.touch import TouchButton

LAYOUT = ("123", "456", "789")


class NumericKeypad(QWidget):
    """Digits 0-9, "delete the last digit" and "clear"; holds up to ``max_digits`` digits."""

    changed = Signal(str)

    def __init__(self, words: CustomerLanguage, max_digits: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._words = words
        self._max_digits = max_digits
        self._digits = ""
        self.digit_buttons: dict[str, TouchButton] = {}
        grid = QGridLayout(self)
        for row, digits in enumerate(LAYOUT):
            for column, digit in enumerate(digits):
                grid.addWidget(self._digit_button(digit), row, column)
        self.clear_button = TouchButton("keypadButton")
        self.clear_button.clicked.connect(self.clear)
        self.delete_button = TouchButton("keypadButton")
        self.delete_button.clicked.connect(self._delete)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit_button("0"), 3, 1)
        grid.addWidget(self.delete_button, 3, 2)
        self.retranslate()

    @property
    def digits(self) -> str:
        return self._digits

    def clear(self) -> None:
        self._set("")

    def retranslate(self) -> None:
        self.clear_button.setText(self._words.translate("CustomerScreen", "Clear"))
        self.delete_button.setText(self._words.translate("CustomerScreen", "Delete"))

    def _digit_button(self, digit: str) -> TouchButton:
        button = TouchButton("keypadButton")
        button.setText(digit)
        button.clicked.connect(lambda: self._type(digit))
        self.digit_buttons[digit] = button
        return button

    def _type(self, digit: str) -> None:
        if len(self._digits) < self._max_digits:
            self._set(self._digits + digit)

    def _delete(self) -> None:
        self._set(self._digits[:-1])

    def _set(self, digits: str) -> None:
        self._digits = digits
        self.changed.emit(digits)
