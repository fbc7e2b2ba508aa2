"""HTML for an embedded infographic: responsive picture, data table, downloads.

``url`` turns a site-relative path (``so-lieu/x/x-web.png``) into the link to print
on the current page, so the same figure works on any page and any site_url.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..markdown.infographic_embed import figure_id
from ..text import press
from .alt import alt_text
from .publish import SRCSET_CHANNELS, Published
from .tabular import table

SIZES = "(min-width: 76.25em) 46rem, 94vw"


def _kb(size: int) -> str:
    return f"{press.number(max(1, round(size / 1024)))} KB"


def _srcset(pub: Published, url: Callable[[str], str], webp: bool) -> str | None:
    parts = []
    for name in SRCSET_CHANNELS:
        r = pub.rendition(name)
        path = r.webp if webp else r.path
        if path is None:
            return None
        parts.append(f"{escape(url(path))} {r.width}w")
    return ", ".join(parts)


def table_html(pub: Published) -> str:
    info = pub.info
    headers, rows = table(info)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = ""
    for row in rows:
        first, *rest = row
        body += f'<tr><th scope="row">{escape(first.shown)}</th>' + "".join(
            f"<td>{escape(c.shown)}</td>" for c in rest) + "</tr>"
    caption = f"{escape(info.title)} ({escape(info.as_of_text().lower().replace('số liệu ', ''))})"
    return (f'<table class="infographic-table"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def downloads_html(pub: Published, url: Callable[[str], str]) -> str:
    items = []
    for r in pub.renditions:
        label = r.channel.describe()
        items.append(f'<li><a href="{escape(url(r.path))}" download>{escape(label)}, PNG, {_kb(r.bytes)}</a></li>')
    items.append(f'<li><a href="{escape(url(pub.csv))}" download>Bảng số liệu (CSV)</a></li>')
    return '<ul class="infographic-downloads">' + "".join(items) + "</ul>"


def figure_html(pub: Published, url: Callable[[str], str], link_page: bool = True) -> str:
    info = pub.info
    web = pub.rendition("web")
    webp = _srcset(pub, url, webp=True)
    source = f'<source type="image/webp" srcset="{webp}" sizes="{SIZES}">' if webp else ""
    img = (f'<img src="{escape(url(web.path))}" srcset="{_srcset(pub, url, webp=False)}" sizes="{SIZES}" '
           f'width="{web.width}" height="{web.height}" loading="lazy" decoding="async" '
           f'alt="{escape(alt_text(info))}">')
    title = escape(info.title)
    if link_page:
        title = f'<a href="{escape(url(pub.page))}">{title}</a>'
    caption = (f"<figcaption><strong>{title}</strong> "
               f"<span>{escape(info.as_of_text())}. {escape(info.source)}</span></figcaption>")
    # The caption comes first: a <figure> takes its <figcaption> first or last, and the data
    # table and downloads follow the picture.
    return (f'<figure class="infographic" id="{figure_id(info.id)}">{caption}<picture>{source}{img}</picture>'
            f'<div class="infographic-data">{table_html(pub)}</div>'
            f'<div class="infographic-reuse"><p>Tải về (ảnh PNG cho từng kênh, số liệu CSV):</p>'
            f"{downloads_html(pub, url)}</div></figure>")
