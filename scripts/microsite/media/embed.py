"""``::video FILE`` and ``::audio FILE`` lines, and the player HTML they become.

The player is the browser's own (``<video>``/``<audio>``, no script, nothing from another
host) with ``preload="none"``: a page costs nothing extra until the reader presses play.
Captions are a ``<track>`` the browser shows; the same words are printed under the player
in a disclosure, so they are part of the page's text (search, radio script, copy-ready HTML).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from ..content.model import Article
from .model import AUDIO, VIDEO, MediaItem, clock_duration

EMBED_RE = re.compile(r'^::(?P<kind>video|audio)[ \t]+(?P<src>[^\s"]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
MARKERS = ("::video", "::audio")  # a body holding one reads files beside it (incremental builds look)
ANY_EMBED_RE = re.compile(r"^::(?:video|audio)\b")
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
CAPTION_LABEL = "Phụ đề tiếng Việt"
TRANSCRIPT_SUMMARY = {VIDEO: "Lời thoại của video (bản chữ)", AUDIO: "Lời của bản tin âm thanh (bản chữ)"}


@dataclass(frozen=True)
class EmbedLine:
    """One ``::video``/``::audio`` line as written (``title`` "" when none)."""

    line: int  # 1-based, in the text it was found in
    kind: str
    src: str  # as written: relative to the Markdown file
    title: str
    raw: str


def parse_line(line: str) -> tuple[str, str, str] | None:
    """(kind, src, title) of an embed line; None if the line is not one."""
    match = EMBED_RE.match(line.strip())
    if match is None:
        return None
    return match.group("kind"), match.group("src"), (match.group("title") or "").strip()


def find_embeds(text: str) -> list[EmbedLine]:
    """Every embed line outside fenced code, and lines that start like one but are not
    (``src`` empty: the check explains the syntax)."""
    out, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE_RE.match(line):
            fenced = not fenced
            continue
        stripped = line.strip()
        if fenced or not ANY_EMBED_RE.match(stripped):
            continue
        parsed = parse_line(stripped)
        kind, src, title = parsed if parsed else (stripped[2:7], "", "")
        out.append(EmbedLine(number, kind, src, title, stripped))
    return out


def docs_path(page_src: str, src: str) -> str:
    """The ``docs/``-relative path of ``src`` written in the page at ``page_src`` (may start
    with ``..`` when it leaves ``docs/``: the check refuses that)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src), src.replace("\\", "/")))


def embedded(items: Mapping[str, MediaItem], page_src: str, body: str) -> list[tuple[EmbedLine, MediaItem]]:
    """The checked media a body embeds, in order, each file once, with the line that embeds it."""
    out: dict[str, tuple[EmbedLine, MediaItem]] = {}
    for embed in find_embeds(body):
        item = items.get(docs_path(page_src, embed.src)) if embed.src else None
        if item is not None and item.kind == embed.kind and item.src not in out:
            out[item.src] = (embed, item)
    return list(out.values())


def lead_video_line(article: Article) -> str:
    """The front matter's ``video`` (a lead video standing in for the lead photo) as the embed
    line it stands for: checked, played and syndicated like one; "" when there is none."""
    src = article.meta.get("video")
    return f"::video {src}" if isinstance(src, str) and src.strip() else ""


def embedded_in_article(items: Mapping[str, MediaItem], article: Article) -> list[tuple[EmbedLine, MediaItem]]:
    """The article's media in reading order: its lead video first, then the body's embeds."""
    found = embedded(items, article.rel_path, lead_video_line(article) + "\n\n" + article.body)
    return found


def _size_text(size: int) -> str:
    mb = size / 1024 / 1024
    return f"{mb:.1f} MB".replace(".", ",") if mb >= 0.1 else f"{max(1, round(size / 1024))} KB"


def player_html(item: MediaItem, title: str, url: Callable[[str], str]) -> str:
    """The figure: player with captions, caption line, download link and transcript (no
    fallback text inside the player: the download link beside it serves every browser, and
    text inside would be read twice by the search index and the radio script).
    ``url`` turns a ``docs/``-relative path into the page-relative URL of the published file."""
    e = escape
    media_url, track_url = e(url(item.src)), e(url(item.captions))
    label = title or ("Video" if item.kind == VIDEO else "Bản tin âm thanh")
    length = clock_duration(item.duration)
    attrs = f'controls preload="none" aria-label="{e(label)}"'
    if item.kind == VIDEO:
        attrs += ' playsinline'
        if item.poster:
            attrs += f' poster="{e(url(item.poster))}"'
        if item.info.width and item.info.height:
            attrs += f' width="{item.info.width}" height="{item.info.height}"'
    kind_name = "video" if item.kind == VIDEO else "âm thanh"
    ext = posixpath.splitext(item.src)[1].lstrip(".").upper()
    download = (f'<a href="{media_url}" download>Tải tệp {kind_name} ({ext}, {_size_text(item.info.size)})</a>')
    transcript = "".join(f"<p>{e(p)}</p>" for p in item.transcript)
    return (
        f'<figure class="media-player media-{item.kind}">'
        f"<{item.kind} {attrs}>"
        f'<source src="{media_url}" type="{e(item.mime)}">'
        f'<track kind="captions" srclang="vi" label="{CAPTION_LABEL}" src="{track_url}" default>'
        f"</{item.kind}>"
        f'<figcaption><span class="media-title">{e(label)}</span> '
        f'<span class="media-length">({length})</span> · {download}</figcaption>'
        "</figure>"
        # Outside the figure: the radio script leaves figures out, the transcript is read.
        f'<details class="media-transcript"><summary>{TRANSCRIPT_SUMMARY[item.kind]}</summary>{transcript}</details>'
    )


def missing_html(src: str) -> str:
    """What the build shows where a media file is unknown (the check refuses it before)."""
    return f'<p class="admonition warning">Không tìm thấy tệp video hoặc âm thanh "{escape(src)}".</p>'
