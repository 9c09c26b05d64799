"""The book on paper from the window: choose the days, then print them or save them as a PDF.

The entries are read and drawn on the ledger worker (a thousand entries take
about two seconds to draw), so the window goes on while the pages are made.
Printing goes through the system's print dialog (QtPrintSupport).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from kiosk.export import check_output_path
from kiosk.id_documents import IdDocuments
from kiosk.ledger import Ledger
from kiosk.settings import SettingsError, ShopSettings
from ui.book_pdf import BookHeader, render_book, set_a4_landscape, write_book_pdf
from ui.day_fields import DayRange, OutputFile
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating, set_tone


class BookDialog(Retranslating, QDialog):
    """Print the book of a date range, or save it as a PDF."""

    def __init__(self, ledger: LedgerClient, default_folder: Path, shop_dir: Path, parent: QWidget | None = None,
                 documents: IdDocuments | None = None):
        super().__init__(parent)
        self.setObjectName("bookDialog")
        self._documents = documents
        self._ledger = ledger
        self._shop_dir = shop_dir  # the data folder, whose shop settings head every page
        self._running = False
        self.days = DayRange()
        self.first, self.last = self.days.first, self.days.last
        self.shop = QLabel()
        self.shop.setWordWrap(True)
        self.output = OutputFile(default_folder)
        self.path = self.output.path
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ApplyRole)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self._captions = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self._captions[0], self.days)
        form.addRow(self._captions[1], self.shop)
        form.addRow(self._captions[2], self.output)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.days.changed.connect(self._suggest_path)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.open_print_dialog)
        self.buttons.rejected.connect(self.reject)
        self.print_dialog: QPrintDialog | None = None
        self.resize(600, 0)
        self._suggest_path()
        self.retranslate()

    def choose_days(self, first: dt.date, last: dt.date) -> None:
        self.days.set_days(first, last)

    # -- making the book -------------------------------------------------------------

    def save_pdf(self) -> None:
        """Write the PDF chosen in the path field, on the ledger worker."""
        days = self._days()
        path_text = self.output.text()
        if days is None or self._running:
            return
        if not path_text:
            self._show_message(self.tr("Choose where to save the file."), "bad")
            return
        out = Path(path_text)
        refused = self._ledger.worker.location.files()
        header = self._header(*days)

        def make(ledger: Ledger) -> int:
            check_output_path(out, refused)
            first, last = days
            corrections = ledger.corrections_between(first, last)
            return write_book_pdf(out, ledger.book_between(first, last), corrections, header, self._documents)

        self._start(self.tr("Making the PDF…"))
        self._ledger.run(make, lambda pages: self._done(
            self.tr("Saved %n pages to {path}", "", pages).format(path=out)), self._failed)

    def open_print_dialog(self) -> QPrintDialog | None:
        """The system's print dialog; the book is drawn on the printer it returns with."""
        if self._days() is None or self._running:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_a4_landscape(printer)
        self.print_dialog = QPrintDialog(printer, self)
        self.print_dialog.accepted.connect(lambda: self.print_on(printer))
        self.print_dialog.open()
        return self.print_dialog

    def print_on(self, printer: QPrinter) -> None:
        """Draw the book of the chosen days on ``printer`` (configured by the print dialog), on the worker."""
        days = self._days()
        if days is None:
            return
        header = self._header(*days)

        def draw(ledger: Ledger) -> int:
            first, last = days
            corrections = ledger.corrections_between(first, last)
            return render_book(printer, ledger.book_between(first, last), corrections, header, self._documents)

        self._start(self.tr("Printing…"))
        self._ledger.run(draw, lambda pages: self._done(self.tr("Sent %n pages to the printer", "", pages)),
                         self._failed)

    def _days(self) -> tuple[dt.date, dt.date] | None:
        if not self.days.in_order():
            self._show_message(self.tr("The first day is after the last one."), "bad")
            return None
        return self.days.days()

    def _header(self, first: dt.date, last: dt.date) -> BookHeader:
        return BookHeader(self._settings() or ShopSettings(), first, last, dt.datetime.now().astimezone())

    def _settings(self) -> ShopSettings | None:
        try:
            return ShopSettings.load(self._shop_dir)
        except SettingsError:
            return None

    def _start(self, text: str) -> None:
        self._running = True
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self._show_message(text, "info")

    def _done(self, text: str) -> None:
        self._running = False
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._show_message(text, "ok")

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._show_message(self.tr("The book could not be made: {reason}").format(reason=error), "bad")

    def reject(self) -> None:
        if not self._running:  # closing while the pages are drawn would hide the outcome
            super().reject()

    # -- the form ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("The ledger on paper"))
        for caption, text in zip(self._captions, (self.tr("Days"), self.tr("Shop"), self.tr("PDF file"))):
            caption.setText(text)
        self.output.set_texts(self.tr("Choose…"), self.tr("Save the PDF file"), self.tr("PDF files (*.pdf)"))
        self.save_button.setText(self.tr("Save as PDF"))
        self.print_button.setText(self.tr("Print…"))
        self._show_shop()

    def _show_shop(self) -> None:
        settings = self._settings()
        if settings is None:
            self.shop.setText(self.tr("The shop settings cannot be read; the header will say 未設定."))
            set_tone(self.shop, "bad")
        elif settings.missing_for_paper():
            self.shop.setText(self.tr("The shop's name, address or licence number is not set; the header will say "
                                      "未設定. Set them in the shop settings."))
            set_tone(self.shop, "bad")
        else:
            self.shop.setText(f"{settings.name}  {settings.address}\n古物商許可番号: {settings.licence_text()}")
            set_tone(self.shop, "")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._show_shop()  # the settings may have changed since the dialog was made
        super().showEvent(event)

    def _suggest_path(self) -> None:
        self.output.suggest(f"ledger-book-{self.days.file_part()}.pdf")

    def _show_message(self, text: str, tone: str) -> None:
        self.message.setText(text)
        set_tone(self.message, tone)
