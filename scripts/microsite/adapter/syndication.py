"""MkDocs glue for partner reuse: collect each article's rendered HTML, then write outputs.

``on_page_content`` hands over the HTML MkDocs rendered; ``on_page_context`` gives the
theme what it shows (meta tags, JSON-LD, feed links, republish box); ``on_post_build``
writes feeds, ninjs documents and press kits. All the work is in ``microsite.syndication``.

Per-article outputs live next to the article's ``index.html``:
``ninjs.json`` (IPTC ninjs 3.1) and ``bai-viet.zip`` (press kit); the social card
``og.png`` is copied there by the card builder (the press kit reads it from the cards' cache).
"""

from __future__ import annotations

import json
import posixpath
import re
from urllib.parse import unquote
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from mkdocs.config.defaults import MkDocsConfig
from .engine_errors import WordedError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..config import SiteSettings
from ..content.articles import resolve_asset
from ..content.paths import real
from ..content.model import Article
from ..photos.library import PhotoSet, Rendition
from ..text.normalize import nfc
from .incremental import link_or_copy
from ..syndication import feeds, jsonld, newsbox, ninjs, presskit, republish
from ..syndication.entry import (CARD_NAME, CARD_SIZE, KIT_NAME, NINJS_NAME, Entry, ImageAsset, MediaAsset,
                                 SiteIdentity, newest)
from ..media import podcast
from ..media.embed import embedded_in_article
from ..media.model import AUDIO, MediaItem
from ..syndication.infographic import Infographic, InfographicReuse, reuse_kit
from ..syndication.licence import licence_summary, reuse_rules
from ..syndication.meta import MetaTag, article_meta, page_meta
from ..syndication.sitemaps import write_folder_sitemaps
from ..syndication.republish import clean_html
from .page_context import page_context
from ..syndication.share import ShareLinks, share_links
from ..syndication.withdrawn import WithdrawnPage, canceled_ninjs, ninjs_path

IMG_SRC = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"")
BOX_WIDTH = 320  # a news box's thumbnail (5rem wide at twice the density, with room)
FEED_WIDTH = 1200  # the rendition partners get (feeds, ninjs, press kit, JSON-LD)
CROPS = ("16x9", "4x3", "1x1")


class PhotoSource(Protocol):
    """The build's photos (``adapter.photos.PhotoGlue``)."""

    def photo_of(self, image: Any, article: Article | None = None) -> PhotoSet | None: ...

    def library_path(self, photo: PhotoSet, rendition: Rendition) -> Path: ...

    def kit_file(self, dest: str) -> tuple[str, Path] | None: ...

    def kit_source(self, src_uri: str) -> tuple[str, Path] | None: ...




@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str  # site-relative; the theme makes it relative to the page (same origin)
    media_type: str


@dataclass(frozen=True)
class BoxImage:
    """A news box entry's picture: the lead photo's small 16:9 rendition, else the social card."""

    path: str  # site-relative
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class BoxItem:
    """One article in a partner news box (``partials/news-box.html``)."""

    title: str
    path: str  # site-relative
    published: datetime
    image: BoxImage | None = None


@dataclass(frozen=True)
class RepublishBox:
    html: str
    text: str
    licence: str
    rules: list[str]
    kit_href: str | None  # None while the article is not public (preview builds)
    ninjs_href: str | None


@dataclass
class PageSyndication:
    """What ``partials/microsite-meta.html`` and ``partials/republish.html`` render."""

    meta: list[MetaTag] = field(default_factory=list)
    feed_links: list[FeedLink] = field(default_factory=list)
    jsonld: str | None = None
    ninjs_path: str | None = None  # site-relative
    republish: RepublishBox | None = None
    share: ShareLinks | None = None  # articles only (partials/share.html)
    # infographics shown on this page, with their reuse kit and ninjs path
    infographics: list[tuple[Infographic, InfographicReuse, str]] = field(default_factory=list)


def identity_from(config: MkDocsConfig, settings: SiteSettings) -> SiteIdentity:
    url = config.site_url or ""
    if not url:
        raise WordedError("Thiếu site_url trong mkdocs.yml: cần địa chỉ đầy đủ của trang (ví dụ "
                          "https://chuyen-de.example.gov.vn/) để tạo RSS, ninjs và địa chỉ chuẩn của bài viết.")
    logo = settings.site.publisher_logo or config.theme.get("logo") or "assets/images/logo.svg"
    return SiteIdentity(
        name=settings.site_name, url=url if url.endswith("/") else url + "/",
        description=(config.site_description or settings.site_name).strip(),
        publisher=settings.publisher, logo_path=logo,
        licence=settings.licence, licence_url=settings.licence_url)


