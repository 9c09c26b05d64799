"""Read facts from iPhones over usbmuxd with pymobiledevice3 (asyncio).

Only ``pymobiledevice3.usbmux`` is imported with this module: the lockdown
client costs about half a second and hundreds of modules, so it is loaded on
the first phone (:func:`load_lockdown`).

pymobiledevice3 saves a first pair record through a usbmuxd connection that
ignores any explicit address, so the usbmuxd address always comes from
``USBMUXD_SOCKET_ADDRESS`` (or the platform default), never from an argument.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from pymobiledevice3 import usbmux
from pymobiledevice3.exceptions import (
    ConnectionFailedToUsbmuxdError,
    ConnectionTerminatedError,
    DeviceNotFoundError,
    FatalPairingError,
    LockdownError,
    MuxException,
    NoDeviceConnectedError,
    PairingDialogResponsePendingError,
    PasswordRequiredError,
    PyMobileDevice3Exception,
    UserDeniedPairingError,
)

from device_probes import problems
from device_probes.errors import ServiceUnreachable
from device_probes.facts import DeviceFacts, DeviceState, Source, clean_text
from device_probes.ios.mapping import (
    apply_lockdown_values,
    battery_from_ioregistry,
    capacity_from_disk_usage,
    lock_from_find_my,
    managed_from_cloud_configuration,
)

_LOCKDOWN_MODULES = (
    "pymobiledevice3.lockdown", "pymobiledevice3.services.diagnostics", "pymobiledevice3.services.mobile_config",
)
#: Connection problems that mean the phone (or usbmuxd) went away mid-read.
_CONNECTION_LOST = (
    MuxException,
    DeviceNotFoundError,
    NoDeviceConnectedError,
    ConnectionTerminatedError,
    asyncio.IncompleteReadError,
    OSError,
)


async def load_lockdown() -> None:
    """Import the lockdown client off the event loop, so hotplug events keep flowing meanwhile."""
    if any(name not in sys.modules for name in _LOCKDOWN_MODULES):
        await asyncio.get_running_loop().run_in_executor(None, _import_lockdown)


def _import_lockdown() -> None:
    for name in _LOCKDOWN_MODULES:
        importlib.import_module(name)


async def list_usb_phones(timeout: float) -> list[str]:
    """UDIDs of the iPhones usbmuxd lists on USB (phones it reaches over Wi-Fi are left out)."""
    try:
        async with asyncio.timeout(timeout):
            mux = await usbmux.create_mux()
            try:
                await mux.get_device_list(0.1)
            finally:
                await mux.close()
    except TimeoutError:
        raise usbmuxd_unreachable(f"no answer within {timeout:g} s") from None
    except (ConnectionFailedToUsbmuxdError, MuxException, OSError) as exc:
        raise usbmuxd_unreachable(str(exc) or type(exc).__name__) from exc
    except Exception as exc:
        # Something answers on the usbmuxd address, but not in usbmuxd's protocol (a
        # plist that does not parse, a truncated header, a reply of the wrong shape):
        # the client raises whatever its parser met, and all of it means the same.
        detail = clean_text(f"the answer is not usbmuxd's ({type(exc).__name__}: {exc})")
        raise usbmuxd_unreachable(detail or "the answer is not usbmuxd's") from exc
    udids: list[str] = []
    for device in mux.devices:
        if device.is_usb and isinstance(device.serial, str) and device.serial not in udids:
            udids.append(device.serial)
    return udids


def usbmuxd_unreachable(detail: str) -> ServiceUnreachable:
    configured = os.environ.get("USBMUXD_SOCKET_ADDRESS")
    if configured:
        where = f"USBMUXD_SOCKET_ADDRESS={configured}"
        hint = f"{where}: check that usbmuxd listens there, or unset it to use the system usbmuxd."
    elif sys.platform == "win32":
        where = "127.0.0.1:27015"
        hint = "Install Apple Devices (or iTunes) and check that the Apple Mobile Device Service is running."
    elif sys.platform == "darwin":
        where = "/var/run/usbmuxd"
        hint = "usbmuxd is part of macOS and starts on demand: reconnect the cable, or restart the Mac."
    else:
        where = "/var/run/usbmuxd"
        hint = "Install and start usbmuxd (for example: sudo apt install usbmuxd; sudo systemctl start usbmuxd)."
    return ServiceUnreachable("usbmuxd", f"cannot reach usbmuxd at {where}: {detail}", hint)


async def read_phone(udid: str, pair_records_dir: Path, timeout: float) -> DeviceFacts:
    """Everything one iPhone tells us, within ``timeout`` seconds; never raises for a phone's sake."""
    facts = DeviceFacts(platform="ios", serial=clean_text(udid) or "?")
    try:
        async with asyncio.timeout(timeout):
            await load_lockdown()
            await _read_into(facts, udid, pair_records_dir)
    except TimeoutError:
        facts.state = DeviceState.ERROR
        facts.add_problem(problems.ios_timeout(timeout))
    except ConnectionFailedToUsbmuxdError as exc:
        unreachable = usbmuxd_unreachable(str(exc) or "connection refused")
        facts.state = DeviceState.ERROR
        facts.add_problem(problems.usbmuxd_unreachable(str(unreachable), unreachable.hint))
    except PairingDialogResponsePendingError:
        facts.state = DeviceState.PAIRING_PENDING
        facts.add_problem(problems.IOS_PAIRING_PENDING)
    except UserDeniedPairingError:
        facts.state = DeviceState.PAIRING_DENIED
        facts.add_problem(problems.IOS_PAIRING_DENIED)
    except PasswordRequiredError:
        facts.state = DeviceState.PASSCODE_LOCKED
        facts.add_problem(problems.IOS_PASSCODE_LOCKED)
    except _CONNECTION_LOST:
        facts.state = DeviceState.OFFLINE
        facts.add_problem(problems.IOS_UNPLUGGED)
    except PyMobileDevice3Exception as exc:
        facts.state = DeviceState.ERROR
        facts.add_problem(problems.ios_read_failed(exc))
    return facts


