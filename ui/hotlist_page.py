"""The 品触れ page: enter a stolen-goods notice from the police, and see what the shop already bought of it.

A notice usually lists IMEIs: they can be pasted as they come (one per line, or
separated by spaces, commas or 、). Serials are pasted the same way; a model
with its colour and features makes one more item. Adding the notice checks the
purchases of the last 6 months at once and lists each match with what to
report; choosing a notice in the register lists its matches again. Every
intake at the counter is checked against the active notices by itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from kiosk.hotlist import (
    HotlistError, MatchKind, Notice, PurchaseMatch, add_notice, imeis_from_text, notice_from_json,
    purchases_matching,
)
from kiosk.ledger import Ledger
from ui.day_fields import date_edit
from ui.i18n import in_current_language
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating, set_tone


class HotlistPage(Retranslating, QWidget):
    """The notice form, the register, and the purchases the chosen notice names."""

    #: The register or a notice's matches were shown (what the ledger worker last answered).
    refreshed = Signal()

    def __init__(self, ledger: LedgerClient, parent: QWidget | None = None):
        super().__init__(parent)
        self._ledger = ledger
        self.received = date_edit()
        self.station = QLineEdit()
        self.number = QLineEdit()
        self.imeis = QPlainTextEdit()
        self.serials = QPlainTextEdit()
        for box in (self.imeis, self.serials):
            box.setTabChangesFocus(True)
            box.setFixedHeight(90)
        self.model = QLineEdit()
        self.colour = QLineEdit()
        self.features = QLineEdit()
        self.add_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.notices = _table(6)
        self.matches = _table(6)
        self.copy_button = QPushButton()
        self.copy_button.setEnabled(False)
        self._shown_notices: list[Notice] = []
        self._shown_matches: list[PurchaseMatch] = []
        self._captions = [QLabel() for _ in range(8)]
        self._form_box, self._register_box, self._matches_box = QGroupBox(), QGroupBox(), QGroupBox()

        form = QFormLayout(self._form_box)
        for caption, field in zip(self._captions, (self.received, self.station, self.number, self.imeis,
                                                   self.serials, self.model, self.colour, self.features)):
            form.addRow(caption, field)
        form.addRow(self.add_button)
        form.addRow(self.message)
        QVBoxLayout(self._register_box).addWidget(self.notices)
        matches_layout = QVBoxLayout(self._matches_box)
        matches_layout.addWidget(self.matches)
        matches_layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QVBoxLayout()
        right.addWidget(self._register_box, 1)
        right.addWidget(self._matches_box, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(self._form_box, 2)
        layout.addLayout(right, 3)

        self.add_button.clicked.connect(self.add)
        self.copy_button.clicked.connect(self._copy_reports)
        self.notices.itemSelectionChanged.connect(self._notice_chosen)
        self.retranslate()
        self.refresh()

    # -- adding a notice ----------------------------------------------------------------

    def add(self) -> None:
        """Read the form, add the notice on the ledger worker, then show the purchases it names."""
        try:
            draft = notice_from_json(self._form_json())
        except HotlistError as exc:
            self._show_message(self.tr("The notice was not added: {reason}").format(reason=exc), "bad")
            return
        self.add_button.setEnabled(False)

        def work(ledger: Ledger) -> tuple[Notice, list[PurchaseMatch]]:
            notice = add_notice(ledger, draft)
            return notice, purchases_matching(ledger, notice, dt.date.today())

        self._ledger.run(work, lambda done: self._added(*done), self._add_failed)

    def _form_json(self) -> dict[str, Any]:
        items: list[dict[str, str]] = [{"imei": imei} for imei in imeis_from_text(self.imeis.toPlainText())]
        items += [{"serial": serial} for serial in self.serials.toPlainText().replace("、", " ").replace(",", " ").split()]
        described = {"model": self.model.text(), "colour": self.colour.text(), "features": self.features.text()}
        if any(text.strip() for text in described.values()):
            items.append({name: text for name, text in described.items() if text.strip()})
        return {"received_on": self.received.date().toString("yyyy-MM-dd"), "station": self.station.text(),
                "number": self.number.text(), "items": items}

    def _added(self, notice: Notice, matches: list[PurchaseMatch]) -> None:
        self.add_button.setEnabled(True)
        for field in (self.imeis, self.serials):
            field.clear()
        for line in (self.number, self.model, self.colour, self.features):
            line.clear()
        if matches:
            self._show_message(self.tr("Notice added. %n purchases of the last 6 months match it: report them to "
                                       "the police at once.", "", len(matches)), "bad")
        else:
            self._show_message(self.tr("Notice added. No purchase of the last 6 months matches it; every intake "
                                       "is checked against it until {day}.").format(day=notice.active_until), "ok")
        self.refresh(select=notice.id)
        self._show_matches(matches)

    def _add_failed(self, error: Exception) -> None:
        self.add_button.setEnabled(True)
        self._show_message(self.tr("The notice was not added: {reason}").format(reason=error), "bad")

    # -- the register and its matches ---------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        self._ledger.run(lambda ledger: ledger.store.notices(), lambda notices: self._show_notices(notices, select),
                         self._add_failed)

    def _show_notices(self, notices: list[Notice], select: int | None) -> None:
        self._shown_notices = list(reversed(notices))  # the newest first
        today = dt.date.today()
        self.notices.blockSignals(True)
        self.notices.setRowCount(len(self._shown_notices))
        for row, notice in enumerate(self._shown_notices):
            state = (self.tr("active until {day}") if notice.is_active(today) else
                     self.tr("expired on {day}")).format(day=notice.active_until)
            for column, text in enumerate((str(notice.id), notice.received_on.isoformat(), notice.station,
                                           notice.number, str(len(notice.items)), state)):
                self.notices.setItem(row, column, QTableWidgetItem(text))
            if notice.id == select:
                self.notices.selectRow(row)
        self.notices.blockSignals(False)
        self.refreshed.emit()

    def _notice_chosen(self) -> None:
        rows = self.notices.selectionModel().selectedRows()
        if not rows:
            return
        notice = self._shown_notices[rows[0].row()]
        self._ledger.run(lambda ledger: purchases_matching(ledger, notice, dt.date.today()), self._show_matches,
                         self._add_failed)

    def _show_matches(self, matches: list[PurchaseMatch]) -> None:
        self._shown_matches = matches
        self.matches.setRowCount(len(matches))
        for row, match in enumerate(matches):
            entry = match.entry
            kind = self.tr("Match") if match.match.kind is MatchKind.EXACT else self.tr("Possible match")
            report = in_current_language(match.report_ja(), match.report_en())
            number = f"{entry.other_store} {entry.id}" if entry.other_store else str(entry.id)  # a shared ledger
            for column, text in enumerate((number, entry.business_date,
                                           entry.model_name or entry.model_code or "", entry.imei1 or "", kind,
                                           report)):
                item = QTableWidgetItem(text)
                item.setToolTip(report)
                self.matches.setItem(row, column, item)
        self.copy_button.setEnabled(bool(matches))
        self.refreshed.emit()

    def _copy_reports(self) -> None:
        """What to report, one line per purchase, ready to paste into a mail or read out on the phone."""
        QGuiApplication.clipboard().setText("\n".join(match.report_ja() for match in self._shown_matches))
        self._show_message(self.tr("Copied what to report to the clipboard."), "info")

    # -- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._form_box.setTitle(self.tr("New notice (品触れ)"))
        self._register_box.setTitle(self.tr("Notices received"))
        self._matches_box.setTitle(self.tr("Purchases of the last 6 months that the notice names"))
        for caption, text in zip(self._captions, (
            self.tr("Received on"), self.tr("Police station"), self.tr("Notice number"),
            self.tr("IMEIs (paste a list)"), self.tr("Serial numbers (paste a list)"), self.tr("Model"),
            self.tr("Colour"), self.tr("Features"),
        )):
            caption.setText(text)
        self.imeis.setPlaceholderText(self.tr("One per line, or separated by spaces or commas"))
        self.add_button.setText(self.tr("Add the notice and check the purchases"))
        self.copy_button.setText(self.tr("Copy what to report"))
        self.notices.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Received on"), self.tr("Police station"), self.tr("Notice number"),
            self.tr("Items"), self.tr("Checked"),
        ])
        self.matches.setHorizontalHeaderLabels([
            self.tr("Entry"), self.tr("Date"), self.tr("Model"), self.tr("IMEI"), self.tr("Match"),
            self.tr("What to report"),
        ])

    def _show_message(self, text: str, tone: str) -> None:
        self.message.setText(text)
        set_tone(self.message, tone)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table
