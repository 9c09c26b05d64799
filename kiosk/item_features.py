"""The item's distinguishing features for the ledger (特徴): colour and capacity.

Read from the phone where it told them; what staff enter corrects the reading and
wins. Which of the two it was stays visible: the entry keeps the device facts (with
their provenance) and the staff input side by side.
"""

from __future__ import annotations

from device_probes.facts import DeviceFacts
from kiosk.intake import StaffInput


def device_capacity_text(device: DeviceFacts) -> str | None:
    """The phone's own capacity as staff write it: "128GB", "1TB"."""
    if device.capacity_gb is None:
        return None
    if device.capacity_gb >= 1024 and device.capacity_gb % 1024 == 0:
        return f"{device.capacity_gb // 1024}TB"
    return f"{device.capacity_gb}GB"


def item_color(device: DeviceFacts, staff: StaffInput) -> str | None:
    return staff.color or device.color


def item_capacity(device: DeviceFacts, staff: StaffInput) -> str | None:
    return staff.capacity or device_capacity_text(device)
