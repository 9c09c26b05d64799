"""台帳検索 (the ledger search): the entries of a date range, or those of one IMEI, serial or seller in it.

An officer asks "did this IMEI come through here last spring?": the range may
span years. A whole IMEI or serial is looked up through its index; any other
text is searched in the sellers' names, ignoring width and かな/カナ. Each entry
opens read-only; the result can be exported as CSV or printed as the book.
Every query goes through the ledger worker; the table fills in when it answers.
Personal data a purge erased shows as 「保存期間経過により消去」.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QPushButton, QScrollArea, QTableView, QVBoxLayout, QWidget,
)

from kiosk.grading import Outcome
from kiosk.id_documents import IdDocuments, bundled_id_documents
from kiosk.intake import Carrier
from kiosk.ledger import ERASED_EN, ERASED_JA, EntryKind, Ledger, LedgerEntry, PersonalData
from ui import labels
from ui.day_fields import date_edit
from ui.i18n import in_current_language
from ui.ledger_ops import LedgerClient
from ui.widgets import Retranslating, set_tone

_COLUMNS = ("id", "time", "model", "imei", "serial", "mark", "outcome", "price", "seller", "staff", "corrects")
#: The column that takes the width left over.
_STRETCHED_COLUMN = _COLUMNS.index("model")


class DayLogModel(QAbstractTableModel):
    """Ledger entries as table rows (the entries are read once per search, not per paint)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._entries: list[LedgerEntry] = []

    def set_entries(self, entries: list[LedgerEntry]) -> None:
        self.beginResetModel()
        self._entries = [entry for entry in entries if entry.kind == EntryKind.INTAKE]
        self.endResetModel()

    def entry_at(self, row: int) -> LedgerEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "id": self.tr("No."),
            "time": self.tr("Recorded"),
            "model": self.tr("Model"),
            "imei": self.tr("IMEI"),
            "serial": self.tr("Serial number"),
            "mark": self.tr("Restriction"),
            "outcome": self.tr("Outcome"),
            "price": self.tr("Price"),
            "seller": self.tr("Seller"),
            "staff": self.tr("Staff"),
            "corrects": self.tr("Corrects"),
        }[_COLUMNS[section]]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry, column = self._entries[index.row()], _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("id", "price", "corrects"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_COLUMNS) - 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, len(_COLUMNS) - 1))


def erased_text() -> str:
    return in_current_language(ERASED_JA, ERASED_EN)


def _cell(entry: LedgerEntry, column: str) -> str:
    if column == "id":
        return str(entry.id)
    if column == "time":
        return labels.local_time(entry.recorded_at)  # with the date: a search spans days
    if column == "model":
        return entry.model_name or entry.model_code or ""
    if column == "imei":
        return entry.imei1 or ""
    if column == "serial":
        return entry.hardware_serial or ""
    if column == "mark":
        return entry.restriction_mark or ""
    if column == "outcome":
        outcome = Outcome(entry.outcome)
        return in_current_language(outcome.ja, outcome.en)
    if column == "price":
        return f"¥{entry.price_yen:,}" if entry.price_yen is not None else ""
    if column == "seller":
        if entry.personal_erased:
            return erased_text()
        return entry.personal.seller_name or "" if entry.personal else ""
    if column == "staff":
        return entry.staff_name or ""
    return str(entry.corrects_id) if entry.corrects_id is not None else ""


