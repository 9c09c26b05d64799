"""A real PostgreSQL server of the tests' own: Debian's ``postgresql`` package, ``initdb`` and ``pg_ctl``.

It listens on a free loopback port and a private socket folder, with its data in
a temporary folder that :meth:`PostgresServer.stop` removes. ``initdb`` refuses
to run as root, so as root the server runs as the ``postgres`` account that the
package creates (through ``runuser``); the tests connect as root over TCP.

Used by ``tests/postgres`` and ``bench/ledger_pg.py``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg

from kiosk.ledger.pg_schema import APP_ROLE, PURGE_ROLE, migrate

SUPERUSER = "kiosk_owner"
DATABASE = "kiosk"
#: Login roles the tests use: two counters' worth of app role, and the purge role.
APP_LOGIN = "counter_login"
PURGE_LOGIN = "purge_login"


def server_binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding initdb and pg_ctl, or one on PATH."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name),
                         reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    def __init__(self, binaries: Path, *, fsync: bool = True):
        self.binaries = binaries
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.base / "data"
        self.sockets = self.base / "run"
        self.log = self.base / "server.log"
        self.fsync = fsync
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.base, account.pw_uid, account.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self.base.chmod(0o755)

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as_user, *command], check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=120)

    def start(self) -> None:
        """initdb, start, then a database with the ledger schema, its roles and the stores A and B."""
        self._run("mkdir", "-m", "0700", str(self.sockets))
        self._run(str(self.binaries / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        self._start_server()
        with psycopg.connect(self.url(SUPERUSER, "postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        with psycopg.connect(self.url(SUPERUSER), autocommit=True) as conn:
            migrate(conn, ["A", "B"])
            conn.execute(f"CREATE ROLE {APP_LOGIN} LOGIN IN ROLE {APP_ROLE}")
            conn.execute(f"CREATE ROLE {PURGE_LOGIN} LOGIN IN ROLE {PURGE_ROLE}")

    def _start_server(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.sockets} "
                   f"-c fsync={'on' if self.fsync else 'off'} -c max_connections=60")
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")

    def restart(self) -> None:
        """A fast restart: every open connection is cut, uncommitted work rolled back."""
        with self.stopped():
            pass

    @contextlib.contextmanager
    def stopped(self) -> Iterator[None]:
        """The server down (a fast shutdown) for the ``with`` body, then up again."""
        self._run(str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        try:
            yield
        finally:
            self._start_server()

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self._as_user, str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                            "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, user: str = APP_LOGIN, database: str = DATABASE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def reset(self) -> None:
        """Empty every chain (as the owner, triggers set aside): each test starts on a fresh book."""
        with psycopg.connect(self.url(SUPERUSER), autocommit=True) as conn, conn.transaction():
            conn.execute("SET session_replication_role = replica")  # the owner's escape hatch for tests only
            conn.execute("DELETE FROM ledger.personal")
            conn.execute("DELETE FROM ledger.entries")
            conn.execute("DELETE FROM ledger.chain_heads WHERE store NOT IN ('A', 'B')")
            conn.execute("UPDATE ledger.chain_heads SET last_entry_id = 0, last_hash = %s", ["0" * 64])
