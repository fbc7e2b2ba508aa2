"""Anti-aliased masks of single words, rasterised once and reused across thousands of cards.

Vietnamese titles are built from a small set of syllables ("thành", "phố", "Nghị",
"quyết"...) that repeat across a site's pages, and FreeType rasterising is the
costliest part of drawing a social card. A line is therefore composed from cached
word masks placed at the pen positions HarfBuzz (raqm) gives for the whole line.

Why this is pixel-identical to ``ImageDraw.text`` of the whole line: Pillow renders
every glyph at an integer pixel, ``PIXEL(start + pen)`` with the pen in 1/64 px
(26.6) units, so a glyph's bitmap never depends on where it lands, only its integer
position does. Rendering a word with ``start`` set to the fractional part of its
pen position in the line reproduces exactly the positions the whole line would
give it; the key therefore holds that fraction in 1/64 px (at most 64 variants of a
word, far fewer in practice since many fractions round the same way).
"""

from __future__ import annotations

import math
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


class WordMaskCache:
    """Least-recently-used store of word masks, bounded by entry count.

    Bounded because a long-running ``microsite serve`` draws cards for every edit;
    8192 masks of 64 px words are ~25 MB at most, and a 2000-article site needs a few
    thousand."""

    def __init__(self, capacity: int = 8192):
        self.capacity = capacity
        self._masks: OrderedDict[tuple[int, str, int], WordMask] = OrderedDict()
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}  # keeps id() keys valid
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._masks)

    def get(self, f: ImageFont.FreeTypeFont, word: str, fraction: int) -> WordMask:
        """Mask of ``word`` drawn with its pen at ``fraction``/64 px past a whole pixel."""
        key = (id(f), word, fraction)
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
        if len(self._masks) > self.capacity:
            self._masks.popitem(last=False)
        return found


def pen_fraction(x: float) -> tuple[int, int]:
    """Whole pixel and 1/64 fraction of a pen position, as Pillow splits ``xy`` for ``start``."""
    fraction, whole = math.modf(x)
    sixtyfourths = round(fraction * SUBPIXELS)
    if sixtyfourths == SUBPIXELS:
        return int(whole) + 1, 0
    return int(whole), sixtyfourths
