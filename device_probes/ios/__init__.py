"""iPhones over usbmuxd: a one-shot probe for the CLI and the device service for the GUI (IosDevices).

Both load pymobiledevice3 only when they need it: ``probe_ios`` asks usbmuxd for its list
on a plain socket first and returns at once when no iPhone is on USB, and it leaves the
library's command-line extras unloaded (:mod:`device_probes.ios.deferred_imports`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from device_probes.facts import DeviceFacts
from device_probes.ios.usbmux_socket import usb_phone_count

__all__ = ["IosDevices", "probe_ios"]


def probe_ios(*, timeout: float = 10.0, serial: str | None = None, pair_records_dir: Path) -> list[DeviceFacts]:
    """Read every iPhone attached over USB, all at once (see :func:`device_probes.ios.probe.probe_ios`)."""
    if usb_phone_count(timeout) == 0:
        return []
    from device_probes.ios.deferred_imports import deferred_extras

    with deferred_extras():
        from device_probes.ios.probe import probe_ios as probe_with_pymobiledevice3

        return probe_with_pymobiledevice3(timeout=timeout, serial=serial, pair_records_dir=pair_records_dir)


def __getattr__(name: str) -> Any:
    if name == "IosDevices":
        from device_probes.ios.service import IosDevices

        return IosDevices
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