def _feed_links(identity: SiteIdentity, specs: list[feeds.FeedSpec]) -> list[FeedLink]:
    return [FeedLink(f"{spec.title} ({f.label})", spec.file(f.kind), f.media_type)
            for spec in specs for f in feeds.FEED_FORMATS]


class SyndicationAdapter:
    def __init__(self, config: MkDocsConfig, settings: SiteSettings, now: datetime,
                 sections: tuple[feeds.Section, ...] = (),
                 card_source: Callable[[Path, Path], Path] | None = None) -> None:
        republish.forget()  # memoised texts are for one build
        # Where a page's og.png comes from (site file, site folder): the cards' cache, so that
        # press kits do not wait for the cards to be copied into the site.
        self.card_source = card_source or (lambda site_file, site_dir: site_file)
        self.identity = identity_from(config, settings)
        self.settings = settings
        self.now = now
        self.specs = feeds.feed_specs(self.identity, sections, settings.site.channels)
        self.entries: dict[str, Entry] = {}  # by source URI
        self.dest_dirs: dict[str, Path] = {}
        # An article's HTML as MkDocs rendered it, until its Entry is made: not while MkDocs
        # converts pages (one process), but when the page is rendered (two: adapter.accel.page_split)
        self._rendered: dict[str, tuple[str, str, Article, Files]] = {}
        self._made_here: set[str] = set()  # entries made by this process since start_child
        self.infographics: list[Infographic] = []
        self.media_items: dict[str, MediaItem] = {}  # checked video and audio by docs/ path (add_media)
        self._media_files: Files | None = None
        self._images: dict[tuple[Path, str, str, str], ImageAsset] = {}  # this build's featured images
        self._media_by_url: dict[str, Path] | None = None
        # Reuse-box texts by source URI, computed with the page (in whichever process renders
        # it: adapter.accel.page_split sends a child's back) and put in the press kit as they are.
        self.texts: dict[str, republish.ReuseTexts] = {}
        self._kept_site, self._kept = Path(), set[str]()  # see keep_outputs
        self.withdrawn: list[WithdrawnPage] = []
        # What the feeds carried (``write``): the patch path makes the feeds again from them.
        self.feed_entries: dict[str, Entry] = {}
        self.feed_updated: datetime = now
        self.photos: PhotoSource | None = None  # the build's photos: renditions instead of source files

    def add_infographics(self, items: Iterable[Mapping[str, Any]]) -> None:
        """Register catalogue items (issue-3 format) before pages render: their pages get a
        ninjs link and ``syndication.infographics`` for ``partials/infographic-reuse.html``,
        and ``write`` publishes their ninjs documents and lists them in the index."""
        self.infographics.extend(Infographic.from_item(item) for item in items)
        self.infographics.sort(key=lambda i: i.id)

    def add_media(self, items: Mapping[str, MediaItem]) -> None:
        """The site's checked video and audio files: entries carry the ones their body embeds."""
        self.media_items = dict(items)

    def add_withdrawn(self, pages: list[WithdrawnPage]) -> None:
        """Withdrawn articles: ``write`` gives each a canceled ninjs document and index entry."""
        self.withdrawn = list(pages)

    # -- collecting ------------------------------------------------------------------
    def _featured_image(self, article: Article, files: Files) -> ImageAsset | None:
        """The featured image as published: its URL comes from MkDocs (the blog plugin
        moves files out of ``posts/``), its bytes from the source file."""
        if article.image is None:
            return None
        photo = self.photos.photo_of(article) if self.photos is not None else None
        if photo is not None and self.photos is not None:
            return self._rendition_asset(article, photo, photo.variant("").fallback(FEED_WIDTH))
        path = resolve_asset(article.image.src, article.path, self.settings.docs_dir)
        if path is None or not path.is_file():
            return None  # the check already reported it
        rel = path.relative_to(real(self.settings.docs_dir)).as_posix()
        file = files.get_file_from_path(rel)
        url = self.identity.absolute(file.url if file else rel)
        key = (path, url, article.image.alt, article.image.credit)
        if key not in self._images:  # opening the image for its size is the costly part
            self._images[key] = ImageAsset.from_file(path, *key[1:])
        return self._images[key]

    def _rendition_asset(self, article: Article, photo: PhotoSet, rendition: Rendition) -> ImageAsset:
        assert article.image is not None and self.photos is not None
        return ImageAsset(self.identity.absolute(rendition.path), article.image.alt, article.image.credit,
                          rendition.media_type, rendition.length, rendition.width, rendition.height,
                          self.photos.library_path(photo, rendition))

    def _crops(self, article: Article) -> tuple[ImageAsset, ...]:
        """The lead photo's 16:9, 4:3 and 1:1 crops at 1200 px (JSON-LD ``image``)."""
        photo = self.photos.photo_of(article) if self.photos is not None else None
        if photo is None:
            return ()
        return tuple(self._rendition_asset(article, photo, photo.variant(name).fallback(FEED_WIDTH))
                     for name in CROPS)

    def _inline_images(self, html: str, files: Files) -> tuple[tuple[str, Path], ...]:
        """Local source files of the body's images (for the press kit)."""
        if self._media_by_url is None or self._media_files is not files:
            # Built once per build: per page it made the build quadratic (pages x media files).
            self._media_files = files
            self._media_by_url = {self.identity.absolute(f.url): Path(f.abs_src_path)
                                  for f in files.media_files() if f.abs_src_path}
        by_url = self._media_by_url
        found = set()
        for url in IMG_SRC.findall(html):
            kit = self._kit_file(url)
            if kit is not None:
                found.add(kit)
            elif url in by_url:
                found.add((by_url[url].name, by_url[url]))
        return tuple(sorted(found))

    def _media(self, src_uri: str, article: Article, files: Files) -> tuple[MediaAsset, ...]:
        """The video and audio the body embeds, in order, each once, with their published URLs."""
        def url(rel: str) -> str:
            file = files.get_file_from_path(rel)
            return self.identity.absolute(file.url if file else rel)

        docs = self.settings.docs_dir
        return tuple(MediaAsset(item, embed.title or article.title, url(item.src), url(item.captions),
                                url(item.poster) if item.poster else None, docs / item.src, docs / item.captions)
                     for embed, item in embedded_in_article(self.media_items, article))

    def _kit_source(self, src_uri: str) -> tuple[str, Path]:
        """A docs file for the press kit: a photo's cleaned original, else the file itself."""
        cleaned = self.photos.kit_source(src_uri) if self.photos is not None else None
        return cleaned or (posixpath.basename(src_uri), self.settings.docs_dir / src_uri)

    def _kit_file(self, url: str) -> tuple[str, Path] | None:
        """A photo's cleaned original (from the cache, whichever build path made the page) for
        the press kit, when ``url`` is one of its renditions or the photo itself."""
        if self.photos is None or not url.startswith(self.identity.url):
            return None
        return self.photos.kit_file(unquote(url.removeprefix(self.identity.url)))

    def collect(self, html: str, page: Page, article: Article | None, files: Files) -> None:
        """Keep an article's rendered HTML; its Entry is made when first needed (``entry``)."""
        if article is None:
            return
        self._rendered[page.file.src_uri] = (html, page.url, article, files)
        self.entries.pop(page.file.src_uri, None)  # made again from this HTML (the preview's quick path)
        self.dest_dirs[page.file.src_uri] = Path(page.file.abs_dest_path).parent

    def entry(self, src_uri: str) -> Entry | None:
        """The article's Entry: sanitised HTML, featured image, source text (made once)."""
        entry = self.entries.get(src_uri)
        if entry is None and src_uri in self._rendered:
            html, page_url, article, files = self._rendered[src_uri]
            url = self.identity.absolute(page_url)
            clean = clean_html(html, url)
            entry = self.entries[src_uri] = Entry(
                article=article, url=url, html=clean, image=self._featured_image(article, files),
                crops=self._crops(article),
                source_text=nfc(article.path.read_text("utf-8-sig")),
                inline_images=self._inline_images(clean, files), media=self._media(src_uri, article, files))
            self._made_here.add(src_uri)
        return entry

    # -- a forked child rendering pages (adapter.accel.page_split) -------------------------
    def start_child(self) -> None:
        self._made_here = set()
        self.texts = {}

    def child_part(self) -> dict[str, Any]:
        """What the child made: its entries and reuse texts, for the parent's output files."""
        return {"entries": {k: self.entries[k] for k in self._made_here}, "texts": self.texts}

    def merge_child(self, part: dict[str, Any]) -> None:
        self.entries.update(part["entries"])
        self.texts.update(part["texts"])

    # -- templates ---------------------------------------------------------------------
    def page_context(self, context: TemplateContext, page: Page) -> None:
        site_specs = [s for s in self.specs if s.key == "site"]
        if page.is_homepage:
            site_specs = [s for s in self.specs if s.page_path == ""]
        section_specs = [s for s in self.specs if s.page_path and s.page_path == page.url]
        data = PageSyndication(feed_links=_feed_links(self.identity, site_specs + section_specs))
        entry = self.entry(page.file.src_uri)
        if entry is None:
            url = self.identity.absolute(page.url)
            description = (page.meta.get("description") or self.identity.description) if page.meta is not None \
                else self.identity.description
            data.meta = page_meta(url, page.title or self.identity.name, str(description))
        else:
            public = entry.article.is_public(self.now)
            page.meta.setdefault("description", entry.article.summary)
            data.meta = article_meta(entry, self.identity)
            data.jsonld = jsonld.script_json(jsonld.news_article(entry, self.identity))
            data.ninjs_path = page.url + NINJS_NAME if public else None
            data.share = share_links(entry.url, entry.article.title, entry.article.summary)
            texts = self.reuse_texts(page.file.src_uri)
            data.republish = RepublishBox(
                html=texts.html, text=texts.radio,
                licence=licence_summary(self.identity), rules=reuse_rules(self.identity),
                kit_href=KIT_NAME if public else None, ninjs_href=NINJS_NAME if public else None)
        here = self.identity.absolute(page.url)
        data.infographics = [(info, reuse_kit(info, self.identity), ninjs.infographic_path(info))
                             for info in self.infographics if info.page.split("#", 1)[0] == here]
        page_context(context)["syndication"] = data

    def reuse_texts(self, src_uri: str) -> republish.ReuseTexts:
        """The republish box's texts of an article whose entry is made (kept for its press kit)."""
        entry = self.entry(src_uri)
        assert entry is not None
        texts = self.texts[src_uri] = republish.reuse_texts(entry, self.identity)
        return texts

    # -- output ----------------------------------------------------------------------------
    def public_entries(self) -> dict[str, Entry]:
        """Public articles' entries by source URI (every page was rendered: normally all made)."""
        for src_uri in self._rendered:
            self.entry(src_uri)
        return {k: e for k, e in self.entries.items() if e.article.is_public(self.now)}

    def news_boxes(self) -> list[tuple[newsbox.NewsBox, list[BoxItem]]]:
        """Each partner news box with its newest articles (site-relative links)."""
        entries = list(self.public_entries().values())
        out = []
        for box in newsbox.news_boxes(self.specs, self.identity):
            items = [BoxItem(e.title, e.url.removeprefix(self.identity.url), e.published, self._box_image(e))
                     for e in box.entries(entries)]
            out.append((box, items))
        return out

    def _box_image(self, entry: Entry) -> BoxImage:
        photo = self.photos.photo_of(entry.article) if self.photos is not None else None
        if photo is not None and entry.article.image is not None:
            small = photo.variant("16x9").fallback(BOX_WIDTH)
            return BoxImage(small.path, small.width, small.height, entry.article.image.alt)
        return BoxImage(entry.card_url.removeprefix(self.identity.url), *CARD_SIZE,
                        f"Ảnh đại diện bài: {entry.title}")

    def write(self, site_dir: Path) -> None:
        public = self.public_entries()
        entries = list(public.values())
        docs: list[tuple[str, dict[str, Any]]] = []
        for key in sorted(public, key=lambda k: public[k].url):
            entry, dest = public[key], self.dest_dirs[key]
            kept = self._kept_outputs(key, dest, site_dir)
            if kept is not None:
                docs.append((entry.ninjs_url, kept))
                continue
            docs.append((entry.ninjs_url, self.write_article(key, site_dir)))
        for page in self.withdrawn:  # partners who imported it learn to take it down
            doc = canceled_ninjs(page, self.identity)
            _write_json(site_dir / ninjs_path(page), doc)
            docs.append((self.identity.absolute(ninjs_path(page)), doc))
        for info in self.infographics:
            doc = ninjs.infographic_ninjs(info, self.identity)
            path = ninjs.infographic_path(info)
            _write_json(site_dir / path, doc)
            docs.append((self.identity.absolute(path), doc))
        key_of = {id(entry): key for key, entry in public.items()}
        self.feed_entries = {key_of[id(e)]: e for spec in self.specs for e in feeds.select(spec, entries)}
        updated = self.feed_updated = newest(entries) or self.now
        withdrawn = max((p.withdrawal.date for p in self.withdrawn), default=updated)
        _write_json(site_dir / ninjs.INDEX_PATH, ninjs.index_ninjs(docs, self.identity, max(updated, withdrawn)))
        for spec in self.specs:
            self.write_feed(spec, site_dir, entries, updated)
        self.write_podcast(site_dir, entries, updated)
        write_folder_sitemaps(site_dir, self._alternate_documents(public, docs))

    def episodes(self, entries: Iterable[Entry]) -> list[podcast.Episode]:
        """Each audio file of the public articles, as a podcast episode."""
        return [podcast.Episode(m.title, e.url, e.article.summary, e.published, m.url, m.media_type, m.length,
                                m.duration, m.captions_url, tuple(e.article.authors))
                for e in entries for m in e.media if m.kind == AUDIO]

    def write_podcast(self, site_dir: Path, entries: list[Entry], updated: datetime) -> None:
        """``podcast.xml`` and its cover, when the site has audio (the press page links them)."""
        episodes = self.episodes(entries)
        if not episodes:
            return
        identity = self.identity
        show = podcast.Show(f"{identity.name}{podcast.EPISODE_SUFFIX}",
                            f"Bản tin âm thanh của {identity.name}, có phụ đề tiếng Việt.", identity.url,
                            identity.absolute(podcast.PODCAST_PATH), identity.absolute(podcast.COVER_PATH),
                            identity.publisher, f"{identity.publisher} – {identity.licence}")
        (site_dir / podcast.PODCAST_PATH).write_bytes(podcast.podcast_feed(show, episodes, updated))
        colours = self.settings.site.identity.colours
        (site_dir / podcast.COVER_PATH).write_bytes(
            podcast.cover_png(identity.name, podcast.EPISODE_SUFFIX.strip(" –"), colours))

    def write_feed(self, spec: feeds.FeedSpec, site_dir: Path, entries: list[Entry], updated: datetime) -> None:
        """One feed in every format (``feeds.FEED_FORMATS``; ``entries``: at least the articles it carries)."""
        folder = site_dir / spec.path
        folder.mkdir(parents=True, exist_ok=True)
        for f in feeds.FEED_FORMATS:
            (folder / f.name).write_bytes(f.render(spec, entries, self.identity, updated))

    def write_article(self, key: str, site_dir: Path) -> dict[str, Any]:
        """One public article's ninjs document and press kit, next to its page; the document."""
        entry, dest = self.entries[key], self.dest_dirs[key]
        doc = ninjs.article_ninjs(entry, self.identity)
        _write_json(dest / NINJS_NAME, doc)
        lead = (self._kit_file(entry.image.url) or (Path(entry.image.url).name, entry.image.path)) if entry.image else None
        images: list[tuple[str, Path]] = [i for i in (lead, *entry.inline_images) if i]
        images += [self._kit_source(m.item.poster) for m in entry.media if m.item.poster and m.item.poster_given]
        images.append((CARD_NAME, self.card_source(dest / CARD_NAME, site_dir)))
        kit = presskit.kit_files(entry, self.identity, doc, images, self.texts.get(key))
        presskit.write_zip(dest / KIT_NAME, kit)
        return doc

    def keep_outputs(self, old_site: Path, src_uris: set[str]) -> None:
        """An incremental build (adapter/incremental.py): these articles' sources and renders are
        those of the build that wrote ``old_site``, so their ninjs and press kit are its files."""
        self._kept_site, self._kept = old_site, src_uris

    def _kept_outputs(self, key: str, dest: Path, site_dir: Path) -> dict[str, Any] | None:
        """The ninjs document of a kept article, its two files copied from the published site."""
        if key not in self._kept:
            return None
        old = self._kept_site / dest.relative_to(site_dir)
        if not ((old / NINJS_NAME).is_file() and (old / KIT_NAME).is_file()):
            return None
        for name in (NINJS_NAME, KIT_NAME):
            link_or_copy(old / name, dest / name)
        doc: dict[str, Any] = json.loads((dest / NINJS_NAME).read_text("utf-8"))
        return doc

    def _alternate_documents(self, public: dict[str, Entry],
                             docs: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str]]:
        """(site-relative path, URL) of every document pages announce with rel="alternate"."""
        found = [(spec.file(f.kind), self.identity.absolute(spec.file(f.kind)))
                 for spec in self.specs for f in feeds.FEED_FORMATS]
        found += [(url.removeprefix(self.identity.url), url) for url, doc in docs
                  if doc.get("pubStatus") != "canceled"]  # a withdrawn page announces nothing
        return found


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Compact JSON: machines read these files (a partner can pretty-print), and ``indent``
    forces the json module onto its pure-Python encoder, 5-10x slower over thousands of
    documents. The press kit keeps an indented copy for people."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
