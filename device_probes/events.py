"""Attach / detach events that the device watchers report.

Watchers call their ``on_event`` callback from a background thread; the GUI
turns the callback into a Qt signal, the CLI and tests collect events in a queue.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from device_probes.facts import DeviceState


class EventKind(str, enum.Enum):
    ATTACHED = "attached"
    STATE_CHANGED = "state_changed"
    DETACHED = "detached"


@dataclass(frozen=True)
class DeviceEvent:
    kind: EventKind
    platform: str  # "ios" | "android"
    serial: str
    #: The connection state when known (None on detach).
    state: DeviceState | None = None
