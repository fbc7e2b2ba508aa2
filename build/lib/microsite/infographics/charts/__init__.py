"""One module per chart kind; each exposes ``draw(canvas, info, box)``."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Infographic
from ..style import Box, Canvas
from . import bars, numbers, progress, target, timeline

Drawer = Callable[[Canvas, Infographic, Box], None]

DRAWERS: dict[str, Drawer] = {
    "progress": progress.draw,
    "numbers": numbers.draw,
    "bars": bars.draw,
    "target": target.draw,
    "timeline": timeline.draw,
}
