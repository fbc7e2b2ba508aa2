"""Timeline of milestones: evenly spaced stops (order matters more than day counts).

Wide layouts run left to right; the square layout runs top to bottom.
"""

from __future__ import annotations

from .. import typography as t
from ..model import Infographic, Milestone
from ..style import Box, Canvas
from .shapes import dot


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    items = info.milestones
    if c.portrait:
        _vertical(c, items, box)
    elif len(items) > 4:  # five or six stops: two columns of rows, read down then across
        half = (len(items) + 1) // 2
        gap = c.px(40)
        w = (box.w - gap) / 2
        _vertical(c, items[:half], Box(box.x, box.y, w, box.h), rows=half)
        _vertical(c, items[half:], Box(box.x + w + gap, box.y, w, box.h), rows=half)
    else:
        _horizontal(c, info.milestones, box)


def _text(c: Canvas, m: Milestone, x: float, y: float, w: float, h: float) -> None:
    """Date, label and detail stacked in a ``w`` x ``h`` column."""
    bottom = y + h
    date = t.fit(m.date_text(), "extrabold", c.px(28), w, max_lines=1)
    y = t.draw_block(c.draw, date, x, y, c.colours.primary) + c.px(6)
    label = t.fit(m.label, "bold", c.px(22), w, (bottom - y) * 0.5, max_lines=3, min_size=c.px(11),
                  balance=True)
    y = t.draw_block(c.draw, label, x, y, c.colours.ink) + c.px(4)
    if m.detail:
        detail = t.fit(m.detail, "regular", c.px(18), w, bottom - y, max_lines=5, min_size=c.px(10))
        t.draw_block(c.draw, detail, x, y, c.colours.muted)


def _horizontal(c: Canvas, items: tuple[Milestone, ...], box: Box) -> None:
    n = len(items)
    col_w = box.w / n
    line_y = box.y + c.px(14) + max(0.0, (box.h - c.px(300)) * 0.4)  # centre short timelines
    c.draw.rectangle((box.x, line_y - c.px(2), box.right, line_y + c.px(2)), fill=c.colours.rule)
    for i, m in enumerate(items):
        x = box.x + i * col_w
        dot(c.image, x + c.px(12), line_y, c.px(11), c.colours.background, outline=c.colours.primary, outline_width=c.px(4))
        _text(c, m, x, line_y + c.px(28), col_w - c.px(22), box.bottom - line_y - c.px(28))


def _vertical(c: Canvas, items: tuple[Milestone, ...], box: Box, rows: int | None = None) -> None:
    """Rows: dates in a left column, the line and dots, then label and detail."""
    n = rows or len(items)
    row_h = box.h / n
    date_w = c.px(130)
    line_x = box.x + date_w + c.px(18)
    text_x = line_x + c.px(26)
    text_w = box.right - text_x
    last_y = box.y + (len(items) - 1) * row_h + c.px(14)
    c.draw.rectangle((line_x - c.px(2), box.y + c.px(14), line_x + c.px(2), last_y), fill=c.colours.rule)
    for i, m in enumerate(items):
        y = box.y + i * row_h
        dot(c.image, line_x, y + c.px(14), c.px(10), c.colours.background, outline=c.colours.primary, outline_width=c.px(4))
        date = t.fit(m.date_text(), "extrabold", c.px(22), date_w, max_lines=2, min_size=c.px(12))
        t.draw_block(c.draw, date, box.x, y, c.colours.primary)
        bottom = y + row_h - c.px(8)
        label = t.fit(m.label, "bold", c.px(22), text_w, (bottom - y) * 0.45, max_lines=2, min_size=c.px(9),
                      balance=True)
        ty = t.draw_block(c.draw, label, text_x, y, c.colours.ink) + c.px(2)
        if m.detail:
            detail = t.fit(m.detail, "regular", c.px(18), text_w, bottom - ty, max_lines=3, min_size=c.px(9))
            t.draw_block(c.draw, detail, text_x, ty, c.colours.muted)
