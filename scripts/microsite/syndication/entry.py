"""What syndication needs to know about one published article, beyond the ``Article`` itself.

A site engine renders the Markdown; this module only records the result (clean HTML
with absolute URLs), the canonical URL and the featured image file, so every output
(feeds, ninjs, press kit, JSON-LD) is computed from the same facts.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from PIL import Image

from ..content.model import Article
from ..media.model import MediaItem

CARD_NAME = "og.png"  # social card drawn next to every page's index.html
CARD_SIZE = (1200, 630)
NINJS_NAME = "ninjs.json"
KIT_NAME = "bai-viet.zip"


@dataclass(frozen=True)
class SiteIdentity:
    """Who publishes the site and under which terms; filled from the site configuration."""

    name: str
    url: str  # absolute, ends with "/"
    description: str
    publisher: str
    logo_path: str  # site-relative, e.g. "assets/images/logo.svg"
    licence: str
    licence_url: str
    language: str = "vi"

    def absolute(self, path: str) -> str:
        """Absolute URL of a site-relative path (``/a/b`` and ``a/b`` mean the same)."""
        return urljoin(self.url, path.lstrip("/"))

    @property
    def logo_url(self) -> str:
        return self.absolute(self.logo_path)

    @property
    def card_url(self) -> str:
        return self.absolute(CARD_NAME)


@dataclass(frozen=True)
class ImageAsset:
    """A published image file with the facts feeds need (real byte length, pixel size)."""

    url: str
    alt: str
    credit: str
    media_type: str
    length: int
    width: int | None
    height: int | None
    path: Path

    @classmethod
    def from_file(cls, path: Path, url: str, alt: str, credit: str) -> ImageAsset:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        width = height = None
        try:
            with Image.open(path) as img:
                width, height = img.size
        except OSError:  # SVG or an unreadable file: size stays unknown, never invented
            pass
        return cls(url, alt, credit, media_type, path.stat().st_size, width, height, path)


@dataclass(frozen=True)
class MediaAsset:
    """A video or audio file embedded in the article, as published (absolute URLs)."""

    item: MediaItem  # the checked file: type, size, duration, captions, transcript
    title: str  # the embed's title, else the article's
    url: str
    captions_url: str
    poster_url: str | None  # video only
    path: Path  # the media file (never copied into a press kit: linked)
    captions_path: Path

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def media_type(self) -> str:
        return self.item.mime

    @property
    def length(self) -> int:
        return self.item.info.size

    @property
    def duration(self) -> float:
        return self.item.info.duration


@dataclass
class Entry:
    """One article as partners receive it."""

    article: Article
    url: str  # canonical, absolute, ends with "/"
    html: str  # sanitised body HTML with absolute URLs
    image: ImageAsset | None = None  # the lead photo as published (a 1200 px rendition when made)
    crops: tuple[ImageAsset, ...] = ()  # the lead photo in 16:9, 4:3 and 1:1 (schema.org ``image``)
    source_text: str = ""  # the Markdown file as the editor wrote it (for the press kit)
    inline_images: tuple[tuple[str, Path], ...] = ()  # (name, local file) of images used in the body
    media: tuple[MediaAsset, ...] = ()  # videos and audio files embedded in the body, in order

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def published(self) -> datetime:
        return self.article.date

    @property
    def modified(self) -> datetime:
        return self.article.updated or self.article.date

    @property
    def card_url(self) -> str:
        return self.url + CARD_NAME

    @property
    def ninjs_url(self) -> str:
        return self.url + NINJS_NAME

    @property
    def kit_url(self) -> str:
        return self.url + KIT_NAME

    @property
    def keywords(self) -> list[str]:
        """Categories then tags, without repeats, in the editor's order."""
        return list(dict.fromkeys([*self.article.categories, *self.article.tags]))


def newest(entries: list[Entry]) -> datetime | None:
    """The feed's "updated" time: the newest article change, never the build clock."""
    return max((e.modified for e in entries), default=None)


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Newest first; ties broken by URL so output never depends on build order."""
    return sorted(entries, key=lambda e: (-e.published.timestamp(), e.url))
