"""A real PostgreSQL server for the shared-ledger tests, started once per run and removed at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.pg_server import PostgresServer, server_binaries


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
