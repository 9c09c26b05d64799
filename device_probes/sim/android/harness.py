"""AndroidSimulator: a private real adb server with simulated phones connected to it.

The server is the adb binary adbutils ships (or ``ADBUTILS_ADB_PATH``), run as
a child process on a free port with its own HOME, so it neither sees nor
disturbs the user's adb server, keys or USB devices. Phones are
:class:`~.adbd.FakeAdbd` instances joined with ``adb connect``.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import adbutils

from device_probes.android.client import Client
from device_probes.sim.android.adbd import FakeAdbd
from device_probes.sim.android.phone import Phone, load_profile

_START_TIMEOUT = 10.0
log = logging.getLogger(__name__)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AndroidSimulator:
    """Start an isolated adb server and plug simulated phones into it.

    Use as a context manager. ``env`` holds the variables a client needs to
    reach this server (``ANDROID_ADB_SERVER_HOST/PORT``, ``ADBUTILS_ADB_PATH``):
    a demo sets them in ``os.environ`` before the app creates its adb clients.
    """

    def __init__(self, adb_path: str | None = None):
        self.adb_path = adb_path or adbutils.adb_path()
        self.port = _free_port()
        self._home = Path(tempfile.mkdtemp(prefix="adb-sim-home-"))
        self._server: subprocess.Popen | None = None
        self.phones: dict[str, FakeAdbd] = {}
        self._profiles: dict[str, dict[str, Any]] = {}

    @property
    def env(self) -> dict[str, str]:
        return {
            "ANDROID_ADB_SERVER_HOST": "127.0.0.1",
            "ANDROID_ADB_SERVER_PORT": str(self.port),
            "ADBUTILS_ADB_PATH": self.adb_path,
        }

    @property
    def client(self) -> Client:
        """A client of this server that never starts a server of its own (with the wrong HOME)."""
        return Client(host="127.0.0.1", port=self.port, socket_timeout=10)

    def __enter__(self) -> AndroidSimulator:
        self.start_server()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- the adb server -----------------------------------------------------

    def _server_environment(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("ADB_", "ANDROID_"))}
        env.update(
            HOME=str(self._home),
            ANDROID_ADB_SERVER_PORT=str(self.port),
            ADB_EMU="0",
            ADB_MDNS="0",
            ADB_USB="0",
        )
        return env

    def start_server(self) -> None:
        """Start the adb server (again, after :meth:`kill_server`) and reconnect the phones."""
        self._server = subprocess.Popen(
            [self.adb_path, "-P", str(self.port), "server", "nodaemon"],
            env=self._server_environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + _START_TIMEOUT
        while not self._key_path.exists() or not self._answers():
            if self._server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the adb server on port {self.port} did not start")
            time.sleep(0.05)
        for serial in list(self.phones):
            self._connect(serial)

    def kill_server(self) -> None:
        """Stop the adb server the way a crash would; the phones stay plugged in."""
        if self._server and self._server.poll() is None:
            self._server.kill()
            self._server.wait(timeout=10)

    def _answers(self) -> bool:
        try:
            self.client.server_version()
            return True
        except (adbutils.AdbError, OSError):
            return False

    @property
    def _key_path(self) -> Path:
        return self._home / ".android" / "adbkey.pub"

    # -- phones -------------------------------------------------------------

    def plug(self, profile_name: str, **overrides: Any) -> str:
        """Plug in a phone from a shipped profile; return its adb serial."""
        profile = load_profile(profile_name, **overrides)
        keys = [self._key_path.read_text()] if profile.get("authorized", True) else []
        adbd = FakeAdbd(Phone(profile), trusted_keys=keys, on_reboot=self._reattach)
        serial = adbd.address
        self.phones[serial] = adbd
        self._profiles[serial] = profile
        self._connect(serial)
        return serial

    def _reattach(self, adbd: FakeAdbd) -> None:
        """A rebooting phone leaves the server's list and joins it again once booted, as on USB."""
        serial = adbd.address
        try:
            self.client.disconnect(serial)
            if adbd.wait_booted(timeout=60) and self.phones.get(serial) is adbd:
                self._connect(serial)
        except (adbutils.AdbError, OSError, RuntimeError, KeyError) as exc:  # KeyError: unplugged meanwhile
            log.debug("%s did not come back after its reboot: %s", serial, exc)

    def _connect(self, serial: str) -> None:
        if self._profiles[serial].get("mode") == "offline":
            self._connect_offline(serial)
            return
        reply = self.client.connect(serial, timeout=10)
        # An unauthorized phone is connected too; the server just cannot use it yet.
        if "connected" not in reply and "failed to authenticate" not in reply:
            raise RuntimeError(f"adb connect {serial}: {reply}")
        self.wait_for_state(serial, lambda state: state is not None)

    def _connect_offline(self, serial: str) -> None:
        """Connect a phone that never finishes its handshake.

        ``adb connect`` would wait ten seconds for it and then report failure,
        although the server keeps the phone, listed offline; so ask for the
        connection and return as soon as the phone is listed.
        """
        with self.client.make_connection(timeout=10) as connection:
            connection.send_command("host:connect:" + serial)
            connection.check_okay()
            self.wait_for_state(serial, lambda state: state == "offline")

    def wait_for_state(self, serial: str, accept: Callable[[str | None], bool], timeout: float = 10.0) -> str | None:
        """Wait until the server's state for ``serial`` satisfies ``accept``; return it."""
        deadline = time.monotonic() + timeout
        while True:
            states = {info.serial: info.state for info in self.client.list(extended=True)}
            state = states.get(serial)
            if accept(state) or time.monotonic() > deadline:
                return state
            time.sleep(0.05)

    def unplug(self, serial: str) -> None:
        """Pull the cable and make the server forget the phone."""
        adbd = self.phones.pop(serial)
        self._profiles.pop(serial)
        adbd.close()
        if self._server and self._server.poll() is None:
            self.client.disconnect(serial)

    def stop(self) -> None:
        """Unplug every phone and stop the adb server this simulator started."""
        for serial in list(self.phones):
            self.unplug(serial)
        if self._server and self._server.poll() is None:
            self._server.terminate()
            try:
                self._server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._server.kill()
                self._server.wait(timeout=5)
        shutil.rmtree(self._home, ignore_errors=True)
