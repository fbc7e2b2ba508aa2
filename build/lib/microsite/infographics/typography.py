"""Text on images: Be Vietnam Pro through raqm, glyph checks, wrap-and-shrink fitting.

Pillow silently draws a "tofu" box (or nothing) for a character the font lacks, so
every string is checked against the font's character map *before* drawing and a
missing glyph is an error naming the character. Layout uses raqm (HarfBuzz), which
places Vietnamese stacked diacritics (ệ, ặ, ở) with the font's mark positioning
instead of Pillow's basic layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont
from PIL import ImageDraw, ImageFont

from ..assets.fonts import ttf_path
from ..text.normalize import nfc

WEIGHTS = {
    "regular": "BeVietnamPro-Regular.ttf",
    "medium": "BeVietnamPro-Medium.ttf",
    "semibold": "BeVietnamPro-SemiBold.ttf",
    "bold": "BeVietnamPro-Bold.ttf",
    "extrabold": "BeVietnamPro-ExtraBold.ttf",
}


class GlyphError(ValueError):
    """A string contains characters the font cannot draw."""

    def __init__(self, text: str, missing: list[str]):
        shown = ", ".join(f"\"{c}\" (U+{ord(c):04X})" for c in missing)
        super().__init__(f"Phông Be Vietnam Pro không có ký tự {shown} trong \"{text}\".")
        self.text, self.missing = text, missing


class FitError(ValueError):
    """A text cannot fit its box even at the smallest allowed size."""


@lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    """Code points every weight we use can draw (intersection of their cmaps)."""
    sets = [set(TTFont(ttf_path(name), lazy=True).getBestCmap()) for name in WEIGHTS.values()]
    return frozenset(set.intersection(*sets))


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` (after NFC) that the font has no glyph for; controls excluded."""
    cmap = _cmap()
    out: list[str] = []
    for ch in nfc(text):
        if ch not in "\n\t" and ord(ch) not in cmap and ch not in out:
            out.append(ch)
    return out


def ensure_drawable(text: str) -> str:
    """Return ``text`` in NFC, or raise GlyphError before anything is drawn."""
    text = nfc(text)
    missing = missing_glyphs(text)
    if missing:
        raise GlyphError(text, missing)
    return text


@lru_cache(maxsize=256)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(ttf_path(WEIGHTS[weight])), size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=65536)
def text_width(text: str, f: ImageFont.FreeTypeFont) -> float:
    """Shaped advance width. Memoised: fitting and balancing re-measure the same words and
    lines many times, and Vietnamese titles share a small set of syllables across pages."""
    return f.getlength(text, features=["kern", "liga"])


def line_height(f: ImageFont.FreeTypeFont, leading: float = 1.22) -> int:
    """Line pitch from the font's ascent/descent (room for stacked Vietnamese marks)."""
    ascent, descent = f.getmetrics()
    return round((ascent + descent) * leading)


def _greedy(words: list[str], widths: list[float], space: float, width: float) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    used = 0.0
    for word, w in zip(words, widths):
        extra = w if not lines[-1] else space + w
        if lines[-1] and used + extra > width:
            lines.append([word])
            used = w
        else:
            lines[-1].append(word)
            used += extra
    return lines


@lru_cache(maxsize=1024)
def _measured(paragraph: str, f: ImageFont.FreeTypeFont) -> tuple[list[str], list[float], float]:
    """Words, their widths and the widest, once per paragraph and font: balancing a title
    wraps it a dozen times at different widths. (Callers must not mutate the lists.)"""
    words = paragraph.split()
    widths = [text_width(w, f) for w in words]
    return words, widths, max(widths, default=0.0)


def wrap(text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than ``width``.

    Each word is measured once (shaping is the costly part); every resulting line is
    then measured exactly, and the wrap is redone narrower in the rare case kerning
    across a space made a line overflow.
    """
    lines: list[str] = []
    space = text_width(" ", f)
    for paragraph in text.split("\n"):
        words, widths, widest = _measured(paragraph, f)
        if widest > width:
            return None
        target = width
        for _ in range(5):
            candidate = [" ".join(line) for line in _greedy(words, widths, space, target)]
            if all(text_width(line, f) <= width for line in candidate):
                break
            target *= 0.98
        lines.extend(candidate)
    return lines


@dataclass(frozen=True)
class TextBlock:
    """Wrapped lines at one font size: the result of fitting a text into a box."""

    lines: tuple[str, ...]
    font: ImageFont.FreeTypeFont
    pitch: int

    @property
    def height(self) -> int:
        ascent, descent = self.font.getmetrics()
        return self.pitch * (len(self.lines) - 1) + ascent + descent

    @property
    def width(self) -> float:
        return max((text_width(line, self.font) for line in self.lines), default=0.0)


def _balanced(text: str, f: ImageFont.FreeTypeFont, width: float, count: int) -> list[str]:
    """Narrowest wrap with the same line count: no one-word orphan on a title's last line."""
    lo, hi = width * 0.5, width
    best = wrap(text, f, width) or []
    for _ in range(12):
        mid = (lo + hi) / 2
        lines = wrap(text, f, mid)
        if lines is not None and len(lines) <= count:
            best, hi = lines, mid
        else:
            lo = mid
    return best


def fit(text: str, weight: str, size: int, width: float, height: float | None = None,
        max_lines: int = 3, min_size: int | None = None, leading: float = 1.22,
        balance: bool = False) -> TextBlock:
    """Largest size <= ``size`` at which ``text`` wraps into ``max_lines`` within the box.

    Shrinks in ~4% steps down to ``min_size`` (default 55% of ``size``); below that it
    allows more lines rather than clipping, and raises FitError only if nothing fits.
    """
    text = ensure_drawable(text)
    floor = min_size or max(8, int(size * 0.55))
    candidates = []
    s = size
    while s > floor:
        candidates.append(s)
        s = min(s - 1, int(s * 0.96))
    candidates.append(floor)
    for allowed in (max_lines, max_lines + 1, max_lines + 2):
        for s in candidates:
            f = font(weight, s)
            lines = wrap(text, f, width)
            if lines is None or len(lines) > allowed:
                continue
            block = TextBlock(tuple(lines), f, line_height(f, leading))
            if height is not None and block.height > height:
                continue  # checked before balancing: balancing keeps the line count, so the height
            if balance and len(lines) > 1:
                block = TextBlock(tuple(_balanced(text, f, width, len(lines))), f, block.pitch)
            return block
    raise FitError(f"Chữ quá dài, không vừa khung: \"{text[:60]}…\"")


def draw_block(draw: ImageDraw.ImageDraw, block: TextBlock, x: float, y: float, fill: str,
               align: str = "left", box_width: float | None = None) -> float:
    """Draw wrapped lines with top-left at (x, y); return the y below the block."""
    ascent, _ = block.font.getmetrics()
    for i, line in enumerate(block.lines):
        lx = x
        if align != "left" and box_width is not None:
            w = text_width(line, block.font)
            lx = x + (box_width - w) / (2 if align == "center" else 1)
        draw.text((lx, y + i * block.pitch + ascent), line, font=block.font, fill=fill, anchor="ls",
                  features=["kern", "liga"])
    return y + block.height


def draw_line(draw: ImageDraw.ImageDraw, text: str, xy: tuple[float, float], f: ImageFont.FreeTypeFont,
              fill: str, anchor: str = "ls") -> None:
    """One checked line of text; ``anchor`` as in Pillow (``ls`` = left, baseline)."""
    draw.text(xy, ensure_drawable(text), font=f, fill=fill, anchor=anchor, features=["kern", "liga"])
