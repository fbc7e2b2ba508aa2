"""Time social cards (Open Graph images): the RGB ``ImageDraw.text`` + quantise drawing they
replaced against the palette drawing with cached word masks, on realistic Vietnamese titles;
and the PNG of a whole card (Pillow) against the PNG of its drawn rows (``frame_png``).

Run: ``.venv/bin/python bench/cards.py [--sizes 100,500,2000] [--old 100]`` (a cold
2000-article build draws 2000 cards; the word-mask cache pays more the more cards).
Titles come from ``corpus.py``'s phrase bank (subject, verb, object, tail:
~95 characters, 3 lines at 52-64 px). Prints ms per card by stage, PNG sizes, the
word-mask cache's hit rate and the PSNR of every new card against the old drawing.
Nothing is asserted: timings depend on the machine (2 shared cores when written).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))  # card_reference: the RGB drawing cards replaced

from corpus import CATEGORIES, OBJECTS, SUBJECTS, TAILS, VERBS  # noqa: E402
from microsite.infographics import cards as c  # noqa: E402
from microsite.infographics import typography as t  # noqa: E402
from microsite.infographics.encode import encode, psnr  # noqa: E402
from microsite.infographics.text_coverage import SHARED_MASKS  # noqa: E402
from microsite.text.press import long_date  # noqa: E402
from card_reference import rgb_card  # noqa: E402

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


def per_card(fn: Callable[[], list], count: int) -> tuple[float, list]:  # type: ignore[type-arg]
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000 / count, result


def cold() -> None:
    """Forget every memo a fresh build worker would not have (fonts and the frame stay)."""
    SHARED_MASKS.clear()
    t.text_width.cache_clear()
    t._measured.cache_clear()


# zlib level of the Pillow reference: the level cards were written at before ``frame_png``
# (level 3 took 3,6 ms and 29 KiB a card, level 6 7-8,5 ms and 24 KiB, level 1 3,0 ms and 33 KiB).
PILLOW_LEVEL = 3


def pillow(image: Image.Image) -> bytes:
    """The whole card through Pillow's PNG encoder (zlib), for comparison with ``frame_png``."""
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=PILLOW_LEVEL)
    return out.getvalue()


def kib(files: list[bytes]) -> str:
    return f"PNG {statistics.mean(map(len, files)) / 1024:5.1f} KiB (max {max(map(len, files)) / 1024:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,500", help="card counts for the new drawing, each from cold memos")
    parser.add_argument("--old", type=int, default=100, help="cards drawn the old way (its cost does not depend on N)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    cards = titles(max(sizes + [args.old]))
    print(f"titles of {statistics.mean(len(k.title) for k in cards):.0f} characters on average")
    rgb_card(cards[0], SITE, PUBLISHER), c.render_card(cards[0], SITE, PUBLISHER)  # fonts, cmap, frame

    cold()
    sample = cards[:args.old]
    old_draw, old_images = per_card(lambda: [rgb_card(k, SITE, PUBLISHER) for k in sample], len(sample))
    old_png, old_files = per_card(lambda: [encode(i, webp=False, verify=False).png for i in old_images], len(sample))
    print(f"old, {len(sample):5d} cards: draw {old_draw:5.1f} + quantise & PNG {old_png:5.1f} = "
          f"{old_draw + old_png:5.1f} ms/card, {kib(old_files)}")
    for size in sizes:
        cold()
        new_draw, canvases = per_card(lambda: [c._draw(k, SITE, PUBLISHER) for k in cards[:size]], size)
        new_images = [canvas.image for canvas in canvases]
        frame = c._frame_png(SITE, PUBLISHER)
        pillow_png, _ = per_card(lambda: [pillow(i) for i in new_images], size)
        new_png, new_files = per_card(lambda: [frame.encode(k.image, *k.rows_drawn()) for k in canvases], size)
        print(f"     PNG of the whole card by Pillow: {pillow_png:5.1f} ms/card; of the drawn rows only "
              f"(frame_png): {new_png:5.1f} ms/card")
        stamps = SHARED_MASKS.hits + SHARED_MASKS.misses
        print(f"new, {size:5d} cards: draw {new_draw:5.1f} + PNG {new_png:5.1f} = {new_draw + new_png:5.1f} ms/card, "
              f"{kib(new_files)}; word masks rasterised for {SHARED_MASKS.misses / stamps:.0%} of {stamps} words, "
              f"{SHARED_MASKS.pixels / 1e6:.1f} MB held")
    quality = [psnr(o, n) for o, n in zip(old_images[::5], new_images[:len(old_images):5])]
    print(f"PSNR new vs old (RGB) over {len(quality)} cards: min {min(quality):.1f} dB, "
          f"median {statistics.median(quality):.1f} dB")


if __name__ == "__main__":
    main()
