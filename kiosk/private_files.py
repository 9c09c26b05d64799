"""Files only the app's user may read: the data dir 0700, the ledger and its companions 0600.

The ledger holds sellers' names, addresses and birth dates, and the pair records
hold the host's private keys. On POSIX the modes are set explicitly at creation,
whatever the umask, and looser modes on existing files are tightened when they
are opened, with a log line. On Windows a per-user data directory gives the same
protection (the modes are not used there).
"""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
_ENFORCED = os.name == "posix"


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700, or tighten it if it exists. Raises OSError."""
    if not path.is_dir():
        path.mkdir(parents=True, mode=PRIVATE_DIR_MODE, exist_ok=True)
        if _ENFORCED:
            os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    tighten(path, PRIVATE_DIR_MODE)
    return path


def create_private_file(path: Path) -> None:
    """Create an empty file as 0600 unless it exists (then tighten it)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        if _ENFORCED:
            os.chmod(path, PRIVATE_FILE_MODE)
    except FileExistsError:
        tighten(path, PRIVATE_FILE_MODE)


def tighten(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Remove group and other permissions from an existing file or folder, saying so in the log."""
    if not _ENFORCED:
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if current & ~mode & 0o077:
        os.chmod(path, current & mode)
        log.warning("tightened the permissions of %s from %03o to %03o: it holds personal data",
                    path, current, current & mode)


def tighten_all(paths: list[Path], mode: int = PRIVATE_FILE_MODE) -> None:
    for path in paths:
        tighten(path, mode)


def replace_with_json(path: Path, data: Any, indent: int | None = None) -> None:
    """Write ``data`` as JSON over ``path`` in one step: 0600, flushed to disk, then renamed, so a crash
    leaves the old file or the new one. Raises OSError, leaving no partial file behind."""
    partial = path.with_suffix(".partial")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        with os.fdopen(os.open(partial, flags, PRIVATE_FILE_MODE), "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=indent)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
