"""Big-number cards: the figure large in red, what it counts beneath, one card per figure."""

from __future__ import annotations

from .. import typography as t
from ..model import Figure, Infographic
from ..style import Box, Canvas


def _grid(c: Canvas, n: int) -> tuple[int, int]:
    if not c.portrait:
        return 1, n
    return (n, 1) if n <= 3 else (2, 2)


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    items = info.figures
    rows, cols = _grid(c, len(items))
    gap_x, gap_y = c.px(32), c.px(26)
    card_w = (box.w - gap_x * (cols - 1)) / cols
    card_h = (box.h - gap_y * (rows - 1)) / rows
    if rows == 1 and card_h > c.px(240):  # one row in a tall body: centre it instead of top-heavy
        box = Box(box.x, box.y + (card_h - c.px(240)) / 2, box.w, c.px(240))
        card_h = box.h
    # One size for every big number, so the cards read as a set.
    start = min(c.px(68), int(card_h * 0.42))
    size = min(int(t.fit(f.quantity.text(), "extrabold", start, card_w, max_lines=1,
                         min_size=int(start * 0.5)).font.size) for f in items)  # fit() takes whole sizes
    for i, item in enumerate(items):
        r, k = divmod(i, cols)
        _card(c, item, Box(box.x + k * (card_w + gap_x), box.y + r * (card_h + gap_y), card_w, card_h), size)


def _card(c: Canvas, item: Figure, box: Box, size: int) -> None:
    c.draw.rectangle((box.x, box.y, box.x + c.px(56), box.y + c.px(6)), fill=c.colours.accent)
    big = t.fit(item.quantity.text(), "extrabold", size, box.w, max_lines=1, min_size=int(size * 0.5))
    y = box.y + c.px(18)
    y = t.draw_block(c.draw, big, box.x, y, c.colours.primary) + c.px(10)
    note_h = c.px(26) if item.note else 0
    label = t.fit(item.label, "semibold", c.px(21), box.w, box.bottom - y - note_h, max_lines=3)
    y = t.draw_block(c.draw, label, box.x, y, c.colours.ink) + c.px(6)
    if item.note:
        note = t.fit(item.note, "regular", c.px(17), box.w, box.bottom - y, max_lines=2)
        t.draw_block(c.draw, note, box.x, y, c.colours.muted)
