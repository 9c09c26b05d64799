"""A simulated Android phone: its profile and the shell commands it answers.

A profile is a JSON file in ``profiles/`` (or any dict of the same shape)::

    {
      "description": "what this phone is for",
      "mode": "device" | "recovery" | "sideload" | "offline",
      "authorized": true,            # false: the host key is not trusted yet
      "accept_after": 2.0,           # an unauthorized phone taps "Allow" this long after
                                     # the host offers its key (null: never)
      "latency": 0.0,                # seconds before each shell answer (a slow phone)
      "hang": false,                 # take shell commands, never answer
      "unplug_after_bytes": null,    # pull the cable after sending this much shell output
      "garbage": false,              # answer shell commands with bytes that are not adb packets
      "props": {"ro.product.model": "Pixel 8", ...},
      "imei": ["...", "..."],        # what the modem holds, one per slot
      "imei_access": "service_call" | "dumpsys" | "refused",
      "iphonesubinfo_code_shift": 0, # Huawei Android 9 numbers the calls from 3 on one higher
      "accounts": [{"name": "...", "type": "com.google"}],
      "setup_complete": true,
      "battery": {"level": 87, "health": 2, "temperature": 285, "asoc": 92},
      "batterystats": {"design": 4355, "learned_min": 3900, "learned_max": 4010, "learned_last": 3950},
      "storage_gb": 128,             # what df reports for /data (absent: df is refused)
      "device_owner": {"package": "com.example.mdm", "name": "Example MDM"},  # an MDM (absent: none)
      "profile_owner": {"package": "...", "name": "...", "user": 10},         # a work profile (absent: none)
      "files": {"/sys/class/power_supply/battery/cycle_count": "412\n",
                "/sys/class/power_supply/battery/charge_full": null},  # null: there, not readable
      "reboot_seconds": 2.0,         # how long ``adb reboot`` keeps the phone away
      "commands": {"exact command": "output"}   # raw output that wins over the above
    }

``getprop`` prints a full property set the size of a real phone's (about a thousand
names, see :mod:`.getprop`), with the profile's ``props`` over it.

Where JSON cannot hold a phone's bytes, a text value may be ``{"hex": "..."}`` or
``{"repeat": "A", "count": 1048576}``.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from device_probes.sim.android.getprop import full_properties

PROFILE_PACKAGE = "device_probes.sim.android.profiles"

_BATTERY_DEFAULTS = {"level": 80, "health": 2, "temperature": 290, "voltage": 4000, "status": 2}


def profile_names() -> list[str]:
    files = resources.files(PROFILE_PACKAGE).iterdir()
    return sorted(item.name.removesuffix(".json") for item in files if item.name.endswith(".json"))


def load_profile(name: str, **overrides: Any) -> dict[str, Any]:
    """Read a shipped profile and apply ``overrides`` (top-level keys)."""
    if name not in profile_names():
        raise ValueError(f"no phone profile {name!r}; known: {', '.join(profile_names())}")
    text = (resources.files(PROFILE_PACKAGE) / f"{name}.json").read_text(encoding="utf-8")
    profile = json.loads(text)
    profile.update(overrides)
    return profile


def to_bytes(value: Any) -> bytes:
    """Turn a profile text value (see the module docstring) into the bytes the phone sends."""
    if isinstance(value, dict):
        if "hex" in value:
            return bytes.fromhex(value["hex"])
        if "repeat" in value:
            return str(value["repeat"]).encode() * int(value["count"])
        raise ValueError(f"unknown text value {value!r}")
    return str(value).encode("utf-8")


@dataclass
class ShellResult:
    stdout: bytes
    stderr: bytes = b""
    exit_code: int = 0


#: Standard input for a command line: called only by a command that reads it, it
#: blocks until the host closes stdin and returns everything sent.
Stdin = Callable[[], bytes]


def no_stdin() -> bytes:
    return b""


class Phone:
    """Answers shell commands the way this profile's phone would."""

    def __init__(self, profile: dict[str, Any]):
        self.profile = profile
        own = {key: to_bytes(value) for key, value in profile.get("props", {}).items()}
        self.props = {**full_properties(own), **own}
        self.overrides = {key: to_bytes(value) for key, value in profile.get("commands", {}).items()}
        #: Files the shell user may read (bytes), or may not (None).
        self.files: dict[str, bytes | None] = {
            path: None if value is None else to_bytes(value) for path, value in profile.get("files", {}).items()
        }

    @property
    def sdk(self) -> int:
        try:
            return int(self.props.get("ro.build.version.sdk", b"0"))
        except ValueError:
            return 0

    def banner(self) -> bytes:
        """The CNXN banner: the connection mode plus a few identity properties, bounded."""
        mode = self.profile.get("mode", "device")
        fields = [
            f"{key}=".encode() + self.props.get(key, b"")[:64].replace(b";", b"_")
            for key in ("ro.product.name", "ro.product.model", "ro.product.device")
        ]
        fields.append(b"features=shell_v2,cmd,stat_v2")
        return mode.encode() + b"::" + b";".join(fields)

    def run(self, command: str, stdin: Stdin = no_stdin) -> ShellResult:
        """Run a command line: statements joined by ';', each a pipeline of commands joined by '|'.

        ``exit [N]`` ends the line with that status; otherwise the status is the last
        pipeline's, and a pipeline's is its last command's, as in sh.
        """
        try:
            statements = _split_statements(command)
        except ValueError as exc:
            return ShellResult(b"", f"/system/bin/sh: syntax error: {exc}\n".encode(), 2)
        out, err, code = [], [], 0
        for pipeline in statements:
            if pipeline[0][0] == "exit" and len(pipeline) == 1:
                result = _exit(pipeline[0][1:], code)
                err.append(result.stderr)
                code = result.exit_code
                break
            result = self._run_pipeline(pipeline, stdin)
            out.append(result.stdout)
            err.append(result.stderr)
            code = result.exit_code
        return ShellResult(b"".join(out), b"".join(err), code)

    def _run_pipeline(self, pipeline: list[list[str]], stdin: Stdin) -> ShellResult:
        line = " | ".join(" ".join(args) for args in pipeline)
        if line in self.overrides:
            return ShellResult(self.overrides[line])
        result, errors = None, []
        for args in pipeline:
            feed = stdin if result is None else (lambda data=result.stdout: data)
            result = self._run_one(args, feed)
            errors.append(result.stderr)
        assert result is not None
        return ShellResult(result.stdout, b"".join(errors), result.exit_code)

    def _run_one(self, args: list[str], stdin: Stdin) -> ShellResult:
        line = " ".join(args)
        if line in self.overrides:
            return ShellResult(self.overrides[line])
        name = args[0]
        if name == "echo":
            return ShellResult(" ".join(args[1:]).encode() + b"\n")
        if name == "cat":
            return self._cat(args[1:], stdin)
        if name == "grep":
            return _grep(args[1:], stdin())
        if name in ("true", "false"):
            return ShellResult(b"", b"", int(name == "false"))
        if name == "getprop":
            return ShellResult(self._getprop(args[1:]))
        if args[:3] == ["service", "call", "iphonesubinfo"] and len(args) > 3:
            return ShellResult(self._iphonesubinfo_call(args[3]))
        if args == ["dumpsys", "iphonesubinfo"]:
            return ShellResult(self._dumpsys_iphonesubinfo())
        if args == ["dumpsys", "account"]:
            return ShellResult(self._dumpsys_account())
        if args == ["dumpsys", "battery"]:
            return ShellResult(self._dumpsys_battery())
        if args == ["dumpsys", "batterystats"]:
            return ShellResult(self._dumpsys_batterystats())
        if args == ["dumpsys", "device_policy"]:
            return ShellResult(self._dumpsys_device_policy())
        if args[:1] == ["df"]:
            return self._df(args[1:])
        if args == ["settings", "get", "secure", "user_setup_complete"]:
            return ShellResult(b"1\n" if self.profile.get("setup_complete", True) else b"0\n")
        return ShellResult(b"", f"/system/bin/sh: {name}: inaccessible or not found\n".encode(), 127)

    def _cat(self, paths: list[str], stdin: Stdin) -> ShellResult:
        if not paths or paths == ["-"]:
            return ShellResult(stdin())
        out, err, code = [], [], 0
        for path in paths:
            content = self.read_file(path)
            if isinstance(content, bytes):
                out.append(content)
            else:
                err.append(f"cat: {path}: {content}\n".encode())
                code = 1
        return ShellResult(b"".join(out), b"".join(err), code)

    def read_file(self, path: str) -> bytes | str:
        """A file's bytes as the shell user reads them, or why it cannot (strerror text)."""
        if path not in self.files:
            return "No such file or directory" if not self.is_directory(path) else "Is a directory"
        content = self.files[path]
        return "Permission denied" if content is None else content

    def is_directory(self, path: str) -> bool:
        prefix = path.rstrip("/") + "/"
        return path == "/" or any(name.startswith(prefix) for name in self.files)

    def _getprop(self, args: list[str]) -> bytes:
        if args:
            return self.props.get(args[0], b"") + b"\n"
        return b"".join(b"[" + key.encode() + b"]: [" + value + b"]\n" for key, value in self.props.items())

    def _iphonesubinfo_call(self, code_text: str) -> bytes:
        access = self.profile.get("imei_access", "service_call")
        if access == "refused":
            return format_parcel(
                [0xFFFFFFFF] + _string16_words("uid 2000 does not belong to package com.android.shell")
            )
        if access != "service_call":
            return format_parcel(
                [0xFFFFFFFF] + _string16_words("getDeviceId: Neither user 2000 nor current process has android.permission.READ_PHONE_STATE.")
            )
        code = int(code_text) if code_text.isdigit() else 0
        if code >= 3:
            code -= int(self.profile.get("iphonesubinfo_code_shift", 0))
        slot_two_code = 3 if self.sdk <= 29 else 4
        slot = {1: 0, slot_two_code: 1}.get(code)
        imeis = self.profile.get("imei", [])
        if slot is None or slot >= len(imeis):
            return format_parcel([0, 0xFFFFFFFF])
        return format_parcel([0] + _string16_words(imeis[slot]))

    def _dumpsys_iphonesubinfo(self) -> bytes:
        if self.profile.get("imei_access") != "dumpsys":
            return b""
        imeis = self.profile.get("imei", [])
        lines = ["Phone Subscriber Info:", "  Phone Type = GSM"]
        lines += [f"  Device ID = {imei}" for imei in imeis[:1]]
        return ("\n".join(lines) + "\n").encode()

    def _dumpsys_account(self) -> bytes:
        accounts = self.profile.get("accounts", [])
        lines = ["User UserInfo{0:Owner:c13}:", f"  Accounts: {len(accounts)}"]
        for account in accounts:
            lines.append(f"    Account {{name={account['name']}, type={account['type']}}}")
        lines += ["", "  Active Sessions: 0", "", "  RegisteredServicesCache: 3 services"]
        return ("\n".join(lines) + "\n").encode()

    def _dumpsys_battery(self) -> bytes:
        battery = _BATTERY_DEFAULTS | self.profile.get("battery", {})
        lines = [
            "Current Battery Service state:",
            "  AC powered: false",
            "  USB powered: true",
            "  Wireless powered: false",
            f"  status: {battery['status']}",
            f"  health: {battery['health']}",
            "  present: true",
            f"  level: {battery['level']}",
            "  scale: 100",
            f"  voltage: {battery['voltage']}",
            f"  temperature: {battery['temperature']}",
            "  technology: Li-ion",
        ]
        if "asoc" in battery:
            lines += [f"  mSavedBatteryAsoc: {battery['asoc']}", "  mSavedBatteryUsage: 41200"]
        return ("\n".join(lines) + "\n").encode()

    def _df(self, paths: list[str]) -> ShellResult:
        """toybox df for /data: the /data partition is the storage less the system's share (about 88 %)."""
        size_gb = self.profile.get("storage_gb")
        if size_gb is None or paths != ["/data"]:
            return ShellResult(b"", f"df: {' '.join(paths) or '/'}: Permission denied\n".encode(), 1)
        blocks = int(size_gb * 1e9 * 0.88) // 1024
        used = blocks * 2 // 5
        lines = [
            "Filesystem        1K-blocks     Used Available Use% Mounted on",
            f"/dev/block/dm-8 {blocks:>11} {used:>8} {blocks - used:>9}  40% /data",
        ]
        return ShellResult(("\n".join(lines) + "\n").encode())

    def _dumpsys_device_policy(self) -> bytes:
        lines = ["Current Device Policy Manager state:", "  Immutable state:", "    mHasFeature=true",
                 "    mIsWatch=false", "    mHasTelephonyFeature=true"]
        for kind, key in (("Device Owner:", "device_owner"), ("Profile Owner (User {user}):", "profile_owner")):
            owner = self.profile.get(key)
            if owner:
                lines += [
                    "  " + kind.format(user=owner.get("user", 0)),
                    f"    admin=ComponentInfo{{{owner['package']}/{owner['package']}.AdminReceiver}}",
                    f"    name={owner.get('name', '')}",
                    f"    package={owner['package']}",
                    "    User ID: " + str(owner.get("user", 0)),
                ]
        lines += [
            "  Enabled Device Admins (User 0, provisioningState: 3):",
            "    com.google.android.gms/com.google.android.gms.mdm.receivers.MdmDeviceAdminReceiver:",
            "      uid=10117",
            "      testOnlyAdmin=false",
        ]
        return ("\n".join(lines) + "\n").encode()

    def _dumpsys_batterystats(self) -> bytes:
        stats = self.profile.get("batterystats")
        lines = ["Battery History (1% used, 4096 used of 4096KB, 12 strings using 1024):", "Statistics since last charge:"]
        if stats:
            lines.append(f"  Estimated battery capacity: {stats['design']} mAh")
            if "learned_last" in stats:  # Android 10 and later print the gauge's figure now
                lines.append(f"  Last learned battery capacity: {stats['learned_last']} mAh")
            lines += [
                f"  Min learned battery capacity: {stats['learned_min']} mAh",
                f"  Max learned battery capacity: {stats['learned_max']} mAh",
            ]
        lines += ["  Time on battery: 2h 4m 10s 120ms (99.9%) realtime", "  Screen on discharge: 12 mAh"]
        return ("\n".join(lines) + "\n").encode()


