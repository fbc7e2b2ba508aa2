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
words that may ligate (Be Vietnam Pro's ``liga`` starts at "f" and ":") or carry
combining marks (``ccmp``/mark positioning) are keyed by their exact fraction.
"""

from __future__ import annotations

import math
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image, ImageFont

FEATURES = ["kern", "liga"]
SUBPIXELS = 64  # FreeType's 26.6 fixed point: pen positions are multiples of 1/64 px


@dataclass(frozen=True)
class WordMask:
    """A word's coverage mask (Pillow core image, mode L) and its top-left offset from the pen."""

    mask: Image.core.ImagingCore
    dx: int
    dy: int


def _one_glyph_per_character(word: str) -> bool:
    """True when shaping cannot merge or split characters: letters and digits, no "f"."""
    return all(unicodedata.category(ch)[0] in "LN" and not unicodedata.combining(ch) and ch != "f"
               for ch in word)


class WordMaskCache:
    """Least-recently-used store of word masks, bounded by the pixels it holds.

    Bounded because a long-running ``microsite serve`` draws cards for every edit and a
    build worker draws thousands; ``max_pixels`` (bytes, masks being 8-bit) caps memory."""

    def __init__(self, max_pixels: int = 48_000_000):
        self.max_pixels = max_pixels
        self.pixels = 0
        self._masks: OrderedDict[tuple[int, str, tuple[int, ...] | int], WordMask] = OrderedDict()
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}  # keeps id() keys valid
        self._pens: dict[tuple[int, str], tuple[int, ...] | None] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._masks)

    def clear(self) -> None:
        self._masks.clear()
        self._fonts.clear()
        self._pens.clear()
        self.pixels = self.hits = self.misses = 0

    def _glyph_pens(self, f: ImageFont.FreeTypeFont, word: str) -> tuple[int, ...] | None:
        """Pen of each glyph in 1/64 px, or None when the word is not one glyph per character."""
        key = (id(f), word)
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

    def _key(self, f: ImageFont.FreeTypeFont, word: str, fraction: int) -> tuple[int, str, tuple[int, ...] | int]:
        pens = self._glyph_pens(f, word)
        if pens is None:
            return id(f), word, fraction
        return id(f), word, tuple((fraction + pen + 32) >> 6 for pen in pens)  # Pillow's PIXEL()

    def get(self, f: ImageFont.FreeTypeFont, word: str, fraction: int) -> WordMask:
        """Mask of ``word`` drawn with its pen at ``fraction``/64 px past a whole pixel."""
        key = self._key(f, word, fraction)
        found = self._masks.get(key)
        if found is not None:
            self._masks.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        self._fonts[id(f)] = f
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
