"""The carriers' IMEI check pages, and a guess of the selling carrier.

Japanese carriers give their own models recognisable codes (docomo ``SC-51B``,
au ``SOG03``, SoftBank ``A101SH``), so an Android model code often names the
carrier that sold the phone, and with it the page that knows the restriction
mark. iPhones and SIM-free models carry no such hint: the technician picks.

The pages and patterns ship in ``resources/carriers.json``. A shop changes them
without touching code by putting its own ``carriers.json`` in the data
directory, like ``policy.json``: each of its entries replaces the fields it
names for that carrier, e.g. ``{"carriers": [{"carrier": "mineo",
"check_url": "https://..."}]}``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.intake import Carrier
from kiosk.paths import resource

CARRIERS_FILENAME = "carriers.json"
_FIELDS = ("carrier", "check_url", "model_code_patterns")


class CarrierPagesError(ValueError):
    """A carriers.json that does not fit; the message names the file and the field."""


@dataclass(frozen=True)
class CarrierPage:
    carrier: Carrier
    check_url: str
    model_code_patterns: tuple[re.Pattern[str], ...]


def load_carrier_pages(data_dir: Path | None = None) -> dict[Carrier, CarrierPage]:
    """The bundled pages, with the shop's ``carriers.json`` from ``data_dir`` laid over them."""
    entries = _entries(json.loads(resource(CARRIERS_FILENAME).read_text(encoding="utf-8")), CARRIERS_FILENAME)
    override = data_dir / CARRIERS_FILENAME if data_dir else None
    if override is not None and override.exists():
        try:
            shop = json.loads(override.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CarrierPagesError(f"{override}: cannot read: {exc}") from None
        for carrier, fields in _entries(shop, str(override)).items():
            entries[carrier] = {**entries.get(carrier, {}), **fields}
    return {carrier: _page(carrier, fields, str(override or CARRIERS_FILENAME)) for carrier, fields in entries.items()}


def guess_carrier(model_code: str | None, pages: dict[Carrier, CarrierPage]) -> Carrier | None:
    """The carrier whose model-code pattern matches, or None when none (or several) do."""
    if not model_code:
        return None
    matches = [page.carrier for page in pages.values() if any(p.match(model_code) for p in page.model_code_patterns)]
    return matches[0] if len(matches) == 1 else None


def _entries(data: Any, source: str) -> dict[Carrier, dict[str, Any]]:
    items = data.get("carriers") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CarrierPagesError(f"{source}: expected an object with a list \"carriers\"")
    entries = {}
    for index, item in enumerate(items):
        where = f"{source}: carriers[{index}]"
        if not isinstance(item, dict):
            raise CarrierPagesError(f"{where}: expected an object")
        unknown = set(item) - set(_FIELDS)
        if unknown:
            raise CarrierPagesError(f"{where}: unknown keys {sorted(unknown)}")
        try:
            carrier = Carrier(item.get("carrier"))
        except ValueError:
            known = ", ".join(carrier.value for carrier in Carrier)
            raise CarrierPagesError(f"{where}.carrier: expected one of {known}") from None
        entries[carrier] = {key: value for key, value in item.items() if key != "carrier"}
    return entries


def _page(carrier: Carrier, fields: dict[str, Any], source: str) -> CarrierPage:
    where = f"{source}: {carrier.value}"
    url = fields.get("check_url")
    if not isinstance(url, str) or not url.startswith("https://"):
        raise CarrierPagesError(f"{where}.check_url: expected an https:// address")
    patterns = fields.get("model_code_patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(pattern, str) for pattern in patterns):
        raise CarrierPagesError(f"{where}.model_code_patterns: expected a list of regular expressions")
    try:
        compiled = tuple(re.compile(pattern) for pattern in patterns)
    except re.error as exc:
        raise CarrierPagesError(f"{where}.model_code_patterns: {exc}") from None
    return CarrierPage(carrier, url, compiled)
