"""MkDocs glue for infographics and social cards; the drawing lives in ``microsite.infographics``.

- on_config: render (or reuse) every infographic, register the ``::infographic`` syntax;
- on_files: add a generated page ``so-lieu/<id>/`` per infographic;
- on_page_markdown: remember the page, so embeds link relative to it;
- on_page_context: collect title/section/date for the page's social card;
- on_post_build: copy renditions and CSV, write ``api/infographics.json`` and the cards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, cast

from markdown import Extension
from mkdocs.config.defaults import MkDocsConfig
from .engine_errors import WordedError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..background import Background, Job, run_beside
from ..config import SiteSettings
from ..content.model import Article
from ..infographics.cache import RenderCache
from ..infographics.cards import (FILENAME, Card, card_key, card_path, draw_card, draw_cards, prepublish_cards,
                                  publish_cards)
from ..infographics.catalogue import absolute_url, catalogue, write_catalogue
from ..infographics.embed import figure_html
from ..infographics.model import Infographic
from ..infographics.typography import FitError, GlyphError
from ..infographics.site_check import check_infographics
from ..content.site_config import Colours, Identity
from ..infographics.publish import Published, RenderStats, install, prepare
from ..markdown.infographic_embed import InfographicExtension
from ..text import press

log = logging.getLogger("mkdocs.plugins.microsite.infographics")


def identity_of(settings: SiteSettings) -> Identity:
    """The name, short name and colours drawn on the images (``identity`` in mkdocs.yml)."""
    return settings.site.identity


class InfographicsGlue:
    def __init__(self) -> None:
        self.published: dict[str, Published] = {}
        self.stats = RenderStats()
        self.page_url = ""
        self.cards: dict[str, Card] = {}
        self.settings: SiteSettings | None = None
        self.drawing = Background()  # the card worker: cards first, then what ``also`` queued
        self.predrawn = 0  # cards the worker drew
        self.drawn_here = 0  # cards ``finish_cards`` drew
        self.prepublishing: Job | None = None  # the worker writing the articles' cards into the site
        self.prepublished: dict[str, str] = {}  # what it wrote: {page URL: card key}

    def _cache(self, kind: str) -> RenderCache:
        assert self.settings
        return RenderCache(self.settings.cache_dir / kind)

    # before the build (runner)
    @staticmethod
    def prewarm(settings: SiteSettings) -> None:
        """Draw the infographics' renditions into the cache, for ``configure`` to find there.

        Run by a forked child while the content check runs (``runner.build``): a cold build
        spends 5 s on them. Best effort: what fails here is drawn, or reported, by
        ``configure``; the cache writes meta.json last, so a killed child leaves no half entry."""
        infos, _ = check_infographics(settings)
        cache, ident, stats = RenderCache(settings.cache_dir / "infographics"), identity_of(settings), RenderStats()
        for info in infos:
            try:
                prepare(info, cache, ident, stats)
            except (FitError, GlyphError):
                continue

    # on_config
    def configure(self, config: MkDocsConfig, settings: SiteSettings, infos: list[Infographic]) -> None:
        self.settings, self.stats, self.cards = settings, RenderStats(), {}
        ident = identity_of(settings)
        self.published = {}
        for info in infos:
            try:
                self.published[info.id] = prepare(info, self._cache("infographics"), ident, self.stats)
            except (FitError, GlyphError) as exc:  # last line of defence; the check catches glyphs
                raise WordedError(f"{info.file}: lỗi: không vẽ được infographic: {exc}\n"
                                  "    → Cách sửa: rút gọn tiêu đề, nhãn hoặc ghi chú rồi dựng lại.") from None
        log.info("Infographic: vẽ mới %d ảnh, dùng lại %d ảnh từ bộ nhớ đệm.", self.stats.rendered, self.stats.reused)
        # MkDocs types the option list[str]; Python-Markdown takes Extension instances as well.
        cast("list[str | Extension]", config.markdown_extensions).append(
            InfographicExtension(render=self._embed, gallery=self._gallery))

    def catalogue_items(self) -> list[dict[str, Any]]:
        """The catalogue entries (api/infographics.json shape) for the syndication adapter."""
        assert self.settings
        return catalogue(list(self.published.values()), absolute_url(self.settings.site_url))["items"]

    def _url(self, path: str) -> str:
        return get_relative_url(path, self.page_url)

    def _embed(self, ident: str) -> str | None:
        pub = self.published.get(ident)
        if pub is None:
            return None
        return figure_html(pub, self._url, link_page=not self.page_url.startswith(pub.page))

    def _gallery(self) -> str:
        return self.gallery(list(self.published.values()))

    def strip(self, limit: int) -> str:
        """The front page's strip: the ``limit`` newest infographics (by their data's date),
        as the gallery shows them; empty when there are none."""
        newest = sorted(self.published.values(), key=lambda p: (p.info.as_of, p.info.id), reverse=True)[:limit]
        return self.gallery(newest, "infographic-gallery infographic-strip") if newest else ""

    def gallery(self, pubs: list[Published], css: str = "infographic-gallery") -> str:
        items = []
        for pub in pubs:
            web = pub.rendition("web")
            items.append(
                f'<li><a href="{escape(self._url(pub.page))}"><img src="{escape(self._url(web.path))}" '
                f'width="{web.width}" height="{web.height}" loading="lazy" decoding="async" alt="">'
                f"<strong>{escape(pub.info.title)}</strong></a>"
                f"<span>{escape(pub.info.as_of_text())}</span></li>")
        return f'<ul class="{css}">' + "".join(items) + "</ul>"

    # on_files
    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        for pub in self.published.values():
            info = pub.info
            body = f"# {info.title}\n\n"
            if info.subtitle:
                body += f"{info.subtitle}\n\n"
            body += f"::infographic {info.id}\n\n[← Tất cả infographic](../index.md)\n"
            files.append(File.generated(config, f"{pub.page}index.md", content=body))
        return files

    def predraw_cards(self, articles: list[Article]) -> None:
        """Start drawing the articles' cards on the other cores while pages render.

        An article's card is known from its front matter alone (``collect_card`` makes the
        same one); a wrong guess would only cost a redraw, since the cache is keyed by text."""
        assert self.settings
        cards = [self._article_card(a) for a in articles]
        self.drawing = run_beside(draw_cards, cards, self._cache("cards").root, *self._brand())

    def prepublish_cards(self, site_dir: Path, articles: list[tuple[str, Article]]) -> None:
        """Once the articles' URLs are known ((URL, article) pairs): let the card worker also
        write their cards into the site, so that the post-build step has only the other
        pages' cards left to write. Nothing when no worker runs."""
        assert self.settings
        cards = [self._article_card(article, url) for url, article in articles]
        self.prepublishing = self.drawing.also(prepublish_cards, cards, site_dir, self._cache("cards").root,
                                               *self._brand())

    def _brand(self) -> tuple[str, str, Colours]:
        """What every card prints besides its page: the identity's name, the publisher, the colours."""
        assert self.settings
        identity = self.settings.site.identity
        return identity.name, self.settings.publisher, identity.colours

    @staticmethod
    def _article_card(article: Article, url: str = "") -> Card:
        """An article page's card, from its front matter (``collect_card`` makes the same)."""
        return Card(url, article.title, article.categories[0], press.long_date(article.date))

    def stop(self) -> None:
        self.drawing.close()

    def also_in_worker(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue other work to the card worker, after its cards (see ``Background.also``):
        nothing when no worker runs, and the caller's later step does the work."""
        self.drawing.also(fn, *args)

    def worker_idle(self) -> bool:
        """The card worker has done everything queued to it (its core is free for other work)."""
        return self.drawing.idle()

    def finish_drawing(self) -> None:
        """Wait for the card worker (the main process takes back what it has not started)."""
        if self.drawing.running:
            results, _ = self.drawing.finish()
            self.predrawn = sum(results)
            if self.prepublishing is not None:
                self.prepublished, self.prepublishing = self.prepublishing.value, None

    def finish_cards(self) -> None:
        """Before the post-build tasks fork: every page's card drawn into the cache (the
        worker's, then the few it could not know: listings, a page whose text differs from
        its front matter), so that those tasks only read cards and in any order."""
        assert self.settings
        self.finish_drawing()
        cache, (name, publisher, colours) = self._cache("cards"), self._brand()
        self.drawn_here = sum(draw_card(card, cache, name, publisher, colours=colours) for card in self.cards.values())

    def card_source(self, site_file: Path, site_dir: Path) -> Path:
        """The cached file a page's ``og.png`` in the site is (or will be) copied from; press
        kits read it there, whether or not the copy is made yet. ``site_file`` itself when no
        card is known for it."""
        assert self.settings
        url = site_file.parent.relative_to(site_dir).as_posix()
        card = self.cards.get("" if url == "." else url + "/")
        if card is None or card_path(site_dir, card) != site_file:
            return site_file
        digest = card_key(card, *self._brand())
        return self._cache("cards").entry(digest) / FILENAME

    # on_page_markdown
    def enter_page(self, page: Page) -> None:
        self.page_url = page.url

    # on_page_context
    def collect_card(self, page: Page, article: Article | None, nav: Navigation) -> None:
        section = ""
        ancestors = [a for a in page.ancestors if getattr(a, "title", None)]
        if ancestors:
            section = ancestors[-1].title or ""  # never None: filtered above
        else:  # pages outside the nav (generated infographic pages): the tab whose folder holds them
            for item in nav.items:
                url = getattr(item, "url", None)
                if url and page.url.startswith(url) and page.url != url:
                    section = item.title
        if article and article.categories:
            section = article.categories[0]
        date = press.long_date(article.date) if article else ""
        title = page.title or (self.settings.site_name if self.settings else "")
        if page.is_homepage and self.settings:
            title, section = self.settings.site_name, "Trang chuyên đề"
        self.cards[page.url] = Card(page.url, str(title), str(section or ""), date)

    # on_post_build
    def write_outputs(self, config: MkDocsConfig) -> None:
        assert self.settings
        site_dir = Path(config.site_dir)
        for pub in self.published.values():
            install(pub, site_dir, self._cache("infographics"))
        write_catalogue(list(self.published.values()), site_dir, absolute_url(self.settings.site_url))
        self.finish_drawing()
        predrawn, drawn_here, self.predrawn, self.drawn_here = self.predrawn, self.drawn_here, 0, 0
        written, self.prepublished = self.prepublished, {}
        name, publisher, colours = self._brand()
        rendered, reused = publish_cards(list(self.cards.values()), site_dir, self._cache("cards"),
                                         name, publisher, written, colours)
        drawn = rendered + drawn_here + predrawn
        log.info("Ảnh chia sẻ mạng xã hội: vẽ mới %d (%d vẽ song song), dùng lại %d.",
                 drawn, predrawn, len(self.cards) - drawn)
