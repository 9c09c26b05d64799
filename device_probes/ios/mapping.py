"""Turn what an iPhone answers into DeviceFacts.

Pure functions with no I/O, so they can be fuzzed: every input is untrusted,
may be of any type or size, and none of them raises on garbage. A value that
cannot be read is left empty and explained in ``problems``, never guessed.
"""

from __future__ import annotations

from typing import Any

from device_probes import problems
from device_probes.facts import BatteryFacts, DeviceFacts, LockState, Source, clean_text
from device_probes.problems import Problem

IMEI_KEYS = ("InternationalMobileEquipmentIdentity", "InternationalMobileEquipmentIdentity2")
#: Bounds on plausible battery readings; anything outside is a broken or hostile reply.
MAX_CAPACITY_MAH = 20_000
MAX_CYCLES = 100_000
#: A phone's strings are short; reading more than this from one is never needed.
MAX_RAW_TEXT = 4096


def text(value: Any, limit: int = 256) -> str | None:
    """A phone's string, cleaned and bounded; anything that is not text counts as absent."""
    if isinstance(value, (bytes, bytearray)):
        return clean_text(bytes(value[:MAX_RAW_TEXT]), limit)
    if isinstance(value, str):
        return clean_text(value[:MAX_RAW_TEXT], limit)
    return None


def apply_lockdown_values(facts: DeviceFacts, values: Any, *, marketing_name: Any = None) -> None:
    """Fill identity facts from lockdownd's default domain (``GetValue`` with no key).

    Before the phone trusts this computer only the basics are there (model,
    iOS version); called again after pairing, it adds serial, IMEIs and region.
    """
    if not isinstance(values, dict):
        facts.add_problem(problems.IOS_NO_VALUES)
        return
    facts.manufacturer = "Apple"
    facts.provenance["manufacturer"] = Source.DEVICE
    _set(facts, "model_code", text(values.get("ProductType"), 64))
    _set(facts, "model_name", model_name(marketing_name, values.get("RegionInfo")))
    _set(facts, "os_version", text(values.get("ProductVersion"), 32))
    _set(facts, "hardware_serial", text(values.get("SerialNumber"), 64))
    _apply_imeis(facts, values)


def model_name(marketing_name: Any, region_info: Any) -> str | None:
    """The marketing name with the sales region, e.g. "iPhone 13 Pro (J/A)".

    RegionInfo tells a Japanese model (J/A: camera shutter sound always on) from
    an imported one, which a shop prices differently; DeviceFacts has no field
    of its own for it, and it belongs with the model as staff read it.
    """
    name = text(marketing_name, 128)
    region = text(region_info, 16)
    if name and region:
        return f"{name} ({region})"
    return name


def lock_from_find_my(is_associated: Any, activation_state: Any) -> tuple[LockState, Problem | None]:
    """Activation Lock from ``com.apple.fmip`` ``IsAssociated``, with a note when it stays unknown.

    An erased phone waiting in Setup Assistant can read False while Apple's
    servers still hold the lock, so only an activated phone's answer counts.
    """
    state = text(activation_state, 64)
    if state != "Activated":
        return LockState.UNKNOWN, problems.not_activated(state)
    if is_associated is True:
        return LockState.ON, None
    if is_associated is False:
        return LockState.OFF, None
    return LockState.UNKNOWN, problems.find_my_unexpected(describe(is_associated))


def battery_from_ioregistry(data: Any) -> tuple[BatteryFacts | None, list[Problem]]:
    """Battery facts from the IORegistry ``IOPMPowerSource`` entry, and any problems met.

    Health is the raw maximum capacity over the design capacity, as the battery
    gauge reports them; Settings shows a smoothed figure that can differ by a
    few points, hence the ``method``. Newer iOS versions keep the design
    capacity and cycle count in the nested ``BatteryData`` as well.
    """
    if not isinstance(data, dict):
        return None, [problems.ios_battery_unreadable("the iPhone sent no battery data")]
    nested = data.get("BatteryData")
    nested = nested if isinstance(nested, dict) else {}
    met: list[Problem] = []
    design = _first_in_range(met, "DesignCapacity", MAX_CAPACITY_MAH, data, nested, minimum=1)
    cycles = _first_in_range(met, "CycleCount", MAX_CYCLES, data, nested, minimum=0)
    full, source = None, None
    for key in ("AppleRawMaxCapacity", "NominalChargeCapacity"):
        full = _first_in_range(met, key, MAX_CAPACITY_MAH, data, minimum=1)
        if full is not None:
            source = key
            break
    if design is None and full is None and cycles is None:
        return None, met or [problems.ios_battery_unreadable("no capacity or cycle count reported")]
    battery = BatteryFacts(cycle_count=cycles, design_capacity_mah=design, full_charge_capacity_mah=full)
    if design is not None and full is not None:
        battery.health_percent = round(min(100.0, full / design * 100), 1)
        battery.method = f"IORegistry {source} / DesignCapacity (battery gauge; Settings smooths its figure)"
    else:
        met.append(problems.BATTERY_HEALTH_NOT_COMPUTED)
    return battery, met


def _set(facts: DeviceFacts, name: str, value: str | None) -> None:
    if value is not None:
        setattr(facts, name, value)
        facts.provenance[name] = Source.DEVICE


def _apply_imeis(facts: DeviceFacts, values: dict[str, Any]) -> None:
    for slot, key in enumerate(IMEI_KEYS, start=1):
        raw = values.get(key)
        if raw is None:
            continue
        if isinstance(raw, str):
            facts.add_imei(raw, slot)
        else:
            facts.add_problem(problems.imei_unreadable(slot, [f"{key} is not text"]))
    if facts.imei:
        facts.provenance["imei"] = Source.DEVICE
        return
    # A CDMA-only phone reports a MEID (14 hex digits) instead, which is no IMEI and
    # has no check digit: show it to staff rather than drop it.
    meid = text(values.get("MobileEquipmentIdentifier"), 32)
    if meid:
        facts.add_problem(problems.imei_missing_meid(meid))


def _first_in_range(met: list[Problem], key: str, maximum: int, *sources: dict[str, Any],
                    minimum: int) -> int | None:
    for source in sources:
        value = source.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= maximum:
            return value
        met.append(problems.battery_out_of_range(key, describe(value)))
    return None


def describe(value: Any) -> str:
    """A short, safe rendering of an unexpected value for an error message."""
    if isinstance(value, (str, bytes, bytearray)):
        return repr(text(value[:64], 64) or "")
    if isinstance(value, (bool, float)) or (isinstance(value, int) and abs(value) < 10**30):
        return repr(value)
    return f"({type(value).__name__})"
