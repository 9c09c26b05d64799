"""The shop's settings: who the shop is on its paper, and who works its counter.

Kept as ``shop.json`` in the data directory. The purchase statement prints the
name, address, phone and 古物商許可番号 (the issuing 公安委員会 and the number);
the staff list is what the counter offers at the start of a shift.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from device_probes.facts import clean_text
from kiosk.private_files import replace_with_json

SETTINGS_FILENAME = "shop.json"
MAX_STAFF = 100
#: Bounds per field: enough for a long address, short enough to fit the statement's header.
_TEXT_LIMITS = {"name": 80, "address": 200, "licence_commission": 40, "licence_number": 40, "phone": 40}


class SettingsError(ValueError):
    """Settings that do not fit; the message starts with the field's name."""


class SettingsFileError(SettingsError):
    """The settings file cannot be read or written (a file problem, not bad input)."""


@dataclass(frozen=True)
class ShopSettings:
    name: str = ""
    address: str = ""
    #: The 公安委員会 that issued the 古物商許可, e.g. 東京都公安委員会.
    licence_commission: str = ""
    #: The licence number as printed on the licence, e.g. 第301234567890号 or 301234567890.
    licence_number: str = ""
    phone: str = ""
    staff: tuple[str, ...] = field(default_factory=tuple)

    def licence_text(self) -> str:
        """「東京都公安委員会 第301234567890号」, as the statement prints it; empty when not set."""
        number = self.licence_number
        if number and number[0].isdigit():
            number = f"第{number}号"
        return " ".join(part for part in (self.licence_commission, number) if part)

    def missing_for_paper(self) -> list[str]:
        """The fields a purchase statement needs that are still empty."""
        return [name for name in ("name", "address", "licence_commission", "licence_number") if not getattr(self, name)]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "staff": list(self.staff)}

    @classmethod
    def from_json(cls, data: Any) -> ShopSettings:
        if not isinstance(data, dict):
            raise SettingsError("settings: expected an object")
        unknown = set(data) - {*_TEXT_LIMITS, "staff"}
        if unknown:
            raise SettingsError(f"{sorted(unknown)[0]}: not a setting (known: {', '.join([*_TEXT_LIMITS, 'staff'])})")
        values: dict[str, Any] = {}
        for name, limit in _TEXT_LIMITS.items():
            if name in data:
                values[name] = _text(name, data[name], limit)
        if "staff" in data:
            values["staff"] = _staff(data["staff"])
        return cls(**values)

    def updated(self, changes: Any) -> ShopSettings:
        """These settings with the fields in ``changes`` (a JSON object) replaced."""
        changed = ShopSettings.from_json(changes)
        return replace(self, **{name: getattr(changed, name) for name in changes})

    @classmethod
    def load(cls, data_dir: Path) -> ShopSettings:
        """The saved settings; empty ones when none were saved yet."""
        path = data_dir / SETTINGS_FILENAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            raise SettingsFileError(f"{path}: cannot be read ({exc.strerror})") from None
        try:
            return cls.from_json(json.loads(text))
        except (json.JSONDecodeError, SettingsError) as exc:
            raise SettingsError(f"{path}: {exc}; fix it or set the settings again with `kiosk settings set`") from None

    def save(self, data_dir: Path) -> Path:
        """Replace the saved settings in one step (a crash leaves the old file or the new one)."""
        path = data_dir / SETTINGS_FILENAME
        try:
            replace_with_json(path, self.to_json(), indent=2)
        except OSError as exc:
            raise SettingsFileError(f"{path}: cannot be written ({exc.strerror})") from None
        return path


def _text(name: str, value: Any, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SettingsError(f"{name}: expected text")
    # Cleaned without its bound first: a licence number cut short must be refused, not stored.
    text = clean_text(value, limit=len(value) + 1) or ""
    if len(text) > limit:
        raise SettingsError(f"{name}: at most {limit} characters")
    return text


def _staff(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise SettingsError("staff: expected a list of names")
    if len(value) > MAX_STAFF:
        raise SettingsError(f"staff: at most {MAX_STAFF} names")
    names: list[str] = []
    for index, item in enumerate(value):
        name = _text(f"staff[{index}]", item, 80)
        if not name:
            raise SettingsError(f"staff[{index}]: empty name")
        if name not in names:
            names.append(name)
    return tuple(names)
