"""Both simulators at once, pointed to by the standard environment variables.

Used by ``kiosk sim``, by demo mode and by the self-test: while a
:class:`SimulatedPhones` runs, ``USBMUXD_SOCKET_ADDRESS`` and the adb server
variables in ``os.environ`` lead every client of this process to the
simulated phones, through the same code paths as real ones.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from device_probes.sim import android as android_sim
from device_probes.sim import ios as ios_sim

PLATFORMS = ("ios", "android")
#: Phones plugged in when a demo starts: one to buy, one at a reduced price,
#: one to refuse (a Google account still on it), one that waits for "Trust".
DEMO_PHONES = (
    ("ios", "iphone15_dual_sim"),
    ("android", "galaxy_s21"),
    ("android", "pixel8_frp"),
    ("ios", "untrusted_then_trusted"),
)
_SIMULATORS = {"ios": ios_sim, "android": android_sim}
#: Where to serve iPhones to other processes: libusbmuxd reads a bare path in
#: USBMUXD_SOCKET_ADDRESS as "use the default socket" and pymobiledevice3 refuses
#: "UNIX:/path", but both read a loopback HOST:PORT (port 0 picks a free one).
ANY_CLIENT_USBMUXD_ADDRESS = "127.0.0.1:0"


def profile_names(platform: str) -> list[str]:
    return list(_SIMULATORS[platform].profile_names())


def profile_description(platform: str, name: str) -> str:
    return str(_SIMULATORS[platform].load_profile(name).get("description", name))


class SimulatedPhones:
    """A fake usbmuxd and a private adb server with simulated phones, as one context manager."""

    def __init__(self, ios_address: str | None = None) -> None:
        """``ios_address``: where the fake usbmuxd listens (default: a private UNIX socket)."""
        self._ios_address = ios_address
        self.simulators: dict[str, Any] = {}
        self._running = contextlib.ExitStack()
        self._saved_env: dict[str, str | None] = {}

    def __enter__(self) -> SimulatedPhones:
        with contextlib.ExitStack() as starting:
            self.simulators = {
                "ios": starting.enter_context(ios_sim.IosSimulator(self._ios_address)),
                "android": starting.enter_context(android_sim.AndroidSimulator()),
            }
            self._running = starting.pop_all()
        for name, value in self.env.items():
            self._saved_env.setdefault(name, os.environ.get(name))
            os.environ[name] = value
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._running.close()
        self.simulators.clear()
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()

    @property
    def env(self) -> dict[str, str]:
        """The variables a client in another process needs to reach these phones."""
        return {name: value for simulator in self.simulators.values() for name, value in simulator.env.items()}

    def plug(self, platform: str, profile: str) -> str:
        """Plug a phone in (blocks while the simulator connects it); return its serial."""
        return self.simulators[platform].plug(profile)

    def unplug(self, platform: str, serial: str) -> None:
        self.simulators[platform].unplug(serial)
