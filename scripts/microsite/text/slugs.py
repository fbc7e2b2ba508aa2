"""ASCII URL slugs for Vietnamese titles, categories, tags and headings.

``đ``/``Đ`` have no Unicode decomposition, so NFD-and-strip slugifiers (Markdown's
default ``toc`` slugify, ``pymdownx.slugs``) silently drop them: "Đà Nẵng" becomes
"a-nang". python-slugify transliterates through text-unidecode, which maps
``đ`` -> ``d`` correctly; this module pins the options so every URL on the site
matches ``[a-z0-9-]``.
"""

from __future__ import annotations

from functools import lru_cache

from slugify import slugify as _slugify

from .normalize import nfc


@lru_cache(maxsize=16384)
def slugify(value: str, separator: str = "-") -> str:
    """Return a lowercase ASCII slug; signature matches Markdown's ``toc`` slugify hook.

    Memoised: every heading, tag and category is slugified again on each page and
    listing that shows it, and python-slugify's transliteration is the slow part."""
    return _slugify(nfc(value), separator=separator, lowercase=True)


def unique_slug(base: str, taken: set[str]) -> str:
    """Return ``base`` or ``base-2``, ``base-3``... whichever is free, and reserve it."""
    candidate, n = base or "muc", 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
