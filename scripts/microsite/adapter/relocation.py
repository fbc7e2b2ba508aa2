"""Whether HTML rendered for one page is, byte for byte, what another page would render.

MkDocs makes every link between pages relative (``get_relative_url``): the only way the
HTML of the same Markdown depends on the page it is shown on. A blog post's excerpt is
rendered once per listing that shows it (the blog's index page, its archive year, its
category), and listings at the same depth below the blog folder (``tin-tuc/trang/3/``,
``tin-tuc/luu-tru/2023/``, ``tin-tuc/chuyen-muc/x/``) reach every post by the same
relative URL. So the HTML made for one listing can stand for another when every
relative URL in it, taken back to the page it points to, is spelled the same from
there. Anything else that looks like a URL (raw HTML the editor wrote, which MkDocs
leaves alone) takes part in the comparison too: at worst a render is not reused.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

_URL_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _path_part(value: str) -> str | None:
    """The path of a relative URL (no scheme, host, leading slash or bare fragment); else None."""
    value = html.unescape(value).strip()
    if not value or value.startswith(("#", "/")):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return parts.path or None


def relative_paths(*documents: str) -> frozenset[str]:
    """Every relative URL path in ``documents`` (HTML)."""
    found = set()
    for document in documents:
        for match in _URL_ATTRIBUTE.finditer(document or ""):
            path = _path_part(next(g for g in match.groups() if g is not None))
            if path is not None:
                found.add(path)
    return frozenset(found)


def _target(path: str, page_url: str) -> str:
    """The site URL that ``get_relative_url(target, page_url)`` spelled as ``path``."""
    base = page_url
    head, last = posixpath.split(page_url)
    if "." in last:  # MkDocs drops a file name from the page it counts from
        base = head
    target = posixpath.normpath(posixpath.join("/" + base, path)).lstrip("/")
    return target + "/" if path.endswith("/") and target else target


def same_on(paths: frozenset[str], rendered_for: str, other: str) -> bool:
    """True if each relative path written for page ``rendered_for`` reads the same from ``other``."""
    if rendered_for == other:
        return True
    for path in paths:
        target = _target(path, rendered_for)
        if get_relative_url(target, rendered_for) != path or get_relative_url(target, other) != path:
            return False
    return True
