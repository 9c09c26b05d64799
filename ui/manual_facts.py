"""What staff enter when the phone cannot tell: the model from the catalogue, the IMEI typed or scanned, the serial.

A USB barcode scanner is a keyboard: it types the digits and presses Enter,
so the IMEI field checks the number on Enter and moves on to the next one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from device_probes.facts import DeviceFacts, checked_imei
from kiosk.catalogue import CatalogueModel, search
from ui.widgets import Retranslating, set_tone

RESULTS_SHOWN = 6


def needs_staff_facts(facts: DeviceFacts) -> bool:
    """The phone did not give what the ledger needs: its model or a valid IMEI."""
    return not (facts.model_name or facts.model_code) or not facts.imei or facts.has_invalid_imei()


class ManualFacts(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("manualFacts")
        self._model: CatalogueModel | None = None
        self.model_search = QLineEdit()
        self.model_search.setMaxLength(60)
        self.results = QListWidget()
        self.results.setMaximumHeight(RESULTS_SHOWN * 22)
        self.results.hide()
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.imei_fields = [QLineEdit(), QLineEdit()]
        for field in self.imei_fields:
            field.setMaxLength(20)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.hardware_serial = QLineEdit()
        self.hardware_serial.setMaxLength(64)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        self._captions = [QLabel() for _ in range(4)]
        model_column = QVBoxLayout()
        model_column.setSpacing(2)
        model_column.addWidget(self.model_search)
        model_column.addWidget(self.results)
        model_column.addWidget(self.chosen)
        form = QFormLayout(self)
        form.addRow(self._captions[0], model_column)
        form.addRow(self._captions[1], self.imei_fields[0])
        form.addRow(self._captions[2], self.imei_fields[1])
        form.addRow(self._captions[3], self.hardware_serial)
        form.addRow(self.problem)

        self.model_search.textEdited.connect(self._search)
        self.model_search.returnPressed.connect(self._pick_first)
        self.results.itemActivated.connect(self._picked)
        self.results.itemClicked.connect(self._picked)
        self.imei_fields[0].returnPressed.connect(lambda: self._imei_entered(0))
        self.imei_fields[1].returnPressed.connect(lambda: self._imei_entered(1))
        for field in self.imei_fields:
            field.editingFinished.connect(self._show_imei_problem)
            field.textEdited.connect(self._imei_edited)
        self.hardware_serial.textEdited.connect(self.changed)
        self.retranslate()

    # -- values ---------------------------------------------------------------------------

    def model(self) -> CatalogueModel | None:
        return self._model

    def choose(self, model: CatalogueModel) -> None:
        self._model = model
        self.results.hide()
        self.model_search.clear()
        self._show_chosen()
        self.changed.emit()

    def imeis(self) -> list[str]:
        """The IMEIs typed or scanned whose check digit holds."""
        valid = [checked_imei(field.text())[0] for field in self.imei_fields if field.text().strip()]
        return [imei for imei in valid if imei]

    def serial(self) -> str | None:
        return self.hardware_serial.text().strip() or None

    # -- display ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Entered by staff (the phone could not tell)"))
        for caption, text in zip(self._captions, (self.tr("Model"), self.tr("IMEI 1"), self.tr("IMEI 2"),
                                                  self.tr("Serial number"))):
            caption.setText(text)
        self.model_search.setPlaceholderText(self.tr("Search by name or model code"))
        self.imei_fields[0].setPlaceholderText(self.tr("Type or scan (15 digits)"))
        self.imei_fields[1].setPlaceholderText(self.tr("Dual-SIM phones only"))
        self._show_chosen()
        if self.problem.isVisible():
            self._show_imei_problem()

    def _show_chosen(self) -> None:
        model = self._model
        if model is None:
            self.chosen.setText(self.tr("No model chosen"))
            set_tone(self.chosen, "unknown")
        else:
            self.chosen.setText(f"{model.manufacturer} {model.model_name} ({', '.join(model.codes)})")
            set_tone(self.chosen, "info")

    def _search(self, text: str) -> None:
        self.results.clear()
        for model in search(text, RESULTS_SHOWN):
            item = QListWidgetItem(f"{model.model_name}  ({', '.join(model.codes)})")
            item.setData(Qt.ItemDataRole.UserRole, model)
            self.results.addItem(item)
        if text.strip() and not self.results.count():
            self.results.addItem(self.tr("No model matches “{text}”").format(text=text.strip()))
        self.results.setVisible(bool(text.strip()))

    def _pick_first(self) -> None:
        if self.results.count() and self.results.item(0).data(Qt.ItemDataRole.UserRole) is not None:
            self._picked(self.results.item(0))

    def _picked(self, item: QListWidgetItem) -> None:
        model = item.data(Qt.ItemDataRole.UserRole)
        if model is not None:
            self.choose(model)

    def _imei_entered(self, index: int) -> None:
        """Enter, from the keyboard or the scanner: check the number and go on."""
        if self._show_imei_problem() and index == 0:
            self.imei_fields[1].setFocus()

    def _imei_edited(self) -> None:
        self.problem.hide()
        self.changed.emit()

    def _show_imei_problem(self) -> bool:
        """Say which IMEI fails its check digit; True when every one typed holds."""
        for number, field in enumerate(self.imei_fields, start=1):
            text = field.text().strip()
            if text and checked_imei(text)[0] is None:
                self.problem.setText(self.tr("Not a valid IMEI in IMEI {number}: {text} (it must be 15 digits with "
                                             "a correct check digit). Type or scan it again.").format(
                                                 number=number, text=text))
                set_tone(self.problem, "bad")
                self.problem.show()
                return False
        self.problem.hide()
        return True
