"""iPhones over usbmuxd: a one-shot probe for the CLI and the device service for the GUI."""

from device_probes.ios.service import IosDevices
from device_probes.ios.probe import probe_ios

__all__ = ["IosDevices", "probe_ios"]
