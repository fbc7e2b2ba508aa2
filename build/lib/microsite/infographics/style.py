"""House style of the graphics desk: colours and the one scale unit every size derives from."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

RED = "#a3111a"        # Party red: marks and key numbers
RED_LIGHT = "#e3a6a9"  # range extensions, secondary marks
GOLD = "#f4c430"       # accents and target bands (never text: too light on white)
INK = "#1c1c1e"        # titles and labels (contrast 16:1 on BG)
MUTED = "#55514a"      # secondary text (contrast > 7:1 on BG)
TRACK = "#ece5d6"      # unfilled part of bars and rings
RULE = "#d8cfbe"
BG = "#fffdf8"         # warm white, as newsprint-friendly as it is screen-friendly


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels; charts draw only inside the box they are given."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@dataclass
class Canvas:
    """An image being drawn, with its scale unit ``u`` (1.0 = the 1200x630 web layout)."""

    image: Image.Image
    draw: ImageDraw.ImageDraw
    u: float
    portrait: bool  # square/tall layouts stack what wide layouts put side by side

    def px(self, value: float) -> int:
        return max(1, round(value * self.u))
