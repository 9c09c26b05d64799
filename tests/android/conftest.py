"""Android tests run the real adbutils client and the real adb server against simulated phones."""

from __future__ import annotations

import pytest

from device_probes.sim.android import AndroidSimulator


@pytest.fixture(scope="session")
def simulator():
    with AndroidSimulator() as sim:
        yield sim


@pytest.fixture
def adb_env(simulator, monkeypatch):
    """Point adbutils (and so our probe) at the simulator's adb server."""
    for key, value in simulator.env.items():
        monkeypatch.setenv(key, value)
    return simulator


@pytest.fixture
def plug(adb_env):
    """Plug in phones for one test; they are unplugged again afterwards."""
    plugged: list[str] = []

    def plug_phone(profile: str, **overrides) -> str:
        serial = adb_env.plug(profile, **overrides)
        plugged.append(serial)
        return serial

    yield plug_phone
    for serial in plugged:
        if serial in adb_env.phones:
            adb_env.unplug(serial)
