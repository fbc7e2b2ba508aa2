"""The social card as it was drawn before palette cards: RGB, ``ImageDraw.text`` line by line.

The oracle the faster drawing is measured against (tests/test_card_drawing.py and
bench/cards.py): same layout constants and fitting as ``microsite.infographics.cards``,
text through Pillow's own renderer instead of stamped word masks.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from microsite.infographics import cards as c
from microsite.infographics import typography as t
from microsite.infographics.style import BG, GOLD, INK, MUTED, RED, RULE


def rgb_card(card: c.Card, site_name: str, publisher: str) -> Image.Image:
    image = Image.new("RGB", (c.WIDTH, c.HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, c.HEIGHT), fill=RED)
    draw.rectangle((24, 0, 34, c.HEIGHT), fill=GOLD)
    draw.rectangle((c.LEFT, c.FOOTER_TOP, c.RIGHT, c.FOOTER_TOP + 2), fill=RULE)
    brand = t.fit(site_name, "bold", 26, c.RIGHT - c.LEFT, max_lines=1, min_size=18)
    t.draw_block(draw, brand, c.LEFT, c.FOOTER_TOP + 24, RED)
    t.draw_line(draw, publisher, (c.LEFT, c.FOOTER_TOP + 92), t.font("regular", 21), MUTED)
    x, right, y = c.LEFT, c.RIGHT, 72
    if card.section:
        kicker = t.fit(card.section.upper(), "bold", 24, right - x, max_lines=1)
        y = t.draw_block(draw, kicker, x, y, RED) + 22
    date_h = 44 if card.date else 0
    title = t.fit(card.title, "bold", 64, right - x, c.FOOTER_TOP - y - date_h - 24, max_lines=4,
                  min_size=34, leading=1.14, balance=True)
    y = t.draw_block(draw, title, x, y, INK) + 20
    if card.date:
        t.draw_line(draw, card.date, (x, y + 26), t.font("medium", 26), MUTED)
    return image
