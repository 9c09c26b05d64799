"""Read the facts of every Android phone the adb server sees (DESIGN §4, §6).

One phone costs one shell round trip: a script that prints ``getprop`` and the
other dumps between markers. The markers carry a random nonce, so a phone
cannot forge a section, and a missing end marker shows the read was cut off.
The script asks for every IMEI source at once (both ``service call`` codes a
second slot may use, the old ``dumpsys iphonesubinfo``); the parsers then pick
the one that fits the phone's SDK and maker, which costs the phone a few
milliseconds instead of a second round trip.
"""

from __future__ import annotations

import functools
import secrets
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from device_probes import problems
from device_probes.android import adb_socket, descriptive, names, parsers
from device_probes.android.adb_socket import AdbServer, AdbServerError, ListedDevice
from device_probes.errors import ServiceUnreachable
from device_probes.facts import BatteryFacts, BatteryMeasurement, DeviceFacts, DeviceState, LockState, Source, clean_text
from device_probes.problems import Problem

#: Where an IMEI may come from: its name (for messages), and how to read it from the sections.
ImeiSource = tuple[str, Callable[[], parsers.ParcelString]]
#: Output beyond this is not a phone describing itself; the read stops there.
MAX_OUTPUT_BYTES = 8 * 1024 * 1024
_SHELL_PACKAGE = "s16 com.android.shell"

class ServerAddress(Protocol):
    """Where the adb server is: an AdbServer, or an adbutils client (the watcher's)."""

    @property
    def host(self) -> str: ...

    @property
    def port(self) -> int: ...


def adb_server_hint() -> str:
    import adbutils  # only to name the adb binary: the probe itself speaks to the server on a plain socket

    try:
        adb = adbutils.adb_path()
    except adbutils.AdbError:
        return "Install adb (or set ADBUTILS_ADB_PATH) and run 'adb start-server'."
    return (
        f"Run '{adb} start-server', or set ANDROID_ADB_SERVER_HOST / ANDROID_ADB_SERVER_PORT "
        "to where the adb server runs."
    )


def list_devices(server: ServerAddress, timeout: float = 5.0) -> list[ListedDevice]:
    """Every phone the server knows, in every state (adbutils' ``device_list()`` drops the unusable ones)."""
    try:
        return adb_socket.list_devices(AdbServer(server.host, server.port), timeout)
    except (AdbServerError, OSError) as exc:
        raise ServiceUnreachable(
            "adb server", f"{server.host}:{server.port}: {exc}", adb_server_hint()
        ) from exc


def _device_info(line: str) -> ListedDevice:
    return adb_socket.parse_device_line(line)


def start_adb_server(timeout: float = 20.0) -> None:
    """Start the adb server (``ADBUTILS_ADB_PATH`` or the bundled adb) if it is not running."""
    import adbutils

    from device_probes.android.client import Client

    client = Client()
    try:
        client.server_version()
        return
    except (adbutils.AdbError, OSError):
        pass
    try:
        subprocess.run(
            [adbutils.adb_path(), "start-server"],
            timeout=timeout,
            check=True,
            stdin=subprocess.DEVNULL,
            capture_output=True,
        )
    except (adbutils.AdbError, OSError, subprocess.SubprocessError) as exc:
        raise ServiceUnreachable("adb server", f"could not start it: {exc}", adb_server_hint()) from exc


def probe_android(*, timeout: float = 10.0, serial: str | None = None) -> list[DeviceFacts]:
    """Read every phone the adb server sees (or only ``serial``), all at once.

    Each phone gets its own worker and at most ``timeout`` seconds; a phone
    that hangs comes back in state ``error``. Raises ServiceUnreachable when
    the adb server cannot be reached at all.
    """
    try:
        server = AdbServer.from_environment()
    except AdbServerError as exc:
        raise ServiceUnreachable("adb server", str(exc), adb_server_hint()) from exc
    devices = [info for info in list_devices(server, timeout) if serial is None or info.serial == serial]
    if not devices:
        return []
    with ThreadPoolExecutor(max_workers=len(devices), thread_name_prefix="adb-probe") as pool:
        return list(pool.map(lambda info: read_device(server, info, timeout), devices))


