"""Facts that describe an Android phone beyond its identity: storage, colour, management,
bootloader, and the battery's capacity-based health (DESIGN §4, §6).

Each reads sections of the probe's one shell script (:func:`script_parts` names the
commands) and fills DeviceFacts, noting the source of every value it sets.
"""

from __future__ import annotations

from device_probes import problems
from device_probes.android import parsers
from device_probes.capacity import marketing_size_gb
from device_probes.facts import (
    BatteryFacts,
    BatteryMeasurement,
    BootloaderState,
    DeviceFacts,
    ManagedFacts,
    ManagedState,
    Source,
    clean_text,
)

#: Pixels name their colour in a boot property ("WHT", "BLK"...); other makers keep it to themselves.
COLOR_PROPERTIES = ("ro.boot.hardware.color",)


def script_parts() -> dict[str, str]:
    """The commands these facts need, for the probe's one round trip."""
    battery = parsers.SYSFS_BATTERY
    return {
        "charge_full": f"cat {battery}/charge_full",
        "charge_full_design": f"cat {battery}/charge_full_design",
        "cycle_count": f"cat {battery}/cycle_count",
        "storage": "df /data",
        "device_policy": "dumpsys device_policy",
    }


def fill_descriptive_facts(facts: DeviceFacts, props: dict[str, str], sections: dict[str, str]) -> None:
    _fill_capacity(facts, sections.get("storage", ""))
    color = clean_text(parsers.first_property(props, COLOR_PROPERTIES), 64)
    if color:
        facts.color = color
        facts.provenance["color"] = Source.DEVICE
    _fill_managed(facts, sections.get("device_policy", ""))
    _fill_bootloader(facts, props)


def _fill_capacity(facts: DeviceFacts, df_output: str) -> None:
    total = parsers.parse_df_total_bytes(df_output)
    size = marketing_size_gb(total)
    if size is None or total is None:
        return
    facts.capacity_gb = size
    facts.capacity_method = f"/data is {total / 1e9:.1f} GB (df); rounded up to the size sold"
    facts.provenance["capacity_gb"] = Source.DEVICE


def _fill_managed(facts: DeviceFacts, dump: str) -> None:
    owners = parsers.parse_device_policy(dump)
    if owners is None:
        facts.managed = ManagedFacts(ManagedState.UNKNOWN, "dumpsys device_policy gave no answer")
    elif owners:
        detail = "; ".join(
            f"{owner.kind.lower()} {owner.name or owner.package}" + (f" ({owner.package})" if owner.name and owner.package else "")
            for owner in owners
        )
        facts.managed = ManagedFacts(ManagedState.ON, clean_text(detail),
                                     clean_text(owners[0].name or owners[0].package, limit=128))
    else:
        facts.managed = ManagedFacts(ManagedState.OFF, "no device or profile owner")
    facts.provenance["managed"] = Source.DEVICE


def _fill_bootloader(facts: DeviceFacts, props: dict[str, str]) -> None:
    locked = parsers.bootloader_locked(props)
    facts.bootloader = (BootloaderState.UNKNOWN if locked is None
                        else BootloaderState.LOCKED if locked else BootloaderState.UNLOCKED)
    facts.provenance["bootloader"] = Source.DEVICE
    if props.get("ro.boot.verifiedbootstate", "").strip().lower() == "yellow":
        facts.add_problem(problems.VERIFIED_BOOT_YELLOW)


def battery_capacity(sections: dict[str, str]) -> BatteryFacts | None:
    """Health from the fuel gauge's own files (sysfs), where the shell may read them."""
    full = parsers.charge_mah(parsers.parse_sysfs_number(sections.get("charge_full", "")))
    design = parsers.charge_mah(parsers.parse_sysfs_number(sections.get("charge_full_design", "")))
    cycles = parsers.parse_sysfs_number(sections.get("cycle_count", ""))
    low, _ = parsers.DESIGN_CAPACITY_RANGE_MAH
    battery = BatteryFacts(cycle_count=cycles if cycles is not None and 0 <= cycles <= 100_000 else None)
    if full is not None and design is not None and design >= low and parsers.plausible_capacity(full, design):
        battery.health_percent = round(min(100.0, full / design * 100), 1)
        battery.design_capacity_mah = design
        battery.full_charge_capacity_mah = full
        battery.method = f"charge_full / charge_full_design ({parsers.SYSFS_BATTERY})"
        battery.measured_by = BatteryMeasurement.GAUGE
    return None if battery == BatteryFacts() else battery
