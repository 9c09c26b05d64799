"""Where the app's files are: the user's data directory and the bundled resources."""

from __future__ import annotations

import os
import re
from importlib import resources as importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

from kiosk.private_files import make_private_dir

APP_NAME = "intake-kiosk"
DATA_DIR_VARIABLE = "KIOSK_DATA_DIR"
LEDGER_FILENAME = "ledger.sqlite3"
#: A shared ledger on a PostgreSQL server, this counter's store and its name (kiosk.ledger.location).
LEDGER_URL_VARIABLE = "KIOSK_LEDGER_URL"
STORE_VARIABLE = "KIOSK_STORE"
COUNTER_VARIABLE = "KIOSK_COUNTER"
PAIR_RECORDS_DIRNAME = "pair_records"
#: The purchase statements (PDFs that hold a seller's personal data), in the data directory.
STATEMENTS_DIRNAME = "statements"
#: A statement is written under this suffix, then renamed: a write cut short leaves only that file.
PARTIAL_SUFFIX = ".partial"


class DataDirError(Exception):
    """The data directory cannot be made or does not exist; the message names it."""


def data_dir(override: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """The data directory: ``--data-dir``, else ``KIOSK_DATA_DIR``, else platformdirs'.

    With ``create`` it is made on first use (0700 on POSIX: it holds sellers'
    personal data), so callers can write into it straight away. Without, it is
    only named: commands that read (verify, export) never create a folder.
    """
    chosen = override or os.environ.get(DATA_DIR_VARIABLE) or platformdirs.user_data_dir(APP_NAME, appauthor=False)
    path = Path(chosen).expanduser()
    if not create:
        return path
    try:
        return make_private_dir(path)
    except OSError as exc:
        raise DataDirError(f"the data folder {path} cannot be created: {exc.strerror or exc}") from None


def resource(name: str) -> Traversable:
    """A file shipped in ``resources/``: the same call from a checkout, a wheel or the frozen app."""
    return importlib_resources.files("resources").joinpath(name)


def pair_records_dir(data: Path) -> Path:
    """Where iPhone pair records are kept: with the app's data, never in the user's home.

    Made 0700 here: the records hold the host's private keys.
    """
    try:
        return make_private_dir(data / PAIR_RECORDS_DIRNAME)
    except OSError as exc:
        raise DataDirError(f"the folder {data / PAIR_RECORDS_DIRNAME} cannot be created: {exc.strerror or exc}") from None


def statement_path(data: Path, entry_id: int) -> Path:
    """Where a ledger entry's purchase statement is written, and where purge looks for it."""
    return data / STATEMENTS_DIRNAME / f"statement-{entry_id:06d}.pdf"


_STATEMENT_NAME = re.compile(rf"statement-(\d{{6,}})(?:\.pdf|{re.escape(PARTIAL_SUFFIX)})")


def statement_entry_ids(data: Path) -> set[int]:
    """The entries with a statement (or a partial one) in the data folder: what purge sweeps."""
    folder = data / STATEMENTS_DIRNAME
    if not folder.is_dir():
        return set()
    return {int(found[1]) for path in folder.iterdir() if (found := _STATEMENT_NAME.fullmatch(path.name))}
