"""The grading screen: the outcome at a glance, why, and the button that records it."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit, QFormLayout, QFrame, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.grading import Grade, Outcome
from kiosk.intake import PoliceReport, clean_field
from kiosk.ledger import LedgerEntry
from ui.i18n import in_current_language
from ui.price_box import PriceBox
from ui.widgets import Retranslating, set_style_property, set_tone

# Rules about the phone's earlier intakes: shown apart, above the other reasons.
HISTORY_RULES = ("history.suspicious", "imei.repeat")
#: The colour of each reason's bullet: the outcome its rule alone allows.
_EFFECT_COLOURS = {
    Outcome.BUY: "#1b7f3b",
    Outcome.BUY_REDUCED: "#b36b00",
    Outcome.JUNK_WIFI: "#8a4fbf",
    Outcome.JUNK_PARTS: "#8a4fbf",
    Outcome.HOLD: "#b36b00",
    Outcome.REFUSE: "#c0262d",
}
UNFINISHED = "unfinished"


def shown_outcome(grade: Grade) -> tuple[str, str]:
    """The outcome as the counter shows it: its text and its style key.

    While only missing input decides the outcome, the form is "not finished"
    rather than refused or held: staff are still entering it. A refusal the
    phone itself causes (a lock, a suspicion) shows at once.
    """
    if grade.awaiting_input:
        return QCoreApplication.translate("GradePanel", "Not finished"), UNFINISHED
    return in_current_language(grade.outcome.ja, grade.outcome.en), grade.outcome.value


class PoliceReportBox(Retranslating, QGroupBox):
    """Offered when a phone is refused as suspected stolen: the shop must still report it (§15-3)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCheckable(True)
        self.setChecked(False)
        self.reported_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.reported_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.station = QLineEdit()
        self.station.setMaxLength(120)
        self._time_caption = QLabel()
        self._station_caption = QLabel()
        form = QFormLayout(self)
        form.addRow(self._time_caption, self.reported_at)
        form.addRow(self._station_caption, self.station)
        self.toggled.connect(self._toggled)
        self.station.textChanged.connect(self.changed)
        self.retranslate()

    def _toggled(self, checked: bool) -> None:
        if checked:
            # The form may have been open a while: start from the time the report is logged.
            self.reported_at.setDateTime(QDateTime.currentDateTime())
        self.changed.emit()

    def set_report(self, report: PoliceReport) -> None:
        """Show a report already recorded (a correction starts from it)."""
        self.setChecked(True)
        when = QDateTime.fromString(report.reported_at, "yyyy-MM-ddTHH:mm")
        if when.isValid():
            self.reported_at.setDateTime(when)
        self.station.setText(report.station)

    def report(self) -> PoliceReport | None:
        station = clean_field(self.station.text(), 120)
        if not self.isChecked() or not station:
            return None
        return PoliceReport(reported_at=self.reported_at.dateTime().toString("yyyy-MM-ddTHH:mm"), station=station)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Reported to the police"))
        self._time_caption.setText(self.tr("When"))
        self._station_caption.setText(self.tr("Police station"))


