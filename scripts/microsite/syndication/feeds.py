"""RSS 2.0, Atom 1.0 (feedgen) and JSON Feed 1.1 for the site, each channel and each section.

feedgen writes well-formed, escaped XML; this module adds what the W3C validator and
partner CMSs look for: ``content:encoded`` with full HTML, ``media:content`` with
``media:credit``, an enclosure whose length is the real file size, an ``atom:link``
to itself, and an "updated" time taken from the newest article (never the build
clock), so the same content always gives the same bytes.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from collections.abc import Callable, Sequence
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..content.site_config import Channel
from ..content.model import Article
from ..campaign.related import tag_key
from .entry import Entry, SiteIdentity, newest, sort_entries
from .licence import image_credit
from .republish import body_html

MEDIA_NS = "http://search.yahoo.com/mrss/"
# Six feeds (RSS, Atom, JSON for the site and each section or channel) carry each article: a body
# larger than this goes into them as its summary and a link, not copied six times.
FEED_BODY_LIMIT = 100_000
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
RSS_NAME, ATOM_NAME, JSON_NAME = "feed.xml", "atom.xml", "feed.json"


@dataclass(frozen=True)
class FeedSpec:
    """One feed family (RSS + Atom + JSON) published under ``path``."""

    key: str
    title: str
    description: str
    path: str  # site-relative folder, "" for the site root, else ends with "/"
    page_path: str  # the HTML page the feed belongs to
    matches: Callable[[Article], bool] = field(compare=False, default=lambda a: True)

    def file(self, kind: str) -> str:
        return self.path + feed_format(kind).name


@dataclass(frozen=True)
class Section:
    """A themed section with its own feed: public articles carrying one of its tags."""

    key: str
    title: str
    path: str
    tags: frozenset[str]

    def matches(self, article: Article) -> bool:
        """Same rule as the section's related-news page (``campaign.related``): tag slugs."""
        return bool({tag_key(t) for t in self.tags} & {tag_key(t) for t in article.tags})




def feed_specs(identity: SiteIdentity, sections: tuple[Section, ...] = (),
               channels: Sequence[Channel] = ()) -> list[FeedSpec]:
    """Site-wide, one per channel of the communication plan (the site's), one per section."""
    specs = [FeedSpec("site", identity.name, identity.description, "", "")]
    for channel in channels:
        specs.append(FeedSpec(
            f"kenh-{channel.key}", f"{identity.name} – {channel.name}",
            f"Bài viết dành cho {channel.name}.", f"kenh/{channel.key}/", "",
            _on_channel(channel.key)))
    for section in sections:
        specs.append(FeedSpec(
            section.key, f"{identity.name} – {section.title}",
            f"Bài viết về {section.title}.", section.path, section.path, section.matches))
    return specs


def _on_channel(key: str) -> Callable[[Article], bool]:
    return lambda a: key in a.channels


# -- feedgen extension: media:content with media:credit ------------------------------

class MediaCreditExtension(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}


class MediaCreditEntryExtension(BaseEntryExtension):
    """``<media:content>`` carrying ``<media:credit>`` and ``<media:description>``.

    feedgen's bundled media extension has no credit element, and the credit is the
    one thing a partner must not lose.
    """

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, url: str, media_type: str, length: int, credit: str, description: str,
            width: int | None = None, height: int | None = None, medium: str = "image",
            duration: float | None = None, captions: str | None = None) -> None:
        item = {"url": url, "type": media_type, "fileSize": str(length), "medium": medium,
                "credit": credit, "description": description,
                "role": "photographer" if medium == "image" else "producer"}
        if width and height:
            item.update(width=str(width), height=str(height))
        if duration:
            item["duration"] = str(max(1, round(duration)))
        if captions:
            item["captions"] = captions
        self.items.append(item)

    def extend_rss(self, entry: Any) -> Any:
        for item in self.items:
            content = xml_elem(f"{{{MEDIA_NS}}}content", entry)
            for attr in ("url", "type", "fileSize", "medium", "duration", "width", "height"):
                if attr in item:
                    content.set(attr, item[attr])
            credit = xml_elem(f"{{{MEDIA_NS}}}credit", content)
            credit.set("role", item["role"])
            credit.text = item["credit"]
            desc = xml_elem(f"{{{MEDIA_NS}}}description", content)
            desc.text = item["description"]
            if "captions" in item:  # Media RSS: captions of a video or audio file
                sub = xml_elem(f"{{{MEDIA_NS}}}subTitle", content)
                sub.set("type", "text/vtt")
                sub.set("lang", "vi")
                sub.set("href", item["captions"])
        return entry

    def extend_atom(self, entry: Any) -> Any:
        return self.extend_rss(entry)


