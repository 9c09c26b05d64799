"""The staff PIN that guards the customer screen.

Only a salted scrypt hash is kept, in ``staff_pin.json`` in the data
directory: a copy of the data directory does not give the PIN away, and two
shops with the same PIN have different files. A shop sets it with
``kiosk set-pin``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from kiosk.private_files import replace_with_json

PIN_FILENAME = "staff_pin.json"
PIN_LENGTHS = range(4, 9)
# scrypt's interactive-login cost: about 50 ms and 16 MiB per check, so guessing is slow
# while staff barely notice the wait.
SCRYPT_COST = {"n": 2**14, "r": 8, "p": 1}
SALT_BYTES = 16
HASH_BYTES = 32


class StaffPinError(Exception):
    """A PIN problem to show as it is."""


class PinNotSet(StaffPinError):
    pass


def check_pin_format(pin: str) -> None:
    if not (pin.isascii() and pin.isdigit() and len(pin) in PIN_LENGTHS):
        raise StaffPinError(f"a staff PIN is {PIN_LENGTHS.start} to {PIN_LENGTHS.stop - 1} digits")


def _hash(pin: str, salt: bytes, cost: dict[str, int]) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, dklen=HASH_BYTES, maxmem=64 * 1024 * 1024, **cost)


def set_pin(data_dir: Path, pin: str) -> Path:
    """Store a new PIN's hash, replacing the old one in one step; return the file."""
    check_pin_format(pin)
    salt = secrets.token_bytes(SALT_BYTES)
    record = {"scrypt": SCRYPT_COST, "salt": salt.hex(), "hash": _hash(pin, salt, SCRYPT_COST).hex()}
    path = data_dir / PIN_FILENAME
    replace_with_json(path, record)  # readable by the shop's account only, from the moment it exists
    return path


@dataclass(frozen=True)
class StaffPin:
    salt: bytes
    hash: bytes
    cost: dict[str, int]

    @classmethod
    def load(cls, data_dir: Path) -> StaffPin:
        path = data_dir / PIN_FILENAME
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            return cls(bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"]),
                       {name: int(record["scrypt"][name]) for name in SCRYPT_COST})
        except FileNotFoundError:
            raise PinNotSet(f"no staff PIN is set in {data_dir}; set one with `kiosk set-pin`") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StaffPinError(f"{path} is not a readable PIN file ({exc}); set the PIN again with "
                                "`kiosk set-pin`") from None

    def matches(self, pin: str) -> bool:
        try:
            check_pin_format(pin)
        except StaffPinError:
            return False
        return hmac.compare_digest(_hash(pin, self.salt, self.cost), self.hash)
