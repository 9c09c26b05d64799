"""Simulated phone profiles, one JSON file each (see ``device_probes.sim.android.phone``)."""
