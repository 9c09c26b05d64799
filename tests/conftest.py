"""Shared test set-up: every test gets its own data directory, never the user's."""

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    return data_dir
