"""The carriers' IMEI check pages, and a guess of the selling carrier.

Japanese carriers give their own models recognisable codes (docomo ``SC-51B``,
au ``SOG03``, SoftBank ``A101SH``), so an Android model code often names the
carrier that sold the phone, and with it the page that knows the restriction
mark. iPhones and SIM-free models carry no such hint: the technician picks.
The URLs and patterns live in ``resources/carriers.json`` so a shop can update
them without touching code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from kiosk.intake import Carrier
from kiosk.paths import resource

CARRIERS_FILENAME = "carriers.json"


@dataclass(frozen=True)
class CarrierPage:
    carrier: Carrier
    check_url: str
    model_code_patterns: tuple[re.Pattern, ...]


def load_carrier_pages() -> dict[Carrier, CarrierPage]:
    data = json.loads(resource(CARRIERS_FILENAME).read_text(encoding="utf-8"))
    pages = {}
    for item in data["carriers"]:
        carrier = Carrier(item["carrier"])
        pages[carrier] = CarrierPage(
            carrier=carrier,
            check_url=item["check_url"],
            model_code_patterns=tuple(re.compile(pattern) for pattern in item["model_code_patterns"]),
        )
    return pages


def guess_carrier(model_code: str | None, pages: dict[Carrier, CarrierPage]) -> Carrier | None:
    """The carrier whose model-code pattern matches, or None when none (or several) do."""
    if not model_code:
        return None
    matches = [page.carrier for page in pages.values() if any(p.match(model_code) for p in page.model_code_patterns)]
    return matches[0] if len(matches) == 1 else None
