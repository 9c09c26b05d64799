"""The adb transport protocol as a phone's adbd speaks it: packets and key checks.

A packet is a 24-byte little-endian header (command, arg0, arg1, payload length,
payload checksum, command ^ 0xffffffff) followed by the payload. Authentication
is the adb scheme: the phone sends a random token, the host signs it with its
RSA key (PKCS#1 v1.5 over a SHA-1 DigestInfo, the token standing in for the
digest), and the phone checks the signature against the public keys it trusts.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass

CNXN = 0x4E584E43
AUTH = 0x48545541
OPEN = 0x4E45504F
OKAY = 0x59414B4F
CLSE = 0x45534C43
WRTE = 0x45545257

AUTH_TOKEN = 1
AUTH_SIGNATURE = 2
AUTH_RSAPUBLICKEY = 3

#: The protocol version that allows skipping payload checksums (adb 1.0.39+).
VERSION = 0x01000001
MAX_PAYLOAD = 1024 * 1024
TOKEN_SIZE = 20

HEADER = struct.Struct("<6I")

_SHA1_DIGEST_INFO = bytes.fromhex("3021300906052b0e03021a05000414")


@dataclass(frozen=True)
class Packet:
    command: int
    arg0: int
    arg1: int
    payload: bytes = b""

    def encode(self) -> bytes:
        checksum = sum(self.payload) & 0xFFFFFFFF
        header = HEADER.pack(
            self.command, self.arg0, self.arg1, len(self.payload), checksum, self.command ^ 0xFFFFFFFF
        )
        return header + self.payload


class ProtocolError(Exception):
    """The host sent something that is not an adb packet."""


def decode_header(header: bytes) -> tuple[int, int, int, int]:
    """Return (command, arg0, arg1, payload length) of a packet header."""
    command, arg0, arg1, length, _checksum, magic = HEADER.unpack(header)
    if magic != command ^ 0xFFFFFFFF:
        raise ProtocolError(f"bad magic in packet header {header.hex()}")
    if length > MAX_PAYLOAD:
        raise ProtocolError(f"payload of {length} bytes is over the limit")
    return command, arg0, arg1, length


@dataclass(frozen=True)
class PublicKey:
    modulus: int
    exponent: int
    size: int  # in bytes

    @classmethod
    def from_adb(cls, text: str) -> PublicKey:
        """Parse a key in adb's format: base64 of Android's RSAPublicKey struct, then a comment."""
        blob = base64.b64decode(text.strip().split()[0])
        (words,) = struct.unpack_from("<I", blob, 0)
        size = words * 4
        modulus = int.from_bytes(blob[8 : 8 + size], "little")
        (exponent,) = struct.unpack_from("<I", blob, 8 + 2 * size)
        return cls(modulus, exponent, size)

    def verifies(self, token: bytes, signature: bytes) -> bool:
        if len(signature) != self.size:
            return False
        recovered = pow(int.from_bytes(signature, "big"), self.exponent, self.modulus)
        block = recovered.to_bytes(self.size, "big")
        suffix = b"\x00" + _SHA1_DIGEST_INFO + token
        padding = self.size - 2 - len(suffix)
        return padding >= 8 and block == b"\x00\x01" + b"\xff" * padding + suffix
