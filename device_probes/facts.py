"""DeviceFacts: what a probe read from one phone, as a plain data type.

The probes produce it and the core consumes it; its JSON form is the contract of
``kiosk probe --json`` (DESIGN §4). A phone is untrusted input, so every string
that enters a DeviceFacts goes through :func:`clean_text` and every IMEI through
:func:`checked_imei`, whether it came over USB or from a JSON file.
"""

from __future__ import annotations

import dataclasses
import enum
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from stdnum import imei as stdnum_imei

from device_probes import problems
from device_probes.problems import Problem

#: Longest string kept from a phone. Model names and serials are far shorter;
#: anything longer is hostile or broken and is cut, with an ellipsis to show it.
MAX_TEXT_LENGTH = 256
#: A phone reporting more problems than this is broken or hostile; the rest are dropped.
MAX_PROBLEMS = 20
#: No phone has more IMEIs (dual SIM plus eSIM); more is garbage.
MAX_IMEIS = 4


class DeviceState(str, enum.Enum):
    READY = "ready"
    UNAUTHORIZED = "unauthorized"
    PAIRING_PENDING = "pairing_pending"
    PAIRING_DENIED = "pairing_denied"
    PASSCODE_LOCKED = "passcode_locked"
    OFFLINE = "offline"
    ERROR = "error"


class LockState(str, enum.Enum):
    """Activation Lock / Find My on iOS; a Google account on the phone (FRP) on Android."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"


class ManagedState(str, enum.Enum):
    """Whether an organisation manages the phone: MDM or supervision (iOS), a device or profile owner (Android)."""

    ON = "on"
    OFF = "off"
    UNKNOWN = "unknown"


class BootloaderState(str, enum.Enum):
    """Android's bootloader lock (an unlocked one lets the system be replaced); not read on iOS."""

    LOCKED = "locked"
    UNLOCKED = "unlocked"
    UNKNOWN = "unknown"


class Source(str, enum.Enum):
    """Where a value came from; shown next to it so nobody mistakes a claim for a reading."""

    DEVICE = "device"
    STAFF = "staff"
    CARRIER_SITE = "carrier_site"


class FactsError(ValueError):
    """Device facts (usually JSON from outside) that do not fit the contract."""


