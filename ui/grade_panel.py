"""The grading screen: the outcome at a glance, why, and the button that records it."""

from __future__ import annotations

import html

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit, QFormLayout, QFrame, QGroupBox, QLabel, QLineEdit, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from kiosk.grading import Grade, Outcome
from kiosk.intake import PoliceReport
from ui.i18n import in_current_language
from ui.widgets import Retranslating, set_tone

REPEAT_IMEI_RULE = "imei.repeat"
#: The colour of each reason's bullet: the outcome its rule alone allows.
_EFFECT_COLOURS = {
    Outcome.BUY: "#1b7f3b",
    Outcome.BUY_REDUCED: "#b36b00",
    Outcome.JUNK_WIFI: "#8a4fbf",
    Outcome.JUNK_PARTS: "#8a4fbf",
    Outcome.HOLD: "#b36b00",
    Outcome.REFUSE: "#c0262d",
}
MAX_PRICE_YEN = 10_000_000


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

    def report(self) -> PoliceReport | None:
        station = self.station.text().strip()
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
        self.repeat_warning = QLabel()
        self.repeat_warning.setObjectName("repeatWarning")
        self.repeat_warning.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.police_report = PoliceReportBox()
        self.price = QSpinBox()
        self.price.setRange(0, MAX_PRICE_YEN)
        self.price.setSingleStep(500)
        self.price.setGroupSeparatorShown(True)
        self.staff_name = QLineEdit()
        self.staff_name.setMaxLength(80)
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirm")
        self.status = QLabel()
        self.status.setObjectName("saveStatus")
        self.status.setWordWrap(True)
        self._price_caption = QLabel()
        self._staff_caption = QLabel()
        self._reasons_caption = QLabel()
        self._reasons_caption.setObjectName("caption")

        form = QFormLayout()
        form.addRow(self._price_caption, self.price)
        form.addRow(self._staff_caption, self.staff_name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.outcome)
        layout.addWidget(self.rank)
        layout.addWidget(self.repeat_warning)
        layout.addWidget(self._reasons_caption)
        layout.addWidget(self.reasons)
        layout.addStretch(1)
        layout.addWidget(self.police_report)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.status)
        self.confirm.clicked.connect(self.confirm_requested)
        self.police_report.hide()
        self.repeat_warning.hide()
        self.retranslate()

    def show_grade(self, grade: Grade, police_report_offered: bool) -> None:
        self._grade = grade
        self.police_report.setVisible(police_report_offered)
        self.price.setEnabled(grade.outcome.is_purchase)
        self._show_grade()

    def price_yen(self) -> int | None:
        """The price, or None when the shop does not buy (0 stands for "no price")."""
        if self._grade is None or not self._grade.outcome.is_purchase or self.price.value() == 0:
            return None
        return self.price.value()

    def show_saved(self, entry_id: int) -> None:
        self.status.setText(self.tr("Saved (entry {number})").format(number=entry_id))
        set_tone(self.status, "ok")

    def show_problem(self, message: str) -> None:
        self.status.setText(message)
        set_tone(self.status, "bad")

    def retranslate(self) -> None:
        self._reasons_caption.setText(self.tr("Reasons"))
        self._price_caption.setText(self.tr("Price"))
        self.price.setSuffix(self.tr(" yen"))
        self.price.setSpecialValueText(self.tr("no purchase"))
        self._staff_caption.setText(self.tr("Staff"))
        self.confirm.setText(self.tr("Confirm and record ({shortcut})").format(
            shortcut=QKeySequence("Ctrl+Return").toString(QKeySequence.SequenceFormat.NativeText)))
        if self._grade is not None:
            self._show_grade()

    def _show_grade(self) -> None:
        grade = self._grade
        self.outcome.setText(in_current_language(grade.outcome.ja, grade.outcome.en))
        self.outcome.setProperty("outcome", grade.outcome.value)
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.rank.setText(self.tr("Rank: {rank}").format(rank=grade.rank or self.tr("not decided (checklist unfinished)")))
        repeat = next((reason for reason in grade.reasons if reason.rule == REPEAT_IMEI_RULE), None)
        self.repeat_warning.setVisible(repeat is not None)
        if repeat is not None:
            self.repeat_warning.setText("⚠ " + in_current_language(repeat.ja, repeat.en))
        items = "".join(
            f'<li><span style="color:{_EFFECT_COLOURS[reason.effect]}">■</span> '
            f"{html.escape(in_current_language(reason.ja, reason.en))}</li>"
            for reason in grade.reasons if reason.rule != REPEAT_IMEI_RULE
        )
        self.reasons.setText(f'<ul style="margin-left:0; -qt-list-indent:0">{items}</ul>')
