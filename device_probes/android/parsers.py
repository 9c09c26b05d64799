"""Pure parsers for what an Android phone prints over ``adb shell`` (DESIGN §6).

Every function takes text from an untrusted phone and returns plain values:
they are bounded (they never read past a fixed amount), never raise on garbage,
and report a problem as a string for the caller to put in ``DeviceFacts.errors``.
Cleaning for display (control characters, length) is left to ``clean_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The most getprop lines and the longest property value we look at.
MAX_PROPERTIES = 4096
MAX_VALUE_LENGTH = 4096
#: A Parcel holding an IMEI is a few dozen words; anything far longer is not one.
MAX_PARCEL_WORDS = 256
#: Battery figures outside these bounds are misreadings, not batteries.
DESIGN_CAPACITY_RANGE_MAH = (500, 20000)
#: A learned capacity outside these fractions of the design one is a gauge misreading (Huawei prints 9 mAh),
#: not a battery's health: a worn-out battery still holds well over a tenth of its design capacity. Such a
#: figure is treated as unread, so the battery shows unknown and staff read the health from the phone's settings.
LEARNED_CAPACITY_RANGE = (0.1, 1.5)

_HEX_WORD = re.compile(r"(?<![0-9a-fA-Fx])([0-9a-fA-F]{8})(?![0-9a-fA-F:])")
_QUOTED_COLUMN = re.compile(r"'[^'\n]*'")
_ACCOUNT_LINE = re.compile(r"Account \{name=.*, type=([^,}\s]{1,128})\}")
_KEY_NUMBER = re.compile(r"^\s*([A-Za-z][\w ]{0,40}?):\s*(-?\d{1,9})\s*$")
_CAPACITY_LINE = re.compile(
    r"(Estimated battery capacity|Last learned battery capacity|Max learned battery capacity"
    r"|Min learned battery capacity):\s*(\d{1,6})\s*mAh",
    re.IGNORECASE,
)
_POWER_USE_CAPACITY = re.compile(r"^\s*Capacity:\s*(\d{1,6})\b")
_DEVICE_ID_LINE = re.compile(r"Device ID\s*=\s*(\S{1,64})")

#: ``android.os.BatteryManager`` BATTERY_HEALTH_* codes, as words.
BATTERY_HEALTH = {
    1: "unknown",
    2: "good",
    3: "overheat",
    4: "dead",
    5: "over_voltage",
    6: "failure",
    7: "cold",
}

#: Properties where OEMs keep the IMEIs when ``iphonesubinfo`` refuses the shell user,
#: per slot, most specific first.
OEM_IMEI_PROPERTIES = (
    ("ro.ril.miui.imei0", "ro.ril.oem.imei1", "ro.vendor.oem.imei1", "vendor.oem.device.imeicache0",
     "persist.radio.imei1", "persist.radio.imei", "gsm.baseband.imei", "ril.imei"),
    ("ro.ril.miui.imei1", "ro.ril.oem.imei2", "ro.vendor.oem.imei2", "vendor.oem.device.imeicache1",
     "persist.radio.imei2"),
)

#: Where OEMs keep the marketing name ("Redmi Note 11" for model 2201117TG).
MARKETING_NAME_PROPERTIES = (
    "ro.product.marketname",
    "ro.product.vendor.marketname",
    "ro.vendor.oplus.market.name",
    "ro.config.marketing_name",
)


def parse_getprop(text: str) -> dict[str, str]:
    """Parse a ``getprop`` dump (``[name]: [value]`` lines) into a dict.

    A value longer than MAX_VALUE_LENGTH is cut there rather than dropped, so an
    oversized model name still shows (shortened) instead of vanishing.
    """
    properties: dict[str, str] = {}
    for line in text.splitlines():
        if len(properties) >= MAX_PROPERTIES:
            break
        name_end = line.find("]: [", 1, 260)
        if line.startswith("[") and name_end > 1 and line.endswith("]"):
            name = line[1:name_end]
            if "[" not in name and "]" not in name:
                properties.setdefault(name, line[name_end + 4 : -1][:MAX_VALUE_LENGTH])
    return properties


def sdk_level(properties: dict[str, str]) -> int | None:
    """The API level from ``ro.build.version.sdk``, or None if it is not a plausible one."""
    text = properties.get("ro.build.version.sdk", "").strip()
    if text.isdigit() and len(text) <= 3 and 1 <= int(text) <= 200:
        return int(text)
    return None


def first_property(properties: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = properties.get(name, "").strip()
        if value:
            return value
    return None


def is_multi_sim(properties: dict[str, str]) -> bool:
    return properties.get("persist.radio.multisim.config", "").strip().lower() in ("dsds", "dsda", "tsts")


def second_slot_call_code(sdk: int | None, manufacturer: str | None) -> int | None:
    """The ``service call iphonesubinfo`` code that returns the second slot's IMEI.

    getDeviceIdForPhone is code 3 from SDK 22 to 29 and code 4 from SDK 30 on;
    Huawei's Android 9 inserts a method and numbers everything from 3 on one higher.
    Before SDK 22 the call takes no slot, so there is no code for it.
    """
    if sdk is None or sdk < 22:
        return None
    code = 3 if sdk <= 29 else 4
    if sdk == 28 and (manufacturer or "").strip().upper() == "HUAWEI":
        code += 1
    return code


@dataclass(frozen=True)
class ParcelString:
    """A string16 read from a ``service call`` reply.

    ``value`` is None when the Parcel held a null string (nothing in that slot)
    or when reading failed; ``problem`` says why in the second case.
    """

    value: str | None
    problem: str | None = None


def parse_parcel_string(text: str) -> ParcelString:
    """Read the string16 returned by ``service call``, from the hex words, not the ASCII column.

    Layout: a status word (0, or an exception code followed by its message),
    then the string length in UTF-16 units (-1 for null), then the units two per word.
    """
    start = text.find("Result: Parcel(")
    if start < 0:
        first_line = text.strip().splitlines()[0][:200] if text.strip() else "no output"
        return ParcelString(None, f"no Parcel in the reply ({first_line})")
    words = _parcel_words(text[start + len("Result: Parcel(") :])
    if len(words) < 2:
        return ParcelString(None, "the Parcel is too short")
    if words[0] != 0:
        message = _string16(words[1:]) or f"exception code {words[0]:#x}"
        return ParcelString(None, f"refused: {message}")
    value = _string16(words[1:])
    if value is None and words[1] != 0xFFFFFFFF:
        return ParcelString(None, "the Parcel does not hold a string")
    return ParcelString(value)


def _parcel_words(body: str) -> list[int]:
    """The hex words of a printed Parcel, without offsets (``0x00000010:``) or the ASCII column."""
    body = body[: MAX_PARCEL_WORDS * 60]
    end = body.rfind(")")
    if end >= 0:
        body = body[:end]
    body = _QUOTED_COLUMN.sub(" ", body)
    return [int(word, 16) for word in _HEX_WORD.findall(body)[:MAX_PARCEL_WORDS]]


def _string16(words: list[int]) -> str | None:
    length = words[0]
    if length == 0xFFFFFFFF or length > 2 * (len(words) - 1):
        return None
    raw = b"".join(word.to_bytes(4, "little") for word in words[1:])
    return raw[: 2 * length].decode("utf-16-le", errors="replace")


def parse_dumpsys_iphonesubinfo(text: str) -> str | None:
    """The ``Device ID = ...`` line that ``dumpsys iphonesubinfo`` prints up to Android 5."""
    match = _DEVICE_ID_LINE.search(text[:65536])
    return match.group(1) if match else None


def parse_account_types(text: str) -> list[str] | None:
    """Account types from ``dumpsys account``; None if the output is not an account dump.

    Lines are matched one at a time and long ones skipped, so a hostile line
    repeating "Account {name=" cannot make the search quadratic.
    """
    text = text[:1_000_000]
    if "Accounts:" not in text:
        return None
    types = []
    for line in text.splitlines():
        if len(line) <= 1024 and (match := _ACCOUNT_LINE.search(line)):
            types.append(match.group(1))
    return types[:256]


def parse_setup_complete(text: str) -> bool | None:
    """``settings get secure user_setup_complete``: 1 once the setup wizard has finished."""
    value = text.strip()[:16]
    if value == "1":
        return True
    if value in ("0", "null"):
        return False
    return None


def parse_key_numbers(text: str) -> dict[str, int]:
    """``key: number`` lines (the shape of ``dumpsys battery``), keys lower-cased."""
    numbers: dict[str, int] = {}
    for line in text[:65536].splitlines():
        match = _KEY_NUMBER.match(line)
        if match:
            numbers.setdefault(match.group(1).strip().lower(), int(match.group(2)))
    return numbers


@dataclass(frozen=True)
class BatteryReading:
    level_percent: int | None = None
    condition: str | None = None
    temperature_c: float | None = None
    #: Samsung's absolute state of charge: remaining capacity as % of design.
    samsung_asoc: int | None = None


def parse_dumpsys_battery(text: str) -> BatteryReading:
    numbers = parse_key_numbers(text)
    level = numbers.get("level")
    temperature = numbers.get("temperature")
    asoc = numbers.get("msavedbatteryasoc")
    return BatteryReading(
        level_percent=level if level is not None and 0 <= level <= 100 else None,
        condition=BATTERY_HEALTH.get(numbers.get("health", 0)),
        temperature_c=temperature / 10 if temperature is not None and -400 <= temperature <= 1000 else None,
        samsung_asoc=asoc if asoc is not None and 1 <= asoc <= 150 else None,
    )


@dataclass(frozen=True)
class CapacityReading:
    design_mah: int | None = None
    learned_mah: int | None = None


def parse_batterystats_capacity(text: str) -> CapacityReading:
    """Design and learned capacity from ``dumpsys batterystats`` capacity lines.

    The design figure is "Estimated battery capacity" (or, on newer releases,
    "Capacity:" under the power-use estimate); the learned one is the fuel gauge's
    "Last learned battery capacity", its figure now. "Min/Max learned" are the range
    over the history, so the maximum stands in only where no last figure is printed.
    """
    design = last = highest = None
    for line in text[:1_000_000].splitlines():
        if match := _CAPACITY_LINE.search(line):
            kind, value = match.group(1).lower(), int(match.group(2))
            if kind.startswith("estimated"):
                design = design or value
            elif kind.startswith("last"):
                last = last or value
            elif kind.startswith("max"):
                highest = value
        elif match := _POWER_USE_CAPACITY.match(line):
            design = design or int(match.group(1))
    learned = last if last is not None else highest
    low, high = DESIGN_CAPACITY_RANGE_MAH
    if design is None or not low <= design <= high:
        return CapacityReading()
    if learned is not None and not plausible_capacity(learned, design):
        learned = None
    return CapacityReading(design, learned)


def plausible_capacity(now_mah: int, design_mah: int) -> bool:
    """Whether a battery's capacity now can be a real battery of this design capacity."""
    least, most = LEARNED_CAPACITY_RANGE
    return design_mah * least <= now_mah <= design_mah * most


