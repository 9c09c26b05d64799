"""Export a day of the ledger as CSV for Excel, on the ledger worker with progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.export import ENCODINGS, export_day
from kiosk.ledger import Ledger, LedgerEntry
from ui.background import Gateway
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating, set_tone

#: Report progress every this many entries: often enough to move, rarely enough to cost nothing.
PROGRESS_STEP = 200


class ExportDialog(Retranslating, QDialog):
    def __init__(self, ledger: LedgerClient, gateway: Gateway, default_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self._ledger = ledger
        self._gateway = gateway
        self._default_folder = default_folder
        self._running = False
        self.day = QDateEdit(QDate.currentDate())
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.encoding = QComboBox()
        for encoding in ENCODINGS:
            self.encoding.addItem("", encoding)
        self.path = QLineEdit()
        self.choose = QPushButton()
        self.progress = QProgressBar()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self._captions = [QLabel() for _ in range(3)]
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self._captions[0], self.day)
        form.addRow(self._captions[1], self.encoding)
        form.addRow(self._captions[2], path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.day.dateChanged.connect(self._suggest_path)
        self.choose.clicked.connect(self._choose_file)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 0)
        self._suggest_path()
        self.retranslate()

    def start_export(self) -> None:
        """Read the day's entries and write the file on the ledger worker; the dialog shows progress."""
        if self._running:
            return
        path_text = self.path.text().strip()
        if not path_text:
            self._show_message(self.tr("Choose where to save the file."), "bad")
            return
        day: dt.date = self.day.date().toPython()
        out_path, encoding = Path(path_text), self.encoding.currentData()
        refused = self._ledger.worker.location.files()
        self._running = True
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the day's size is known
        self._show_message(self.tr("Exporting…"), "info")

        def export(ledger: Ledger) -> int:
            entries = list(ledger.entries_on(day))
            self._gateway.run_on_main(lambda: self.progress.setRange(0, max(len(entries), 1)))
            return export_day(self._reporting(entries), out_path, encoding, refused_paths=refused)

        self._ledger.run(export, lambda count: self._done(count, out_path), self._failed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a day"))
        for caption, text in zip(self._captions, (self.tr("Day"), self.tr("Encoding"), self.tr("File"))):
            caption.setText(text)
        self.encoding.setItemText(0, self.tr("UTF-8 with BOM (Excel, recommended)"))
        self.encoding.setItemText(1, self.tr("Shift_JIS (cp932, older software)"))
        self.choose.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export"))

    def reject(self) -> None:
        # Closing while the file is written would hide the outcome: wait for it.
        if not self._running:
            super().reject()

    def _reporting(self, entries: list[LedgerEntry]) -> Iterator[LedgerEntry]:
        """The entries, telling the GUI thread how far the export has got (runs in the worker)."""
        for count, entry in enumerate(entries, start=1):
            if count % PROGRESS_STEP == 0:
                self._gateway.run_on_main(lambda count=count: self.progress.setValue(count))
            yield entry

    def _done(self, count: int, out_path: Path) -> None:
        self._running = False
        self.export_button.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        self._show_message(self.tr("Exported %n entries to {path}", "", count).format(path=out_path), "ok")

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.export_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show_message(self.tr("The export failed: {reason}").format(reason=error), "bad")

    def _show_message(self, text: str, tone: str) -> None:
        self.message.setText(text)
        set_tone(self.message, tone)

    def _suggest_path(self) -> None:
        day = self.day.date().toString("yyyy-MM-dd")
        self.path.setText(str(self._default_folder / f"ledger-{day}.csv"))

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the CSV file"), self.path.text(),
                                                    self.tr("CSV files (*.csv)"))
        if path:
            self.path.setText(path)