class EntryDialog(Retranslating, QDialog):
    """One entry, read-only, with the entries that correct it."""

    correct_requested = Signal(object)  # LedgerEntry
    statement_requested = Signal(object)  # LedgerEntry

    def __init__(self, entry: LedgerEntry, corrections: list[LedgerEntry], parent: QWidget | None = None,
                 documents: IdDocuments | None = None):
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.entry = entry
        self._documents = bundled_id_documents() if documents is None else documents
        self._corrections = corrections
        self._form = QFormLayout()
        self._values: dict[str, QLabel] = {}
        for name in ("recorded_at", "device", "imei", "mark", "outcome", "price", "seller", "signature", "guardian",
                     "id_check", "staff", "police", "reasons"):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._values[name] = value
            self._form.addRow(QLabel(), value)
        self.corrections = QListWidget()
        self._corrections_caption = QLabel()
        self.correct_button = QPushButton()
        self.statement_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.statement_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.correct_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        # Long reasons or a long address scroll inside the dialog instead of being cut off at its bottom.
        details = QWidget()
        details.setLayout(self._form)
        scroll = QScrollArea()
        scroll.setWidget(details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._corrections_caption)
        self.corrections.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)  # a few; the details take the room
        layout.addWidget(self.corrections)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.correct_button.clicked.connect(self._correct)
        self.statement_button.clicked.connect(lambda: self.statement_requested.emit(self.entry))
        self.statement_button.setVisible(bool(entry.is_purchase))  # a statement is signed for a purchase
        self.resize(680, 600)
        self.retranslate()

    def retranslate(self) -> None:
        entry = self.entry
        self.setWindowTitle(self.tr("Entry {number}").format(number=entry.id))
        captions = {
            "recorded_at": self.tr("Recorded"), "device": self.tr("Phone"), "imei": self.tr("IMEI / serial"),
            "mark": self.tr("Network restriction"), "outcome": self.tr("Outcome"), "price": self.tr("Price"),
            "seller": self.tr("Seller"), "signature": self.tr("Signature"), "guardian": self.tr("Guardian's consent"), "id_check": self.tr("ID check"),
            "staff": self.tr("Staff"), "police": self.tr("Police report"), "reasons": self.tr("Reasons"),
        }
        for row, name in enumerate(self._values):
            item = self._form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                label.setText(captions[name])
        outcome = Outcome(entry.outcome)
        values = {
            "recorded_at": labels.local_time(entry.recorded_at),
            "device": " / ".join(filter(None, (entry.manufacturer, entry.model_name, entry.model_code,
                                               entry.color, entry.capacity))),
            "imei": " / ".join(filter(None, (entry.imei1, entry.imei2, entry.hardware_serial))),
            "mark": " ".join(filter(None, (entry.restriction_mark,
                                           labels.carrier_name(Carrier(entry.carrier)) if entry.carrier else None))),
            "outcome": " ".join(filter(None, (in_current_language(outcome.ja, outcome.en), entry.rank))),
            "price": self._price_text(entry),
            "seller": self._seller_text(entry),
            "signature": self._signature_text(entry),
            "guardian": self._guardian_text(entry),
            "id_check": self._id_check_text(entry),
            "staff": entry.staff_name or "",
            "police": self._police_text(entry),
            "reasons": "\n".join("・" + in_current_language(r["ja"], r["en"]) for r in entry.reasons),
        }
        for name, text in values.items():
            self._values[name].setText(text)
        if entry.corrects_id is not None:
            self._values["recorded_at"].setText(
                values["recorded_at"] + "  " + self.tr("(corrects entry {number})").format(number=entry.corrects_id))
        self._corrections_caption.setText(self.tr("Corrections of this entry"))
        self.corrections.clear()
        for correction in self._corrections:
            outcome = Outcome(correction.outcome)
            self.corrections.addItem(self.tr("Entry {number}, {time}: {outcome}").format(
                number=correction.id, time=labels.local_time(correction.recorded_at),
                outcome=in_current_language(outcome.ja, outcome.en)))
        if not self._corrections:
            self.corrections.addItem(self.tr("none"))
        self.correct_button.setText(self.tr("Correct this entry…"))
        self.statement_button.setText(self.tr("Print the statement again"))

    def _price_text(self, entry: LedgerEntry) -> str:
        if entry.price_yen is None:
            return self.tr("no purchase")
        price = f"¥{entry.price_yen:,}"
        if entry.price_override_reason:
            return self.tr("{price} (not the table's price: {reason})").format(
                price=price, reason=entry.price_override_reason)
        return price

    def _seller_text(self, entry: LedgerEntry) -> str:
        if entry.personal_erased:
            return erased_text()
        personal = entry.personal or PersonalData()
        if personal.seller_name is None:
            return self.tr("not entered")
        return self.tr("{name} ({age}, {occupation})\n{address}").format(
            name=personal.seller_name, age=self.tr("Age %n", "", entry.seller_age or 0),
            occupation=personal.seller_occupation or "", address=personal.seller_address or "")

    def _signature_text(self, entry: LedgerEntry) -> str:
        if not entry.is_purchase:
            return self.tr("none")
        if entry.personal_erased:
            return erased_text()
        if entry.personal is not None and entry.personal.signature:
            return self.tr("signed on the customer screen")
        return self.tr("not signed on the customer screen (the printed statement is signed on paper)")

    def _guardian_text(self, entry: LedgerEntry) -> str:
        if entry.consent is None:
            return self.tr("none")
        method = labels.consent_method_name(entry.consent)
        if entry.personal_erased:
            return f"{method}: {erased_text()}"
        personal = entry.personal or PersonalData()
        return f"{method}: " + " ".join(filter(None, (personal.guardian_name, personal.guardian_relationship,
                                                     personal.guardian_contact)))

    def _id_check_text(self, entry: LedgerEntry) -> str:
        method = entry.id_method
        if method is None:
            return self.tr("not checked")
        kind = labels.id_method_name(method, self._documents)
        if entry.personal_erased:
            return f"{kind} {erased_text()}"
        personal = entry.personal or PersonalData()
        return " ".join(filter(None, (kind, personal.id_document_name, personal.id_document_number)))

    def _police_text(self, entry: LedgerEntry) -> str:
        report = entry.police_report
        if report is not None:
            return f"{labels.local_time(report.reported_at)} {report.station}"
        return self.tr("not yet reported: report it to the police") if entry.suspected_theft else self.tr("none")

    def _correct(self) -> None:
        self.correct_requested.emit(self.entry)
        self.accept()


