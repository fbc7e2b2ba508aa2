"""Social cards (Open Graph images, 1200x630) for every page, drawn with the same engine.

Title large, section as a red kicker, the date, and the site identity; text is
checked against the font like infographics, so Vietnamese is always drawn right.

A site draws one card per page, so cards are drawn the cheap way: straight into a
fixed palette (``palette_canvas``) with words stamped from cached masks
(``text_coverage``, ``word_masks``), and written as PNG without quantising, compressing
only the rows the card's own text covers (``frame_png``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from . import typography as t
from .cache import RenderCache, key
from .frame_png import FramePng
from .palette_canvas import Palette, PaletteCanvas
from ..content.site_config import Colours
from .style import HOUSE
from .text_coverage import block_stamps, coverage, line_stamps

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
def palette(colours: Colours = HOUSE) -> Palette:
    """The fixed palette a card is drawn in: the site's colours (``identity.colours``)."""
    return Palette(colours.background, flats=(colours.primary, colours.accent, colours.rule),
                   inks=(colours.ink, colours.primary, colours.muted))


PALETTE = palette()
# Part of every card's key: bump it whenever the pixels a card gets change, so cards
# cached by an older drawing are not reused (v2: fixed palette, stamped words; v3: PNG
# written by frame_png, same pixels; v4: deflated by ISA-L, same pixels, other bytes).
DRAWING = "card-drawing-4"


def _block(canvas: PaletteCanvas, block: t.TextBlock, x: int, y: int, colour: str) -> int:
    """Draw a fitted block with its top-left at (x, y); the y below it (as ``typography.draw_block``)."""
    canvas.ink(coverage(block_stamps(block, x, y)), colour)
    return y + block.height


def _line(canvas: PaletteCanvas, text: str, x: int, baseline: int, weight: str, size: int,
          colour: str) -> None:
    """One line checked against the font, pen at (x, baseline) (as ``typography.draw_line``)."""
    canvas.ink(coverage(line_stamps(t.ensure_drawable(text), t.font(weight, size), x, baseline)), colour)


@lru_cache(maxsize=4)
def _frame(site_name: str, publisher: str, colours: Colours = HOUSE) -> PaletteCanvas:
    """What every card of a site shares (colour bars, rule, site name, publisher), drawn once:
    a site has thousands of cards and these lines cost as much as the title."""
    canvas = PaletteCanvas((WIDTH, HEIGHT), palette(colours))
    canvas.rectangle((0, 0, 24, HEIGHT), colours.primary)
    canvas.rectangle((24, 0, 34, HEIGHT), colours.accent)
    canvas.rectangle((LEFT, FOOTER_TOP, RIGHT, FOOTER_TOP + 2), colours.rule)
    brand = t.fit(site_name, "bold", 26, RIGHT - LEFT, max_lines=1, min_size=18)
    _block(canvas, brand, LEFT, FOOTER_TOP + 24, colours.primary)
    _line(canvas, publisher, LEFT, FOOTER_TOP + 92, "regular", 21, colours.muted)
    return canvas


@lru_cache(maxsize=4)
def _frame_png(site_name: str, publisher: str, colours: Colours = HOUSE) -> FramePng:
    """The frame's rows compressed once, for every card's PNG (``frame_png``)."""
    return FramePng(_frame(site_name, publisher, colours).image)


def render_card(card: Card, site_name: str, publisher: str, colours: Colours = HOUSE) -> Image.Image:
    """The card as a palette (mode P) image, 1200x630."""
    return _draw(card, site_name, publisher, colours).image


def card_png(card: Card, site_name: str, publisher: str, colours: Colours = HOUSE) -> bytes:
    """The card's PNG; only the rows the card's own text covers are compressed afresh."""
    canvas = _draw(card, site_name, publisher, colours)
    return _frame_png(site_name, publisher, colours).encode(canvas.image, *canvas.rows_drawn())


def _draw(card: Card, site_name: str, publisher: str, colours: Colours = HOUSE) -> PaletteCanvas:
    canvas = _frame(site_name, publisher, colours).copy()
    x, right, y = LEFT, RIGHT, 72
    if card.section:
        kicker = t.fit(card.section.upper(), "bold", 24, right - x, max_lines=1)
        y = _block(canvas, kicker, x, y, colours.primary) + 22
    date_h = 44 if card.date else 0
    title = t.fit(card.title, "bold", 64, right - x, FOOTER_TOP - y - date_h - 24, max_lines=4,
                  min_size=34, leading=1.14, balance=True)
    y = _block(canvas, title, x, y, colours.ink) + 20
    if card.date:
        _line(canvas, card.date, x, y + 26, "medium", 26, colours.muted)
    return canvas


def card_path(site_dir: Path, card: Card) -> Path:
    return site_dir / card.url / FILENAME


def card_key(card: Card, site_name: str, publisher: str, colours: Colours = HOUSE) -> str:
    # Not keyed by URL: the image depends on its text only, so the pages of a listing
    # (same title, section and date) share one drawing.
    return key("card", DRAWING, card.title, card.section, card.date, site_name, publisher, *astuple(colours))


def draw_card(card: Card, cache: RenderCache, site_name: str, publisher: str, digest: str = "",
              colours: Colours = HOUSE) -> bool:
    """Draw one card into the cache unless it is there already; True if drawn."""
    digest = digest or card_key(card, site_name, publisher, colours)
    if cache.has(digest):
        return False
    # og:image is PNG only; the card is drawn in its final palette, nothing to quantise
    png = card_png(card, site_name, publisher, colours)
    cache.store(digest, {FILENAME: png}, {"files": [FILENAME], "sizes": {FILENAME: len(png)}})
    return True


def draw_cards(cards: list[Card], cache_root: Path, site_name: str, publisher: str,
               colours: Colours = HOUSE) -> int:
    """Draw the missing cards into the cache at ``cache_root``; how many were drawn.

    A plain function of picklable arguments, so a worker process can run it while
    the pages render (see ``microsite.background``)."""
    cache = RenderCache(cache_root)
    return sum(draw_card(card, cache, site_name, publisher, colours=colours) for card in cards)


def prepublish_cards(cards: list[Card], site_dir: Path, cache_root: Path, site_name: str,
                     publisher: str, colours: Colours = HOUSE) -> dict[str, str]:
    """Write these cards into the site before the pages are known (drawing any missing);
    ``{url: card key}`` of what was written, for ``publish_cards`` to skip.

    A plain function of picklable arguments: the card worker runs it once its cards are
    drawn, while the main process still converts pages."""
    cache, written = RenderCache(cache_root), {}
    for card in cards:
        digest = card_key(card, site_name, publisher, colours)
        draw_card(card, cache, site_name, publisher, digest, colours)
        cache.copy_out(digest, card_path(site_dir, card).parent)
        written[card.url] = digest
    return written


def publish_cards(cards: list[Card], site_dir: Path, cache: RenderCache, site_name: str,
                  publisher: str, written: Mapping[str, str] | None = None,
                  colours: Colours = HOUSE) -> tuple[int, int]:
    """Write every card (drawing only those missing from the cache); (drawn, reused).
    ``written``: cards ``prepublish_cards`` put in place; one whose key differs (its page
    turned out to show another title, section or date) is written again."""
    rendered = reused = 0
    written = written or {}
    for card in cards:
        digest = card_key(card, site_name, publisher, colours)
        if draw_card(card, cache, site_name, publisher, digest, colours):
            rendered += 1
        else:
            reused += 1
        if written.get(card.url) != digest:
            cache.copy_out(digest, card_path(site_dir, card).parent)
    return rendered, reused
