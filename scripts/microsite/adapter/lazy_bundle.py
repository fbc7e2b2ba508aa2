"""Material's JavaScript bundle on demand, and the markup it would otherwise add at load.

Why: an article is complete without Material's bundle (the drawer is a CSS checkbox, search
is our own ``search.js``), yet evaluating the bundle and mounting its components at parse
time was the largest block of main-thread work: Lighthouse (mobile, 4x CPU slowdown) gave it
597 ms of an article's 1.9 s, in the long tasks behind a Total Blocking Time of 210-400 ms;
the same page without it scored 99 with no blocking time (bench/README.md). So the page loads
``assets/javascripts/microsite-on-demand.js`` instead, which fetches the bundle
on the reader's first interaction (scroll, wheel, pointer, touch, key, focus).

What the bundle changes on an untouched page must not move when it arrives late (layout
shift): the only such change on our pages is Material's table wrapper, which makes wide
tables scroll inside the column. The build writes that wrapper into the HTML already
(:func:`prewrap_tables`); the loader takes it off again in the same task, just before
Material mounts and puts its own identical wrapper back, so no frame shows a difference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup

# Material's base.html loads its bundle with exactly this tag in {% block scripts %}.
BUNDLE_TAG = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
# Material's table wrapper (templates/table in its sources), marked as written by the build.
WRAP_OPEN = '<div class="md-typeset__scrollwrap" data-ms-prewrap><div class="md-typeset__table">'
WRAP_CLOSE = "</div></div>"


class BundleTagMissing(RuntimeError):
    """Material's scripts block no longer has the bundle tag this module rewrites."""


def bundle_on_demand(scripts: str, loader_src: str) -> Markup:
    """Jinja filter over Material's ``{% block scripts %}``: its bundle ``<script>`` becomes
    the on-demand loader, which reads the bundle's URL from ``data-bundle``."""
    found = BUNDLE_TAG.findall(str(scripts))
    if len(found) != 1:
        raise BundleTagMissing(
            "Material's {% block scripts %} changed: expected one bundle <script>, found "
            f"{len(found)}; update microsite.adapter.lazy_bundle.BUNDLE_TAG")
    loader = f'<script src="{Markup.escape(loader_src)}" data-bundle="\\g<src>"></script>'
    return Markup(BUNDLE_TAG.sub(loader, str(scripts)))


# The only tags the wrapper needs to see (comments are skipped whole); attribute values may
# hold ">" inside quotes. Markdown escapes "<" in text and code, so a tag here is a tag.
_TAG = re.compile(r"""<!--.*?-->|<(?P<end>/?)(?P<name>div|table)(?=[\s>/])(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""",
                  re.IGNORECASE | re.DOTALL)
_ANY_TABLE = re.compile("<table", re.IGNORECASE)
_CLASS_ATTR = re.compile(r"""(?:^|\s)class(?:\s*=|\s|$)""", re.IGNORECASE)
_CONTENT_ATTR = re.compile(r"""\sdata-md-component\s*=\s*["']?content["'\s>]""")  # matched on attrs + ">"


def _table_spans(html: str, inside: bool = False, offsets: Sequence[int] = ()
                 ) -> tuple[list[tuple[int, int]], list[bool]]:
    """(start of start tag, end of end tag) of each unclassed ``<table>`` inside Material's
    content element: the tables its ``table:not([class])`` selector wraps, nested ones too.
    ``inside``: ``html`` is a piece that starts inside that element (a virtual div of depth 1
    stands for it). With ``offsets`` (ascending), only the tags before the last are read, and
    the second list says, for each offset, whether that point is inside the element."""
    spans: list[tuple[int, int]] = []
    flags: list[bool] = []
    opened: list[int | None] = []
    depth = content_depth = 1 if inside else 0  # div nesting; that of the open content element (0: outside)
    pending = iter(offsets)
    at = next(pending, None)
    for tag in _TAG.finditer(html, 0, offsets[-1] if offsets else len(html)):
        while at is not None and tag.start() >= at:
            flags.append(bool(content_depth))
            at = next(pending, None)
        name, closing, attrs = (tag["name"] or "").lower(), tag["end"] == "/", tag["attrs"] or ""
        if name == "div" and not closing:
            depth += 1
            if not content_depth and _CONTENT_ATTR.search(attrs + ">"):
                content_depth = depth
        elif name == "div":
            content_depth = 0 if content_depth == depth else content_depth
            depth -= 1
        elif name == "table" and not closing:
            opened.append(tag.start() if content_depth and not _CLASS_ATTR.search(attrs) else None)
        elif name == "table" and opened:
            start = opened.pop()
            if start is not None:
                spans.append((start, tag.end()))
    while at is not None:
        flags.append(bool(content_depth))
        at = next(pending, None)
    return spans, flags


def _wrapped(html: str, spans: list[tuple[int, int]]) -> str:
    # (offset, order, text): where one table ends and the next starts, the close comes first.
    inserts = sorted([(start, 1, WRAP_OPEN) for start, _ in spans]
                     + [(end, 0, WRAP_CLOSE) for _, end in spans])
    parts, last = [], 0
    for offset, _, text in inserts:
        parts += [html[last:offset], text]
        last = offset
    parts.append(html[last:])
    return "".join(parts)


_TAG_START = re.compile(r"<(?:/?(?:div|table)(?=[\s>/])|!--)", re.IGNORECASE)


def inside_content(html: str, offsets: list[int]) -> list[bool]:
    """For each offset (ascending), whether that point of the page is inside Material's content
    element: one scan of the tags before the last offset."""
    return _table_spans(html, offsets=offsets)[1]


def ends_inside_content(html: str) -> bool:
    """Whether a page's text up to here is inside Material's content element."""
    return inside_content(html, [len(html)])[0]


def wrap_fragment(html: str, inside: bool) -> str | None:
    """A piece of a page wrapped as ``prewrap_tables`` wraps it within the whole page, or None
    when the piece could change how the rest of the page is read: it opens or closes a div or
    table it does not close or open, or holds a tag or comment that does not end inside it."""
    depth = tables = found = 0
    for tag in _TAG.finditer(html):
        found += 1
        name, closing = (tag["name"] or "").lower(), tag["end"] == "/"
        step = -1 if closing else 1
        if name == "div":
            depth += step
        elif name == "table":
            tables += step
        if depth < 0 or tables < 0:
            return None
    if depth or tables or found != len(_TAG_START.findall(html)):
        return None
    return _wrapped(html, _table_spans(html, inside)[0])


def prewrap_tables(html: str) -> str:
    """Wrap the tables Material's bundle would wrap, as it would, so a page looks the same
    before the bundle arrives (and without JavaScript) as after."""
    if not _ANY_TABLE.search(html):
        return html  # the same object: callers may test ``is`` (adapter/page_patch.py)
    spans = _table_spans(html)[0]
    return _wrapped(html, spans) if spans else html


