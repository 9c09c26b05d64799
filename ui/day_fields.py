"""The rows the ledger's dialogs share: the days to take, and the file to write them to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


def date_edit() -> QDateEdit:
    """A day chooser as the ledger's dialogs use it: today, ISO dates, a calendar to pick from."""
    edit = QDateEdit(QDate.currentDate())
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


class DayRange(QWidget):
    """The first and the last day, 〜 between them; moving the first past the last takes the last along."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = date_edit()
        self.last = date_edit()
        self._until = QLabel("〜")
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addWidget(self.first)
        self._row.addWidget(self._until)
        self._row.addWidget(self.last)
        self._row.addStretch(1)
        self.first.dateChanged.connect(self._first_changed)
        self.last.dateChanged.connect(self.changed)

    def add_note(self, note: QWidget) -> None:
        """A note after the days (what else decides the entries), in place of the free space."""
        self._row.insertWidget(self._row.count() - 1, note, 1)

    def set_choosable(self, choosable: bool) -> None:
        for widget in (self.first, self._until, self.last):
            widget.setEnabled(choosable)

    def set_days(self, first: dt.date, last: dt.date) -> None:
        self.first.setDate(first)
        self.last.setDate(last)

    def days(self) -> tuple[dt.date, dt.date]:
        first: dt.date = self.first.date().toPython()
        last: dt.date = self.last.date().toPython()
        return first, last

    def in_order(self) -> bool:
        return self.first.date() <= self.last.date()

    def file_part(self) -> str:
        """The days as a file name says them: 2026-12-01, or 2026-12-01_2026-12-05."""
        first, last = self.first.date().toString("yyyy-MM-dd"), self.last.date().toString("yyyy-MM-dd")
        return first if first == last else f"{first}_{last}"

    def _first_changed(self) -> None:
        if self.last.date() < self.first.date():
            self.last.setDate(self.first.date())  # says changed itself
        else:
            self.changed.emit()


class OutputFile(QWidget):
    """A file to write: its path, suggested, typed, or chosen with the system's save dialog."""

    def __init__(self, default_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._default_folder = default_folder
        self._dialog_title = ""
        self._file_filter = ""
        self.path = QLineEdit()
        self.choose = QPushButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        self.choose.clicked.connect(self._choose_file)

    def set_texts(self, choose: str, dialog_title: str, file_filter: str) -> None:
        """The words, in the dialog's language (it translates them in its own context)."""
        self.choose.setText(choose)
        self._dialog_title = dialog_title
        self._file_filter = file_filter

    def suggest(self, file_name: str) -> None:
        self.path.setText(str(self._default_folder / file_name))

    def text(self) -> str:
        return self.path.text().strip()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self._dialog_title, self.path.text(), self._file_filter)
        if path:
            self.path.setText(path)
