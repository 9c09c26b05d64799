"""Simulated iPhones: a fake usbmuxd, lockdownd and diagnostics relay speaking the real protocols."""

from device_probes.sim.ios.harness import IosSimulator
from device_probes.sim.ios.profiles import load_profile, profile_names

__all__ = ["IosSimulator", "load_profile", "profile_names"]
