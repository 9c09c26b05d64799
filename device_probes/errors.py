"""Errors the probes raise to their callers."""


class ServiceUnreachable(Exception):
    """A device service (the adb server or usbmuxd) could not be reached at all.

    ``service`` names it for the user ("adb server", "usbmuxd"); ``hint`` says how
    to fix it. A phone in a bad state is not this: it is a DeviceFacts whose
    ``state`` says so.
    """

    def __init__(self, service: str, detail: str, hint: str):
        super().__init__(f"{service}: {detail}")
        self.service = service
        self.detail = detail
        self.hint = hint
