"""Demo mode: simulated phones of both kinds, and a panel to plug and unplug them.

The simulators speak the real protocols (a fake usbmuxd, a fake adbd behind a
private adb server), so the app reads them through the same services as real
phones. The services find them through the standard environment variables,
which :class:`SimulatedPhones` sets for as long as it runs.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from device_probes.sim import android as android_sim
from device_probes.sim import ios as ios_sim
from ui.background import Gateway
from ui.widgets import Retranslating

#: Phones plugged in when the demo starts: one to buy, one at a reduced price,
#: one to refuse (a Google account still on it), one that waits for "Trust".
FIRST_PHONES = (
    ("ios", "iphone15_dual_sim"),
    ("android", "galaxy_s21"),
    ("android", "pixel8_frp"),
    ("ios", "untrusted_then_trusted"),
)
PLATFORM_NAMES = {"ios": "iPhone", "android": "Android"}
_SIMULATOR_MODULES = {"ios": ios_sim, "android": android_sim}


def profile_names(platform: str) -> list[str]:
    return list(_SIMULATOR_MODULES[platform].profile_names())


def profile_description(platform: str, name: str) -> str:
    return str(_SIMULATOR_MODULES[platform].load_profile(name).get("description", name))


class SimulatedPhones:
    """Both simulators, their environment set for the device services, as one context manager."""

    def __init__(self) -> None:
        self.simulators: dict[str, Any] = {}
        self._saved_env: dict[str, str | None] = {}

    def __enter__(self) -> SimulatedPhones:
        try:
            for platform, simulator in (("ios", ios_sim.IosSimulator()), ("android", android_sim.AndroidSimulator())):
                simulator.__enter__()
                self.simulators[platform] = simulator
                for name, value in simulator.env.items():
                    self._saved_env.setdefault(name, os.environ.get(name))
                    os.environ[name] = value
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        for simulator in self.simulators.values():
            simulator.__exit__(None, None, None)
        self.simulators.clear()
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()

    def plug(self, platform: str, profile: str) -> str:
        """Plug a phone in (blocks while the simulator connects it); return its serial."""
        return self.simulators[platform].plug(profile)

    def unplug(self, platform: str, serial: str) -> None:
        self.simulators[platform].unplug(serial)


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
        for platform in ("ios", "android"):
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
