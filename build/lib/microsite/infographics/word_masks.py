"""Anti-aliased masks of single words, rasterised once and reused across thousands of cards.

Vietnamese titles are built from a small set of syllables ("thành", "phố", "Nghị",
"quyết"...) that repeat across a site's pages, and FreeType rasterising is the
costliest part of drawing a social card. A line is therefore composed from cached
word masks placed at the pen positions HarfBuzz (raqm) gives for the whole line.

Why this is pixel-identical to ``ImageDraw.text`` of the whole line: Pillow renders
every glyph at an integer pixel, ``PIXEL(start + pen)`` with the pen in 1/64 px
(26.6) units, so a glyph's bitmap never depends on where it lands, only its integer
position does. Rendering a word with ``start`` set to the fractional part of its
pen position in the line reproduces exactly the positions the whole line gives it.

Of the 64 possible fractions most round every glyph of a word the same way, so the
key is the word's *rounding signature* (each glyph's whole-pixel offset), not the
fraction: a word has at most one variant per glyph plus one, instead of 64. Glyph
pens come from shaped tail widths (width of the word minus width of ``word[k:]``,
which keeps pair kerning); that is exact only when each character is one glyph, so
words holding a character that starts a ligature in the fonts (Be Vietnam Pro: "f",
":") or a combining mark (``ccmp``, mark positioning) are keyed by their exact fraction.
tests/test_card_drawing.py checks all 64 fractions of such words against Pillow.
"""

from __future__ import annotations

import math
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont
from PIL import Image, ImageFont

from ..assets.fonts import ttf_path
from .typography import WEIGHTS

FEATURES = ["kern", "liga"]
SUBPIXELS = 64  # FreeType's 26.6 fixed point: pen positions are multiples of 1/64 px


FontKey = tuple[str, float, int]


def font_key(f: ImageFont.FreeTypeFont) -> FontKey:
    """What makes two font objects draw alike: file, size, layout engine (not ``id()``,
    which a font re-created after ``typography.font``'s memo evicted it would change)."""
    return str(f.path), f.size, int(f.layout_engine)


@dataclass(frozen=True)
class WordMask:
    """A word's coverage mask (Pillow core image, mode L) and its top-left offset from the pen."""

    mask: Image.core.ImagingCore
    dx: int
    dy: int


LIGATURE_FEATURES = {"liga", "clig", "rlig", "dlig", "ccmp"}
SAFE_PUNCTUATION = set(",.;!?()[]{}-–—/%“”‘’\"'…&+*#@")  # unless a font ligates one (checked below)


@lru_cache(maxsize=1)
def ligature_starts() -> frozenset[str]:
    """Characters that begin a ligature in any weight's GSUB (ligature lookups of the
    features HarfBuzz applies by default): a word holding one may shape to fewer glyphs."""
    starts: set[str] = set()
    for name in WEIGHTS.values():
        font = TTFont(ttf_path(name), lazy=True)
        chars = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
        table = font["GSUB"].table if "GSUB" in font else None
        if table is None or table.FeatureList is None:
            continue
        indices = {i for record in table.FeatureList.FeatureRecord if record.FeatureTag in LIGATURE_FEATURES
                   for i in record.Feature.LookupListIndex}
        for index in indices:
            for sub in table.LookupList.Lookup[index].SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                starts.update(chars[g] for g in getattr(sub, "ligatures", {}) if g in chars)
    return frozenset(starts)


def _one_glyph_per_character(word: str) -> bool:
    """True when shaping cannot merge or split characters: letters, digits and plain
    punctuation, no combining mark, nothing that starts a ligature."""
    starts = ligature_starts()
    return all((unicodedata.category(ch)[0] in "LN" or ch in SAFE_PUNCTUATION)
               and not unicodedata.combining(ch) and ch not in starts for ch in word)


class WordMaskCache:
    """Least-recently-used store of word masks, bounded by the pixels it holds.

    Bounded because a long-running ``microsite serve`` draws cards for every edit and a
    build worker draws thousands; ``max_pixels`` (bytes, masks being 8-bit) caps memory."""

    def __init__(self, max_pixels: int = 48_000_000):
        self.max_pixels = max_pixels
        self.pixels = 0
        self._masks: OrderedDict[tuple[FontKey, str, tuple[int, ...] | int], WordMask] = OrderedDict()
        self._pens: dict[tuple[FontKey, str], tuple[int, ...] | None] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._masks)

    def clear(self) -> None:
        self._masks.clear()
        self._pens.clear()
        self.pixels = self.hits = self.misses = 0

    def _glyph_pens(self, f: ImageFont.FreeTypeFont, word: str) -> tuple[int, ...] | None:
        """Pen of each glyph in 1/64 px, or None when the word is not one glyph per character."""
        key = (font_key(f), word)
        if key not in self._pens:
            if len(self._pens) > 65536:
                self._pens.clear()
            pens = None
            if _one_glyph_per_character(word):
                total = round(f.getlength(word, features=FEATURES) * SUBPIXELS)
                pens = (0,) + tuple(total - round(f.getlength(word[k:], features=FEATURES) * SUBPIXELS)
                                    for k in range(1, len(word)))
            self._pens[key] = pens
        return self._pens[key]

    def _key(self, f: ImageFont.FreeTypeFont, word: str, fraction: int) -> tuple[FontKey, str, tuple[int, ...] | int]:
        pens = self._glyph_pens(f, word)
        if pens is None:
            return font_key(f), word, fraction
        return font_key(f), word, tuple((fraction + pen + 32) >> 6 for pen in pens)  # Pillow's PIXEL()

    def get(self, f: ImageFont.FreeTypeFont, word: str, fraction: int) -> WordMask:
        """Mask of ``word`` drawn with its pen at ``fraction``/64 px past a whole pixel."""
        key = self._key(f, word, fraction)
        found = self._masks.get(key)
        if found is not None:
            self._masks.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        mask, (dx, dy) = f.getmask2(word, "L", features=FEATURES, anchor="ls",
                                    start=(fraction / SUBPIXELS, 0))
        found = WordMask(mask, dx, dy)
        self._masks[key] = found
        self.pixels += _area(found)
        while self.pixels > self.max_pixels and len(self._masks) > 1:
            _, evicted = self._masks.popitem(last=False)
            self.pixels -= _area(evicted)
        return found


def _area(word: WordMask) -> int:
    width, height = word.mask.size
    return width * height


def pen_fraction(x: float) -> tuple[int, int]:
    """Whole pixel and 1/64 fraction of a pen position, as Pillow splits ``xy`` for ``start``."""
    fraction, whole = math.modf(x)
    sixtyfourths = round(fraction * SUBPIXELS)
    if sixtyfourths == SUBPIXELS:
        return int(whole) + 1, 0
    return int(whole), sixtyfourths