def adb_state(state: str) -> DeviceState:
    """Our connection state for an adb server state string."""
    if state == "device":
        return DeviceState.READY
    if state in ("unauthorized", "authorizing"):
        return DeviceState.UNAUTHORIZED
    if state in ("offline", "connecting"):
        return DeviceState.OFFLINE
    return DeviceState.ERROR


def read_device(server: ServerAddress, info: ListedDevice, timeout: float) -> DeviceFacts:
    """The facts of one phone; never raises (problems end up in the facts)."""
    facts = DeviceFacts(platform="android", serial=clean_text(info.serial) or "?", state=adb_state(info.state))
    if facts.state is DeviceState.UNAUTHORIZED:
        facts.add_problem(problems.ANDROID_UNAUTHORIZED)
    elif facts.state is DeviceState.OFFLINE:
        facts.add_problem(problems.ANDROID_OFFLINE)
    elif facts.state is DeviceState.ERROR:
        facts.add_problem(_state_problem(info.state))
    if facts.state is not DeviceState.READY:
        return facts
    marker = f"@@{secrets.token_hex(8)}@@"
    try:
        output = run_script(server, info, probe_script(marker), timeout)
    except TimeoutError:
        return _failed(facts, problems.android_timeout(timeout))
    except (AdbServerError, OSError, EOFError) as exc:
        return _failed(facts, problems.android_read_failed(exc))
    sections, complete = parsers.split_sections(output, marker)
    if not complete:
        return _failed(facts, problems.ANDROID_CUT_OFF)
    fill_facts(facts, sections)
    return facts


def _state_problem(state: str) -> Problem:
    special_mode = problems.android_special_mode(state)
    if special_mode is not None:
        return special_mode
    if state.startswith("no"):  # "no permissions; see ..." is split into words by the listing
        return problems.ANDROID_NO_PERMISSION
    return problems.android_unexpected_state(state)


def _failed(facts: DeviceFacts, problem: Problem) -> DeviceFacts:
    facts.state = DeviceState.ERROR
    facts.add_problem(problem)
    return facts


def probe_script(marker: str) -> str:
    """The one shell command that reads everything, with a marker line before each part."""
    parts = {
        "props": "getprop",
        "imei_call_1": f"service call iphonesubinfo 1 {_SHELL_PACKAGE}",
        "imei_call_3": f"service call iphonesubinfo 3 i32 1 {_SHELL_PACKAGE}",
        "imei_call_4": f"service call iphonesubinfo 4 i32 1 {_SHELL_PACKAGE}",
        "iphonesubinfo": "dumpsys iphonesubinfo",
        "accounts": "dumpsys account",
        "setup": "settings get secure user_setup_complete",
        "battery": "dumpsys battery",
        "batterystats": "dumpsys batterystats | grep -i capacity",
        **descriptive.script_parts(),
    }
    commands = [f"echo {marker}{name}; {command}" for name, command in parts.items()]
    return "; ".join(commands + [f"echo {marker}end"])


def run_script(server: ServerAddress, info: ListedDevice, script: str, timeout: float) -> str:
    """Run ``script`` on the phone in one shell round trip, within ``timeout`` seconds.

    Raises TimeoutError when the phone does not finish in time.
    """
    deadline = time.monotonic() + timeout
    with adb_socket.open_shell(AdbServer(server.host, server.port), info, script, timeout) as sock:
        return adb_socket.read_to_end(sock, deadline, MAX_OUTPUT_BYTES).decode("utf-8", errors="replace")


def fill_facts(facts: DeviceFacts, sections: dict[str, str]) -> None:
    """Turn the script's sections into facts, each value cleaned and its source noted."""
    props = parsers.parse_getprop(sections.get("props", ""))
    _set(facts, "manufacturer", props.get("ro.product.manufacturer") or props.get("ro.product.brand"))
    model = props.get("ro.product.model")
    _set(facts, "model_code", model)
    _set(facts, "model_name", names.marketing_name(props) or model)
    _set(facts, "os_version", props.get("ro.build.version.release"))
    _set(facts, "hardware_serial", parsers.first_property(props, ("ril.serialnumber", "ro.serialno", "ro.boot.serialno")))
    if facts.model_code is None:
        facts.add_problem(problems.ANDROID_NO_MODEL)
    _fill_imeis(facts, props, sections)
    _fill_lock(facts, sections)
    _fill_battery(facts, sections)
    descriptive.fill_descriptive_facts(facts, props, sections)


