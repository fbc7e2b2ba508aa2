"""Drawing straight into a fixed 256-colour palette: flat fills plus anti-aliasing ramps.

A social card is flat colour and type on one background. Drawing it in RGB and then
learning a palette per card (``encode._quantise``) cost more than drawing it. Here the
palette is known in advance: the flat colours, and for each ink a ramp of evenly
spaced blends from the background to that ink. Text coverage (0-255) maps through a
lookup table to the ramp index nearest the blend ``ImageDraw.text`` would have made,
so the PNG is written without quantising and without any colour search.

Ramps have 32 steps: the largest error against the RGB blend is 3,5 levels of 255
per channel, only on anti-aliased edge pixels, which no reader can see (PSNR against
``ImageDraw.text`` in RGB stays above 45 dB, see tests/test_card_drawing.py); fewer
distinct edge values also make the PNG ~10% smaller than 84-step ramps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from PIL import Image, ImageColor, ImageDraw

from .text_coverage import Coverage

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]  # left, top, right, bottom (exclusive)
PALETTE_SIZE = 256


def _rgb(colour: str) -> RGB:
    r, g, b = ImageColor.getrgb(colour)[:3]
    return r, g, b


@dataclass(frozen=True)
class Palette:
    """Background first (index 0), then the flat colours, then one ramp per ink."""

    background: str
    flats: tuple[str, ...]
    inks: tuple[str, ...]
    steps: int = 32
    colours: list[RGB] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        steps = self.steps
        if 1 + len(self.flats) + steps * len(self.inks) > PALETTE_SIZE:
            raise ValueError(f"{len(self.flats)} flat colours and {len(self.inks)} ramps of {steps} "
                             "do not fit a 256-entry palette")
        bg = _rgb(self.background)
        colours = [bg] + [_rgb(c) for c in self.flats]
        for ink in self.inks:
            end = _rgb(ink)
            colours += [cast(RGB, tuple(round(b + (e - b) * k / steps) for b, e in zip(bg, end)))
                        for k in range(1, steps + 1)]
        object.__setattr__(self, "colours", colours)

    def flat(self, colour: str) -> int:
        """Palette index of a background or flat colour."""
        if colour == self.background:
            return 0
        return 1 + self.flats.index(colour)

    def ramp(self, ink: str) -> list[int]:
        """Lookup table: coverage 0-255 to the palette index of the nearest blend towards ``ink``."""
        first = 1 + len(self.flats) + self.inks.index(ink) * self.steps
        levels = (round(m * self.steps / 255) for m in range(256))
        return [first + k - 1 if k else 0 for k in levels]

    def flat_list(self) -> list[int]:
        """The palette as Pillow's ``putpalette`` wants it (r, g, b, r, g, b, ...)."""
        return [channel for colour in self.colours for channel in colour]


class _Table(Image.ImagePointHandler):
    """An 8-bit lookup table applied as is, into ``mode``: ``Image.point`` would re-round a
    plain list's 256 entries on every call, and a mode-L result would be converted again
    when pasted into the palette image; both showed in the card profile."""

    def __init__(self, table: list[int], mode: str | None = None):
        self.table, self.mode = table, mode

    def point(self, im: Image.Image) -> Image.Image:
        return im._new(im.im.point(self.table, self.mode))


INKED = _Table([0] + [255] * 255)  # any coverage -> paste mask fully on


class PaletteCanvas:
    """A mode-P image with a fixed palette, drawn with flat shapes and text coverage."""

    def __init__(self, size: tuple[int, int], palette: Palette, image: Image.Image | None = None):
        self.palette = palette
        if image is None:
            image = Image.new("P", size, 0)
            image.putpalette(palette.flat_list())
        self.image = image
        self._ramps: dict[str, _Table] = {}
        self._drawn: list[Box] = []  # boxes holding something other than background
        self._copied = 0  # boxes already in ``_drawn`` when this canvas was copied

    def copy(self) -> PaletteCanvas:
        canvas = PaletteCanvas(self.image.size, self.palette, self.image.copy())
        canvas._ramps = self._ramps
        canvas._drawn = list(self._drawn)
        canvas._copied = len(self._drawn)
        return canvas

    def rows_drawn(self) -> tuple[int, int]:
        """First and past-the-last row drawn on since this canvas was copied; (0, 0) if none.
        Outside them the image is its original's (``frame_png`` compresses only these)."""
        own = self._drawn[self._copied:]
        if not own:
            return 0, 0
        return min(box[1] for box in own), max(box[3] for box in own)

    def rectangle(self, box: Box, colour: str) -> None:
        """A filled rectangle, both corners inclusive (as ``ImageDraw.rectangle``)."""
        ImageDraw.Draw(self.image).rectangle(box, fill=self.palette.flat(colour))
        self._drawn.append((box[0], box[1], box[2] + 1, box[3] + 1))

    def _on_background(self, box: Box) -> bool:
        return not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for b in self._drawn)

    def ink(self, cover: Coverage | None, colour: str) -> None:
        """Lay text coverage onto the canvas in ``colour``.

        The coverage's box is pasted whole when it meets nothing drawn before (the usual
        case, and the cheapest); otherwise only inked pixels are written, with the
        coverage made binary as the paste mask, so a box never overwrites a neighbour's
        pixels. Text is expected on the background: the ramps blend from its colour."""
        if cover is None:
            return
        ramp = self._ramps.get(colour)
        if ramp is None:
            ramp = self._ramps[colour] = _Table(self.palette.ramp(colour), "P")
        indices = cover.mask.point(ramp)
        box = (cover.x, cover.y, cover.x + indices.width, cover.y + indices.height)
        self.image.paste(indices, box, None if self._on_background(box) else cover.mask.point(INKED))
        self._drawn.append(box)
