"""The price: the table's suggestion with its breakdown, the shop's own deductions, and an override with its reason."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.pricing import MAX_PRICE_YEN, PriceSuggestion
from ui.i18n import in_current_language
from ui.typed_fields import YenField
from ui.widgets import Retranslating, set_tone


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
        self.suggestion = QLabel()
        self.suggestion.setObjectName("priceSuggestion")
        self.suggestion.setWordWrap(True)
        self.deductions: dict[str, QCheckBox] = {}
        self._deduction_row = QHBoxLayout()
        self.price = YenField(MAX_PRICE_YEN)
        self._price_unit = QLabel()
        self.override_reason = QLineEdit()
        self.override_reason.setMaxLength(200)
        self._reason_caption = QLabel()
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.price, 0, 0)
        grid.addWidget(self._price_unit, 0, 1)
        grid.addWidget(self._reason_caption, 1, 0, 1, 2)
        grid.addWidget(self.override_reason, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        layout.addWidget(self.suggestion)
        layout.addLayout(self._deduction_row)
        layout.addLayout(grid)
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
        self._reason_caption.setText(self.tr("Why the price differs from the table"))
        self.override_reason.setPlaceholderText(self.tr("e.g. scratches on the screen"))
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
            box.deleteLater()
        self.deductions = {}
        for name in names:
            box = QCheckBox(name, self)
            box.setChecked(name in ticked)
            box.toggled.connect(self.changed)
            self._deduction_row.addWidget(box)
            self.deductions[name] = box

    def _show_override(self) -> None:
        override = self.is_override()
        self._reason_caption.setVisible(override)
        self.override_reason.setVisible(override)
