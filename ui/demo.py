"""Demo mode: simulated phones of both kinds, and a panel to plug and unplug them.

The simulators speak the real protocols (a fake usbmuxd, a fake adbd behind a
private adb server), so the app reads them through the same services as real
phones. The services find them through the standard environment variables,
which :class:`~device_probes.sim.phones.SimulatedPhones` sets for as long as it runs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from device_probes.sim.phones import PLATFORMS, SimulatedPhones, profile_description, profile_names
from ui.background import Gateway
from ui.widgets import Retranslating

PLATFORM_NAMES = {"ios": "iPhone", "android": "Android"}


class DemoPanel(Retranslating, QWidget):
    """Plug a simulated phone in by profile, or pull one out. Plugging runs in the background."""

    def __init__(self, phones: SimulatedPhones, gateway: Gateway, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("demoPanel")
        self._phones = phones
        self._gateway = gateway
        #: serial -> (platform, profile) of each phone plugged in; changed on this thread only.
        self.plugged_phones: dict[str, tuple[str, str]] = {}
        self.profile = QComboBox()
        for platform in PLATFORMS:
            for name in profile_names(platform):
                self.profile.addItem(f"{PLATFORM_NAMES[platform]}: {name}", f"{platform}/{name}")
                self.profile.setItemData(self.profile.count() - 1, profile_description(platform, name),
                                         Qt.ItemDataRole.ToolTipRole)
        self.plug_button = QPushButton()
        self.plugged = QComboBox()
        self.unplug_button = QPushButton()
        self.caption = QLabel()
        self.caption.setObjectName("demoCaption")
        self.message = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.profile, 2)
        layout.addWidget(self.plug_button)
        layout.addSpacing(16)
        layout.addWidget(self.plugged, 2)
        layout.addWidget(self.unplug_button)
        layout.addWidget(self.message, 1)
        self.plug_button.clicked.connect(self.plug_selected)
        self.unplug_button.clicked.connect(self.unplug_selected)
        self.retranslate()
        self._show_plugged()

    def plug(self, platform: str, profile: str) -> None:
        self._gateway.run_in_background(lambda: self._phones.plug(platform, profile),
                                        lambda serial: self._plugged(serial, platform, profile), self._failed)

    def plug_selected(self) -> None:
        platform, _slash, profile = self.profile.currentData().partition("/")
        self.plug(platform, profile)

    def unplug_selected(self) -> None:
        serial = self.plugged.currentData()
        if serial is None:
            return
        platform, _profile = self.plugged_phones.pop(serial)
        self._show_plugged()
        self._gateway.run_in_background(lambda: self._phones.unplug(platform, serial), lambda _none: None, self._failed)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Demo phones:"))
        self.plug_button.setText(self.tr("Plug in"))
        self.unplug_button.setText(self.tr("Unplug"))

    def _plugged(self, serial: str, platform: str, profile: str) -> None:
        self.plugged_phones[serial] = (platform, profile)
        self._show_plugged()

    def _show_plugged(self) -> None:
        self.plugged.clear()
        for serial, (platform, profile) in self.plugged_phones.items():
            self.plugged.addItem(f"{PLATFORM_NAMES[platform]}: {profile} ({serial[-8:]})", serial)
        self.unplug_button.setEnabled(self.plugged.count() > 0)
        self.message.clear()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error))
