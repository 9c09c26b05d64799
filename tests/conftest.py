"""Shared test set-up: every test gets its own data directory, never the user's; markers follow what a test uses.

A test that starts simulated phones (through one of ``SIMULATOR_FIXTURES``) is
marked ``sim``, and one that needs Qt (``qapp``, ``qtbot``, or anything under
tests/gui) is marked ``gui``, so ``-m "not sim and not gui and not slow"``
runs the core alone in seconds. A test that starts a simulator itself, rather
than through a fixture, says so with ``@pytest.mark.sim``.

A real PostgreSQL server (``pg``) is started once per run for the tests that ask
for it (the shared ledger, tests/postgres and the counter window on it), and
removed at the end.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer, server_binaries

#: Fixtures that start simulated phones: a fake usbmuxd, or a real adb server with fake adbd.
SIMULATOR_FIXTURES = frozenset({
    "simulator", "ios_sim", "android_sim", "phones",  # tests/ios, tests/android, tests/faults, tests/gui
    "phone",  # tests/ios/test_third_party_clients.py
    "iphone_only", "android_only",  # tests/test_probe_imports.py
})
QT_FIXTURES = frozenset({"qapp", "qtbot"})
GUI_TESTS = Path(__file__).parent / "gui"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & SIMULATOR_FIXTURES:
            item.add_marker(pytest.mark.sim)
        if used & QT_FIXTURES or GUI_TESTS in item.path.parents:
            item.add_marker(pytest.mark.gui)


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
