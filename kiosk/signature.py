"""A seller's signature taken on the customer screen: pen strokes, checked like any other input.

Stored as the strokes' points in JSON, not as a picture. A signature is a few
strokes of a few hundred points: as integers that is a few kilobytes of text,
about what a PNG of the same box takes as base64, but it redraws sharp at any
size (the statement prints it at 300 dpi), it can be checked field by field
(counts, bounds, whole numbers) without decoding an image from untrusted bytes,
and it sits in the personal row's JSON like every other personal field.

The form, ``{"width": W, "height": H, "strokes": [[x0, y0, x1, y1, …], …]}``,
is the same for ``kiosk record``'s input and for the ledger: the pad's size
in pixels, and each stroke's points as whole pixels inside it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FIELD = "signature"
#: The pad's size bounds, in pixels (a larger pad is scaled down to fit before storing).
MIN_SIDE = 50
MAX_SIDE = 2000
MAX_STROKES = 200
#: Points in all strokes together: a slow, long signature on a big pad stays well below it.
MAX_POINTS = 4000
#: The stored text, at most: bounds what one personal row can hold whatever the input.
MAX_JSON_CHARS = 64_000


class SignatureError(ValueError):
    """A signature that cannot be right; the message starts with the field's path."""


@dataclass(frozen=True)
class Signature:
    width: int
    height: int
    #: Each stroke as x0, y0, x1, y1, …: whole pixels within width × height.
    strokes: tuple[tuple[int, ...], ...]

    @classmethod
    def from_data(cls, data: Any, path: str = FIELD) -> Signature:
        """Check untrusted input (parsed JSON) and build the signature; SignatureError names the field."""
        if not isinstance(data, dict):
            raise SignatureError(f"{path}: expected an object with width, height and strokes")
        unknown = sorted(set(data) - {"width", "height", "strokes"})
        if unknown:
            raise SignatureError(f"{path}.{unknown[0]}: not a field of a signature (width, height, strokes)")
        width = _side(data.get("width"), f"{path}.width")
        height = _side(data.get("height"), f"{path}.height")
        strokes = data.get("strokes")
        if not isinstance(strokes, list) or not strokes:
            raise SignatureError(f"{path}.strokes: expected a list of at least one stroke")
        if len(strokes) > MAX_STROKES:
            raise SignatureError(f"{path}.strokes: {len(strokes)} strokes; at most {MAX_STROKES} are allowed")
        checked, points = [], 0
        for index, stroke in enumerate(strokes):
            where = f"{path}.strokes[{index}]"
            if not isinstance(stroke, list) or not stroke or len(stroke) % 2:
                raise SignatureError(f"{where}: expected a list of x, y pairs (an even count of numbers)")
            points += len(stroke) // 2
            if points > MAX_POINTS:
                raise SignatureError(f"{path}.strokes: more than {MAX_POINTS} points in all")
            for position, value in enumerate(stroke):
                limit = width if position % 2 == 0 else height
                if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
                    axis = "x" if position % 2 == 0 else "y"
                    raise SignatureError(f"{where}[{position}]: {axis} must be a whole number from 0 to {limit}, "
                                         f"got {_shown(value)}")
            checked.append(tuple(stroke))
        return cls(width, height, tuple(checked))

    @classmethod
    def from_json(cls, text: str, path: str = FIELD) -> Signature:
        if len(text) > MAX_JSON_CHARS:
            raise SignatureError(f"{path}: {len(text)} characters; at most {MAX_JSON_CHARS} are allowed")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: brackets nested thousands deep
            raise SignatureError(f"{path}: not valid JSON") from None
        return cls.from_data(data, path)

    @classmethod
    def from_points(cls, width: float, height: float, strokes: Sequence[Sequence[tuple[float, float]]]) -> Signature:
        """From a pad's strokes in its own pixels (any size): scaled to fit MAX_SIDE, rounded, then checked."""
        scale = min(1.0, MAX_SIDE / max(width, height, 1))
        w, h = max(MIN_SIDE, round(width * scale)), max(MIN_SIDE, round(height * scale))
        data = {"width": w, "height": h, "strokes": [
            [coordinate for x, y in stroke
             for coordinate in (min(w, max(0, round(x * scale))), min(h, max(0, round(y * scale))))]
            for stroke in strokes if stroke]}
        return cls.from_data(data)

    def to_json(self) -> str:
        return json.dumps({"width": self.width, "height": self.height, "strokes": [list(s) for s in self.strokes]},
                          separators=(",", ":"))

    @property
    def point_count(self) -> int:
        return sum(len(stroke) // 2 for stroke in self.strokes)

    def polylines(self) -> list[list[tuple[int, int]]]:
        """Each stroke as its (x, y) points, for drawing."""
        return [list(zip(stroke[0::2], stroke[1::2])) for stroke in self.strokes]


def _side(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
        raise SignatureError(f"{path}: expected a whole number of pixels from {MIN_SIDE} to {MAX_SIDE}, "
                             f"got {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return repr(value)[:40]
