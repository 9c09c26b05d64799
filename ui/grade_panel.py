"""The grading screen: the outcome at a glance, why, the price, and the button that records it.

Laid out for a 1366×768 counter PC: every part has a place whose size does
not depend on what it shows, so nothing moves while staff work. What can grow
(the reasons, the phone's earlier intakes, the price's breakdown) scrolls
inside its own area; the phone's history shows as a one-line summary that
opens into the list.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDateTimeEdit, QFormLayout, QFrame, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy,
    QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from kiosk.grading import Grade, Outcome
from kiosk.intake import PoliceReport, clean_field
from kiosk.ledger import LedgerEntry, prior_intake
from ui.i18n import in_current_language
from ui.price_box import PriceBox
from ui.widgets import Retranslating, set_style_property, set_tone, text_height

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
#: Lines of the save status kept free, so a message never moves the buttons.
STATUS_LINES = 2


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


class FittedLabel(QLabel):
    """One line of large text whose font shrinks until it fits the width.

    A long English outcome ("Buy at a reduced price") would otherwise wrap
    onto a second line and push everything below it down.
    """

    def __init__(self, largest_pt: int, smallest_pt: int, padding_px: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._sizes = range(largest_pt, smallest_pt - 1, -1)
        self._padding_px = padding_px
        self._shown_pt: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(QFontMetrics(self._font(largest_pt)).height() + 2 * padding_px + 4)

    def _font(self, point_size: int) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSize(point_size)
        return font

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.width() - 2 * self._padding_px - 6
        size = next((pt for pt in self._sizes if QFontMetrics(self._font(pt)).horizontalAdvance(self.text()) <= room),
                    self._sizes[-1])
        if size != self._shown_pt:
            self._shown_pt = size
            # The style sheet sets the colours; the size is this label's own.
            self.setStyleSheet(f"font-size: {size}pt;")
        # What does not fit even at the smallest size stays readable in full as a tooltip.
        fits = QFontMetrics(self._font(size)).horizontalAdvance(self.text()) <= room
        self.setToolTip("" if fits else self.text())


class GradePanel(Retranslating, QFrame):
    """Shows a :class:`Grade` and collects what recording needs (price, staff name)."""

    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradePanel")
        self._grade: Grade | None = None
        self.outcome = FittedLabel(18, 10, 4)
        self.outcome.setObjectName("outcome")
        self.rank = FittedLabel(13, 9, 0)
        self.rank.setObjectName("rank")
        #: The phone's earlier intakes in one line; a click opens the list.
        self.history_summary = QToolButton()
        self.history_summary.setObjectName("historySummary")
        self.history_summary.setCheckable(True)
        self.history_summary.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.history_summary.setAutoRaise(True)
        self.history_summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._summary_text = ""
        self.history_summary.toggled.connect(self._history_toggled)
        self._history: list[LedgerEntry] | None = None
        self._reasons_caption = QLabel()
        self._reasons_caption.setObjectName("caption")

        # The "why" area: the history list (when opened), the history warning and the reasons.
        why = QWidget()
        self.history = QLabel(why)
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.repeat_warning = QLabel(why)
        self.repeat_warning.setObjectName("repeatWarning")
        self.repeat_warning.setWordWrap(True)
        self.reasons = QLabel(why)
        self.reasons.setObjectName("reasons")
        self.reasons.setWordWrap(True)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        why_layout = QVBoxLayout(why)
        why_layout.setContentsMargins(0, 0, 4, 0)
        why_layout.setSpacing(4)
        why_layout.addWidget(self.history)
        why_layout.addWidget(self.repeat_warning)
        why_layout.addWidget(self.reasons)
        why_layout.addStretch(1)
        self.why_area = QScrollArea()
        self.why_area.setObjectName("whyArea")
        self.why_area.setWidgetResizable(True)
        self.why_area.setFrameShape(QFrame.Shape.NoFrame)
        self.why_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.why_area.setWidget(why)

        # The price, or (for a phone refused as suspected stolen) the police report, in one place.
        self.police_report = PoliceReportBox()
        self.price_box = PriceBox()
        self.price = self.price_box.price
        self._price_or_report = QStackedWidget()
        self._price_or_report.addWidget(self.price_box)
        self._price_or_report.addWidget(self.police_report)
        self._price_or_report.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.staff_name = QLineEdit()
        self.staff_name.setMaxLength(80)
        self._staff_caption = QLabel()
        # Confirm, and in its place once saved, the purchase statement.
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirm")
        self.print_statement = QPushButton()
        self.print_statement.setObjectName("printStatement")
        self._record_buttons = QStackedWidget()
        self._record_buttons.addWidget(self.confirm)
        self._record_buttons.addWidget(self.print_statement)
        self._record_buttons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.status = QLabel()
        self.status.setObjectName("saveStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.same_seller = QPushButton()
        self.same_seller.setObjectName("sameSeller")

        staff_row = QHBoxLayout()
        staff_row.addWidget(self._staff_caption)
        staff_row.addWidget(self.staff_name, 1)
        staff_row.addWidget(self.same_seller)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.outcome)
        layout.addWidget(self.rank)
        layout.addWidget(self.history_summary, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._reasons_caption)
        layout.addWidget(self.why_area, 1)
        layout.addWidget(self._price_or_report)
        layout.addLayout(staff_row)
        layout.addWidget(self._record_buttons)
        layout.addWidget(self.status)
        self.confirm.clicked.connect(self.confirm_requested)
        self.repeat_warning.hide()
        self.history.hide()
        self.retranslate()
        self.status.setFixedHeight(text_height(self.status, STATUS_LINES))

    def show_grade(self, grade: Grade, police_report_offered: bool) -> None:
        self._grade = grade
        self._price_or_report.setCurrentWidget(self.police_report if police_report_offered else self.price_box)
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
        """Every earlier intake of this phone, oldest first, once the ledger has been read."""
        self._history = entries
        self._show_history()

    def _history_toggled(self, opened: bool) -> None:
        self.history.setVisible(opened and bool(self._history))
        self.history_summary.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        if opened:
            self.why_area.verticalScrollBar().setValue(0)

    def _show_history(self) -> None:
        entries = self._history
        self.history_summary.setEnabled(bool(entries))
        if not entries:
            self.history_summary.setChecked(False)
            self.history_summary.setArrowType(Qt.ArrowType.NoArrow)
            self._summary_text = (self.tr("Earlier intakes: being read…") if entries is None
                                  else self.tr("Earlier intakes: none"))
            set_style_property(self.history_summary, "tone", "")
            self._fit_summary()
            self.history.clear()
            return
        held = sum(Outcome(entry.outcome) is Outcome.HOLD for entry in entries)
        suspected = sum(prior_intake(entry).suspicious for entry in entries)
        notes = []
        if held:
            notes.append(self.tr("{count} held").format(count=held))
        if suspected:
            notes.append(self.tr("{count} suspected").format(count=suspected))
        summary = self.tr("Earlier intakes: {count}").format(count=len(entries))
        if notes:
            summary = self.tr("{summary} ({notes})").format(summary=summary, notes=self.tr(", ").join(notes))
        self._summary_text = summary
        self.history_summary.setArrowType(
            Qt.ArrowType.DownArrow if self.history_summary.isChecked() else Qt.ArrowType.RightArrow)
        set_style_property(self.history_summary, "tone", "bad" if suspected else "unknown")
        self._fit_summary()
        lines = []
        for entry in entries:
            outcome = Outcome(entry.outcome)
            report = entry.police_report
            police = (self.tr("reported to {station}").format(station=report.station) if report
                      else self.tr("suspected, not yet reported") if entry.suspected_theft else "")
            lines.append(" ".join(filter(None, (
                self.tr("No. {number}").format(number=entry.id), entry.recorded_at[:10],
                in_current_language(outcome.ja, outcome.en), police))))
        self.history.setText("\n".join(lines))
        self.history.setVisible(self.history_summary.isChecked())

    def _fit_summary(self) -> None:
        """The summary on its one line: cut short with "…" only if the panel is too narrow, in full as a tooltip."""
        hint = self.tr("This phone's earlier intakes (same IMEI or serial number); click to show the list")
        button, metrics = self.history_summary, self.history_summary.fontMetrics()
        margins = self.layout().contentsMargins()
        # The button's arrow, margins and padding around its text, as its style lays them out.
        button.setText(self._summary_text)
        overhead = button.sizeHint().width() - metrics.horizontalAdvance(self._summary_text)
        room = self.contentsRect().width() - margins.left() - margins.right() - overhead
        shown = metrics.elidedText(self._summary_text, Qt.TextElideMode.ElideRight, room) if room > 0 else ""
        shown = shown or self._summary_text
        button.setText(shown)
        button.setToolTip(hint if shown == self._summary_text else f"{self._summary_text}\n{hint}")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_summary()

    def show_saving(self) -> None:
        self.confirm.setEnabled(False)
        self._show_status(self.tr("Saving…"), "info")

    def show_saved(self, entry_id: int, printable: bool = False) -> None:
        """Saved: say so, and offer the purchase statement where confirm was."""
        self._show_status(self.tr("Saved (entry {number})").format(number=entry_id), "ok")
        if printable:
            self._record_buttons.setCurrentWidget(self.print_statement)

    def show_problem(self, message: str) -> None:
        self._show_status(message, "bad")

    def show_note(self, message: str) -> None:
        self._show_status(message, "info")

    def _show_status(self, message: str, tone: str) -> None:
        self.status.setText(message)
        # The status keeps its lines free; a longer message is there in full as a tooltip.
        self.status.setToolTip(message if self.status.heightForWidth(self.status.width()) > self.status.height() else "")
        set_tone(self.status, tone)

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
