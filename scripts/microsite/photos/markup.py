"""HTML of a photo: ``<picture>`` with WebP and JPEG ``srcset``, ``sizes``, width and height.

Width and height are the chosen variant's real pixel size, so the browser reserves the box
before a byte arrives (no layout shift); ``loading="lazy"`` below the fold, and for the one
photo that is the page's largest content ``fetchpriority="high"`` with eager loading.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from .library import PhotoSet, Rendition, Variant

# ``sizes`` for the places the theme shows photos (theme CSS: the article column is at most
# 45rem; a listing's thumbnail 11rem beside the text on wide screens, full width on phones).
SIZES_ARTICLE = "(min-width: 76.25em) 45rem, (min-width: 60em) 70vw, 100vw"
SIZES_THUMB = "(min-width: 45em) 11rem, 100vw"
SIZES_CARD = "(min-width: 60em) 22rem, (min-width: 45em) 45vw, 100vw"
SIZES_LIST = "6rem"  # the small thumbnails beside a title in lists ("Tin liên quan", tag listings)


def _attrs(pairs: list[tuple[str, str | int | None]]) -> str:
    return "".join(f' {name}="{escape(str(value), quote=True)}"' for name, value in pairs if value is not None)


Linker = Callable[[str], str]  # site path -> the URL the page writes


def _same(path: str) -> str:
    return path


def img_tag(rendition: Rendition, alt: str, url: Linker = _same, *, eager: bool = False,
            css_class: str | None = None, srcset: str | None = None, sizes: str | None = None) -> str:
    """One ``<img>`` with its real size; lazy unless ``eager`` (then high priority)."""
    return "<img" + _attrs([
        ("src", url(rendition.path)), ("srcset", srcset), ("sizes", sizes if srcset else None),
        ("width", rendition.width), ("height", rendition.height), ("alt", alt), ("class", css_class),
        ("loading", None if eager else "lazy"), ("decoding", "async" if not eager else None),
        ("fetchpriority", "high" if eager else None),
    ]) + ">"


def picture_html(photo: PhotoSet, alt: str, *, variant: str = "", sizes: str = SIZES_ARTICLE,
                 url: Linker = _same, eager: bool = False, css_class: str | None = None) -> str:
    """``<picture>`` of one variant (``""`` own ratio, ``"16x9"``) of ``photo``; ``url`` turns a
    site path into the link the page writes (relative to the page, or absolute for partners)."""
    chosen: Variant = photo.variant(variant)
    fallback = chosen.fallback()
    source = ""
    if chosen.webp:
        source = "<source" + _attrs([("type", "image/webp"), ("srcset", chosen.srcset("webp", url)),
                                     ("sizes", sizes)]) + ">"
    img = img_tag(fallback, alt, url, eager=eager, css_class=css_class,
                  srcset=chosen.srcset("jpeg", url), sizes=sizes)
    return f"<picture>{source}{img}</picture>"
