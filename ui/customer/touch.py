"""Touch targets measured in millimetres, not pixels.

A fingertip needs about 9 mm whatever the screen; the pixels that makes
depend on the screen's logical DPI, so every button of the customer screen
works out its minimum size from the screen it is on.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QPushButton, QWidget

TOUCH_TARGET_MM = 9.0
MM_PER_INCH = 25.4


def millimetres(widget: QWidget, mm: float) -> int:
    """Pixels (logical) that make ``mm`` on the widget's screen, rounded up."""
    return math.ceil(mm * max(widget.logicalDpiX(), widget.logicalDpiY()) / MM_PER_INCH)


class TouchButton(QPushButton):
    """A push button never smaller than a fingertip, with no hover-only hint (no tooltip)."""

    def __init__(self, object_name: str = "touchButton", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.fit_screen()

    def fit_screen(self) -> None:
        side = millimetres(self, TOUCH_TARGET_MM)
        self.setMinimumSize(side, side)
