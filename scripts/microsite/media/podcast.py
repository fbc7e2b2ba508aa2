"""The site's audio as a podcast: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

Apple Podcasts, Spotify and the Podcast Index read the ``itunes:`` elements (category,
explicit, image, duration) and ``podcast:`` ones (the feed's GUID, a transcript per
episode); the W3C feed validator checks the same rules (``itunes:explicit`` is ``true`` or
``false``, a category of Apple's current list, an image URL ending in .jpg or .png). Each
audio file of a public article is one episode; the article is its link, the captions its
transcript. Same articles, same bytes: dates come from the articles, never the clock.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree
from PIL import Image, ImageDraw

from ..content.site_config import Colours
from ..infographics.typography import draw_block, fit

PODCAST_PATH = "podcast.xml"
COVER_PATH = "podcast.png"
COVER_SIZE = 1400  # Apple's minimum; square
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_TYPE = "application/rss+xml"
CATEGORY = "Government"  # Apple's list (2019 on): government communication
# Podcasting 2.0: a feed's GUID is the UUIDv5 of its URL without the scheme, in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a0b28ba3f6ff")
EPISODE_SUFFIX = " – Bản tin âm thanh"


@dataclass(frozen=True)
class Episode:
    """One audio file of a public article."""

    title: str
    article_url: str
    summary: str
    published: datetime
    url: str  # the audio file
    media_type: str
    length: int
    duration: float
    captions_url: str
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Show:
    """The feed's own facts (the site's)."""

    title: str
    description: str
    site_url: str  # absolute, ends with "/"
    feed_url: str
    cover_url: str
    publisher: str
    copyright: str
    language: str = "vi"


def podcast_guid(feed_url: str) -> str:
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _itunes(name: str) -> str:
    return f"{{{ITUNES_NS}}}{name}"


def _podcast(name: str) -> str:
    return f"{{{PODCAST_NS}}}{name}"


def podcast_feed(show: Show, episodes: Sequence[Episode], fallback: datetime) -> bytes:
    """The feed, newest episode first (ties by URL: the same input gives the same bytes)."""
    ordered = sorted(episodes, key=lambda e: (-e.published.timestamp(), e.url))
    rss = etree.Element("rss", nsmap={"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": ATOM_NS})
    rss.set("version", "2.0")
    channel = _sub(rss, "channel")
    _sub(channel, "title", show.title)
    _sub(channel, "link", show.site_url)
    _sub(channel, "description", show.description)
    _sub(channel, "language", show.language)
    _sub(channel, "copyright", show.copyright)
    newest = ordered[0].published if ordered else fallback
    _sub(channel, "lastBuildDate", format_datetime(newest))
    _sub(channel, "generator", "microsite")
    _sub(channel, f"{{{ATOM_NS}}}link", href=show.feed_url, rel="self", type=CONTENT_TYPE)
    image = _sub(channel, "image")
    _sub(image, "url", show.cover_url)
    _sub(image, "title", show.title)
    _sub(image, "link", show.site_url)
    _sub(channel, _itunes("author"), show.publisher)
    _sub(channel, _itunes("image"), href=show.cover_url)
    etree.SubElement(channel, _itunes("category"), {"text": CATEGORY})
    _sub(channel, _itunes("explicit"), "false")
    _sub(channel, _itunes("type"), "episodic")
    _sub(channel, _podcast("guid"), podcast_guid(show.feed_url))
    _sub(channel, _podcast("medium"), "podcast")
    _sub(channel, _podcast("locked"), "no")
    for episode in ordered:
        item = _sub(channel, "item")
        _sub(item, "title", episode.title)
        _sub(item, "link", episode.article_url)
        _sub(item, "description", episode.summary)
        _sub(item, "guid", episode.url, isPermaLink="false")
        _sub(item, "pubDate", format_datetime(episode.published))
        if episode.authors:
            _sub(item, _itunes("author"), ", ".join(episode.authors))
        _sub(item, "enclosure", url=episode.url, length=str(episode.length), type=episode.media_type)
        _sub(item, _itunes("duration"), str(max(1, round(episode.duration))))
        _sub(item, _itunes("explicit"), "false")
        _sub(item, _itunes("episodeType"), "full")
        _sub(item, _podcast("transcript"), url=episode.captions_url, type="text/vtt", language="vi", rel="captions")
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def cover_png(title: str, subtitle: str, colours: Colours) -> bytes:
    """The show's square cover (directories ask 1400-3000 px, JPEG or PNG): the site's name on
    its house colour, drawn with the site's typeface."""
    image = Image.new("RGB", (COVER_SIZE, COVER_SIZE), colours.primary)
    draw = ImageDraw.Draw(image)
    margin = 120
    width = COVER_SIZE - 2 * margin
    heading = fit(title, "bold", 120, width, height=COVER_SIZE * 0.55, max_lines=5)
    below = draw_block(draw, heading, margin, margin, colours.background)
    draw.rectangle((margin, below + 50, margin + 220, below + 66), fill=colours.accent)
    caption = fit(subtitle, "semibold", 72, width, max_lines=2)
    draw_block(draw, caption, margin, below + 110, colours.background)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def press_markdown(episodes: int, feed_href: str) -> str:
    """The press page's podcast block (``<!-- microsite:podcast -->``): the feed's address for
    a podcast app or a radio newsroom, or a sentence saying there is no audio yet."""
    if not episodes:
        return "Trang chưa có bản tin âm thanh nào; kênh podcast sẽ có khi bài viết đầu tiên kèm âm thanh được đăng."
    return (f"Các bản tin âm thanh của trang ({episodes} bản tin, có phụ đề tiếng Việt) có trong kênh podcast "
            f'<a href="{feed_href}" type="{CONTENT_TYPE}">podcast.xml</a> (RSS 2.0). Thêm địa chỉ này vào ứng dụng '
            "nghe podcast, hoặc vào phần mềm của phòng biên tập để nhận bản tin mới.")