def clean_text(value: Any, limit: int = MAX_TEXT_LENGTH) -> str | None:
    """Make an untrusted value safe to show, store and export.

    Bytes are decoded leniently (invalid UTF-8 becomes U+FFFD), control and
    format characters are dropped (they can hide text or break a terminal or CSV
    line), white space is folded, and the result is bounded. Empty becomes None.
    """
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value[: limit * 4]).decode("utf-8", errors="replace")
    text = str(value)[: limit * 4]
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            kept.append(" ")
        elif category[0] != "C":
            kept.append(char)
    text = " ".join("".join(kept).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text or None


def checked_imei(text: str) -> tuple[str | None, str | None]:
    """Return ``(imei, None)`` for a valid IMEI, or ``(None, why)`` for one that fails.

    Separators are tolerated; the check digit must hold (python-stdnum). A value
    that fails is never passed on as if it were an IMEI.
    """
    try:
        compact: str = stdnum_imei.validate(text)
    except Exception as exc:  # stdnum raises several ValidationError subclasses
        return None, str(exc)
    if len(compact) != 15:
        return None, f"expected 15 digits, got {len(compact)}"
    return compact, None


class BatteryMeasurement(str, enum.Enum):
    """How a battery's health figure was measured, in words for the shop.

    ``BatteryFacts.method`` keeps the technical detail (which register, which
    command) for the record; the screen and the reasons say this.
    """

    IPHONE_GAUGE = "iphone_gauge"
    GAUGE = "gauge"
    SAMSUNG_CHECK = "samsung_check"
    LEARNED_CAPACITY = "learned_capacity"

    @property
    def ja(self) -> str:
        return _MEASUREMENT_WORDS[self][0]

    @property
    def en(self) -> str:
        return _MEASUREMENT_WORDS[self][1]


_MEASUREMENT_WORDS = {
    BatteryMeasurement.IPHONE_GAUGE: ("端末の電池ゲージの測定値、設定画面と数%違うことあり",
                                      "the phone's battery gauge; Settings may differ by a few %"),
    BatteryMeasurement.GAUGE: ("端末の電池ゲージの測定値", "the phone's battery gauge"),
    BatteryMeasurement.SAMSUNG_CHECK: ("端末(Samsung)の電池診断の値", "from the phone's own battery check (Samsung)"),
    BatteryMeasurement.LEARNED_CAPACITY: ("端末が最後に学習した電池容量から計算",
                                          "worked out from the battery capacity the phone last learned"),
}
#: A figure read from the phone whose way of measuring is not known (facts from before it was recorded).
MEASURED_BY_THE_PHONE = ("端末の測定値", "measured by the phone")


def measurement_words(battery: BatteryFacts) -> tuple[str, str]:
    """How the battery's figure was measured, in Japanese and English, for the shop."""
    return (battery.measured_by.ja, battery.measured_by.en) if battery.measured_by else MEASURED_BY_THE_PHONE


@dataclass
class BatteryFacts:
    health_percent: float | None = None
    cycle_count: int | None = None
    design_capacity_mah: int | None = None
    full_charge_capacity_mah: int | None = None
    #: How the figure was measured (RMJ guideline: always say how): the technical detail for
    #: the record, and in words for the shop.
    method: str | None = None
    measured_by: BatteryMeasurement | None = None
    #: Charge level now, the battery's own verdict ("good", "overheat", "dead"...)
    #: and its temperature, where the phone reports them (Android's dumpsys battery).
    level_percent: int | None = None
    condition: str | None = None
    temperature_c: float | None = None

    @classmethod
    def from_json(cls, data: Any) -> BatteryFacts | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise FactsError("battery: expected an object")
        health = _number(data.get("health_percent"), "battery.health_percent", float)
        if health is not None and not 0 <= health <= 150:
            raise FactsError(f"battery.health_percent: {health} is out of range")
        return cls(
            health_percent=health,
            cycle_count=_number(data.get("cycle_count"), "battery.cycle_count", int),
            design_capacity_mah=_number(data.get("design_capacity_mah"), "battery.design_capacity_mah", int),
            full_charge_capacity_mah=_number(
                data.get("full_charge_capacity_mah"), "battery.full_charge_capacity_mah", int
            ),
            method=clean_text(data.get("method")),
            measured_by=None if data.get("measured_by") is None else _enum(
                BatteryMeasurement, data.get("measured_by"), "battery.measured_by"),
            level_percent=_number(data.get("level_percent"), "battery.level_percent", int),
            condition=clean_text(data.get("condition"), limit=32),
            temperature_c=_number(data.get("temperature_c"), "battery.temperature_c", float),
        )


@dataclass
class ManagedFacts:
    state: ManagedState = ManagedState.UNKNOWN
    #: What showed it, e.g. "supervised; enrolled by Example Corp", or why it stays unknown (technical, English).
    detail: str | None = None
    #: Who manages it, as the phone names them (a company, or its management app): shown in any language.
    organisation: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> ManagedFacts | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise FactsError("managed: expected an object")
        return cls(_enum(ManagedState, data.get("state", "unknown"), "managed.state"), clean_text(data.get("detail")),
                   clean_text(data.get("organisation"), limit=128))


@dataclass
class DeviceFacts:
    platform: str
    serial: str
    state: DeviceState = DeviceState.READY
    manufacturer: str | None = None
    model_name: str | None = None
    model_code: str | None = None
    os_version: str | None = None
    hardware_serial: str | None = None
    imei: list[str] = field(default_factory=list)
    #: Values the phone gave as IMEIs that failed the check digit: read, but unusable.
    rejected_imei: list[str] = field(default_factory=list)
    lock: LockState = LockState.UNKNOWN
    battery: BatteryFacts | None = None
    #: Storage rounded up to the size it was sold as, and how it was read.
    capacity_gb: int | None = None
    capacity_method: str | None = None
    color: str | None = None
    #: The sales region (iOS RegionInfo, e.g. "J/A" for a Japanese model).
    region: str | None = None
    managed: ManagedFacts | None = None
    bootloader: BootloaderState | None = None
    #: Field name -> Source, for every field that holds a value.
    provenance: dict[str, Source] = field(default_factory=dict)
    #: Problems met while reading (and what to do about them), in Japanese and English.
    problems: list[Problem] = field(default_factory=list)
    #: The same problems as one line each, both languages ("ja / en"), for a terminal or a log.
    #: Kept by add_problem; read ``problems`` in code.
    errors: list[str] = field(default_factory=list)

    def add_problem(self, problem: Problem) -> None:
        """Note a problem once; the text is cleaned, since details may come from the phone."""
        cleaned = Problem(
            clean_text(problem.code, limit=64) or problems.REPORTED,
            clean_text(problem.ja, limit=512) or "",
            clean_text(problem.en, limit=512) or "",
        )
        if (cleaned.ja or cleaned.en) and len(self.problems) < MAX_PROBLEMS and cleaned not in self.problems:
            self.problems.append(cleaned)
            self.errors.append(cleaned.en if cleaned.ja == cleaned.en else f"{cleaned.ja} / {cleaned.en}")

    def add_imei(self, raw: Any, slot: int | None = None) -> bool:
        """Keep ``raw`` if it is a valid IMEI (True); otherwise note it as rejected, with a problem."""
        text = clean_text(raw, limit=64)
        if text is None:
            return False
        number, why = checked_imei(text)
        if number is None:
            if text not in self.rejected_imei and len(self.rejected_imei) < MAX_IMEIS:
                self.rejected_imei.append(text)
            self.add_problem(problems.imei_invalid(slot, text, why or "invalid"))
            return False
        if number not in self.imei and len(self.imei) < MAX_IMEIS:
            self.imei.append(number)
        return True

    def has_invalid_imei(self) -> bool:
        return bool(self.rejected_imei)

    def display_name(self) -> str | None:
        """The name staff know, with an Android model code beside it: "Galaxy S21 5G (SC-51B)"."""
        if self.platform == "android" and self.model_name and self.model_code and self.model_code != self.model_name:
            return f"{self.model_name} ({self.model_code})"
        return self.model_name or self.model_code

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["state"] = self.state.value
        data["lock"] = self.lock.value
        data["managed"] = None if self.managed is None else {**data["managed"], "state": self.managed.state.value}
        data["bootloader"] = None if self.bootloader is None else self.bootloader.value
        if self.battery is not None and self.battery.measured_by is not None:
            data["battery"]["measured_by"] = self.battery.measured_by.value
        data["provenance"] = {name: source.value for name, source in self.provenance.items()}
        data["problems"] = [problem.to_json() for problem in self.problems]
        return data

    @classmethod
    def from_json(cls, data: Any) -> DeviceFacts:
        """Build facts from the JSON of DESIGN §4, cleaning and checking every value."""
        if not isinstance(data, dict):
            raise FactsError("device: expected an object")
        platform = clean_text(data.get("platform"), limit=16)
        if platform not in ("ios", "android"):
            raise FactsError("device.platform: expected 'ios' or 'android'")
        serial = clean_text(data.get("serial"))
        if serial is None:
            raise FactsError("device.serial: missing")
        facts = cls(
            platform=platform,
            serial=serial,
            state=_enum(DeviceState, data.get("state", "ready"), "device.state"),
            manufacturer=clean_text(data.get("manufacturer")),
            model_name=clean_text(data.get("model_name")),
            model_code=clean_text(data.get("model_code")),
            os_version=clean_text(data.get("os_version")),
            hardware_serial=clean_text(data.get("hardware_serial")),
            lock=_enum(LockState, data.get("lock", "unknown"), "device.lock"),
            battery=BatteryFacts.from_json(data.get("battery")),
        )
        _read_descriptive_facts(facts, data)
        for raw in _list(data, "imei")[:MAX_IMEIS]:
            facts.add_imei(raw)
        for raw in _list(data, "rejected_imei")[:MAX_IMEIS]:
            text = clean_text(raw, limit=64)
            if text and text not in facts.rejected_imei:
                facts.rejected_imei.append(text)
        provenance = data.get("provenance") or {}
        if not isinstance(provenance, dict):
            raise FactsError("device.provenance: expected an object")
        for name, source in list(provenance.items())[:64]:
            key = clean_text(name, limit=64)
            if key:
                facts.provenance[key] = _enum(Source, source, f"device.provenance.{key}")
        structured = _list(data, "problems")
        for index, item in enumerate(structured[:MAX_PROBLEMS]):
            facts.add_problem(_problem(item, f"device.problems[{index}]"))
        if not structured:  # ``errors`` repeats ``problems`` as text; alone, it is all there is
            for message in _list(data, "errors")[:MAX_PROBLEMS]:
                text = clean_text(message, limit=512)
                if text:
                    facts.add_problem(problems.reported(text))
        return facts


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name) or []
    if not isinstance(value, list):
        raise FactsError(f"device.{name}: expected a list")
    return value


