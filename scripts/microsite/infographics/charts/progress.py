"""Progress fractions (14/16): a ring per figure, or a bar per figure.

The fraction is the headline, written as officials write it (``03/11``); the bar or
ring shows the share; the percentage is secondary.
"""

from __future__ import annotations

from .. import typography as t
from ..model import Fraction, Infographic
from ..style import Box, Canvas
from .shapes import ring


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    if info.style == "ring" and c.portrait:
        _ring_rows(c, info.fractions, box)
    elif info.style == "ring":
        _rings(c, info.fractions, box)
    else:
        _bars(c, info.fractions, box)


def _rings(c: Canvas, items: tuple[Fraction, ...], box: Box) -> None:
    """Rings side by side; labels are fitted first and the rings take the height left."""
    n = len(items)
    gap = c.px(28)
    col_w = (box.w - gap * (n - 1)) / n
    labels = [t.fit(i.label, "semibold", c.px(21), col_w, box.h * 0.5, max_lines=3, min_size=c.px(11),
                    balance=True) for i in items]
    label_h = max(b.height for b in labels)
    r = max(c.px(20), min(col_w / 2 - c.px(6), (box.h - label_h - c.px(16)) / 2 - c.px(2)))
    for i, (item, label) in enumerate(zip(items, labels)):
        x = box.x + i * (col_w + gap)
        cx, cy = x + col_w / 2, box.y + r + c.px(2)
        ring(c.image, cx, cy, r, max(c.px(6), r * 0.16), item.ratio, c.colours.track, c.colours.primary)
        big = t.fit(item.text(), "extrabold", int(r * 0.46), r * 1.28, max_lines=1, min_size=8)
        c.draw.text((cx, cy + r * 0.06), big.lines[0], font=big.font, fill=c.colours.ink, anchor="ms")
        pct = t.font("medium", max(8, int(r * 0.2)))
        c.draw.text((cx, cy + r * 0.36), item.percent_text(), font=pct, fill=c.colours.muted, anchor="ms")
        t.draw_block(c.draw, label, x, cy + r + c.px(16), c.colours.ink, align="center", box_width=col_w)


def _bars(c: Canvas, items: tuple[Fraction, ...], box: Box) -> None:
    """One row per figure: label left, share and fraction right, then the bar."""
    n = len(items)
    row_h = box.h / n
    big = t.font("extrabold", min(c.px(44), int(row_h * 0.42)))
    pct = t.font("medium", min(c.px(18), int(row_h * 0.2)))
    for i, item in enumerate(items):
        y = box.y + i * row_h
        share = f"Đạt {item.percent_text()}"
        right_w = t.text_width(item.text(), big) + c.px(14) + t.text_width(share, pct)
        label = t.fit(item.label, "semibold", c.px(22), box.w - right_w - c.px(24),
                      row_h * 0.5, max_lines=2)
        bar_h = max(c.px(12), int(row_h * 0.18))
        bar_y = y + row_h - bar_h - row_h * 0.16
        baseline = bar_y - c.px(10)
        t.draw_block(c.draw, label, box.x, baseline - label.height, c.colours.ink)
        c.draw.text((box.right, baseline), item.text(), font=big, fill=c.colours.primary, anchor="rd")
        share_x = box.right - t.text_width(item.text(), big) - c.px(14)
        c.draw.text((share_x, baseline - c.px(4)), share, font=pct, fill=c.colours.muted, anchor="rd")
        c.draw.rectangle((box.x, bar_y, box.right, bar_y + bar_h), fill=c.colours.track)
        c.draw.rectangle((box.x, bar_y, box.x + box.w * item.ratio, bar_y + bar_h), fill=c.colours.primary)


def _ring_rows(c: Canvas, items: tuple[Fraction, ...], box: Box) -> None:
    """Portrait: one row per figure, ring on the left, label and share on the right."""
    n = len(items)
    row_h = box.h / n
    r = min(row_h * 0.44, box.w * 0.16)
    text_x = box.x + 2 * r + c.px(28)
    text_w = box.right - text_x
    for i, item in enumerate(items):
        cy = box.y + i * row_h + row_h / 2
        ring(c.image, box.x + r, cy, r, max(c.px(8), r * 0.16), item.ratio, c.colours.track, c.colours.primary)
        big = t.fit(item.text(), "extrabold", int(r * 0.5), r * 1.3, max_lines=1)
        c.draw.text((box.x + r, cy), big.lines[0], font=big.font, fill=c.colours.ink, anchor="mm")
        label = t.fit(item.label, "semibold", c.px(22), text_w, row_h * 0.62, max_lines=3)
        pct = t.font("medium", c.px(17))
        block_h = label.height + c.px(10) + pct.size
        top = cy - block_h / 2
        t.draw_block(c.draw, label, text_x, top, c.colours.ink)
        c.draw.text((text_x, top + label.height + c.px(10)), f"Đạt {item.percent_text()}", font=pct,
                    fill=c.colours.muted, anchor="lt")
