"""Android phones over adb (adbutils, blocking): one-shot probes and the device service (AndroidDevices).

``probe_android()`` reads every phone once (the CLI's ``kiosk probe``), speaking to the
adb server on a plain socket; ``AndroidDevices`` is the long-lived service the GUI keeps:
attach/detach events plus a probe per phone on that phone's own worker thread. It
needs adbutils, which is imported only when it is asked for.
"""

from typing import Any

from device_probes.android.probe import probe_android, start_adb_server

__all__ = ["AndroidDevices", "probe_android", "start_adb_server"]


def __getattr__(name: str) -> Any:
    if name == "AndroidDevices":
        from device_probes.android.service import AndroidDevices

        return AndroidDevices
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
