"""Simulated iPhones for the iOS tests: the real pymobiledevice3 client talks to them."""

from pathlib import Path

import pytest

from device_probes.ios import probe_ios
from device_probes.sim.ios import IosSimulator


@pytest.fixture
def simulator(monkeypatch):
    with IosSimulator() as sim:
        monkeypatch.setenv("USBMUXD_SOCKET_ADDRESS", sim.env["USBMUXD_SOCKET_ADDRESS"])
        yield sim


@pytest.fixture
def pair_records_dir(isolated_data_dir) -> Path:
    return isolated_data_dir / "pair_records"


@pytest.fixture
def probe_one(simulator, pair_records_dir):
    """Read one simulated phone with the real probe."""

    def probe(udid: str, timeout: float = 10.0):
        [facts] = probe_ios(serial=udid, timeout=timeout, pair_records_dir=pair_records_dir)
        return facts

    return probe
