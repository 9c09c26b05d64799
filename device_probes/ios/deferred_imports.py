"""Keep pymobiledevice3's command-line extras from loading during a one-shot probe.

pymobiledevice3's lockdown client imports ``pymobiledevice3.utils``, which imports
requests at the top (to download firmware), and ``pymobiledevice3.osu.posix_util``,
which imports psutil (to tell which usbmuxd runs). A probe uses neither, yet they are
about a third of the lockdown client's import time. While :func:`deferred_extras`
is active, a first import of one of them gets the standard library's
:class:`importlib.util.LazyLoader`: the module object is bound at once and its code runs
on the first attribute access, so a program that does use it gets the whole module.

The others cannot be deferred this way, as the first attribute access (which loads a
lazy module) comes during the import anyway, or the module does not survive a lazy load:

- questionary: ``pymobiledevice3.utils`` reads ``questionary.Question`` for an annotation;
- rich: ``pymobiledevice3.progress`` imports names out of it;
- ifaddr: a second ``import ifaddr`` loads it (on Python 3.11 an import statement reads
  the module's ``__spec__``);
- pygments' formatters and lexers put another module object in ``sys.modules`` while
  they load, which LazyLoader refuses with a ValueError.

Only for a process that reads phones once from one thread (``kiosk probe``): on
Python 3.11 a lazy module is not safe to touch first from two threads at once, so the
long-running GUI service imports everything as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

#: Top-level modules that pymobiledevice3's lockdown client imports but never uses to read a phone.
UNUSED_BY_THE_PROBE = ("requests", "psutil")


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Finds ``names`` as the rest of ``sys.meta_path`` would, and hands them a LazyLoader."""

    def __init__(self, names: Sequence[str]):
        self._names = frozenset(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self._names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.loader is None or not hasattr(spec.loader, "exec_module"):
                return None  # a loader LazyLoader cannot wrap: import it as usual
            spec.loader = importlib.util.LazyLoader(spec.loader)
            return spec
        return None


@contextmanager
def deferred_extras(names: Sequence[str] = UNUSED_BY_THE_PROBE) -> Iterator[None]:
    """While active, a first import of any of ``names`` is lazy (see the module's docstring)."""
    finder = _LazyFinder(names)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
