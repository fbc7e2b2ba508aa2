"""ASCII URL slugs for Vietnamese titles, categories, tags and headings.

``đ``/``Đ`` have no Unicode decomposition, so NFD-and-strip slugifiers (Markdown's
default ``toc`` slugify, ``pymdownx.slugs``) silently drop them: "Đắk Lắk" becomes
"ak-lak". python-slugify transliterates through text-unidecode, which maps
``đ`` -> ``d`` correctly; this module pins the options so every URL on the site
matches ``[a-z0-9-]``.

The transliteration backend is pinned too. python-slugify's default ("auto") prefers
Unidecode when it happens to be installed, so the same title could get another URL on
another machine; and it looks for Unidecode with an import that fails on every call
(a failed import is not cached: a search of ``sys.path``, ~0.2 ms per slug).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from slugify import slugify as _slugify

from .normalize import nfc

BACKEND: Final = "text-unidecode"  # python-slugify's own dependency: always installed


@lru_cache(maxsize=16384)
def slugify(value: str, separator: str = "-") -> str:
    """Return a lowercase ASCII slug; signature matches Markdown's ``toc`` slugify hook.

    Memoised: every heading, tag and category is slugified again on each page and
    listing that shows it, and python-slugify's transliteration is the slow part."""
    return _slugify(nfc(value), separator=separator, lowercase=True, backend=BACKEND)


def unique_slug(base: str, taken: set[str]) -> str:
    """Return ``base`` or ``base-2``, ``base-3``... whichever is free, and reserve it."""
    candidate, n = base or "muc", 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