class GradePanel(Retranslating, QFrame):
    """Shows a :class:`Grade` and collects what recording needs (price, staff name)."""

    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradePanel")
        self._grade: Grade | None = None
        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.rank = QLabel()
        self.rank.setObjectName("rank")
        self.rank.setWordWrap(True)  # "Rank: not decided (checklist unfinished)" is long in English
        self.repeat_warning = QLabel()
        self.repeat_warning.setObjectName("repeatWarning")
        self.repeat_warning.setWordWrap(True)
        self.history = QLabel()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self._history: list[LedgerEntry] = []
        self.reasons = QLabel()
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.police_report = PoliceReportBox()
        self.price_box = PriceBox()
        self.price = self.price_box.price
        self.staff_name = QLineEdit()
        self.staff_name.setMaxLength(80)
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirm")
        self.same_seller = QPushButton()
        self.same_seller.setObjectName("sameSeller")
        self.print_statement = QPushButton()
        self.print_statement.setObjectName("printStatement")
        self.print_statement.hide()
        self.status = QLabel()
        self.status.setObjectName("saveStatus")
        self.status.setWordWrap(True)
        self._staff_caption = QLabel()
        self._reasons_caption = QLabel()
        self._reasons_caption.setObjectName("caption")

        form = QFormLayout()
        form.addRow(self._staff_caption, self.staff_name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.outcome)
        layout.addWidget(self.rank)
        layout.addWidget(self.repeat_warning)
        layout.addWidget(self.history)
        layout.addWidget(self._reasons_caption)
        layout.addWidget(self.reasons)
        layout.addStretch(1)
        layout.addWidget(self.police_report)
        layout.addWidget(self.price_box)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        layout.addWidget(self.print_statement)
        layout.addWidget(self.same_seller)
        self.confirm.clicked.connect(self.confirm_requested)
        self.police_report.hide()
        self.repeat_warning.hide()
        self.history.hide()
        self.retranslate()

    def show_grade(self, grade: Grade, police_report_offered: bool) -> None:
        self._grade = grade
        self.police_report.setVisible(police_report_offered)
        self._show_grade()

    def show_unfinished(self, what_is_missing: str) -> None:
        """No grade yet (a phone taken in by hand before its model is chosen): say what is missing."""
        self._grade = None
        self.outcome.setText(self.tr("Not finished"))
        set_style_property(self.outcome, "outcome", UNFINISHED)
        self.rank.clear()
        self.repeat_warning.hide()
        self.reasons.setText(html.escape(what_is_missing))

    def price_yen(self) -> int | None:
        """The price, or None when the shop does not buy or none is typed.

        The field stays open whatever the grade: staff often type the price before
        the checklist is done, and a typed price must not be dropped.
        """
        if self._grade is None or not self._grade.outcome.is_purchase:
            return None
        return self.price.value() or None

    def show_history(self, entries: list[LedgerEntry]) -> None:
        """Every earlier intake of this phone, oldest first (empty hides the list)."""
        self._history = entries
        self._show_history()

    def _show_history(self) -> None:
        self.history.setVisible(bool(self._history))
        lines = []
        for entry in self._history:
            outcome = Outcome(entry.outcome)
            report = entry.police_report
            police = (self.tr("reported to {station}").format(station=report.station) if report
                      else self.tr("suspected, not yet reported") if entry.suspected_theft else "")
            lines.append(" ".join(filter(None, (
                self.tr("No. {number}").format(number=entry.id), entry.recorded_at[:10],
                in_current_language(outcome.ja, outcome.en), police))))
        self.history.setText(self.tr("This phone's history:") + "\n" + "\n".join(lines) if lines else "")

    def show_saving(self) -> None:
        self.confirm.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        set_tone(self.status, "info")

    def show_saved(self, entry_id: int) -> None:
        self.status.setText(self.tr("Saved (entry {number})").format(number=entry_id))
        set_tone(self.status, "ok")

    def show_problem(self, message: str) -> None:
        self.status.setText(message)
        set_tone(self.status, "bad")

    def show_note(self, message: str) -> None:
        self.status.setText(message)
        set_tone(self.status, "info")

    def retranslate(self) -> None:
        self._reasons_caption.setText(self.tr("Reasons"))
        self._staff_caption.setText(self.tr("Staff"))
        self.same_seller.setText(self.tr("Same seller, next phone"))
        self.print_statement.setText(self.tr("Print the purchase statement"))
        self.same_seller.setToolTip(self.tr("Copy this seller and ID check to the next phone"))
        self.confirm.setText(self.tr("Confirm and record ({shortcut})").format(
            shortcut=QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)))
        if self._grade is not None:
            self._show_grade()
        self._show_history()

    def _show_grade(self) -> None:
        grade = self._grade
        if grade is None:
            return
        text, style = shown_outcome(grade)
        self.outcome.setText(text)
        set_style_property(self.outcome, "outcome", style)
        self.rank.setText(self.tr("Rank: {rank}").format(rank=grade.rank or self.tr("not decided (checklist unfinished)")))
        repeat = next((reason for reason in grade.reasons if reason.rule in HISTORY_RULES), None)
        self.repeat_warning.setVisible(repeat is not None)
        if repeat is not None:
            self.repeat_warning.setText("⚠ " + in_current_language(repeat.ja, repeat.en))
            set_tone(self.repeat_warning, "bad" if repeat.effect is not Outcome.BUY else "")
        items = "".join(
            f'<li><span style="color:{_EFFECT_COLOURS[reason.effect]}">■</span> '
            f"{html.escape(in_current_language(reason.ja, reason.en))}</li>"
            for reason in grade.reasons if reason.rule not in HISTORY_RULES
        )
        self.reasons.setText(f'<ul style="margin-left:0; -qt-list-indent:0">{items}</ul>')
