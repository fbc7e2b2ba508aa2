"""Fold Vietnamese to unaccented ASCII for matching text typed without diacritics.

``unicodedata`` decomposition strips tone and shape marks but leaves ``đ`` alone
(it is a base letter), so it is mapped explicitly.
"""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """``Đô thị thông minh`` -> ``do thi thong minh``; case-folded."""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()
