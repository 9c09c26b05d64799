"""The models staff pick from when a phone cannot be read (manual intake), found by name or code.

The list is ``resources/phone_catalogue.json``: platform, maker, the name, and
the model codes the phone would report (an iPhone's ProductType such as
``iPhone14,2``, an Android phone's model such as ``SC-51B``).
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from device_probes import problems
from device_probes.facts import DeviceFacts, DeviceState, Source
from kiosk.paths import resource

CATALOGUE_FILE = "phone_catalogue.json"


@dataclass(frozen=True)
class CatalogueModel:
    platform: str  # "ios" or "android"
    manufacturer: str
    model_name: str
    codes: tuple[str, ...]

    @property
    def model_code(self) -> str | None:
        """The code the phone itself reports: the first one listed."""
        return self.codes[0] if self.codes else None


@lru_cache(maxsize=1)
def catalogue() -> tuple[CatalogueModel, ...]:
    data = json.loads(resource(CATALOGUE_FILE).read_text(encoding="utf-8"))
    return tuple(CatalogueModel(m["platform"], m["manufacturer"], m["model_name"], tuple(m["codes"]))
                 for m in data["models"])


def search(text: str, limit: int = 12) -> list[CatalogueModel]:
    """Models whose name, maker or a code contains every word typed (case, width and spaces ignored)."""
    words = _key(text).split()
    if not words:
        return []
    by_name, by_code = [], []
    for model in catalogue():
        name = _key(f"{model.manufacturer} {model.model_name}")
        codes = " ".join(_key(code) for code in model.codes)
        if all(word in name or word in name.replace(" ", "") for word in words):
            by_name.append(model)
        elif all(word in name or word in codes for word in words):
            by_code.append(model)
    # A name that matches comes before a model code that happens to hold the same digits.
    return (by_name + by_code)[:limit]


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def with_staff_facts(facts: DeviceFacts, model: CatalogueModel | None, imeis: list[str],
                     hardware_serial: str | None) -> DeviceFacts:
    """The phone's facts with what staff entered filling what the phone did not give.

    A value read from the phone is never overwritten; each value staff add is
    marked ``staff`` in the provenance, so the grade and the ledger tell it apart.
    IMEIs must already be checked (``checked_imei``).
    """
    merged = dataclasses.replace(facts, imei=list(facts.imei), rejected_imei=list(facts.rejected_imei),
                                 provenance=dict(facts.provenance), problems=list(facts.problems),
                                 errors=list(facts.errors))
    if model is not None:
        if not merged.model_name and not merged.model_code:
            merged.platform = model.platform
        for name, value in (("manufacturer", model.manufacturer), ("model_name", model.model_name),
                            ("model_code", model.model_code)):
            if not getattr(merged, name) and value:
                setattr(merged, name, value)
                merged.provenance[name] = Source.STAFF
    if not merged.imei and imeis:
        merged.imei = list(imeis)
        merged.provenance["imei"] = Source.STAFF
        # The phone's unreadable IMEI is replaced by one staff read off the box or SIM tray.
        merged.rejected_imei, merged.problems, merged.errors = [], [], []
        for problem in facts.problems:
            if problem.code != problems.IMEI_INVALID:
                merged.add_problem(problem)
    if not merged.hardware_serial and hardware_serial:
        merged.hardware_serial = hardware_serial
        merged.provenance["hardware_serial"] = Source.STAFF
    return merged


def manual_facts(number: int) -> DeviceFacts:
    """The facts of a phone taken in without a cable: nothing read, the platform not known yet."""
    return DeviceFacts(platform="", serial=f"manual-{number}", state=DeviceState.READY)
