"""A card per phone on the counter: what it is, its state, what to do, and its grade."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from device_probes.facts import DeviceFacts, DeviceState
from kiosk.grading import Grade
from ui import labels
from ui.grade_panel import shown_outcome
from ui.widgets import Retranslating, set_style_property, set_tone


class DeviceCard(Retranslating, QFrame):
    selected = Signal()
    read_again = Signal()
    close_requested = Signal()
    resized = Signal()

    def __init__(self, platform: str, serial: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deviceCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.platform = platform
        self.serial = serial
        self._facts: DeviceFacts | None = None
        self._state: DeviceState | None = None
        self._grade: Grade | None = None
        self._saved_entry: int | None = None
        self._probing = False
        #: The last read failed outright (the hub logged why).
        self._failed = False
        self.unplugged = False
        self.correction_of: int | None = None
        #: Taken in without a cable: nothing is read, staff enter the facts.
        self.manual = False

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.instruction = QLabel()
        self.instruction.setObjectName("instruction")
        self.instruction.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a probe has no measurable steps
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        # The bar comes and goes with each read; its room stays so the card's buttons do not jump.
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.outcome = QLabel()
        self.outcome.setObjectName("cardOutcome")
        self.read_again_button = QPushButton()
        self.close_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_again_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        for widget in (self.title, self.state, self.instruction, self.progress, self.outcome):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.read_again_button.clicked.connect(self.read_again)
        self.close_button.clicked.connect(self.close_requested)
        self.retranslate()

    # -- what the hub and the editor report --------------------------------------------

    @property
    def reading(self) -> bool:
        """The phone is being read now."""
        return self._probing

    def show_probing(self) -> None:
        self._probing, self._failed = True, False
        self._refresh()

    def show_facts(self, facts: DeviceFacts) -> None:
        self._facts, self._state, self._probing, self._failed = facts, facts.state, False, False
        self._refresh()

    def show_state(self, state: DeviceState) -> None:
        self._state = state
        self._refresh()

    def show_failure(self) -> None:
        self._probing, self._failed = False, True
        self._refresh()

    def show_grade(self, grade: Grade) -> None:
        self._grade = grade
        self._refresh()

    def show_saved(self, entry_id: int) -> None:
        self._saved_entry = entry_id
        self._refresh()

    def set_unplugged(self, unplugged: bool) -> None:
        self.unplugged = unplugged
        if unplugged:
            self._probing = False
        self.setProperty("unplugged", unplugged)
        # Children pick up the greyed look from the card's property only when re-polished.
        for widget in (self, *self.findChildren(QWidget)):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._refresh()

    def set_current(self, current: bool) -> None:
        self.setProperty("current", current)
        self.style().unpolish(self)
        self.style().polish(self)

    # -- display ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.read_again_button.setText(self.tr("Read again"))
        self.close_button.setText(self.tr("Close"))
        self._refresh()

    def _refresh(self) -> None:
        self.title.setText(self._title())
        self.progress.setVisible(self._probing)
        self.read_again_button.setVisible(not self.unplugged and self.correction_of is None and not self.manual)
        self.read_again_button.setEnabled(not self._probing)
        self.close_button.setVisible(self.unplugged or self._saved_entry is not None or self.correction_of is not None
                                     or self.manual)
        self._show_state()
        style = ""
        if self._saved_entry is not None:
            self.outcome.setText(self.tr("Saved (entry {number})").format(number=self._saved_entry))
            style = self._grade.outcome.value if self._grade else ""
        elif self._grade is not None:
            text, style = shown_outcome(self._grade)
            self.outcome.setText(text)
        else:
            self.outcome.setText("")
        set_style_property(self.outcome, "outcome", style)

    def _title(self) -> str:
        kind = "iPhone" if self.platform == "ios" else "Android"
        facts = self._facts
        name = facts.display_name() if facts else None
        if self.correction_of is not None:
            return self.tr("Correction of entry {number}").format(number=self.correction_of) + (f"\n{name}" if name else "")
        if self.manual:
            return name or self.tr("Phone without a cable")
        return name or self.tr("{kind} being read").format(kind=kind)

    def _show_state(self) -> None:
        if self.manual:
            self.state.setText(self.tr("Entered by hand"))
            set_tone(self.state, "info")
            self.instruction.setText("")
        elif self.unplugged:
            self.state.setText(self.tr("Unplugged"))
            set_tone(self.state, "unknown")
            self.instruction.setText("")
        elif self._probing:
            self.state.setText(self.tr("Reading…"))
            set_tone(self.state, "info")
            self.instruction.setText(self.tr("Keep the cable plugged in."))
        elif self._failed:
            self.state.setText(labels.state_summary(DeviceState.ERROR))
            set_tone(self.state, "bad")
            self.instruction.setText(labels.state_instruction(self.platform, DeviceState.ERROR))
        elif self._state is not None:
            self.state.setText(labels.state_summary(self._state))
            set_tone(self.state, "ok" if self._state is DeviceState.READY else "unknown")
            self.instruction.setText(labels.state_instruction(self.platform, self._state))
        else:
            self.state.setText("")
            self.instruction.setText("")
        self.instruction.setVisible(bool(self.instruction.text()))

    # -- input ------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    # Focus alone never selects: Qt moves focus to a card when the form's widgets are
    # disabled after a save, or on Tab, and the phone shown must not change then.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.selected.emit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.selected.emit()
        else:
            super().keyPressEvent(event)
