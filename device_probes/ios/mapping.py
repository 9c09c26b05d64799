"""Turn what an iPhone answers into DeviceFacts.

Pure functions with no I/O, so they can be fuzzed: every input is untrusted,
may be of any type or size, and none of them raises on garbage. A value that
cannot be read is left empty and explained in ``problems``, never guessed.
"""

from __future__ import annotations

from typing import Any

from device_probes import problems
from device_probes.capacity import marketing_size_gb
from device_probes.facts import (
    BatteryFacts, BatteryMeasurement, DeviceFacts, LockState, ManagedFacts, ManagedState, Source, clean_text,
)
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
    _set(facts, "model_name", text(marketing_name, 128))
    _set(facts, "region", text(values.get("RegionInfo"), 16))
    _set(facts, "color", color_name(values.get("DeviceEnclosureColor"), values.get("DeviceColor")))
    _set(facts, "os_version", text(values.get("ProductVersion"), 32))
    _set(facts, "hardware_serial", text(values.get("SerialNumber"), 64))
    _apply_imeis(facts, values)


def color_name(enclosure_color: Any, device_color: Any) -> str | None:
    """The phone's colour: the back (DeviceEnclosureColor), else the front (DeviceColor).

    Older phones name it ("black", "space gray"), which is shown as a name; newer ones
    give a number or "#rrggbb" whose meaning differs per model, shown as it is.
    """
    raw = text(enclosure_color, 32) or text(device_color, 32)
    if raw and all(word.isalpha() for word in raw.split()):
        return raw.title()
    return raw


def capacity_from_disk_usage(total_disk_capacity: Any) -> tuple[int | None, str | None]:
    """Storage sold from ``com.apple.disk_usage`` TotalDiskCapacity (bytes), and how it was read."""
    if not isinstance(total_disk_capacity, int) or isinstance(total_disk_capacity, bool):
        return None, None
    size = marketing_size_gb(total_disk_capacity)
    if size is None:
        return None, None
    return size, f"TotalDiskCapacity {total_disk_capacity / 1e9:.1f} GB (com.apple.disk_usage); rounded up to the size sold"


def managed_from_cloud_configuration(configuration: Any) -> ManagedFacts:
    """Management from the MobileConfig service's cloud configuration.

    A supervised phone, or one enrolled in an organisation's remote management
    (Apple Business Manager), can lock itself to that organisation again after a reset.
    """
    if not isinstance(configuration, dict):
        return ManagedFacts(ManagedState.UNKNOWN, "the MobileConfig service sent no cloud configuration")
    organisation = text(configuration.get("OrganizationName"), 128)
    enrolled = bool(organisation or configuration.get("ConfigurationURL") or configuration.get("IsMDMUnremovable") is True)
    parts = ["supervised"] if configuration.get("IsSupervised") is True else []
    if enrolled:
        parts.append(f"enrolled in remote management by {organisation}" if organisation else "enrolled in remote management")
    if parts:
        return ManagedFacts(ManagedState.ON, "; ".join(parts), organisation or None)
    return ManagedFacts(ManagedState.OFF, "not supervised; no remote management")


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
        battery.measured_by = BatteryMeasurement.IPHONE_GAUGE
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
