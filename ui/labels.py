"""Words for the core's values, in the current UI language.

Each function builds its table when called, never at import: the strings must
be translated with the translator installed at that moment.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from device_probes.facts import DeviceState, LockState, Source
from kiosk.id_documents import IdDocuments, document_name
from kiosk.intake import Carrier, ConsentMethod, RestrictionMark, Wear
from kiosk.tickets import PhoneKind
from ui.i18n import Language, current_language


# lupdate finds the strings in calls spelt translate("Labels", "...").
translate = QCoreApplication.translate


def local_time(iso: str, with_date: bool = True) -> str:
    """A stored ISO 8601 time as the counter's clock shows it: 2026-12-01 18:51, no "T", no offset.

    A time stored with its offset is converted to this PC's time zone; one without
    (typed at the counter) is already local.
    """
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def state_summary(state: DeviceState) -> str:
    """The phone's connection state in a few words."""
    return {
        DeviceState.READY: translate("Labels", "Read"),
        DeviceState.UNAUTHORIZED: translate("Labels", "Not allowed yet"),
        DeviceState.PAIRING_PENDING: translate("Labels", "Waiting for Trust"),
        DeviceState.PAIRING_DENIED: translate("Labels", "Trust was refused"),
        DeviceState.PASSCODE_LOCKED: translate("Labels", "Locked with a passcode"),
        DeviceState.OFFLINE: translate("Labels", "Not answering"),
        DeviceState.ERROR: translate("Labels", "Could not be read"),
    }[state]


def state_instruction(platform: str, state: DeviceState) -> str:
    """What the technician should do about the state; empty when nothing."""
    iphone = platform == "ios"
    if state is DeviceState.READY:
        return ""
    if state in (DeviceState.PAIRING_PENDING, DeviceState.UNAUTHORIZED) and iphone:
        return translate("Labels", "Unlock the iPhone and tap “Trust”.")
    if state is DeviceState.UNAUTHORIZED:
        return translate("Labels", "Unlock the phone and tap “Allow” on the USB debugging prompt.")
    if state is DeviceState.PAIRING_DENIED:
        return translate("Labels", "“Don't Trust” was chosen. Unplug the cable, plug it in again and tap “Trust”.")
    if state is DeviceState.PASSCODE_LOCKED:
        return translate("Labels", "Ask the customer to unlock the iPhone with the passcode.")
    if state is DeviceState.OFFLINE:
        return translate("Labels", "Unplug the cable and plug it in again.")
    return translate("Labels", "Read the phone again; if it fails again, restart the phone.")


def lock_value(platform: str, lock: LockState) -> str:
    if lock is LockState.ON:
        return translate("Labels", "On: must be removed") if platform == "ios" else translate("Labels", "Google account present: must be removed")
    if lock is LockState.OFF:
        return translate("Labels", "Off")
    return unknown()


def unknown() -> str:
    """A value that could not be read; never to be taken as fine."""
    return translate("Labels", "Unknown")


def lock_name(platform: str) -> str:
    return translate("Labels", "Activation Lock") if platform == "ios" else translate("Labels", "Google account (FRP)")


def source_name(source: Source | None) -> str:
    if source is None:
        return translate("Labels", "not read")
    return {
        Source.DEVICE: translate("Labels", "phone"),
        Source.STAFF: translate("Labels", "staff"),
        Source.CARRIER_SITE: translate("Labels", "carrier"),
    }[source]


def carrier_name(carrier: Carrier) -> str:
    return {
        Carrier.DOCOMO: translate("Labels", "docomo"),
        Carrier.AU: translate("Labels", "au / UQ mobile"),
        Carrier.SOFTBANK: translate("Labels", "SoftBank / Y!mobile"),
        Carrier.RAKUTEN: translate("Labels", "Rakuten Mobile"),
        Carrier.MINEO: translate("Labels", "mineo"),
    }[carrier]


def mark_meaning(mark: RestrictionMark) -> str:
    return {
        RestrictionMark.CLEAR: translate("Labels", "No restriction"),
        RestrictionMark.INSTALMENTS: translate("Labels", "Instalments running"),
        RestrictionMark.RESTRICTED: translate("Labels", "Restricted (red ROM)"),
        RestrictionMark.NOT_MANAGED: translate("Labels", "Not managed by this carrier"),
    }[mark]


def id_method_name(method: str, documents: IdDocuments) -> str:
    """A document kind by its name in the shop's table (ja/en live there, shop kinds too); an unknown code as stored."""
    return document_name(documents, method, japanese=current_language() is Language.JAPANESE)


def consent_method_name(method: ConsentMethod) -> str:
    """How a minor's guardian consented."""
    return {
        ConsentMethod.ACCOMPANIED: translate("Labels", "Came along"),
        ConsentMethod.WRITTEN: translate("Labels", "Consent form"),
        ConsentMethod.PHONE: translate("Labels", "Confirmed by phone"),
    }[method]


def wear_name(wear: Wear) -> str:
    return {
        Wear.S: translate("Labels", "S: like new"),
        Wear.A: translate("Labels", "A: light wear"),
        Wear.B: translate("Labels", "B: visible wear"),
    }[wear]


def condition_question(name: str) -> str:
    """The checklist item for one :class:`~kiosk.intake.Condition` field."""
    return {
        "powers_on": translate("Labels", "Powers on"),
        "screen_cracked": translate("Labels", "Screen cracked"),
        "back_cracked": translate("Labels", "Back glass cracked"),
        "frame_bent": translate("Labels", "Frame bent"),
        "water_damage": translate("Labels", "Water damage"),
        "battery_swollen": translate("Labels", "Battery swollen"),
    }[name]


def phone_kind_name(kind: PhoneKind) -> str:
    """What a customer said they are selling."""
    return {
        PhoneKind.IPHONE: "iPhone",
        PhoneKind.ANDROID: "Android",
        PhoneKind.OTHER: translate("Labels", "Other device"),
    }[kind]