def format_parcel(words: list[int]) -> bytes:
    """Print a Parcel the way ``service call`` does: hex words, then an ASCII column."""
    raw = b"".join(word.to_bytes(4, "little") for word in words)
    ascii_column = "".join(chr(b) if 32 <= b < 127 and b != 39 else "." for b in raw)
    if len(words) <= 4:
        hex_words = " ".join(f"{word:08x}" for word in words)
        return f"Result: Parcel({hex_words} '{ascii_column}')\n".encode()
    lines = ["Result: Parcel("]
    for start in range(0, len(words), 4):
        chunk = words[start : start + 4]
        hex_words = " ".join(f"{word:08x}" for word in chunk).ljust(35)
        column = ascii_column[start * 4 : start * 4 + 16]
        lines.append(f"  0x{start * 4:08x}: {hex_words} '{column}'")
    return ("\n".join(lines) + ")\n").encode()


def _string16_words(text: str) -> list[int]:
    """A Parcel string16: the length in UTF-16 units, the units, a NUL, padded to words."""
    units = text.encode("utf-16-le", errors="surrogatepass")
    data = units + b"\x00\x00" + b"\x00" * (-(len(units) + 2) % 4)
    return [len(units) // 2] + [int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4)]


def _split_statements(command: str) -> list[list[list[str]]]:
    """Split a command line into statements (';'), pipelines ('|') and words."""
    lexer = shlex.shlex(command.replace("\n", ";"), posix=True, punctuation_chars=";|")
    lexer.whitespace_split = True
    statements: list[list[list[str]]] = [[[]]]
    for token in lexer:
        if token == ";":
            statements.append([[]])
        elif token == "|":
            statements[-1].append([])
        else:
            statements[-1][-1].append(token)
    pipelines = [pipeline for pipeline in statements if pipeline[0]]
    if any(not args for pipeline in pipelines for args in pipeline):
        raise ValueError("a pipe with nothing after it")
    return pipelines


def _grep(args: list[str], text: bytes) -> ShellResult:
    """grep with -i: the matching lines; status 1 when none matched, as grep's."""
    flags, patterns = 0, []
    for arg in args:
        if arg.startswith("-"):
            flags |= re.IGNORECASE if "i" in arg else 0
        else:
            patterns.append(arg)
    if not patterns:
        return ShellResult(b"", b"usage: grep [-i] PATTERN\n", 2)
    pattern = re.compile(patterns[0].encode(), flags)
    lines = b"".join(line for line in text.splitlines(keepends=True) if pattern.search(line))
    return ShellResult(lines, b"", 0 if lines else 1)


def _exit(args: list[str], last_status: int) -> ShellResult:
    if not args:
        return ShellResult(b"", b"", last_status)
    if not args[0].lstrip("-").isdigit():
        return ShellResult(b"", f"/system/bin/sh: exit: bad number: {args[0]}\n".encode(), 2)
    return ShellResult(b"", b"", int(args[0]) & 0xFF)
