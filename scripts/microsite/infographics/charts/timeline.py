"""Timeline of milestones: evenly spaced stops (order matters more than day counts).

Wide layouts run left to right; the square layout runs top to bottom.
"""

from __future__ import annotations

from .. import typography as t
from ..model import Infographic, Milestone
from ..style import INK, MUTED, RED, RULE, BG, Box, Canvas
from .shapes import dot


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    if c.portrait:
        _vertical(c, info.milestones, box)
    else:
        _horizontal(c, info.milestones, box)


def _text(c: Canvas, m: Milestone, x: float, y: float, w: float, h: float) -> None:
    """Date, label and detail stacked in a ``w`` x ``h`` column."""
    bottom = y + h
    date = t.fit(m.date_text(), "extrabold", c.px(24), w, max_lines=1)
    y = t.draw_block(c.draw, date, x, y, RED) + c.px(6)
    label = t.fit(m.label, "bold", c.px(20), w, (bottom - y) * 0.62, max_lines=3)
    y = t.draw_block(c.draw, label, x, y, INK) + c.px(4)
    if m.detail:
        detail = t.fit(m.detail, "regular", c.px(16), w, bottom - y, max_lines=4)
        t.draw_block(c.draw, detail, x, y, MUTED)


def _horizontal(c: Canvas, items: tuple[Milestone, ...], box: Box) -> None:
    n = len(items)
    col_w = box.w / n
    line_y = box.y + c.px(14)
    c.draw.rectangle((box.x, line_y - c.px(2), box.right, line_y + c.px(2)), fill=RULE)
    for i, m in enumerate(items):
        x = box.x + i * col_w
        dot(c.image, x + c.px(12), line_y, c.px(11), BG, outline=RED, outline_width=c.px(4))
        _text(c, m, x, line_y + c.px(28), col_w - c.px(22), box.bottom - line_y - c.px(28))


def _vertical(c: Canvas, items: tuple[Milestone, ...], box: Box) -> None:
    n = len(items)
    row_h = box.h / n
    line_x = box.x + c.px(12)
    c.draw.rectangle((line_x - c.px(2), box.y + c.px(12), line_x + c.px(2), box.bottom - row_h * 0.5), fill=RULE)
    for i, m in enumerate(items):
        y = box.y + i * row_h
        dot(c.image, line_x, y + c.px(14), c.px(11), BG, outline=RED, outline_width=c.px(4))
        _text(c, m, box.x + c.px(40), y, box.w - c.px(40), row_h - c.px(10))
