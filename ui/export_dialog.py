"""Export days of the ledger, or a search result, as CSV for Excel, on the ledger worker with progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from kiosk.id_documents import IdDocuments
from kiosk.export import ENCODINGS, export_day
from kiosk.ledger import Ledger, LedgerEntry
from kiosk.ledger.entry import BookRow
from ui.background import Gateway
from ui.day_fields import DayRange, OutputFile
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating, set_tone


#: Report progress every this many entries: often enough to move, rarely enough to cost nothing.
PROGRESS_STEP = 200


class ExportDialog(Retranslating, QDialog):
    def __init__(self, ledger: LedgerClient, gateway: Gateway, default_folder: Path, parent: QWidget | None = None,
                 documents: IdDocuments | None = None):
        super().__init__(parent)
        self._documents = documents
        self.setObjectName("exportDialog")
        self._ledger = ledger
        self._gateway = gateway
        self._running = False
        #: A search result to export instead of the days chosen (see :meth:`export_entries`).
        self._entries: list[LedgerEntry] | None = None
        self.days = DayRange()
        self.first, self.last = self.days.first, self.days.last
        self.encoding = QComboBox()
        for encoding in ENCODINGS:
            self.encoding.addItem("", encoding)
        self.output = OutputFile(default_folder)
        self.path = self.output.path
        self.progress = QProgressBar()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self._captions = [QLabel() for _ in range(3)]
        self.chosen = QLabel()
        self.chosen.hide()
        self.days.add_note(self.chosen)
        form = QFormLayout()
        form.addRow(self._captions[0], self.days)
        form.addRow(self._captions[1], self.encoding)
        form.addRow(self._captions[2], self.output)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.days.changed.connect(self._suggest_path)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        self.resize(560, 0)
        self._suggest_path()
        self.retranslate()

    def export_days(self, first: dt.date, last: dt.date) -> None:
        """Choose these days (the dialog exports every entry recorded on them)."""
        self._entries = None
        self.days.set_days(first, last)
        self._show_chosen()

    def export_entries(self, entries: list[LedgerEntry], first: dt.date, last: dt.date) -> None:
        """Export these entries (a search result over these days) instead of whole days."""
        self._entries = list(entries)
        self.days.set_days(first, last)
        self._show_chosen()

    def _show_chosen(self) -> None:
        searching = self._entries is not None
        self.days.set_choosable(not searching)
        self.chosen.setVisible(searching)
        self.retranslate()
        self._suggest_path()

    def start_export(self) -> None:
        """Read the entries and write the file on the ledger worker; the dialog shows progress."""
        if self._running:
            return
        path_text = self.output.text()
        if not path_text:
            self._show_message(self.tr("Choose where to save the file."), "bad")
            return
        if not self.days.in_order():
            self._show_message(self.tr("The first day is after the last one."), "bad")
            return
        first, last = self.days.days()
        chosen = self._entries
        out_path, encoding = Path(path_text), self.encoding.currentData()
        refused = self._ledger.worker.location.files()
        self._running = True
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the day's size is known
        self._show_message(self.tr("Exporting…"), "info")

        def export(ledger: Ledger) -> int:
            if chosen is None:
                entries: Sequence[BookRow] = list(ledger.book_between(first, last))
                corrections = ledger.corrections_between(first, last)
            else:
                entries, corrections = chosen, ledger.corrections_among(chosen)
            self._gateway.run_on_main(lambda: self.progress.setRange(0, max(len(entries), 1)))
            return export_day(self._reporting(entries), out_path, encoding, refused_paths=refused,
                              corrections=corrections, documents=self._documents)

        self._ledger.run(export, lambda count: self._done(count, out_path), self._failed)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export the ledger"))
        for caption, text in zip(self._captions, (self.tr("Days"), self.tr("Encoding"), self.tr("File"))):
            caption.setText(text)
        if self._entries is not None:
            self.chosen.setText(self.tr("the %n entries found", "", len(self._entries)))
        self.encoding.setItemText(0, self.tr("UTF-8 with BOM (Excel, recommended)"))
        self.encoding.setItemText(1, self.tr("Shift_JIS (cp932, older software)"))
        self.output.set_texts(self.tr("Choose…"), self.tr("Save the CSV file"), self.tr("CSV files (*.csv)"))
        self.export_button.setText(self.tr("Export"))

    def reject(self) -> None:
        # Closing while the file is written would hide the outcome: wait for it.
        if not self._running:
            super().reject()

    def _reporting(self, entries: Sequence[BookRow]) -> Iterator[BookRow]:
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
        found = "-search" if self._entries is not None else ""
        self.output.suggest(f"ledger-{self.days.file_part()}{found}.csv")
