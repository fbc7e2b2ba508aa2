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

Listings at other depths (``tin-tuc/trang/3/`` and ``tin-tuc/luu-tru/2023/trang/2/``)
differ in one link most excerpts have: the blog's own link from the excerpt to its post.
``relinked`` respells that link when it is the only relative URL and every occurrence
of it is one the blog wrote.

One thing besides links differs between two renders of the same excerpt: Material converts
it on the post's own parser, never reset, so the id of a footnote reference in a lead counts
the renders (``fnref:1``, then ``fnref2:1``); a reused render keeps the count of the first,
and a listing the page split's child renders counts on the child's copy of the parser.
Nothing links to those ids (the footnotes are cut off with the rest of the post); the tests
compare pages with the counter set aside (``tests/sitekit.footnote_counter``).
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


def relinked(documents: tuple[str, ...], paths: frozenset[str], written: int | None, target: str,
             rendered_for: str, other: str) -> tuple[str, ...] | None:
    """``documents`` as they would read on page ``other``, when their one relative URL path is
    the link to ``target`` that the blog wrote itself, ``written`` times; else None.

    A blog excerpt links to its post from its headline (and from each ``#`` anchor in it):
    ``get_relative_url(post, listing)``, which differs between listings at different depths.
    When that link is the only relative URL and every occurrence of it is one the blog wrote
    (the number of URLs with its path equals ``written``: none typed by the editor, none
    kept by MkDocs as written), spelling it from ``other`` instead gives exactly the HTML a
    render for ``other`` would give."""
    old = get_relative_url(target, rendered_for)
    if written is None or not paths <= {old}:
        return None
    new = get_relative_url(target, other)
    seen = [0, 0]  # occurrences replaced, occurrences not spelled as the blog spells them

    def swap(match: re.Match[str]) -> str:
        group = next(i for i in (1, 2, 3) if match.group(i) is not None)
        value = match.group(group)
        if _path_part(value) != old:
            return match.group(0)
        if not value.startswith(old):
            seen[1] += 1
            return match.group(0)
        seen[0] += 1
        start, end = match.start(group) - match.start(0), match.end(group) - match.start(0)
        return match.group(0)[:start] + new + value[len(old):] + match.group(0)[end:]

    moved = tuple(_URL_ATTRIBUTE.sub(swap, document) for document in documents)
    return moved if seen == [written, 0] else None
