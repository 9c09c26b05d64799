"""Android phones over adb (adbutils, blocking): one-shot probes and the device service.

``probe_android()`` reads every phone once (the CLI's ``kiosk probe``);
``AndroidDevices`` is the long-lived service the GUI keeps: attach/detach
events plus a probe per phone on that phone's own worker thread.
"""

from device_probes.android.probe import probe_android, start_adb_server
from device_probes.android.service import AndroidDevices

__all__ = ["AndroidDevices", "probe_android", "start_adb_server"]
