"""Coverage (anti-aliasing) masks of wrapped text, composed from cached word masks.

``ImageDraw.text`` re-shapes and re-rasterises every glyph of every line; a site's
cards repeat the same syllables thousands of times. Here each word's pen position
comes from shaped widths (the memoised word widths when they add up to the shaped
line, else the shaped prefix) and the words are stamped from ``word_masks``. Stamping
blends towards full coverage exactly as ``ImageDraw.text`` blends ink over what is
already drawn, so overlapping lines (stacked Vietnamese marks under a descender)
combine the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from . import typography as t
from .word_masks import FEATURES, WordMask, WordMaskCache, pen_fraction

SHARED_MASKS = WordMaskCache()  # one per process: build workers each warm their own


@dataclass(frozen=True)
class Stamp:
    """One word mask at its absolute top-left pixel."""

    word: WordMask
    x: int
    y: int

    @property
    def right(self) -> int:
        return self.x + self.word.mask.size[0]

    @property
    def bottom(self) -> int:
        return self.y + self.word.mask.size[1]


def _pens(line: str, f: ImageFont.FreeTypeFont) -> list[tuple[str, float]]:
    """Each word of ``line`` (split on single spaces, as ``typography.wrap`` joins them)
    with the shaped width of everything before it.

    Fast path: the memoised widths of the words and of the space, summed. It is taken
    only when that sum equals the shaped width of the whole line (exact: widths are
    multiples of 1/64), i.e. nothing kerns or substitutes across a space; otherwise
    every prefix is shaped, as ``ImageDraw.text`` would place it."""
    words = line.split(" ")
    widths = [t.text_width(word, f) if word else 0.0 for word in words]
    space = t.text_width(" ", f)
    pens, pen = [], 0.0
    for word, width in zip(words, widths):
        pens.append((word, pen))
        pen += width + space
    if pen - space == t.text_width(line, f):
        return pens
    return [(word, f.getlength(line[:len(" ".join(words[:i])) + (1 if i else 0)], features=FEATURES))
            for i, word in enumerate(words)]


def line_stamps(line: str, f: ImageFont.FreeTypeFont, x: float, baseline: int,
                cache: WordMaskCache = SHARED_MASKS) -> list[Stamp]:
    """Word stamps of one line whose pen starts at ``x`` on integer ``baseline``."""
    stamps: list[Stamp] = []
    for word, pen in _pens(line, f):
        if word:
            whole, fraction = pen_fraction(x + pen)
            mask = cache.get(f, word, fraction)
            stamps.append(Stamp(mask, whole + mask.dx, baseline + mask.dy))
    return stamps


@dataclass(frozen=True)
class Coverage:
    """Text coverage (mode L, 0-255) and where its top-left sits on the canvas."""

    mask: Image.Image
    x: int
    y: int


def coverage(stamps: list[Stamp]) -> Coverage | None:
    """Stamp words into the smallest mask holding them all; None when nothing is inked."""
    stamps = [s for s in stamps if s.word.mask.size[0] and s.word.mask.size[1]]
    if not stamps:
        return None
    left, top = min(s.x for s in stamps), min(s.y for s in stamps)
    right, bottom = max(s.right for s in stamps), max(s.bottom for s in stamps)
    mask = Image.new("L", (right - left, bottom - top), 0)
    draw = ImageDraw.Draw(mask).draw  # the core drawer ImageDraw.text itself stamps with
    for s in stamps:
        draw.draw_bitmap((s.x - left, s.y - top), s.word.mask, 255)
    return Coverage(mask, left, top)


def block_stamps(block: t.TextBlock, x: float, y: float,
                 cache: WordMaskCache = SHARED_MASKS) -> list[Stamp]:
    """Stamps of a fitted block with its top-left at (x, y), line pitch as ``typography.draw_block``.

    ``y`` is taken in whole pixels (cards place blocks on integer rows); ``x`` may be
    fractional, its fraction goes into the word masks' pen positions."""
    ascent, _ = block.font.getmetrics()
    stamps: list[Stamp] = []
    for i, line in enumerate(block.lines):
        stamps.extend(line_stamps(line, block.font, x, int(y) + i * block.pitch + ascent, cache))
    return stamps
