"""House style of the graphics desk: colours and the one scale unit every size derives from.

The colours are the site's (``identity.colours`` in mkdocs.yml, ``content.site_config.Colours``);
``HOUSE`` holds the defaults, which the names below spell out."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from ..content.site_config import Colours

HOUSE = Colours()
RED = HOUSE.primary              # marks and key numbers
RED_LIGHT = HOUSE.primary_light  # range extensions, secondary marks
GOLD = HOUSE.accent              # accents and target bands (never text: too light on white)
INK = HOUSE.ink                  # titles and labels (contrast 16:1 on BG)
MUTED = HOUSE.muted              # secondary text (contrast > 7:1 on BG)
TRACK = HOUSE.track              # unfilled part of bars and rings
RULE = HOUSE.rule
BG = HOUSE.background            # warm white, as newsprint-friendly as it is screen-friendly


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
    colours: Colours = field(default_factory=Colours)

    def px(self, value: float) -> int:
        return max(1, round(value * self.u))