def _set(facts: DeviceFacts, name: str, raw: str | None) -> None:
    value = clean_text(raw)
    if value is not None:
        setattr(facts, name, value)
        facts.provenance[name] = Source.DEVICE


def _fill_imeis(facts: DeviceFacts, props: dict[str, str], sections: dict[str, str]) -> None:
    sdk = parsers.sdk_level(props)
    second_code = parsers.second_slot_call_code(sdk, props.get("ro.product.manufacturer"))
    first_slot: list[ImeiSource] = [
        ("service call", lambda: parsers.parse_parcel_string(sections.get("imei_call_1", "")))
    ]
    old_dumpsys = ("dumpsys iphonesubinfo", lambda: parsers.ParcelString(
        parsers.parse_dumpsys_iphonesubinfo(sections.get("iphonesubinfo", ""))
    ))
    if sdk is not None and sdk <= 20:
        first_slot.insert(0, old_dumpsys)
    second_slot: list[ImeiSource] = []
    if second_code is not None:
        second_slot.append(
            ("service call", lambda: parsers.parse_parcel_string(sections.get(f"imei_call_{second_code}", "")))
        )
    for slot, sources in enumerate((first_slot, second_slot)):
        oem = parsers.first_property(props, parsers.OEM_IMEI_PROPERTIES[slot])
        sources.append(("OEM property", functools.partial(parsers.ParcelString, oem)))
        value, failures = _read_imei(sources)
        if value is not None:
            facts.add_imei(value, slot + 1)  # an invalid one is noted as rejected
        elif slot == 0 or parsers.is_multi_sim(props):
            facts.add_problem(problems.imei_unreadable(slot + 1, failures))
    if facts.imei:
        facts.provenance["imei"] = Source.DEVICE


def _read_imei(sources: list[ImeiSource]) -> tuple[str | None, list[str]]:
    """The value of the first source that gives one (it decides, valid or not: never a guess),
    or None and why each source failed."""
    failures = []
    for name, read in sources:
        result = read()
        if result.value:
            return result.value, []
        if result.problem:
            failures.append(f"{name}: {result.problem}")
    return None, failures


def _fill_lock(facts: DeviceFacts, sections: dict[str, str]) -> None:
    account_types = parsers.parse_account_types(sections.get("accounts", ""))
    setup_complete = parsers.parse_setup_complete(sections.get("setup", ""))
    if account_types is None:
        facts.add_problem(problems.FRP_UNREADABLE)
        return
    if "com.google" in account_types:
        facts.lock = LockState.ON
    elif setup_complete:
        facts.lock = LockState.OFF
    else:
        facts.add_problem(problems.FRP_SETUP_UNFINISHED)
        return
    facts.provenance["lock"] = Source.DEVICE


def _fill_battery(facts: DeviceFacts, sections: dict[str, str]) -> None:
    reading = parsers.parse_dumpsys_battery(sections.get("battery", ""))
    capacity = parsers.parse_batterystats_capacity(sections.get("batterystats", ""))
    gauge = descriptive.battery_capacity(sections) or BatteryFacts()
    battery = BatteryFacts(
        level_percent=reading.level_percent,
        condition=reading.condition,
        temperature_c=reading.temperature_c,
        cycle_count=gauge.cycle_count,
    )
    if reading.samsung_asoc is not None:
        battery.health_percent = float(reading.samsung_asoc)
        battery.method = "Samsung ASOC (mSavedBatteryAsoc in dumpsys battery)"
        battery.measured_by = BatteryMeasurement.SAMSUNG_CHECK
    elif gauge.health_percent is not None:
        battery.health_percent = gauge.health_percent
        battery.design_capacity_mah = gauge.design_capacity_mah
        battery.full_charge_capacity_mah = gauge.full_charge_capacity_mah
        battery.method = gauge.method
        battery.measured_by = gauge.measured_by
    elif capacity.design_mah and capacity.learned_mah:
        battery.health_percent = round(min(100.0, capacity.learned_mah / capacity.design_mah * 100), 1)
        battery.design_capacity_mah = capacity.design_mah
        battery.full_charge_capacity_mah = capacity.learned_mah
        battery.method = "last learned capacity / design capacity (dumpsys batterystats)"
        battery.measured_by = BatteryMeasurement.LEARNED_CAPACITY
    if battery != BatteryFacts():
        facts.battery = battery
        facts.provenance["battery"] = Source.DEVICE
