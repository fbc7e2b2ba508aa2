"""Horizontal bar comparison: label above each bar, value at the bar's end.

A range (``63–65%``) is drawn solid up to its lower bound and lighter up to its upper
bound, so the reader sees both ends instead of an invented midpoint.
"""

from __future__ import annotations

from .. import typography as t
from ..model import Figure, Infographic
from ..style import Box, Canvas


def scale_max(figures: tuple[Figure, ...], extra: float = 0.0) -> float:
    """Longest bar's value; shares of a whole (unit exactly "%") are drawn against 100."""
    if all(f.quantity.unit.strip() == "%" for f in figures):
        return 100.0
    return max([f.quantity.top for f in figures] + [extra]) or 1.0


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    draw_rows(c, info.figures, box, scale_max(info.figures))


def draw_rows(c: Canvas, figures: tuple[Figure, ...], box: Box, top: float) -> list[tuple[float, float]]:
    """Draw one labelled bar per figure; return each bar's (y, height) for overlays."""
    ranged = any(f.quantity.high is not None for f in figures)
    legend_h = c.px(30) if ranged else 0
    n = len(figures)
    row_h = (box.h - legend_h) / n
    value_font = t.font("extrabold", min(c.px(34), int(row_h * 0.34)))
    value_w = max(t.text_width(f.quantity.text(), value_font) for f in figures) + c.px(16)
    span = box.w - value_w
    out: list[tuple[float, float]] = []
    for i, fig in enumerate(figures):
        y = box.y + i * row_h
        label_text = fig.label + (f" ({fig.note})" if fig.note else "")
        label = t.fit(label_text, "semibold", c.px(21), box.w, row_h * 0.42, max_lines=2)
        t.draw_block(c.draw, label, box.x, y, c.colours.ink)
        bar_h = max(c.px(14), min(c.px(34), int(row_h * 0.30)))
        bar_y = y + label.height + c.px(8)
        q = fig.quantity
        c.draw.rectangle((box.x, bar_y, box.x + span, bar_y + bar_h), fill=c.colours.track)
        low_x = box.x + span * q.value / top
        c.draw.rectangle((box.x, bar_y, max(box.x + c.px(3), low_x), bar_y + bar_h), fill=c.colours.primary)
        end_x = low_x
        if q.high is not None:
            end_x = box.x + span * q.high / top
            c.draw.rectangle((low_x, bar_y, max(low_x + c.px(3), end_x), bar_y + bar_h), fill=c.colours.primary_light)
        c.draw.text((box.x + span + c.px(12), bar_y + bar_h / 2), q.text(), font=value_font, fill=c.colours.primary,
                    anchor="lm")
        out.append((bar_y, bar_h))
    if ranged:
        legend = t.font("regular", c.px(15))
        c.draw.rectangle((box.x, box.bottom - c.px(14), box.x + c.px(22), box.bottom - c.px(2)), fill=c.colours.primary_light)
        c.draw.text((box.x + c.px(30), box.bottom), "Khoảng từ cận dưới đến cận trên",
                    font=legend, fill=c.colours.muted, anchor="ld")
    return out
