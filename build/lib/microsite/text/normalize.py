"""Unicode normalisation: every string an editor writes is NFC before we look at it.

Vietnamese can be typed precomposed (NFC, ``ệ`` = U+1EC7) or decomposed (NFD,
``e`` + U+0302 + U+0323). They look identical but compare, slugify, search and
render differently, so the generator normalises at every entry point.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def nfc_deep(value: Any) -> Any:
    """NFC-normalise every string inside nested dicts/lists (front matter, data files)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value
