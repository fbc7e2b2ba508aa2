"""Social cards (Open Graph images, 1200x630) for every page, drawn with the same engine.

Title large, section as a red kicker, the date, and the site identity; text is
checked against the font like infographics, so Vietnamese is always drawn right.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from . import typography as t
from .cache import RenderCache, key
from .encode import encode
from .style import BG, GOLD, INK, MUTED, RED, RULE

WIDTH, HEIGHT = 1200, 630
FILENAME = "og.png"


@dataclass(frozen=True)
class Card:
    url: str  # page URL relative to the site root ("" for home, "tin-tuc/.../")
    title: str
    section: str = ""
    date: str = ""  # already formatted, e.g. "Thứ Tư, ngày 29-3-2023"


FOOTER_TOP = HEIGHT - 124
LEFT, RIGHT = 96, WIDTH - 80


@lru_cache(maxsize=4)
def _frame(site_name: str, publisher: str) -> Image.Image:
    """What every card of a site shares (colour bars, rule, site name, publisher), drawn once:
    a site has thousands of cards and these lines cost as much as the title."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=RED)
    draw.rectangle((24, 0, 34, HEIGHT), fill=GOLD)
    draw.rectangle((LEFT, FOOTER_TOP, RIGHT, FOOTER_TOP + 2), fill=RULE)
    brand = t.fit(site_name, "bold", 26, RIGHT - LEFT, max_lines=1, min_size=18)
    t.draw_block(draw, brand, LEFT, FOOTER_TOP + 24, RED)
    t.draw_line(draw, publisher, (LEFT, FOOTER_TOP + 92), t.font("regular", 21), MUTED)
    return image


def render_card(card: Card, site_name: str, publisher: str) -> Image.Image:
    image = _frame(site_name, publisher).copy()
    draw = ImageDraw.Draw(image)
    x, right, y = LEFT, RIGHT, 72
    if card.section:
        kicker = t.fit(card.section.upper(), "bold", 24, right - x, max_lines=1)
        y = t.draw_block(draw, kicker, x, y, RED) + 22
    date_h = 44 if card.date else 0
    title = t.fit(card.title, "bold", 64, right - x, FOOTER_TOP - y - date_h - 24, max_lines=4,
                  min_size=34, leading=1.14, balance=True)
    y = t.draw_block(draw, title, x, y, INK) + 20
    if card.date:
        t.draw_line(draw, card.date, (x, y + 26), t.font("medium", 26), MUTED)
    return image


def card_path(site_dir: Path, card: Card) -> Path:
    return site_dir / card.url / FILENAME


def card_key(card: Card, site_name: str, publisher: str) -> str:
    # Not keyed by URL: the image depends on its text only, so the pages of a listing
    # (same title, section and date) share one drawing.
    return key("card", card.title, card.section, card.date, site_name, publisher)


def draw_card(card: Card, cache: RenderCache, site_name: str, publisher: str, digest: str = "") -> bool:
    """Draw one card into the cache unless it is there already; True if drawn."""
    digest = digest or card_key(card, site_name, publisher)
    if cache.has(digest):
        return False
    # og:image is PNG only; a card is flat colour and type, so the palette needs no PSNR check
    png = encode(render_card(card, site_name, publisher), webp=False, verify=False).png
    cache.store(digest, {FILENAME: png}, {"files": [FILENAME], "sizes": {FILENAME: len(png)}})
    return True


def draw_cards(cards: list[Card], cache_root: Path, site_name: str, publisher: str) -> int:
    """Draw the missing cards into the cache at ``cache_root``; how many were drawn.

    A plain function of picklable arguments, so a worker process can run it while
    the pages render (see ``microsite.background``)."""
    cache = RenderCache(cache_root)
    return sum(draw_card(card, cache, site_name, publisher) for card in cards)


def publish_cards(cards: list[Card], site_dir: Path, cache: RenderCache, site_name: str,
                  publisher: str) -> tuple[int, int]:
    """Write every card (drawing only those missing from the cache); (drawn, reused)."""
    rendered = reused = 0
    for card in cards:
        digest = card_key(card, site_name, publisher)
        if draw_card(card, cache, site_name, publisher, digest):
            rendered += 1
        else:
            reused += 1
        cache.copy_out(digest, card_path(site_dir, card).parent)
    return rendered, reused