# -- building --------------------------------------------------------------------------

def _generator(spec: FeedSpec, identity: SiteIdentity, kind: str, updated: datetime) -> FeedGenerator:
    fg = FeedGenerator()
    fg.register_extension("mediacredit", MediaCreditExtension, MediaCreditEntryExtension)
    fg.load_extension("dc")
    fg.id(identity.absolute(spec.file(kind)))
    fg.title(spec.title)
    fg.subtitle(spec.description)  # RSS <description>, Atom <subtitle>
    # feedgen uses the *last* link as RSS <link>: self first, then the HTML page.
    fg.link(href=identity.absolute(spec.file(kind)), rel="self", type=MEDIA_TYPES[kind])
    fg.link(href=identity.absolute(spec.page_path), rel="alternate")
    fg.language(identity.language)
    fg.author({"name": identity.publisher, "uri": identity.url})
    fg.rights(f"{identity.publisher} – {identity.licence}")
    fg.generator("microsite")
    fg.updated(updated)
    return fg


def feed_body(entry: Entry) -> str:
    """The article's HTML for a feed: in full up to ``FEED_BODY_LIMIT``, else its summary and a link."""
    full = body_html(entry)
    if len(full) <= FEED_BODY_LIMIT:
        return full
    return (f"<p>{html.escape(entry.article.summary)}</p>\n"
            f'<p><a href="{html.escape(entry.url)}">Đọc toàn văn bài viết trên trang</a></p>')


def _add_entry(fg: FeedGenerator, entry: Entry, kind: str, publisher: str) -> None:
    article = entry.article
    fe = fg.add_entry(order="append")
    fe.id(entry.url)
    fe.guid(entry.url, permalink=True)
    fe.title(article.title)
    fe.link(href=entry.url, rel="alternate")
    fe.summary(article.summary)  # RSS <description>, Atom <summary>
    fe.content(feed_body(entry), type="CDATA")  # RSS content:encoded; Atom content (see atom())
    fe.published(entry.published)
    fe.updated(entry.modified)
    for name in article.authors:
        fe.author({"name": name})
        fe.dc.dc_creator(name)
    for term in entry.keywords:
        fe.category(term=term, label=term)
    # RSS allows one enclosure per item: the first video or audio file when the article has
    # one (what podcast and video apps fetch), else the featured image. feedgen 1.0.0 drops the
    # attributes of Atom entry links (so an enclosure would become a second rel="alternate");
    # Atom entries carry everything in media:content.
    if kind == "rss" and entry.media:
        first = entry.media[0]
        fe.enclosure(first.url, str(first.length), first.media_type)
    if entry.image:
        img = entry.image
        if kind == "rss" and not entry.media:
            fe.enclosure(img.url, str(img.length), img.media_type)
        fe.mediacredit.add(img.url, img.media_type, img.length, image_credit(img.credit), img.alt,
                           img.width, img.height)
    for media in entry.media:
        info = media.item.info
        fe.mediacredit.add(media.url, media.media_type, media.length, publisher, media.title,
                           info.width or None, info.height or None, media.kind, media.duration, media.captions_url)


def _build(spec: FeedSpec, entries: list[Entry], identity: SiteIdentity, kind: str,
           fallback: datetime) -> FeedGenerator:
    chosen = select(spec, entries)
    fg = _generator(spec, identity, kind, newest(chosen) or newest(entries) or fallback)
    for entry in chosen:
        _add_entry(fg, entry, kind, identity.publisher)
    return fg


