"""The price: the table's suggestion with its breakdown, the shop's own deductions, and an override with its reason.

The box keeps one height whatever it shows: the suggestion, its breakdown and
the deductions scroll inside an area of fixed height, and the override's
reason keeps its place while it is hidden.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from kiosk.pricing import MAX_PRICE_YEN, PriceSuggestion
from ui.i18n import in_current_language
from ui.typed_fields import YenField
from ui.widgets import Retranslating, set_tone, text_height

#: Lines of text the suggestion's area shows without scrolling: the price, its breakdown, the deductions.
BREAKDOWN_LINES = 4


class PriceBox(Retranslating, QGroupBox):
    """Shows a :class:`PriceSuggestion` and takes the price staff settle on.

    The suggestion fills the price until staff type one of their own; a typed
    price that differs from the suggestion asks for the reason.
    """

    changed = Signal()  # a deduction was ticked: the suggestion must be worked out again

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("priceBox")
        self._suggestion: PriceSuggestion | None = None
        #: The price this box last filled in from the table (a different value was typed or set).
        self._filled_yen: int | None = None
        breakdown = QWidget()
        self.suggestion = QLabel(breakdown)
        self.suggestion.setObjectName("priceSuggestion")
        self.suggestion.setWordWrap(True)
        self.deductions: dict[str, QCheckBox] = {}
        # Two to a row when they fit: each line here is one less line of the breakdown in view.
        self._deduction_grid = QGridLayout()
        self._deduction_grid.setContentsMargins(0, 0, 0, 0)
        self._deduction_grid.setSpacing(0)
        breakdown_layout = QVBoxLayout(breakdown)
        breakdown_layout.setContentsMargins(0, 0, 4, 0)
        breakdown_layout.setSpacing(2)
        breakdown_layout.addWidget(self.suggestion)
        breakdown_layout.addLayout(self._deduction_grid)
        breakdown_layout.addStretch(1)
        self.breakdown_area = QScrollArea()
        self.breakdown_area.setObjectName("priceBreakdown")
        self.breakdown_area.setWidgetResizable(True)
        self.breakdown_area.setFrameShape(QFrame.Shape.NoFrame)
        self.breakdown_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.breakdown_area.setWidget(breakdown)
        self.breakdown_area.setFixedHeight(text_height(self.suggestion, BREAKDOWN_LINES) + 4)
        self.price = YenField(MAX_PRICE_YEN)
        self._price_unit = QLabel()
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(200)
        # Hidden until the price differs from the table, in a place kept free for it.
        policy = self.override_reason.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.override_reason.setSizePolicy(policy)
        self.price.setFixedWidth(QFontMetrics(self.font()).horizontalAdvance("0" * 12) + 12)
        price_row = QHBoxLayout()
        price_row.setContentsMargins(0, 0, 0, 0)
        price_row.addWidget(self.price)
        price_row.addWidget(self._price_unit)
        price_row.addWidget(self.override_reason, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        layout.addWidget(self.breakdown_area)
        layout.addLayout(price_row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.price.textEdited.connect(self._show_override)
        self.retranslate()
        self._show_override()

    # -- values ---------------------------------------------------------------------------

    def ticked_deductions(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.deductions.items() if box.isChecked())

    def override_reason_text(self) -> str | None:
        """The reason, when the price differs from the suggestion."""
        return self.override_reason.text().strip() or None if self.is_override() else None

    def is_override(self) -> bool:
        suggested = self._suggestion.price_yen if self._suggestion else None
        return suggested is not None and self.price.value() is not None and self.price.value() != suggested

    def set_price(self, yen: int | None) -> None:
        """A price from elsewhere (a ledger entry being corrected): it stays, as if typed."""
        self._filled_yen = None
        self.price.setValue(yen)
        self._show_override()

    # -- display --------------------------------------------------------------------------

    def show_suggestion(self, suggestion: PriceSuggestion) -> None:
        self._suggestion = suggestion
        self._show_deductions(suggestion)
        # The table's price replaces an empty field or its own earlier price, never one staff typed.
        typed = self.price.text().strip()
        if not typed or (self._filled_yen is not None and self.price.value() == self._filled_yen):
            self.price.setValue(suggestion.price_yen)
            self._filled_yen = suggestion.price_yen
        self._show_suggestion()
        self._show_override()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Price"))
        self._price_unit.setText(self.tr("yen"))
        self.price.setPlaceholderText(self.tr("no purchase"))
        self.override_reason.setPlaceholderText(self.tr("Why not the table's price"))
        self.override_reason.setToolTip(self.tr("e.g. scratches on the screen"))
        self._show_suggestion()

    def _show_suggestion(self) -> None:
        suggestion = self._suggestion
        if suggestion is None:
            self.suggestion.clear()
            return
        if suggestion.price_yen is None:
            _code, ja, en = suggestion.missing
            self.suggestion.setText(html.escape(in_current_language(ja, en)))
            set_tone(self.suggestion, "unknown")
            return
        lines = "".join(
            f"<tr><td>{html.escape(in_current_language(line.ja, line.en))}</td>"
            f'<td align="right">{line.yen:+,}</td></tr>' for line in suggestion.lines)
        self.suggestion.setText(
            "<b>" + html.escape(self.tr("Table price: {price} yen").format(price=f"{suggestion.price_yen:,}"))
            + f'</b><table width="100%">{lines}</table>')
        set_tone(self.suggestion, "")

    def _show_deductions(self, suggestion: PriceSuggestion) -> None:
        names = [deduction.name for deduction in suggestion.named_deductions]
        if names == list(self.deductions):
            return
        ticked = set(self.ticked_deductions())
        for box in self.deductions.values():
            self._deduction_grid.removeWidget(box)
            box.deleteLater()
        self.deductions = {}
        boxes = [QCheckBox(name, self.breakdown_area.widget()) for name in names]
        half = (self.breakdown_area.viewport().width() or self.breakdown_area.width()) // 2
        columns = 2 if all(box.sizeHint().width() <= half for box in boxes) else 1
        for index, box in enumerate(boxes):
            box.setChecked(box.text() in ticked)
            box.toggled.connect(self.changed)
            self._deduction_grid.addWidget(box, index // columns, index % columns)
            self.deductions[box.text()] = box

    def _show_override(self) -> None:
        self.override_reason.setVisible(self.is_override())