def split_sections(output: str, marker: str) -> tuple[dict[str, str], bool]:
    """Split a marked script's output into ``{section: text}``.

    Each section starts with ``<marker><name>`` and a line break; the marker
    carries a random nonce, so a phone cannot forge one, and it is found even
    when the previous command left its last line unterminated. Returns the
    sections and whether the final ``end`` section arrived (if not, the output
    was cut off).
    """
    sections: dict[str, str] = {}
    for part in output.split(marker)[1:]:
        name, _, body = part.partition("\n")
        sections.setdefault(name.strip(), body)
    return sections, "end" in sections


#: ``/sys/class/power_supply/battery`` files the shell may read on some phones (µAh, or mAh on a few).
SYSFS_BATTERY = "/sys/class/power_supply/battery"
#: A figure at least this large is in µAh; below it, the vendor wrote mAh.
_MICRO_AMP_HOURS_FROM = 100_000
_SYSFS_NUMBER = re.compile(r"^\s*(-?\d{1,12})\s*$")
_DF_BLOCKS_HEADER = re.compile(r"\b1K-blocks\b", re.IGNORECASE)
_DF_OLD_TOTAL = re.compile(r"^/data:?\s+([\d.]+)([KMGT])\b", re.IGNORECASE)
_DF_UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
_OWNER_HEADER = re.compile(r"^\s*(Device Owner|Profile Owner)\b[^:]*:", re.IGNORECASE)
_OWNER_FIELD = re.compile(r"^\s*(\w{1,40})=(.{0,200})$")
_COMPONENT = re.compile(r"ComponentInfo\{([\w.]{1,128})/")