class DayLog(Retranslating, QWidget):
    """The entries of a date range with a search box; opening one shows it in an :class:`EntryDialog`."""

    correct_requested = Signal(object)  # LedgerEntry
    statement_requested = Signal(object)  # LedgerEntry
    # The table shows what the ledger worker last answered.
    refreshed = Signal()
    #: Export the shown entries: (the entries or None for the whole days, first day, last day).
    export_requested = Signal(object, object, object)
    #: Print the book of these days.
    print_requested = Signal(object, object)

    def __init__(self, ledger: LedgerClient, parent: QWidget | None = None, documents: IdDocuments | None = None):
        super().__init__(parent)
        self._ledger = ledger
        self._documents = bundled_id_documents() if documents is None else documents
        self._query_number = 0
        self.first = date_edit()
        self.last = date_edit()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = DayLogModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(_STRETCHED_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton()
        self.export_button = QPushButton()
        self.print_button = QPushButton()
        self._searched = False
        self.police_pending = QLabel()
        self.police_pending.setObjectName("policePending")
        self.police_pending.setWordWrap(True)
        self.police_pending.hide()
        self._pending: list[LedgerEntry] = []
        self._day_caption = QLabel()
        top = QHBoxLayout()
        top.addWidget(self._day_caption)
        top.addWidget(self.first)
        top.addWidget(QLabel("〜"))
        top.addWidget(self.last)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.police_pending)
        layout.addWidget(self.table, 1)
        self.first.dateChanged.connect(self._first_changed)
        self.last.dateChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.export_button.clicked.connect(self._export)
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(self.first.date().toPython(), self.last.date().toPython()))
        self.table.activated.connect(lambda index: self.open_entry(index.row()))
        self.open_button.clicked.connect(self._open_selected)
        self.dialog: EntryDialog | None = None
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        """Ask the ledger worker for the days (or the search in them); the table fills in when it answers."""
        first: dt.date = self.first.date().toPython()
        last: dt.date = self.last.date().toPython()
        text = self.search.text().strip()
        self._query_number += 1
        number = self._query_number
        self._searched = bool(text)

        def query(ledger: Ledger) -> tuple[list[LedgerEntry], list[LedgerEntry]]:
            if text:
                entries = ledger.find_text(text, first, last)
            else:
                entries = [entry for entry in ledger.entries_between(first, last) if entry.kind == EntryKind.INTAKE]
            return entries, ledger.police_pending()

        self._ledger.run(query, lambda found: self._show(number, *found), self._failed)

    def _show(self, number: int, entries: list[LedgerEntry], pending: list[LedgerEntry]) -> None:
        if number != self._query_number:
            return  # a later query is on its way: a fast typist sees only the last answer
        self.model.set_entries(entries)
        self._pending = pending
        self._show_count()
        self._show_pending()
        self.refreshed.emit()

    def _failed(self, error: Exception) -> None:
        self.count.setText(self.tr("The ledger could not be read: {reason}").format(reason=error))
        set_tone(self.count, "bad")

    def open_entry(self, row: int) -> None:
        """Open the entry read-only, with its corrections (read through the ledger worker)."""
        entry = self.model.entry_at(row)
        self._ledger.run(lambda ledger: ledger.corrections_of(entry.id),
                         lambda corrections: self._open_dialog(entry, corrections), self._failed)

    def _open_dialog(self, entry: LedgerEntry, corrections: list[LedgerEntry]) -> EntryDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = EntryDialog(entry, corrections, self, self._documents)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.correct_requested.connect(self.correct_requested)
        dialog.statement_requested.connect(self.statement_requested)
        dialog.finished.connect(lambda _result: self._dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _show_pending(self) -> None:
        self.police_pending.setVisible(bool(self._pending))
        if self._pending:
            numbers = ", ".join(str(entry.id) for entry in self._pending)
            self.police_pending.setText(self.tr(
                "Not yet reported to the police (suspected stolen): entries {numbers}. Report them, then record "
                "a correction with the report.").format(numbers=numbers))
            set_tone(self.police_pending, "bad")

    def _first_changed(self) -> None:
        if self.last.date() < self.first.date():
            self.last.setDate(self.first.date())  # refreshes
        else:
            self.refresh()

    def _export(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        shown = [self.model.entry_at(row) for row in range(self.model.rowCount())] if self._searched else None
        self.export_requested.emit(shown, first, last)

    def retranslate(self) -> None:
        self._day_caption.setText(self.tr("Days"))
        self.search.setPlaceholderText(self.tr("Search by a whole IMEI or serial number, or part of a name"))
        self.open_button.setText(self.tr("Open"))
        self.export_button.setText(self.tr("Export…"))
        self.print_button.setText(self.tr("Print…"))
        self.model.retranslate()
        self._show_count()
        self._show_pending()

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n entries", "", self.model.rowCount()))
        set_tone(self.count, "")

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_entry(rows[0].row())

    def _dialog_finished(self, dialog: EntryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
