"""HTML of a photo: ``<picture>`` with WebP and JPEG ``srcset``, ``sizes``, width and height.

Width and height are the chosen variant's real pixel size, so the browser reserves the box
before a byte arrives (no layout shift); ``loading="lazy"`` below the fold, and for the one
photo that is the page's largest content ``fetchpriority="high"`` with eager loading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from .library import PhotoSet, Rendition, Variant

# ``sizes`` for the places the theme shows photos (theme CSS: the article column is at most
# 45rem; a listing's thumbnail 11rem beside the text on wide screens, full width on phones).
# Below 60em the content has 0.8rem (16 px) of margin each side: ``100vw - 2rem`` is the
# column's real width (``rem`` in ``sizes`` is always 16 px), so a 390 px phone at DPR 3
# asks for 1074 px, not 1170 (measured in Chromium: the lead is 358 px wide there).
PHONE_COLUMN = "calc(100vw - 2rem)"
SIZES_ARTICLE = f"(min-width: 76.25em) 45rem, (min-width: 60em) 70vw, {PHONE_COLUMN}"
# A box set in the theme's rem (Material's root is 20 px up to 100em wide) is given in px here.
SIZES_THUMB = f"(min-width: 45em) 220px, {PHONE_COLUMN}"
SIZES_CARD = f"(min-width: 60em) 22rem, (min-width: 45em) 45vw, {PHONE_COLUMN}"
# The front page's latest news: on a phone a 7rem (140 px) picture beside each title.
SIZES_CARD_COMPACT = "(min-width: 60em) 22rem, (min-width: 45em) 45vw, 140px"
SIZES_LIST = "120px"  # the 6rem thumbnails beside a title in lists ("Tin liên quan", tag listings)


def _attrs(pairs: list[tuple[str, str | int | None]]) -> str:
    return "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in pairs if value is not None)


Linker = Callable[[str], str]  # site path -> the URL the page writes


def _same(path: str) -> str:
    return path


def img_tag(rendition: Rendition, alt: str, url: Linker = _same, *, eager: bool = False,
            css_class: str | None = None, srcset: str | None = None, sizes: str | None = None) -> str:
    """One ``<img>`` with its real size; lazy unless ``eager`` (then high priority)."""
    return "<img" + _attrs([
        ("src", url(rendition.path)), ("srcset", srcset), ("sizes", sizes if srcset and sizes else None),
        ("width", rendition.width), ("height", rendition.height), ("alt", alt), ("class", css_class),
        ("loading", None if eager else "lazy"), ("decoding", "async" if not eager else None),
        ("fetchpriority", "high" if eager else None),
    ]) + ">"


def picture_html(photo: PhotoSet, alt: str, *, variant: str = "", sizes: str = SIZES_ARTICLE,
                 url: Linker = _same, eager: bool = False, css_class: str | None = None) -> str:
    """``<picture>`` of one variant (``""`` own ratio, ``"16x9"``) of ``photo``; ``url`` turns a
    site path into the link the page writes (relative to the page, or absolute for partners)."""
    chosen: Variant = photo.variant(variant)
    box = re.fullmatch(r"(\d+)px", sizes.strip())
    if box is not None:
        return _fixed_picture(chosen, int(box.group(1)), alt, url, eager, css_class)
    fallback = chosen.fallback()
    source = ""
    if chosen.webp:
        source = _fixed_box_source(chosen, sizes, url) + "<source" + _attrs([
            ("type", "image/webp"), ("srcset", chosen.srcset("webp", url)), ("sizes", sizes)]) + ">"
    img = img_tag(fallback, alt, url, eager=eager, css_class=css_class,
                  srcset=chosen.srcset("jpeg", url), sizes=sizes)
    return f"<picture>{source}{img}</picture>"


def _density_set(renditions: tuple[Rendition, ...], px: int) -> list[tuple[int, Rendition]]:
    """The smallest file at least ``px`` wide at one and at two device pixels per CSS pixel."""
    out: list[tuple[int, Rendition]] = []
    for density in (1, 2):
        pick = next((r for r in renditions if r.width >= px * density), renditions[-1])
        if all(pick is not chosen for _, chosen in out):
            out.append((density, pick))
    return out


def _density_srcset(items: list[tuple[int, Rendition]], url: Linker) -> str:
    return ", ".join(f"{url(r.path)} {d}x" for d, r in items)


def _fixed_picture(chosen: Variant, px: int, alt: str, url: Linker, eager: bool, css_class: str | None) -> str:
    """A box of ``px`` CSS pixels everywhere (a list's thumbnail): its 1x/2x files only, no
    ``sizes``. A tag page lists every article once per tag: a full ``srcset`` there is kilobytes
    of markup per entry for a picture 120 px wide."""
    jpeg = _density_set(chosen.jpeg, px)
    webp = _density_srcset(_density_set(chosen.webp, px), url)
    source = "<source" + _attrs([("type", "image/webp"), ("srcset", webp)]) + ">"
    img = img_tag(jpeg[0][1], alt, url, eager=eager, css_class=css_class, srcset=_density_srcset(jpeg, url))
    return f"<picture>{source if chosen.webp else ''}{img}</picture>"


def _fixed_box_source(chosen: Variant, sizes: str, url: Linker) -> str:
    """For ``sizes`` whose last entry (a phone's) is a fixed box in px, a phone's ``<source>``
    offering that box at one and two device pixels per CSS pixel, no more: a 140 px thumbnail
    on a DPR 3 phone loads the 320 px file (6 KB), not the 640 px one (35 KB on the bench's
    picture), as sites ship 1x/2x files for fixed-size boxes; "" for any other ``sizes``."""
    entries = [e.strip() for e in sizes.split(",")]
    box = re.fullmatch(r"(\d+)px", entries[-1])
    widths = [float(m) for e in entries[:-1] for m in re.findall(r"\(min-width:\s*([\d.]+)em\)", e)]
    if box is None or not widths:
        return ""
    srcset = _density_srcset(_density_set(chosen.webp, int(box.group(1))), url)
    return "<source" + _attrs([("media", f"(max-width: {min(widths) - 1 / 64}em)"), ("type", "image/webp"),
                               ("srcset", srcset)]) + ">"
