"""The condition checklist: each item is Yes, No, or not checked yet.

"Not checked" is a state of its own (the grade holds until every item is
answered), so it must never look like "No": an unanswered row carries an amber
"not checked" tag, and neither answer button is pressed.

A customer's answers from the customer screen (a ticket) are only declared:
the declared answer's button is framed with a dashed line and the row still
reads as not checked, so the grade ignores it until staff tap the answer they
found themselves.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.intake import Condition, Wear
from kiosk.tickets import Ticket
from ui import labels
from ui.widgets import Retranslating, set_style_property, set_tone

QUESTIONS = tuple(f.name for f in dataclass_fields(Condition) if f.name != "wear")


class _Choice:
    """Buttons of one row that act as one choice which can also be empty."""

    def __init__(self, values: tuple, on_change):
        self.buttons = {}
        for value in values:
            button = QPushButton()
            button.setCheckable(True)
            button.setObjectName("answerButton")
            button.clicked.connect(lambda checked, v=value: self._clicked(v, checked))
            self.buttons[value] = button
        self._on_change = on_change

    def value(self):
        return next((value for value, button in self.buttons.items() if button.isChecked()), None)

    def set_value(self, value) -> None:
        for each, button in self.buttons.items():
            button.setChecked(each == value)
        self._on_change()

    def set_declared(self, value) -> None:
        """Frame the button of the customer's answer (``None``: no answer declared)."""
        for each, button in self.buttons.items():
            set_style_property(button, "declared", each == value)

    def _clicked(self, value, checked: bool) -> None:
        self.set_value(value if checked else None)


class ConditionForm(Retranslating, QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._questions = {name: QLabel() for name in QUESTIONS}
        self._status = {name: QLabel() for name in (*QUESTIONS, "wear")}
        self._answers = {name: _Choice((True, False), self._answer_changed) for name in QUESTIONS}
        self._wear = _Choice(tuple(Wear), self._answer_changed)
        self._wear_caption = QLabel()
        self._ticket: Ticket | None = None
        self.declared_note = QLabel()
        self.declared_note.setObjectName("banner")
        self.declared_note.setWordWrap(True)
        self.declared_note.hide()
        grid = QGridLayout(self)
        grid.setVerticalSpacing(4)
        for row, name in enumerate(QUESTIONS):
            grid.addWidget(self._questions[name], row, 0)
            grid.addWidget(self._answers[name].buttons[True], row, 1)
            grid.addWidget(self._answers[name].buttons[False], row, 2)
            grid.addWidget(self._status[name], row, 3)
        wear_row = len(QUESTIONS)
        grid.addWidget(self._wear_caption, wear_row, 0)
        # Three ranks share the width of the two answer columns.
        wear_buttons = QHBoxLayout()
        for wear in Wear:
            self._wear.buttons[wear].setText(wear.value)
            wear_buttons.addWidget(self._wear.buttons[wear])
        grid.addLayout(wear_buttons, wear_row, 1, 1, 2)
        grid.addWidget(self._status["wear"], wear_row, 3)
        grid.addWidget(self.declared_note, wear_row + 1, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        self._grid = grid
        self.retranslate()

    def condition(self) -> Condition:
        return Condition(**{name: self._answers[name].value() for name in QUESTIONS}, wear=self._wear.value())

    def set_condition(self, condition: Condition) -> None:
        for name in QUESTIONS:
            self._answers[name].set_value(getattr(condition, name))
        self._wear.set_value(condition.wear)

    def declare(self, ticket: Ticket) -> None:
        """Show what the customer of ``ticket`` declared, for staff to check row by row."""
        self._ticket = ticket
        for name in QUESTIONS:
            self._answers[name].set_declared(self._declared(name))
        self.declared_note.show()
        self.retranslate()

    def answer(self, name: str, value: bool | None) -> None:
        self._answers[name].set_value(value)

    def set_wear(self, wear: Wear | None) -> None:
        self._wear.set_value(wear)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Condition"))
        self._keep_status_width()
        for name in QUESTIONS:
            self._questions[name].setText(labels.condition_question(name))
            self._answers[name].buttons[True].setText(self.tr("Yes"))
            self._answers[name].buttons[False].setText(self.tr("No"))
        self._wear_caption.setText(self.tr("Wear"))
        self._wear_caption.setToolTip(self.tr("Cosmetic rank of an undamaged phone"))
        for wear in Wear:
            self._wear.buttons[wear].setToolTip(labels.wear_name(wear))
        if self._ticket is not None:
            note = self.tr("Ticket {number}: the customer's own answers are framed with a dashed line. They are "
                           "declared, not checked: tap the answer you find.").format(number=self._ticket.label)
            phone = self._ticket.declaration.callback_phone
            if phone:
                note += "\n" + self.tr("Callback number: {phone}").format(phone=phone)
            self.declared_note.setText(note)
        self._show_status()

    def _answer_changed(self) -> None:
        self._show_status()
        self.changed.emit()

    def _keep_status_width(self) -> None:
        """The status column is as wide as "not checked" from the start, so the buttons beside it
        do not move when the last row turns to ✓."""
        font = QFont(self._status["wear"].font())
        font.setBold(True)
        widest = max(QFontMetrics(font).horizontalAdvance(text) for text in (self.tr("not checked"), "✓"))
        self._grid.setColumnMinimumWidth(3, widest + 4)

    def _show_status(self) -> None:
        values = {name: self._answers[name].value() for name in QUESTIONS}
        values["wear"] = self._wear.value()
        for name, value in values.items():
            status = self._status[name]
            declared = self._declared(name)
            # Short words in the row (the column must fit 1366 px in English too); the whole sentence as a tooltip.
            if value is None and declared is not None:
                status.setText(self.tr("said {answer}?").format(answer=self._yes_no(declared)))
                status.setToolTip(self.tr("The customer declared {answer}; not checked yet").format(
                    answer=self._yes_no(declared)))
                set_tone(status, "unknown")
            elif value is None:
                status.setText(self.tr("not checked"))
                status.setToolTip("")
                set_tone(status, "unknown")
            elif declared is not None and declared != value:
                status.setText(self.tr("✓ said {answer}").format(answer=self._yes_no(declared)))
                status.setToolTip(self.tr("Checked; the customer declared {answer}").format(answer=self._yes_no(declared)))
                set_tone(status, "info")
            else:
                status.setText("✓")
                status.setToolTip("")
                set_tone(status, "")

    def _declared(self, name: str) -> bool | None:
        return getattr(self._ticket.declaration.condition, name) if self._ticket is not None else None

    def _yes_no(self, answer: bool) -> str:
        return self.tr("Yes") if answer else self.tr("No")