def _problem(item: Any, name: str) -> Problem:
    if not isinstance(item, dict):
        raise FactsError(f"{name}: expected an object with code, ja and en")
    texts = {key: clean_text(item.get(key), limit=512) for key in ("code", "ja", "en")}
    if not all(texts.values()):
        missing = ", ".join(key for key, text in texts.items() if not text)
        raise FactsError(f"{name}: {missing} missing")
    return Problem(texts["code"] or "", texts["ja"] or "", texts["en"] or "")


def _read_descriptive_facts(facts: DeviceFacts, data: dict[str, Any]) -> None:
    """Capacity, colour, region, management and bootloader from facts JSON (DESIGN §4)."""
    capacity = _number(data.get("capacity_gb"), "device.capacity_gb", int)
    if capacity is not None and not 1 <= capacity <= 16384:
        raise FactsError(f"device.capacity_gb: {capacity} is out of range")
    facts.capacity_gb = capacity
    facts.capacity_method = clean_text(data.get("capacity_method"))
    facts.color = clean_text(data.get("color"), limit=64)
    facts.region = clean_text(data.get("region"), limit=16)
    facts.managed = ManagedFacts.from_json(data.get("managed"))
    bootloader = data.get("bootloader")
    facts.bootloader = None if bootloader is None else _enum(BootloaderState, bootloader, "device.bootloader")


def _enum(kind: type[enum.Enum], value: Any, name: str):
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise FactsError(f"{name}: {clean_text(value, 40)!r} is not one of {allowed}") from None


def _number(value: Any, name: str, kind: type):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FactsError(f"{name}: expected a number")
    if kind is int and value != int(value):
        raise FactsError(f"{name}: expected a whole number")
    return kind(value)
