"""Simulated iPhones as data: one JSON file per phone in ``profiles/``.

A profile holds a ``description``, the phone's ``udid``, the lockdown values (``values``), other lockdown domains
(``domains``), the IORegistry battery entry (``battery``), the MobileConfig service's
``cloud_configuration`` (supervision, remote management), ``refused_services`` and how the phone
behaves: ``trust`` ("trusted", "pending", "denied") with
``trusted_after_seconds``, ``passcode_locked``, ``stale_pair_record``,
``reply_delay_seconds``, ``silent`` and ``connection_type``.

A string too long to write by hand is spelt ``{"repeat": "x", "times": 100000}``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

PROFILES_PACKAGE = "device_probes.sim.ios"


def profile_names() -> list[str]:
    folder = resources.files(PROFILES_PACKAGE) / "profiles"
    return sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))


def load_profile(name: str) -> dict[str, Any]:
    path = resources.files(PROFILES_PACKAGE) / "profiles" / f"{name}.json"
    if not path.is_file():
        raise KeyError(f"no iPhone profile {name!r}; known: {', '.join(profile_names())}")
    return _expand(json.loads(path.read_text(encoding="utf-8")))


def _expand(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"repeat", "times"}:
            return str(value["repeat"]) * int(value["times"])
        return {key: _expand(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_expand(item) for item in value]
    return value
