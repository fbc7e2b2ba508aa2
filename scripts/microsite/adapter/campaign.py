"""MkDocs glue for the campaign pages and the appraisal guarantee.

Everything decided here is decided by core functions; this module only knows
where MkDocs keeps files, pages and output:

- ``clock_option``: the plugin option / ``MICROSITE_NOW`` as the build's "now";
- ``withhold``: drop the files that only unpublished articles refer to;
- ``page_markdown``: fill the page markers (tracker, plan, documents, related news, the
  front page: ``adapter/home.py``);
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .engine_errors import WordedError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..campaign import blocks, render
from ..campaign.data import CampaignData, load_campaign
from ..campaign.plan import plan_status
from ..campaign.related import articles_for_tag, public_articles
from ..config import SiteSettings
from ..content.paths import real
from ..content.clock import ClockError, injected_now
from ..content.model import Article
from ..content.publication import withheld_files
from ..content.site_config import Resolution
from ..syndication.feeds import JSON_NAME
from .home import HomeSources, home_block
from ..photos.markup import SIZES_LIST

FEED_NAME = JSON_NAME  # written by the syndication adapter


class ClockOptionError(WordedError, ValueError):
    """A bad ``now`` option: a build error for MkDocs, a ValueError for the CLI."""


def clock_option(option: str) -> datetime | None:
    try:
        return injected_now(option)
    except ClockError as exc:
        raise ClockOptionError(str(exc)) from None


class CampaignGlue:
    """Per-build state the campaign handlers share (settings, clock, files, data)."""

    def __init__(self) -> None:
        self.settings: SiteSettings | None = None
        self.now: datetime | None = None
        self.articles: list[Article] = []
        self.data = CampaignData()
        self.files: Files | None = None
        self.withheld: set[Path] = set()  # files only unpublished articles refer to (withhold)
        self.options: dict[str, str] = {}
        # Blocks other glue renders (name -> page -> Markdown), e.g. the press page's news boxes
        self.extra: dict[str, Callable[[Page], str]] = {}
        # The pages with a block, by source: the preview's quick path makes them again when an
        # article's title or tags change (a block may list articles)
        self.block_pages: dict[str, Page] = {}
        self.home_sources: HomeSources | None = None  # set at on_nav, once the articles' URLs are known

    def configure(self, settings: SiteSettings, now: datetime, articles: list[Article],
                  options: dict[str, str]) -> None:
        self.settings, self.now, self.articles, self.options = settings, now, articles, options
        self.block_pages = {}
        self.data, _ = load_campaign(settings)  # problems already stopped the build in the check

    def withhold(self, files: Files, hidden: list[Article], shown: list[Article]) -> None:
        """Remove files only unpublished articles refer to (photos, attachments)."""
        assert self.settings
        docs = self.settings.docs_dir
        article_paths = {real(a.path) for a in self.articles}
        pages = [Path(f.abs_src_path) for f in files.documentation_pages()
                 if f.abs_src_path and real(Path(f.abs_src_path)) not in article_paths]
        drop = self.withheld = withheld_files(hidden, shown, pages, docs)
        for file in list(files):
            if file.abs_src_path and real(Path(file.abs_src_path)) in drop:
                files.remove(file)
        self.files = files

    # -- pages -------------------------------------------------------------------
    def _public(self) -> list[Article]:
        assert self.now
        return public_articles(self.articles, self.now)

    def _resolution(self, page: Page) -> Resolution | None:
        """The resolution section ``page`` belongs to (its folder), else the first one."""
        return self.settings.site.resolution_for(page.file.src_uri) if self.settings else None

    def _block(self, name: str, page: Page) -> str:
        assert self.now
        src = page.file.src_uri
        if name in self.extra:
            return self.extra[name](page)
        if name == "tien-do":
            return render.tracker_markdown(self.data.snapshots)
        if name == "ke-hoach-tuyen-truyen":
            plan = self.data.plan
            channels = self.settings.site.channels if self.settings else ()
            statuses = plan_status(plan, self._public(), self.now, channels) if plan else []
            return render.plan_markdown(plan, statuses, self.now, src, channels)
        if name == "van-ban":
            return render.documents_markdown(self.data.documents)
        if name == "trang-chu":
            if self.data.home is None or self.home_sources is None or self.settings is None:
                return ""  # no data file: reported by the check
            return home_block(self.data.home, self.home_sources, self.settings, self.articles,
                              self.data.snapshots, self.now, page)
        if name == "tin-lien-quan":
            resolution = self._resolution(page)
            if resolution is None:  # no resolution section configured: nothing to relate to
                return ""
            feed = f"{get_relative_url(resolution.folder + '/', page.url)}{FEED_NAME}"
            return render.related_markdown(articles_for_tag(self.articles, resolution.tag, self.now), src, feed,
                                           self._list_thumbnail(page))
        return ""  # unknown names are reported by the check

    def _list_thumbnail(self, page: Page) -> Callable[[Article], str] | None:
        """An article's small 16:9 picture for a list on ``page`` (inline HTML, URLs relative to it)."""
        sources = self.home_sources
        if sources is None:
            return None

        def link(path: str) -> str:
            return get_relative_url(path, page.url)

        def thumbnail(article: Article) -> str:
            return sources.thumbnail(article, sources.urls(article), link, False, SIZES_LIST, inline=True)
        return thumbnail

    def page_markdown(self, markdown: str, page: Page) -> str:
        if "microsite:" not in markdown:
            return markdown
        self.block_pages[page.file.src_uri] = page
        return blocks.expand(markdown, lambda name: self._block(name, page))
