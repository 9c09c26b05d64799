"""An adbutils client that never starts an adb server by itself.

adbutils runs ``adb start-server`` whenever it cannot connect. A probe must
not spawn servers behind the app's back (it could start one with the wrong
environment, or race the simulator's private server), so here a failed
connection is an error, and starting the server is an explicit step.
"""

from __future__ import annotations

import socket

from adbutils import AdbClient, AdbConnection


class _Connection(AdbConnection):
    def _safe_connect(self) -> socket.socket:
        return self._create_socket()


class Client(AdbClient):
    """adbutils' client, minus starting the adb server on its own."""

    def make_connection(self, timeout: float | None = None) -> AdbConnection:
        connection = _Connection(self.host, self.port)
        if timeout:
            connection.conn.settimeout(timeout)
        return connection