# Newest items per feed. Feeds are polled: with every article in full, a 2000-article
# site wrote a 15 MB feed.xml that partners downloaded on every poll; older articles stay
# reachable through the ninjs index (api/ninjs/index.json) and the site's archive.
MAX_ITEMS = 50


def select(spec: FeedSpec, entries: list[Entry]) -> list[Entry]:
    """The feed's articles, newest first, at most ``MAX_ITEMS``."""
    return sort_entries([e for e in entries if spec.matches(e.article)])[:MAX_ITEMS]


def rss(spec: FeedSpec, entries: list[Entry], identity: SiteIdentity, fallback: datetime) -> bytes:
    return _build(spec, entries, identity, "rss", fallback).rss_str(pretty=True)


def atom(spec: FeedSpec, entries: list[Entry], identity: SiteIdentity, fallback: datetime) -> bytes:
    fg = _build(spec, entries, identity, "atom", fallback)
    for fe in fg.entry():
        content = fe.content()
        fe.content(content["content"], type="html")  # Atom wants escaped HTML, not CDATA
    return fg.atom_str(pretty=True)


def json_feed(spec: FeedSpec, entries: list[Entry], identity: SiteIdentity) -> dict[str, Any]:
    items = []
    for entry in select(spec, entries):
        article = entry.article
        item: dict[str, Any] = {
            "id": entry.url,
            "url": entry.url,
            "title": article.title,
            "content_html": feed_body(entry),
            "summary": article.summary,
            "image": entry.image.url if entry.image else entry.card_url,
            "banner_image": entry.card_url,
            "date_published": entry.published.isoformat(),
            "date_modified": entry.modified.isoformat(),
            "authors": [{"name": name} for name in article.authors],
            "tags": entry.keywords,
            "language": identity.language,
        }
        attachments = [{"url": m.url, "mime_type": m.media_type, "size_in_bytes": m.length, "title": m.title,
                        "duration_in_seconds": max(1, round(m.duration))} for m in entry.media]
        if entry.image:
            img = entry.image
            attachments.append({"url": img.url, "mime_type": img.media_type,
                                "size_in_bytes": img.length, "title": image_credit(img.credit)})
        if attachments:
            item["attachments"] = attachments
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": spec.title,
        "home_page_url": identity.absolute(spec.page_path),
        "feed_url": identity.absolute(spec.file("json")),
        "description": spec.description,
        "language": identity.language,
        "authors": [{"name": identity.publisher, "url": identity.url}],
        "items": items,
    }


def json_feed_bytes(spec: FeedSpec, entries: list[Entry], identity: SiteIdentity, fallback: datetime) -> bytes:
    """Compact JSON: machines read these files (a partner can pretty-print), and ``indent``
    forces the json module onto its pure-Python encoder, 5-10x slower over thousands of items."""
    doc = json_feed(spec, entries, identity)
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True)
class FeedFormat:
    """One format every feed is published in. The closed list is ``FEED_FORMATS``: the writer
    (``adapter.syndication.write_feed``, also the patch path's), the ``<link rel="alternate">``
    tags, the documents pages announce and the check's list of build outputs read it."""

    kind: str
    name: str  # the file in the feed's folder
    label: str  # in the link's title: "Tin mới (RSS)"
    media_type: str
    render: Callable[[FeedSpec, list[Entry], SiteIdentity, datetime], bytes]


FEED_FORMATS: tuple[FeedFormat, ...] = (
    FeedFormat("rss", RSS_NAME, "RSS", "application/rss+xml", rss),
    FeedFormat("atom", ATOM_NAME, "Atom", "application/atom+xml", atom),
    FeedFormat("json", JSON_NAME, "JSON Feed", "application/feed+json", json_feed_bytes),
)
MEDIA_TYPES = {f.kind: f.media_type for f in FEED_FORMATS}


def feed_format(kind: str) -> FeedFormat:
    for candidate in FEED_FORMATS:
        if candidate.kind == kind:
            return candidate
    raise ValueError(f"unknown feed format {kind!r}")
