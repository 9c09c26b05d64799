"""iPhones over usbmuxd: a one-shot probe for the CLI and a long-lived service for the GUI."""

from device_probes.ios.devices import IosDevices
from device_probes.ios.probe import probe_ios

__all__ = ["IosDevices", "probe_ios"]
