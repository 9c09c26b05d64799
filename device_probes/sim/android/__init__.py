"""Simulated Android phones behind a real, private adb server.

``AndroidSimulator`` starts the server and plugs phones in from the profiles in
``profiles/``; ``python3 -m device_probes.sim.android PROFILE ...`` does the same
from a command line for a demo.
"""

from device_probes.sim.android.harness import AndroidSimulator
from device_probes.sim.android.phone import load_profile, profile_names

__all__ = ["AndroidSimulator", "load_profile", "profile_names"]
