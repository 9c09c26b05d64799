"""Intakes for tests: a phone the shop buys as is, and ways to spoil it."""

from __future__ import annotations

import copy
from typing import Any

GOOD_IMEI = "352099001761481"
OTHER_IMEI = "490154203237518"
#: A signature as the customer screen stores it: a wave and a dot, in a 600 × 200 pad.
SIGNATURE = {"width": 600, "height": 200, "strokes": [[20, 150, 60, 90, 110, 160, 170, 80, 240, 150], [300, 100]]}


def intake_json(**changes: Any) -> dict[str, Any]:
    """A complete intake that grades ``buy``; ``changes`` use dotted paths, e.g.
    ``**{"staff.condition.powers_on": False}``; a value of ``...`` deletes the key."""
    data = {
        "device": {
            "platform": "ios",
            "serial": "00008110-000A1B2C3D4E5F60",
            "state": "ready",
            "manufacturer": "Apple",
            "model_name": "iPhone 13 Pro",
            "model_code": "iPhone14,2",
            "hardware_serial": "F2LXK0ABCDEF",
            "imei": [GOOD_IMEI],
            "lock": "off",
            "battery": {"health_percent": 88.0, "cycle_count": 320, "measured_by": "iphone_gauge",
                        "method": "IORegistry AppleRawMaxCapacity / DesignCapacity (battery gauge)"},
            "provenance": {"imei": "device", "lock": "device", "battery": "device"},
        },
        "staff": {
            "restriction_mark": "○",
            "carrier": "docomo",
            "condition": {
                "powers_on": True,
                "screen_cracked": False,
                "back_cracked": False,
                "frame_bent": False,
                "water_damage": False,
                "battery_swollen": False,
                "wear": "A",
            },
            "id_check": {"method": "drivers_license", "document_number": "123456789012"},
            "color": "シエラブルー",
            "capacity": "256GB",
            "staff_name": "佐藤",
        },
        "seller": {
            "name": "山田 太郎",
            "address": "東京都千代田区外神田1-1-1",
            "occupation": "会社員",
            "date_of_birth": "1990-04-01",
        },
        "price_yen": 68000,
    }
    for path, value in changes.items():
        *parents, key = path.split(".")
        node = data
        for name in parents:
            node = node.setdefault(name, {})
        if value is ...:
            node.pop(key, None)
        else:
            node[key] = copy.deepcopy(value)
    return data