def parse_sysfs_number(text: str) -> int | None:
    """A sysfs file's one number; None when the file was unreadable (an error message) or empty."""
    match = _SYSFS_NUMBER.match(text[:64])
    return int(match.group(1)) if match else None


def charge_mah(value: int | None) -> int | None:
    """A sysfs charge figure in mAh, whichever unit the vendor wrote it in; None when implausible."""
    if value is None or value <= 0:
        return None
    mah = value // 1000 if value >= _MICRO_AMP_HOURS_FROM else value
    return mah if mah <= DESIGN_CAPACITY_RANGE_MAH[1] else None


def parse_df_total_bytes(text: str) -> int | None:
    """The size of ``/data`` from ``df /data``: toybox's 1K-blocks table, or the old toolbox "/data 12.4G ..." line."""
    lines = text[:8192].splitlines()
    if lines and _DF_BLOCKS_HEADER.search(lines[0]):
        for line in lines[1:]:
            fields = line.split()
            if len(fields) >= 6 and fields[-1] == "/data" and fields[1].isdigit():
                return int(fields[1]) * 1024
        return None
    for line in lines:
        if match := _DF_OLD_TOTAL.match(line.strip()):
            try:
                return int(float(match.group(1)) * _DF_UNITS[match.group(2).upper()])
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class PolicyOwner:
    kind: str  # "Device Owner" or "Profile Owner"
    package: str | None
    name: str | None


