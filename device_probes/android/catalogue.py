"""Android marketing names from a maintained catalogue: Matomo Device Detector's phone list.

``ro.product.model`` is a code (SC-51B, SOG03, A101SH, 2201117TG). Device Detector
(the ``device-detector`` package; its data is Matomo's, LGPL-3.0-or-later) keeps a
list of phone models per brand, Japanese carrier models included, as regular
expressions over the model token that an Android browser puts in its user agent,
which is ``ro.product.model`` itself. Only that list (``mobiles.yml``, about 1.3 MB) is
read: the package's user-agent parser is not imported. The list is parsed on the
first lookup (about 0.1 s) and kept; each brand's patterns are compiled when that
brand is first asked for.
"""

from __future__ import annotations

import logging
import sys
from functools import cache
from pathlib import Path
from typing import Any

#: Where the list sits inside the installed package (and at the same path in the built app).
CATALOGUE_PATH = Path("device_detector", "regexes", "upstream", "device", "mobiles.yml")
#: What ``ro.product.manufacturer`` says where the catalogue files the brand under another name.
_BRAND_ALIASES = {"fcnt": "fujitsu", "sony mobile communications": "sony", "hmd global": "nokia", "oneplus": "oneplus"}
#: The catalogue's patterns expect the model token inside a user agent's "(Linux; Android ...; MODEL Build/...)".
_USER_AGENT = "Mozilla/5.0 (Linux; Android 14; {model} Build/UP1A) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36"

#: How Device Detector anchors every pattern (its settings.BOUNDED_REGEX): after a non-word character.
_BOUNDED = r"(?:^|[^A-Z0-9_-]|[^A-Z0-9-]_|sprd-|MZ-)(?:{})"

log = logging.getLogger(__name__)


def catalogue_file() -> Path | None:
    """The catalogue in the first ``sys.path`` entry that holds it: a virtualenv, a wheel install or the built app."""
    for entry in sys.path:
        candidate = Path(entry or ".") / CATALOGUE_PATH
        if candidate.is_file():
            return candidate
    return None


def identity() -> str | None:
    """Which catalogue is installed (its path, size and time), so answers kept from it can be checked."""
    path = catalogue_file()
    if path is None:
        return None
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def marketing_name(model: str, manufacturer: str | None, brand: str | None = None) -> str | None:
    """The catalogue's name for ``model`` from that maker, or None when it has none (or is not installed)."""
    brands, folded = _brands()
    if not brands or not model:
        return None
    user_agent = _USER_AGENT.format(model=model)
    for name in _candidate_brands(folded, manufacturer, brand):
        found = _match_brand(name, brands[name], user_agent)
        if found and found.casefold() != model.casefold():
            return found
    return None


def _candidate_brands(by_folded: dict[str, str], *makers: str | None) -> list[str]:
    names = []
    for maker in makers:
        folded = (maker or "").strip().casefold()
        folded = _BRAND_ALIASES.get(folded, folded)
        if folded in by_folded and by_folded[folded] not in names:
            names.append(by_folded[folded])
    return names


def _match_brand(name: Any, entry: Any, user_agent: str) -> str | None:
    if not isinstance(entry, dict):
        return None
    brand_pattern = _pattern(entry.get("regex"))
    if brand_pattern is None or not brand_pattern.search(user_agent):
        return None
    models = entry.get("models")
    if not isinstance(models, list):
        return _expand(entry.get("model"), None)
    for model in models:
        pattern = _pattern(model.get("regex")) if isinstance(model, dict) else None
        if pattern is not None and (match := pattern.search(user_agent)):
            return _expand(model.get("model"), match)
    return None


def _expand(template: Any, match: Any) -> str | None:
    import regex

    if not isinstance(template, str) or not template:
        return None
    try:
        name = match.expand(template) if match else template
    except (regex.error, IndexError):
        return None
    return " ".join(name.split()) or None


@cache
def _pattern(text: Any) -> Any:
    """The catalogue's pattern as Device Detector applies it, compiled on first use.

    The catalogue is written for the ``regex`` module (variable-width look-behind),
    which Python's ``re`` does not read.
    """
    import regex  # with the catalogue, on the first lookup

    if not isinstance(text, str):
        return None
    try:
        return regex.compile(_BOUNDED.format(text), regex.IGNORECASE)
    except regex.error:
        return None  # a pattern that does not compile: that model goes unnamed


@cache
def _brands() -> tuple[dict[Any, Any], dict[str, Any]]:
    """The catalogue by brand, and its brand names case-folded (some YAML keys parse as numbers)."""
    path = catalogue_file()
    if path is None:
        return {}, {}
    import yaml_rs  # only when a name is needed: a fast parser for the one large file

    try:
        data = yaml_rs.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("the model catalogue %s could not be read: %s", path, exc)
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    return data, {str(name).casefold(): name for name in data}
