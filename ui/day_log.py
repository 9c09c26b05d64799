"""The day log: a day's ledger entries, searchable, each one opened read-only."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from kiosk.grading import Outcome
from kiosk.intake import Carrier, IdMethod
from kiosk.ledger import Ledger
from ui import labels
from ui.i18n import in_current_language
from ui.widgets import Retranslating

_COLUMNS = ("id", "time", "model", "imei", "serial", "mark", "outcome", "price", "seller", "staff", "corrects")
#: The column that takes the width left over.
_STRETCHED_COLUMN = _COLUMNS.index("model")


class DayLogModel(QAbstractTableModel):
    """Ledger entries as table rows (the entries are read once per search, not per paint)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._entries: list[dict[str, Any]] = []

    def set_entries(self, entries: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry_at(self, row: int) -> dict[str, Any]:
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
            "time": self.tr("Time"),
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


def _cell(entry: dict[str, Any], column: str) -> str:
    if column == "id":
        return str(entry["id"])
    if column == "time":
        return labels.local_time(entry["recorded_at"], with_date=False)
    if column == "model":
        return entry["model_name"] or entry["model_code"] or ""
    if column == "imei":
        return entry["imei1"] or ""
    if column == "serial":
        return entry["hardware_serial"] or ""
    if column == "mark":
        return entry["restriction_mark"] or ""
    if column == "outcome":
        outcome = Outcome(entry["outcome"])
        return in_current_language(outcome.ja, outcome.en)
    if column == "price":
        return f"¥{entry['price_yen']:,}" if entry["price_yen"] is not None else ""
    if column == "seller":
        return entry["seller_name"] or ""
    if column == "staff":
        return entry["staff_name"] or ""
    return str(entry["corrects_id"]) if entry["corrects_id"] is not None else ""


class EntryDialog(Retranslating, QDialog):
    """One entry, read-only, with the entries that correct it."""

    correct_requested = Signal(dict)
    statement_requested = Signal(dict)

    def __init__(self, entry: dict[str, Any], corrections: list[dict[str, Any]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.entry = entry
        self._corrections = corrections
        self._form = QFormLayout()
        self._values: dict[str, QLabel] = {}
        for name in ("recorded_at", "device", "imei", "mark", "outcome", "price", "seller", "id_check", "staff",
                     "police", "reasons"):
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
        layout.addLayout(self._form)
        layout.addWidget(self._corrections_caption)
        layout.addWidget(self.corrections)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.correct_button.clicked.connect(self._correct)
        self.statement_button.clicked.connect(lambda: self.statement_requested.emit(self.entry))
        self.statement_button.setVisible(bool(entry["is_purchase"]))  # a statement is signed for a purchase
        self.resize(640, 560)
        self.retranslate()

    def retranslate(self) -> None:
        entry = self.entry
        self.setWindowTitle(self.tr("Entry {number}").format(number=entry["id"]))
        captions = {
            "recorded_at": self.tr("Recorded"), "device": self.tr("Phone"), "imei": self.tr("IMEI / serial"),
            "mark": self.tr("Network restriction"), "outcome": self.tr("Outcome"), "price": self.tr("Price"),
            "seller": self.tr("Seller"), "id_check": self.tr("ID check"), "staff": self.tr("Staff"),
            "police": self.tr("Police report"), "reasons": self.tr("Reasons"),
        }
        for row, name in enumerate(self._values):
            self._form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().setText(captions[name])
        outcome = Outcome(entry["outcome"])
        police = json.loads(entry["police_report"]) if entry["police_report"] else None
        reasons = json.loads(entry["reasons_json"])
        values = {
            "recorded_at": labels.local_time(entry["recorded_at"]),
            "device": " / ".join(filter(None, (entry["manufacturer"], entry["model_name"], entry["model_code"],
                                               entry["color"], entry["capacity"]))),
            "imei": " / ".join(filter(None, (entry["imei1"], entry["imei2"], entry["hardware_serial"]))),
            "mark": " ".join(filter(None, (entry["restriction_mark"],
                                           labels.carrier_name(Carrier(entry["carrier"])) if entry["carrier"] else None))),
            "outcome": " ".join(filter(None, (in_current_language(outcome.ja, outcome.en), entry["rank"]))),
            "price": f"¥{entry['price_yen']:,}" if entry["price_yen"] is not None else self.tr("no purchase"),
            "seller": self._seller_text(entry),
            "id_check": (f"{labels.id_method_name(IdMethod(entry['id_method']))} {entry['id_document_number']}"
                         if entry["id_method"] else self.tr("not checked")),
            "staff": entry["staff_name"] or "",
            "police": f"{labels.local_time(police['reported_at'])} {police['station']}" if police else self.tr("none"),
            "reasons": "\n".join("・" + in_current_language(r["ja"], r["en"]) for r in reasons),
        }
        for name, text in values.items():
            self._values[name].setText(text)
        if entry["corrects_id"] is not None:
            self._values["recorded_at"].setText(
                values["recorded_at"] + "  " + self.tr("(corrects entry {number})").format(number=entry["corrects_id"]))
        self._corrections_caption.setText(self.tr("Corrections of this entry"))
        self.corrections.clear()
        for correction in self._corrections:
            outcome = Outcome(correction["outcome"])
            self.corrections.addItem(self.tr("Entry {number}, {time}: {outcome}").format(
                number=correction["id"], time=labels.local_time(correction["recorded_at"]),
                outcome=in_current_language(outcome.ja, outcome.en)))
        if not self._corrections:
            self.corrections.addItem(self.tr("none"))
        self.correct_button.setText(self.tr("Correct this entry…"))
        self.statement_button.setText(self.tr("Print the statement again"))

    def _seller_text(self, entry: dict[str, Any]) -> str:
        if entry["seller_name"] is None:
            return self.tr("not entered")
        return self.tr("{name} ({age}, {occupation})\n{address}").format(
            name=entry["seller_name"], age=self.tr("Age %n", "", entry["seller_age"]),
            occupation=entry["seller_occupation"], address=entry["seller_address"])

    def _correct(self) -> None:
        self.correct_requested.emit(self.entry)
        self.accept()


class DayLog(Retranslating, QWidget):
    """A day's entries with a search box; opening one shows it in an :class:`EntryDialog`."""

    correct_requested = Signal(dict)
    statement_requested = Signal(dict)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self._ledger = ledger
        self.day = QDateEdit(QDate.currentDate())
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
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
        self._day_caption = QLabel()
        top = QHBoxLayout()
        top.addWidget(self._day_caption)
        top.addWidget(self.day)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.day.dateChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.table.activated.connect(lambda index: self.open_entry(index.row()))
        self.open_button.clicked.connect(self._open_selected)
        self.dialog: EntryDialog | None = None
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        day: dt.date = self.day.date().toPython()
        text = self.search.text().strip()
        entries = self._ledger.search(text, day) if text else list(self._ledger.entries_on(day))
        self.model.set_entries(entries)
        self._show_count()

    def open_entry(self, row: int) -> EntryDialog:
        entry = self.model.entry_at(row)
        if self.dialog is not None:
            self.dialog.close()
        dialog = EntryDialog(entry, self._ledger.corrections_of(entry["id"]), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.correct_requested.connect(self.correct_requested)
        dialog.statement_requested.connect(self.statement_requested)
        dialog.finished.connect(lambda _result: self._dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        self._day_caption.setText(self.tr("Day"))
        self.search.setPlaceholderText(self.tr("Search by IMEI, serial number or name"))
        self.open_button.setText(self.tr("Open"))
        self.model.retranslate()
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n entries", "", self.model.rowCount()))

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_entry(rows[0].row())

    def _dialog_finished(self, dialog: EntryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
