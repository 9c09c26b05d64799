"""What was read from the phone, each value with where it came from.

Unknown is never shown as fine: a value the phone did not give reads
"unknown" in amber, and the staff fields next to it (battery health from
Settings, lock removal watched at the counter) are marked as staff input.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget,
)

from device_probes.facts import DeviceFacts, LockState, Source, measurement_words
from kiosk.item_features import device_capacity_text
from ui import labels
from ui.i18n import in_current_language
from ui.widgets import Retranslating, set_tone


class _FactRow(QWidget):
    """A value and its source tag, e.g. ``iPhone 13 Pro  [端末]``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QLabel()
        self.source.setObjectName("sourceTag")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value, 1)
        layout.addWidget(self.source, 0, Qt.AlignmentFlag.AlignTop)

    def show_value(self, text: str | None, source: Source | None, tone: str = "") -> None:
        if text:
            self.value.setText(text)
            set_tone(self.value, tone)
        else:
            self.value.setText(labels.unknown())
            set_tone(self.value, "unknown")
        # The tag says where a value came from; a missing value already reads "unknown".
        self.source.setText(f"[{labels.source_name(source)}]" if text and source else "")


class FactsView(Retranslating, QGroupBox):
    """The phone's facts, and the staff checks that stand in for missing ones."""

    changed = Signal()

    _ROWS = ("model", "os_version", "hardware_serial", "imei", "lock", "battery")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._facts: DeviceFacts | None = None
        self._rows = {name: _FactRow() for name in self._ROWS}
        self._captions = {name: QLabel() for name in self._ROWS}
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        set_tone(self.problems, "bad")
        self.battery_from_settings = QDoubleSpinBox()
        self.battery_from_settings.setRange(0, 100)
        self.battery_from_settings.setDecimals(0)
        self.battery_from_settings.setSuffix(" %")
        # 0 means "not entered": the spin box shows a dash instead.
        self.battery_from_settings.setSpecialValueText("—")
        self.lock_removed = QCheckBox()
        self.color = QLineEdit()
        self.color.setMaxLength(40)
        self.capacity = QLineEdit()
        self.capacity.setMaxLength(20)
        self._battery_caption = QLabel()
        self._color_caption = QLabel()
        self._capacity_caption = QLabel()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in self._ROWS:
            form.addRow(self._captions[name], self._rows[name])
        form.addRow(self.problems)
        form.addRow(self.lock_removed)
        form.addRow(self._battery_caption, self.battery_from_settings)
        form.addRow(self._color_caption, self.color)
        form.addRow(self._capacity_caption, self.capacity)

        self.battery_from_settings.valueChanged.connect(self.changed)
        self.lock_removed.toggled.connect(self.changed)
        self.color.textChanged.connect(self.changed)
        self.capacity.textChanged.connect(self.changed)
        self.retranslate()

    def set_facts(self, facts: DeviceFacts | None) -> None:
        self._facts = facts
        self._show_facts()

    def staff_battery_percent(self) -> float | None:
        value = self.battery_from_settings.value()
        return value if value > 0 else None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Phone"))
        captions = {
            "model": self.tr("Model"),
            "os_version": self.tr("OS version"),
            "hardware_serial": self.tr("Serial number"),
            "imei": self.tr("IMEI"),
            "battery": self.tr("Battery health"),
        }
        for name, text in captions.items():
            self._captions[name].setText(text)
        self.lock_removed.setText(self.tr("Lock removal watched at the counter"))
        self._battery_caption.setText(self.tr("Battery health in Settings"))
        self.battery_from_settings.setToolTip(self.tr("Only when the phone did not report it"))
        self.lock_removed.setToolTip(self.tr("The customer turned off Find My / removed the Google account in front of you"))
        self._color_caption.setText(self.tr("Colour"))
        self._capacity_caption.setText(self.tr("Capacity"))
        self._show_facts()

    def _show_facts(self) -> None:
        facts = self._facts
        platform = facts.platform if facts else ""
        self._captions["lock"].setText(labels.lock_name(platform) if facts else self.tr("Lock"))
        if facts is None:
            for row in self._rows.values():
                row.show_value(None, None)
            self.problems.hide()
            return
        source = facts.provenance.get
        model = facts.model_name or facts.model_code
        if facts.model_name and facts.model_code and facts.model_code != facts.model_name:
            model = f"{facts.model_name} ({facts.model_code})"
        if model and facts.region:
            model = f"{model}  {facts.region}"  # the sales region, e.g. J/A for a Japanese model
        self._rows["model"].show_value(model, source("model_name") or source("model_code"))
        self._rows["os_version"].show_value(facts.os_version, source("os_version"))
        self._rows["hardware_serial"].show_value(facts.hardware_serial, source("hardware_serial"))
        self._rows["imei"].show_value("\n".join(facts.imei), source("imei"))
        lock_tone = {LockState.ON: "bad", LockState.OFF: "ok", LockState.UNKNOWN: "unknown"}[facts.lock]
        self._rows["lock"].show_value(labels.lock_value(platform, facts.lock), source("lock"), lock_tone)
        self._rows["battery"].show_value(self._battery_text(facts), source("battery"))
        # What the phone said shows greyed in the field; what staff type corrects it and wins.
        self.color.setPlaceholderText(facts.color or "")
        self.capacity.setPlaceholderText(device_capacity_text(facts) or "")
        # The probes' problems come in both languages; show the window's.
        self.problems.setText("\n".join(in_current_language(problem.ja, problem.en) for problem in facts.problems))
        self.problems.setVisible(bool(facts.problems))

    def _battery_text(self, facts: DeviceFacts) -> str | None:
        battery = facts.battery
        if battery is None or battery.health_percent is None:
            return None
        text = f"{battery.health_percent:.0f} %"
        if battery.cycle_count is not None:
            text += " / " + self.tr("%n charge cycle(s)", "", battery.cycle_count)
        # How it was measured goes with the figure (RMJ guideline), on its own line, in the shop's words.
        return text + "\n" + in_current_language(*measurement_words(battery))
