"""Fields for a date and an amount of yen that take what staff type, the way they type it.

Qt's date and spin boxes fight the keyboard: a date edit sitting on its "not
entered" value drops typed digits, and a spin box showing its special text
ignores a price typed over it. These are plain line edits that read the text.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QLineEdit, QWidget

#: 19850412, 1985-04-12, 1985/4/12, 1985.4.12 (full-width digits are folded first).
_DATE = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．，", "0123456789-/.,")


def parse_typed_date(text: str) -> dt.date | None:
    """The date typed, or None when the text is not a date."""
    text = text.strip().translate(_FULL_WIDTH)
    # Eight digits in a row are always year, month, day; the separators make the rest unambiguous.
    match = _DATE.match(text)
    if match is None or (text.isdigit() and len(text) != 8):
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_typed_yen(text: str) -> int | None:
    """Whole yen typed with or without separators, a ¥ or 円; None when it is not that."""
    text = text.strip().translate(_FULL_WIDTH).replace(",", "").removeprefix("¥").removesuffix("円").strip()
    return int(text) if text.isdigit() else None


class DateField(QLineEdit):
    """A date typed as 19850412 or 1985-04-12; empty means not entered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMaxLength(12)
        self.setPlaceholderText("19850412")
        # Shown in one form once it is complete, so staff see how it was read.
        self.editingFinished.connect(self._normalise)

    def date(self) -> dt.date | None:
        return parse_typed_date(self.text())

    def is_empty(self) -> bool:
        return not self.text().strip()

    def set_date(self, date: dt.date | None) -> None:
        self.setText(date.isoformat() if date else "")

    def _normalise(self) -> None:
        date = self.date()
        if date is not None and self.text() != date.isoformat():
            self.setText(date.isoformat())


class YenField(QLineEdit):
    """An amount of whole yen; empty stands for "no price"."""

    def __init__(self, maximum: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._maximum = maximum
        self.setMaxLength(len(f"{maximum:,}") + 1)
        self.editingFinished.connect(self._normalise)

    def value(self) -> int | None:
        """The amount, or None when empty, not a number or above the maximum."""
        value = parse_typed_yen(self.text())
        return value if value is not None and value <= self._maximum else None

    def is_valid(self) -> bool:
        return not self.text().strip() or self.value() is not None

    def setValue(self, value: int | None) -> None:
        self.setText(f"{value:,}" if value else "")

    def _normalise(self) -> None:
        value = self.value()
        if value is not None:
            self.setValue(value)
