"""Searching the book across dates (DESIGN §10), and the text keys that make a search forgiving.

An officer asks "did this IMEI come through here last spring?", or gives a
name. IMEIs and serials are matched whole, through their indexes; a name is
matched anywhere inside the seller's name, ignoring width (ｱｲｳ / アイウ,
ＡＢＣ / ABC), case, spaces, and hiragana against katakana. Each engine keeps
the folded name key beside the personal data and erases it with them.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass

# Katakana letters ァ (U+30A1) to ヶ (U+30F6) and their hiragana, 0x60 lower.
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_SPACES = re.compile(r"\s+")


def name_key(text: str) -> str:
    """A name as it is compared: NFKC (width), katakana as hiragana, case folded, no spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_KATAKANA_TO_HIRAGANA).casefold()
    return _SPACES.sub("", folded)


def model_key(text: str) -> str:
    """A model name as it is compared: NFKC, case folded, no spaces ("iPhone 13 Pro" = "ＩＰＨＯＮＥ13pro")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).casefold())


def serial_key(text: str) -> str:
    """A hardware serial as compared: NFKC, upper case, no spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()


def imei_key(text: str) -> str:
    """An IMEI as stored: the digits only (people write them with spaces, hyphens or slashes)."""
    return re.sub(r"[\s\-/]+", "", unicodedata.normalize("NFKC", text))


class SearchField(str, enum.Enum):
    IMEI = "imei"
    SERIAL = "serial"
    NAME = "name"

    @property
    def ja(self) -> str:
        return {SearchField.IMEI: "IMEI", SearchField.SERIAL: "製造番号", SearchField.NAME: "売主の氏名"}[self]


class SearchError(ValueError):
    """A search that cannot be run; the message names the field."""


@dataclass(frozen=True)
class SearchQuery:
    """Intakes whose IMEI or serial is ``text``, or whose seller's name contains it, between two days."""

    field: SearchField
    text: str
    first: dt.date | None = None
    last: dt.date | None = None

    @classmethod
    def of(cls, field: SearchField, text: str, first: dt.date | None = None,
           last: dt.date | None = None) -> SearchQuery:
        """The query with ``text`` in its stored form; raises :class:`SearchError` naming what is wrong."""
        if first is not None and last is not None and first > last:
            raise SearchError(f"from: {first} is after to: {last}")
        if field is SearchField.IMEI:
            key = imei_key(text)
            if not key.isdigit() or len(key) not in (14, 15):
                raise SearchError(f"imei: {text!r} is not an IMEI (14 or 15 digits)")
        elif field is SearchField.SERIAL:
            key = serial_key(text)
            if not key or not key.replace("-", "").isalnum():
                raise SearchError(f"serial: {text!r} is not a serial number (letters, digits and hyphens)")
        else:
            key = name_key(text)
            if not key:
                raise SearchError("name: give at least one character of the name")
        return cls(field, key, first, last)


def queries_for(text: str, first: dt.date | None = None, last: dt.date | None = None) -> list[SearchQuery]:
    """What a free text can be (the counter's one search box): a whole IMEI, a whole serial, part of a name.

    Raises :class:`SearchError` only for the date range; text that fits no field gives no query.
    """
    if first is not None and last is not None and first > last:
        raise SearchError(f"from: {first} is after to: {last}")
    queries = []
    for field in SearchField:
        try:
            queries.append(SearchQuery.of(field, text, first, last))
        except SearchError:
            continue
    return queries
