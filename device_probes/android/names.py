"""The marketing name of an Android phone, from its properties (DESIGN §6).

``ro.product.model`` is a code. The name comes from, in this order: the shop's own
list (``android_model_names.json`` in the data directory, which always wins), the
maker's property (``ro.product.marketname`` and its kin), then the maintained
catalogue (:mod:`.catalogue`). Without any of them the name stays empty and the code
is shown. ``DeviceFacts.display_name`` puts the two together: "Galaxy S21 5G (SC-51B)".

Looking a code up in the catalogue costs a few tenths of a second (reading the list,
compiling that maker's patterns), so each answer is kept in the data directory
(``android_model_names.cache.json``) for as long as the installed catalogue is the same:
a ``kiosk probe`` of a model seen before does not read the catalogue at all.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from device_probes.android import catalogue
from device_probes.android.parsers import MARKETING_NAME_PROPERTIES, first_property
from device_probes.facts import clean_text

#: The shop's additions, in its data directory: {"SC-51B": "Galaxy S21 5G", ...}.
SHOP_NAMES_FILE = "android_model_names.json"
#: The catalogue's answers kept between runs, beside the shop's list.
CACHE_FILE = "android_model_names.cache.json"
MAX_SHOP_NAMES = 10_000
MAX_CACHED_NAMES = 10_000

_lock = threading.Lock()
_shop_names: dict[str, str] = {}
_cache_path: Path | None = None
_cache: dict[str, str | None] | None = None


def use_data_dir(data_dir: Path) -> None:
    """Use the shop's names and the lookup cache in ``data_dir``. Raises ShopNamesError for a broken list
    (the cache is used all the same)."""
    global _cache_path, _cache
    with _lock:
        _cache_path, _cache = data_dir / CACHE_FILE, None
    use_shop_names(data_dir / SHOP_NAMES_FILE)


class ShopNamesError(ValueError):
    """The shop's list of names is not a JSON object of model code to name."""


def use_shop_names(path: Path) -> None:
    """Read the shop's additions from ``path`` (absent: none). Raises ShopNamesError naming the problem."""
    names = read_shop_names(path)
    with _lock:
        _shop_names.clear()
        _shop_names.update(names)


def read_shop_names(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ShopNamesError(f"{path}: {exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ShopNamesError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict) or len(data) > MAX_SHOP_NAMES:
        raise ShopNamesError(f"{path}: expected an object of model code to name, e.g. {{\"SC-51B\": \"Galaxy S21 5G\"}}")
    names = {}
    for code, name in data.items():
        clean_code, clean_name = clean_text(code, 64), clean_text(name, 128) if isinstance(name, str) else None
        if not clean_code or not clean_name:
            raise ShopNamesError(f"{path}: {clean_text(code, 64)!r}: the name must be non-empty text")
        names[clean_code.casefold()] = clean_name
    return names


def marketing_name(properties: dict[str, str]) -> str | None:
    """The name staff know the phone by, or None when only its code is known."""
    code = clean_text(properties.get("ro.product.model"), 64)
    if code:
        with _lock:
            shop_name = _shop_names.get(code.casefold())
        if shop_name:
            return shop_name
    own = first_property(properties, MARKETING_NAME_PROPERTIES)
    if own:
        return own
    if not code:
        return None
    maker, brand = properties.get("ro.product.manufacturer"), properties.get("ro.product.brand")
    key = "\t".join((code, maker or "", brand or "")).casefold()
    cached = _cached_names()
    if key in cached:
        return cached[key]
    name = catalogue.marketing_name(code, maker, brand)
    _remember(key, name)
    return name


def _cached_names() -> dict[str, str | None]:
    global _cache
    with _lock:
        if _cache is None:
            _cache = _read_cache()
        return _cache


def _read_cache() -> dict[str, str | None]:
    if _cache_path is None:
        return {}
    try:
        data = json.loads(_cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    names = data.get("names") if isinstance(data, dict) and data.get("catalogue") == catalogue.identity() else None
    if not isinstance(names, dict):
        return {}
    return {key: value for key, value in names.items() if isinstance(key, str) and (value is None or isinstance(value, str))}


def _remember(key: str, name: str | None) -> None:
    """Keep an answer for later runs; a cache that cannot be written only costs time."""
    with _lock:
        if _cache is None or len(_cache) >= MAX_CACHED_NAMES:
            return
        _cache[key] = name
        if _cache_path is None:
            return
        text = json.dumps({"catalogue": catalogue.identity(), "names": _cache}, ensure_ascii=False)
        partial = _cache_path.with_name(f"{_cache_path.name}.{os.getpid()}.partial")
        try:
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, _cache_path)
        except OSError:
            partial.unlink(missing_ok=True)
