"""The shop's settings dialog, and choosing who works the counter this shift."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from kiosk.settings import SettingsError, ShopSettings
from ui.widgets import Retranslating, set_tone


class ShopSettingsDialog(Retranslating, QDialog):
    """Edit the shop's name, address, 古物商許可 and phone, and the staff list; saved on OK."""

    saved = Signal(object)  # ShopSettings

    def __init__(self, settings: ShopSettings, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shopSettingsDialog")
        self._data_dir = data_dir
        self.fields = {name: QLineEdit(getattr(settings, name)) for name in
                       ("name", "address", "licence_commission", "licence_number", "phone")}
        self.fields["licence_commission"].setPlaceholderText("東京都公安委員会")
        self.fields["licence_number"].setPlaceholderText("301234567890")
        self.staff = QPlainTextEdit("\n".join(settings.staff))
        self.staff.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self._captions = {name: QLabel() for name in (*self.fields, "staff")}
        form = QFormLayout()
        for name, field in self.fields.items():
            form.addRow(self._captions[name], field)
        form.addRow(self._captions["staff"], self.staff)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(560, 420)
        self.retranslate()

    def save(self) -> None:
        data = {name: field.text() for name, field in self.fields.items()}
        data["staff"] = [line for line in self.staff.toPlainText().splitlines() if line.strip()]
        try:
            settings = ShopSettings.from_json(data)
            settings.save(self._data_dir)
        except SettingsError as exc:
            self.problem.setText(self.tr("Not saved: {reason}").format(reason=exc))
            set_tone(self.problem, "bad")
            return
        self.saved.emit(settings)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shop settings"))
        for name, text in {
            "name": self.tr("Shop name"), "address": self.tr("Address"),
            "licence_commission": self.tr("Licence issued by (公安委員会)"),
            "licence_number": self.tr("Secondhand dealer licence number"), "phone": self.tr("Phone"),
            "staff": self.tr("Staff (one name a line)"),
        }.items():
            self._captions[name].setText(text)


class StaffChooser(Retranslating, QDialog):
    """Who works the counter this shift: chosen once, shown in the title bar, filled into every intake."""

    chosen = Signal(str)

    def __init__(self, staff: tuple[str, ...], current: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("staffChooser")
        self.names = QComboBox()
        self.names.addItems(list(staff))
        if current in staff:
            self.names.setCurrentText(current)
        self.prompt = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.names)
        layout.addWidget(self.buttons)
        self.retranslate()

    def choose(self, name: str) -> None:
        self.names.setCurrentText(name)
        self._choose()

    def _choose(self) -> None:
        self.chosen.emit(self.names.currentText())
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staff on this shift"))
        self.prompt.setText(self.tr("Who is working the counter? Every intake is recorded under this name."))
