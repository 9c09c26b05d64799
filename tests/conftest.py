"""Shared test set-up: every test gets its own data directory, never the user's.

A real PostgreSQL server (``pg``) is started once per run for the tests that ask
for it (the shared ledger, tests/postgres and the counter window on it), and
removed at the end.
"""

import os
from collections.abc import Iterator

import pytest

from tests.pg_server import PostgresServer, server_binaries


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    return data_dir


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    binaries = server_binaries()
    if binaries is None:
        message = "PostgreSQL's initdb and pg_ctl are not installed (Debian: apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs them: a CI run without them must not pass quietly
        pytest.skip(message)
    server = PostgresServer(binaries)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg(pg_server: PostgresServer) -> PostgresServer:
    """The server with every store's chain empty."""
    pg_server.reset()
    return pg_server
