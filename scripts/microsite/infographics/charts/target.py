"""Target vs actual: actual values as bars, the target as a gold band across them all."""

from __future__ import annotations

from .. import typography as t
from ..model import Infographic
from ..style import Box, Canvas
from .bars import draw_rows, scale_max


def draw(c: Canvas, info: Infographic, box: Box) -> None:
    assert info.target is not None
    goal = info.target
    key = c.px(22)
    head = t.fit(f"{goal.label}: {goal.quantity.text()}", "bold", c.px(21), box.w - key - c.px(10), max_lines=2)
    t.draw_block(c.draw, head, box.x + key + c.px(10), box.y, c.colours.ink)
    c.draw.rectangle((box.x, box.y + c.px(4), box.x + key, box.y + c.px(4) + key * 0.7), fill=c.colours.accent)
    body = Box(box.x, box.y + head.height + c.px(18), box.w, box.h - head.height - c.px(18))
    top = scale_max(info.figures, goal.quantity.top) * 1.08
    # Measure first so the band can be painted under the bars.
    probe = t.font("extrabold", min(c.px(34), int(body.h / len(info.figures) * 0.34)))
    value_w = max(t.text_width(f.quantity.text(), probe) for f in info.figures) + c.px(16)
    span = body.w - value_w
    x0 = body.x + span * goal.quantity.value / top
    x1 = body.x + span * goal.quantity.top / top
    rows = draw_rows(c, info.figures, body, top)
    for bar_y, bar_h in rows:
        pad = c.px(6)
        c.draw.rectangle((x0 - c.px(2), bar_y - pad, max(x1, x0 + c.px(4)) + c.px(2), bar_y + bar_h + pad),
                         outline=c.colours.accent, width=c.px(3))