def parse_device_policy(text: str) -> list[PolicyOwner] | None:
    """The device and profile owners in ``dumpsys device_policy``; None if the output is not that dump.

    An owner is an organisation's management app (MDM). A phone with none lists only
    its device admins, which are ordinary apps (Find My Device, a screen lock).
    """
    text = text[:1_000_000]
    if "Device Policy Manager" not in text and "Enabled Device Admins" not in text:
        return None
    owners: list[PolicyOwner] = []
    kind: str | None = None
    fields: dict[str, str] = {}
    for line in text.splitlines()[:20_000]:
        header = _OWNER_HEADER.match(line)
        field_match = _OWNER_FIELD.match(line) if kind else None
        if header or (kind and not field_match and line.strip()):
            if kind:
                owners.append(_owner(kind, fields))
            kind, fields = (header.group(1).title(), {}) if header else (None, {})
        elif field_match:
            fields.setdefault(field_match.group(1), field_match.group(2).strip())
    if kind:
        owners.append(_owner(kind, fields))
    return [owner for owner in owners if owner.package or owner.name][:8]


def _owner(kind: str, fields: dict[str, str]) -> PolicyOwner:
    package = fields.get("package") or None
    if not package and (component := _COMPONENT.search(fields.get("admin", ""))):
        package = component.group(1)
    return PolicyOwner(kind, package, fields.get("organizationName") or fields.get("name") or None)


#: What the verified-boot properties say about the bootloader: True locked, False unlocked.
_BOOT_STATE_LOCKED = {
    "ro.boot.flash.locked": {"1": True, "0": False},
    "ro.boot.vbmeta.device_state": {"locked": True, "unlocked": False},
    "ro.boot.verifiedbootstate": {"green": True, "yellow": True, "orange": False},
}


def bootloader_locked(properties: dict[str, str]) -> bool | None:
    """True when the bootloader is locked, False when unlocked, None when no property says.

    Any property that says unlocked wins: a phone is as open as its most open report.
    (``yellow`` is a locked bootloader that boots a system signed with the owner's key.)
    """
    readings = [
        meaning.get(properties.get(name, "").strip().lower())
        for name, meaning in _BOOT_STATE_LOCKED.items()
    ]
    if False in readings:
        return False
    if True in readings:
        return True
    return None