async def _read_into(facts: DeviceFacts, udid: str, pair_records_dir: Path) -> None:
    from pymobiledevice3.lockdown import create_using_usbmux

    # Pairing is done here rather than by autopair, so that the basics (model, iOS
    # version), readable before the phone trusts us, are in hand if it fails: a
    # phone waiting for "Trust" is still shown as what it is.
    keep_pair_records_private(pair_records_dir)
    client = await create_using_usbmux(serial=udid, autopair=False, pairing_records_cache_folder=pair_records_dir)
    try:
        apply_lockdown_values(facts, client.all_values, marketing_name=client.display_name)
        if not client.paired:
            # No pairing, or a stale one the phone answered with InvalidHostID: pair
            # once. Timeout 0 raises at once while the Trust dialog is open, and the
            # caller reads again later instead of blocking here.
            await client.pair(timeout=0)
            keep_pair_records_private(pair_records_dir)
            if not await client.validate_pairing():
                raise FatalPairingError()
        apply_lockdown_values(facts, client.all_values, marketing_name=client.display_name)
        await asyncio.gather(
            _read_lock(facts, client), _read_battery(facts, client),
            _read_capacity(facts, client), _read_management(facts, client),
        )
    finally:
        await client.close()


def keep_pair_records_private(folder: Path) -> None:
    """Pair records hold this host's private keys: the folder 0700, each record 0600, whatever the umask.

    pymobiledevice3 writes a record with the umask's mode; the folder, made
    private first, keeps it out of reach until it is tightened here.
    """
    if os.name != "posix":
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    for record in folder.glob("*.plist"):
        os.chmod(record, 0o600)


async def _read_lock(facts: DeviceFacts, client: Any) -> None:
    try:
        is_associated = await client.get_value("com.apple.fmip", "IsAssociated")
    except LockdownError as exc:
        facts.add_problem(problems.find_my_unreadable(str(exc.error or type(exc).__name__)))
        return
    facts.lock, note = lock_from_find_my(is_associated, client.all_values.get("ActivationState"))
    facts.provenance["lock"] = Source.DEVICE
    if note:
        facts.add_problem(note)


async def _read_capacity(facts: DeviceFacts, client: Any) -> None:
    try:
        total = await client.get_value("com.apple.disk_usage", "TotalDiskCapacity")
    except LockdownError as exc:
        facts.add_problem(problems.storage_unreadable(str(exc.error or type(exc).__name__)))
        return
    facts.capacity_gb, facts.capacity_method = capacity_from_disk_usage(total)
    if facts.capacity_gb is not None:
        facts.provenance["capacity_gb"] = Source.DEVICE


async def _read_management(facts: DeviceFacts, client: Any) -> None:
    from pymobiledevice3.services.mobile_config import MobileConfigService

    try:
        async with MobileConfigService(client) as mobile_config:
            configuration = await mobile_config.get_cloud_configuration()
    except _CONNECTION_LOST:
        raise
    except PyMobileDevice3Exception as exc:
        configuration = None
        facts.add_problem(problems.management_unreadable(type(exc).__name__))
    facts.managed = managed_from_cloud_configuration(configuration)
    facts.provenance["managed"] = Source.DEVICE


async def _read_battery(facts: DeviceFacts, client: Any) -> None:
    from pymobiledevice3.services.diagnostics import DiagnosticsService

    try:
        async with DiagnosticsService(client) as diagnostics:
            data = await diagnostics.get_battery()
    except _CONNECTION_LOST:
        raise
    except PyMobileDevice3Exception as exc:
        facts.add_problem(problems.ios_battery_unreadable(f"{type(exc).__name__}: {exc}"))
        return
    facts.battery, met = battery_from_ioregistry(data)
    if facts.battery is not None:
        facts.provenance["battery"] = Source.DEVICE
    for problem in met:
        facts.add_problem(problem)


async def probe_all(*, timeout: float, serial: str | None, pair_records_dir: Path) -> list[DeviceFacts]:
    udids = await list_usb_phones(timeout)
    if serial is not None:
        udids = [udid for udid in udids if udid.replace("-", "") == serial.replace("-", "")]
    return list(await asyncio.gather(*(read_phone(udid, pair_records_dir, timeout) for udid in udids)))


def probe_ios(*, timeout: float = 10.0, serial: str | None = None, pair_records_dir: Path) -> list[DeviceFacts]:
    """Read every iPhone attached over USB, all at once; one DeviceFacts each.

    ``serial`` keeps only the phone with that UDID. A phone that cannot be read
    (not trusted yet, locked, unplugged, silent for ``timeout`` seconds) is a
    DeviceFacts whose ``state`` and ``problems`` say so. Pair records are kept in
    ``pair_records_dir``. Raises :class:`ServiceUnreachable` when usbmuxd cannot
    be reached at all.

    It runs its own event loop, so call it from a thread without one (the
    CLI); a long-running program uses :class:`device_probes.ios.IosDevices`.
    """
    return asyncio.run(probe_all(timeout=timeout, serial=serial, pair_records_dir=pair_records_dir))
