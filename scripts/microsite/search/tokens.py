"""Split Vietnamese text into syllables and the terms the search index stores.

Vietnamese is written one syllable per space-separated token, and most words are
two syllables (``đô thị``, ``thông minh``), so the index keys are folded syllables
(``thi``) and folded adjacent pairs (``do thi``). Each key also keeps the exact
spelling (NFC, lower case: ``thị``, ``đô thị``) so the reader's diacritics can rank
exact matches first. The browser (``assets/javascripts/search.js``) tokenizes the
query with the same rules: NFC, lower case, syllables are runs of letters and digits,
two syllables pair only when white space alone separates them, ``đ``->``d`` and marks
dropped for the folded form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..text.fold import fold

# Anything that is neither a letter, a digit nor white space ends a run of pairable
# syllables (``Hà Tĩnh. Thành phố`` gives no pair ``tĩnh thành``). ``\w`` includes
# ``_``, which separates like punctuation. JS: /[^\p{L}\p{N}\s]+/u.
BREAK = re.compile(r"[^\w\s]+|_+")
_MARKER = "\x00"  # never in normalized text: BREAK replaces control characters
_MARKER_GAP = f" {_MARKER} "


def normalize(text: str) -> str:
    """NFC, lower case: NFD input and capitals index and match like everything else."""
    return unicodedata.normalize("NFC", text).lower()


@lru_cache(maxsize=1 << 18)
def folded(term: str) -> str:
    """``đô thị`` -> ``do thi``; cached: a corpus reuses a few thousand syllables and pairs."""
    return fold(term)


def runs(text: str) -> list[list[str]]:
    """Syllables (exact spelling) of ``text``, grouped in runs separated only by white space."""
    out = []
    for piece in BREAK.split(normalize(text)):
        words = piece.split()
        if words:
            out.append(words)
    return out


def syllables(text: str) -> list[str]:
    return [word for run in runs(text) for word in run]


def term_counts(text: str) -> tuple[Counter[str], int]:
    """Exact-spelling counts of every syllable and every pair in ``text``, and the syllable count.

    Hot path of the index build (about a million syllables for 2000 articles): breaks
    become a marker token so one ``split`` and two C-level ``Counter`` passes do the work,
    and the pairs that straddle a marker are dropped afterwards, once per distinct pair.
    """
    words = BREAK.sub(_MARKER_GAP, normalize(text)).split()
    counts = Counter(words)
    counts.update(map(" ".join, zip(words, words[1:])))
    length = len(words) - counts.get(_MARKER, 0)
    for term in [t for t in counts if _MARKER in t]:
        del counts[term]
    return counts, length


def query_terms(text: str) -> tuple[list[str], list[str]]:
    """Distinct folded syllables and pairs of a query, in order (what the browser looks up)."""
    sylls: list[str] = []
    pairs: list[str] = []
    for words in runs(text):
        for word in words:
            if folded(word) not in sylls:
                sylls.append(folded(word))
        for pair in map(" ".join, zip(words, words[1:])):
            if folded(pair) not in pairs:
                pairs.append(folded(pair))
    return sylls, pairs
