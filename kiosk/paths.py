"""Where the app's files are: the user's data directory and the bundled resources."""

from __future__ import annotations

import os
from importlib import resources as importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP_NAME = "intake-kiosk"
DATA_DIR_VARIABLE = "KIOSK_DATA_DIR"
LEDGER_FILENAME = "ledger.sqlite3"
PAIR_RECORDS_DIRNAME = "pair_records"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data directory: ``--data-dir``, else ``KIOSK_DATA_DIR``, else platformdirs'.

    Created on first use, so callers can write into it straight away.
    """
    chosen = override or os.environ.get(DATA_DIR_VARIABLE) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def resource(name: str) -> Traversable:
    """A file shipped in ``resources/``: the same call from a checkout, a wheel or the frozen app."""
    return importlib_resources.files("resources").joinpath(name)


def pair_records_dir(data: Path) -> Path:
    """Where iPhone pair records are kept: with the app's data, never in the user's home."""
    return data / PAIR_RECORDS_DIRNAME
