"""Time social cards (Open Graph images): the RGB ``ImageDraw.text`` + quantise drawing they
replaced against the palette drawing with cached word masks, on realistic Vietnamese titles.

Run: ``.venv/bin/python bench/cards.py [N]`` (default 400 cards; a cold 2000-article build
draws 2000). Titles come from ``corpus.py``'s phrase bank (subject, verb, object, tail:
~95 characters, 3 lines at 52-64 px). Prints ms per card by stage, PNG sizes, the
word-mask cache's hit rate and the PSNR of every new card against the old drawing.
Nothing is asserted: timings depend on the machine (2 shared cores when written).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image, ImageDraw  # noqa: E402

from corpus import CATEGORIES, OBJECTS, SUBJECTS, TAILS, VERBS  # noqa: E402
from microsite.infographics import cards as c  # noqa: E402
from microsite.infographics import typography as t  # noqa: E402
from microsite.infographics.encode import encode, palette_png, psnr  # noqa: E402
from microsite.infographics.style import BG, GOLD, INK, MUTED, RED, RULE  # noqa: E402
from microsite.infographics.text_coverage import SHARED_MASKS  # noqa: E402
from microsite.text.press import long_date  # noqa: E402

SITE = "Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng"
PUBLISHER = "Ban Tuyên giáo Thành ủy Đà Nẵng"


def titles(count: int, seed: int = 7) -> list[c.Card]:
    """Cards with corpus-style titles, a category kicker and a long date."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        subject = rng.choice(SUBJECTS)
        title = f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        out.append(c.Card("", title, rng.choice(CATEGORIES), long_date(date(2021, 1, 1) + timedelta(days=i))))
    return out


def old_render(card: c.Card) -> Image.Image:
    """The drawing before palette cards: RGB, ``ImageDraw.text`` per line (kept here to compare)."""
    image = Image.new("RGB", (c.WIDTH, c.HEIGHT), BG)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, c.HEIGHT), fill=RED)
    draw.rectangle((24, 0, 34, c.HEIGHT), fill=GOLD)
    draw.rectangle((c.LEFT, c.FOOTER_TOP, c.RIGHT, c.FOOTER_TOP + 2), fill=RULE)
    brand = t.fit(SITE, "bold", 26, c.RIGHT - c.LEFT, max_lines=1, min_size=18)
    t.draw_block(draw, brand, c.LEFT, c.FOOTER_TOP + 24, RED)
    t.draw_line(draw, PUBLISHER, (c.LEFT, c.FOOTER_TOP + 92), t.font("regular", 21), MUTED)
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


def per_card(fn: Callable[[], list], count: int) -> tuple[float, list]:  # type: ignore[type-arg]
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000 / count, result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    cards = titles(count)
    print(f"{count} cards, titles of {statistics.mean(len(k.title) for k in cards):.0f} characters on average")
    old_render(cards[0]), c.render_card(cards[0], SITE, PUBLISHER)  # fonts, cmap, frame: once per process
    old_draw, old_images = per_card(lambda: [old_render(k) for k in cards], count)
    old_png, old_files = per_card(lambda: [encode(i, webp=False, verify=False).png for i in old_images], count)
    new_draw, new_images = per_card(lambda: [c.render_card(k, SITE, PUBLISHER) for k in cards], count)
    new_png, new_files = per_card(lambda: [palette_png(i) for i in new_images], count)
    print(f"old: draw {old_draw:5.1f} ms + quantise & PNG {old_png:5.1f} ms = {old_draw + old_png:5.1f} ms/card, "
          f"PNG {statistics.mean(map(len, old_files)) / 1024:5.1f} KiB")
    print(f"new: draw {new_draw:5.1f} ms + PNG            {new_png:5.1f} ms = {new_draw + new_png:5.1f} ms/card, "
          f"PNG {statistics.mean(map(len, new_files)) / 1024:5.1f} KiB")
    total = SHARED_MASKS.hits + SHARED_MASKS.misses
    print(f"word masks: {len(SHARED_MASKS)} cached, {SHARED_MASKS.hits / total:.0%} of {total} stamps reused")
    sample = new_images[:: max(1, count // 40)]
    olds = old_images[:: max(1, count // 40)]
    quality = [psnr(o, n) for o, n in zip(olds, sample)]
    print(f"PSNR new vs old over {len(quality)} cards: min {min(quality):.1f} dB, median {statistics.median(quality):.1f} dB")


if __name__ == "__main__":
    main()
