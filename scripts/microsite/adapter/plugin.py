"""MkDocs plugin ``microsite``: wires the core into MkDocs' build events.

Kept thin on purpose: each handler delegates to a core module. The check runs
first (``on_config``), so ``mkdocs build`` alone also refuses bad content.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import cast

from markdown import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from jinja2 import Environment
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..assets.fonts import build_webfonts, subset_webfonts
from ..background import min_jobs, worker_count
from ..forked_loop import allow_forks, forbid_forks, run_tasks, single_threaded
from ..config import SiteSettings
from ..content.clock import current_time
from ..content.model import STATUS_LABELS, Article
from ..content.paths import real
from ..content.site import SiteContent, check_site
from ..content.staging import staged_source
from ..markdown.site_extensions import own_configs, own_extensions
from ..text.press import TIMEZONE
from .accel import registry as accelerators
from .accel.page_split import ChildShare
from .accel.render_cache import RenderCache
from .accel.run import BuildInputs, Run
from .admin_publish import publish_admin
from .campaign import CampaignGlue
from .infographics import InfographicsGlue
from .lazy_bundle import prewrap_tables
from .options import MicrositeOptions
from .page_context import page_context
from .search_index import SearchPages, write_search_index
from .template_filters import template_filters
from .settings import settings_from
from ..syndication.feeds import Section
from ..syndication.withdrawn import WithdrawnPage
from .syndication import SyndicationAdapter
from .withdrawal import withdrawn_pages, write_notices
from .related_articles import RelatedGlue
from .news_box import configured_partners, press_block, write_news_boxes


PREVIEW_ENV = "MICROSITE_PREVIEW"  # set by `microsite serve`: show drafts (the preview flag only)


class MicrositePlugin(BasePlugin[MicrositeOptions]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: SiteSettings | None = None
        self.content: SiteContent | None = None
        self.prechecked: SiteContent | None = None
        self.now = datetime.now(TIMEZONE)
        self.by_src_uri: dict[str, Article] = {}
        self.campaign = CampaignGlue()  # campaign pages, withheld files, section feed
        self.infographics = InfographicsGlue()
        self.search_pages = SearchPages("tin-tuc")
        self.accel: Run | None = None  # this build's speed-ups (adapter.accel), restored at its end
        self.nav: Navigation | None = None
        self.files: Files | None = None  # the last build's files and Jinja environment (the preview's quick path)
        self.env: Environment | None = None
        self.forbade_forks = False
        self.withdrawn: list[WithdrawnPage] = []
        self.related = RelatedGlue()  # "Tin liên quan" under every article

    # -- lifecycle -------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs names its command: ``serve`` rebuilds beside the live-reload server's
        threads (its first build even before they start), so there nothing forks."""
        if command == "serve":
            forbid_forks("máy chủ xem trước (mkdocs serve)")
            self.forbade_forks = True

    def on_shutdown(self) -> None:
        self._end_accelerators(complete=False)
        if self.forbade_forks:
            allow_forks()
            self.forbade_forks = False

    # -- configuration -------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # One instance serves every build of a process (MkDocs keeps plugins with startup events).
        self.settings, self.by_src_uri = settings_from(config, self.config), {}
        if os.environ.get(PREVIEW_ENV) == "1":
            self.config.preview = True
        self.now = current_time(self.settings.now)  # injectable: option `now` / MICROSITE_NOW
        # The CLI runner has usually checked already; plain `mkdocs build` has not.
        self.content = self.prechecked or check_site(self.settings)
        self.prechecked = None
        self.search_pages = SearchPages(self.settings.blog_dir)
        if not self.content.report.ok:
            raise PluginError("Nội dung có lỗi, chưa thể dựng trang:\n" + self.content.report.format())
        self.campaign.configure(self.settings, self.now, self.content.articles, dict(self.config))
        self.related.configure(self.content.articles, self.now, self.config.resolution_tag, self.settings.blog_dir)
        self.syndication = SyndicationAdapter(config, self.settings, self.now, (self._resolution_section(),),
                                              card_source=self.infographics.card_source)
        # Heading ids (the shortcuts come with the accelerators); the check parses with the same
        # (markdown.site_extensions). MkDocs types the option list[str]; Python-Markdown takes
        # Extension instances as well.
        cast("list[str | Extension]", config.markdown_extensions).extend(own_extensions(shortcuts=False))
        self._start_accelerators(config)  # same site, faster; none with MICROSITE_ACCEL=0
        config.mdx_configs.update(own_configs(config.mdx_configs))
        self.infographics.configure(config, self.settings, self.content.infographics)
        self.syndication.add_infographics(self.infographics.catalogue_items())
        configured_partners(self.config.embed_partners)  # origins only: refused early otherwise
        self.campaign.extra["hop-tin"] = lambda page: press_block(self.syndication, page.url)
        return config

    def _start_accelerators(self, config: MkDocsConfig) -> None:
        assert self.settings
        if self.accel is not None:  # a build that never reached its end events
            self.accel.end(complete=False)

        def share(cache: RenderCache | None) -> ChildShare:
            return ChildShare(self.infographics, self.search_pages, cache, self.syndication)

        self.accel = accelerators.start(BuildInputs(
            config, self.settings.cache_dir, fork_allowed=single_threaded(),
            worker_idle=self.infographics.worker_idle, share=share))

    def _resolution_section(self) -> Section:
        """The resolution section's feed lists exactly its related-news page's articles."""
        folder = self.config.resolution_dir.strip("/")
        return Section(folder, self.config.resolution_feed_title, f"{folder}/",
                       frozenset({self.config.resolution_tag}))

    # -- files ----------------------------------------------------------------
    def _visible(self, article: Article) -> bool:
        """Shown as an article page: public ones, and in a preview build every one not withdrawn
        (a withdrawn article only leaves its notice, see adapter/withdrawal.py)."""
        return article.is_public(self.now) or (self.config.preview and not article.is_withdrawn())

    @event_priority(50)  # before Material's blog plugin (-50) reads the posts
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings and self.content
        # First: the card worker needs a second or so to start, which it spends while the
        # articles are staged below instead of after.
        self.infographics.predraw_cards([a for a in self.content.articles if self._visible(a)])
        # Then the web fonts' subsets, in that worker once its cards are drawn: on a cold build
        # they would otherwise hold up one of the post-build chains for 1.5-2 s.
        self.infographics.also_in_worker(subset_webfonts, self.settings.cache_dir / "fonts")
        by_path = {real(a.path): a for a in self.content.articles}
        staging = self.settings.cache_dir / "staging"
        for file in list(files):
            if not file.abs_src_path:
                continue
            article = by_path.get(real(Path(file.abs_src_path)))
            if article is None:
                continue
            if not self._visible(article):
                files.remove(file)
                continue
            self.by_src_uri[file.src_uri] = article
            staged = staging / article.rel_path
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_text(staged_source(article), encoding="utf-8")
            file.abs_src_path = str(staged)
        self.campaign.withhold(files, [a for a in self.content.articles if not self._visible(a)],
                               [a for a in self.content.articles if self._visible(a)])
        self.withdrawn = withdrawn_pages(self.content.articles, config, self.settings.blog_dir)
        self.syndication.add_withdrawn(self.withdrawn)  # canceled ninjs documents for partners
        files = self.infographics.add_pages(files, config)
        if self.accel:
            self.accel.files(files)  # once every file is known
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The blog has set the posts' URLs: the card worker can write their cards into the site.
        self.infographics.prepublish_cards(Path(config.site_dir), [
            (file.url, self.by_src_uri[file.src_uri]) for file in files.documentation_pages()
            if file.src_uri in self.by_src_uri])
        self.related.know_urls(files, self.by_src_uri)
        if self.accel:
            self.accel.nav()  # the blog has read its posts in on_files
        self.nav, self.files = nav, files
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.infographics.enter_page(page)
        return self.campaign.page_markdown(markdown, page)

    # -- pages ------------------------------------------------------------------
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.syndication.collect(html, page, self.by_src_uri.get(page.file.src_uri), files)
        return html

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.accel:
            self.accel.pre_page(page)
        return page

    # -- templates -------------------------------------------------------------
    @event_priority(-100)  # after every other plugin's: the page split forks with the final env
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters.update(template_filters())
        if self.accel:
            self.accel.env(env, files, self.nav)
        self.env = env
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        article = self.by_src_uri.get(page.file.src_uri)
        self.infographics.collect_card(page, article, nav)
        page_context(context)["article"] = article
        page_context(context)["related_articles"] = self.related.links(article)
        if self.accel:
            self.accel.page_context(page)  # a blog listing's excerpts
        self.search_pages.note(page.file.src_uri, page.file.dest_uri, article is not None)
        if article:
            page_context(context)["article_status_label"] = STATUS_LABELS[article.status]
            page_context(context)["article_public"] = article.is_public(self.now)  # scheduled-article banner
        self.syndication.page_context(context, page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = prewrap_tables(output)  # Material's table wrapper, before its bundle arrives
        return self.search_pages.collect(page.file.dest_uri, output, page.title or "")

    # -- output ----------------------------------------------------------------
    def _end_accelerators(self, complete: bool) -> None:
        """Every upstream attribute the accelerators swapped is the original again."""
        if self.accel:
            self.accel.end(complete)

    def on_build_error(self, *, error: Exception) -> None:
        self._end_accelerators(complete=False)
        self.infographics.stop()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings
        self._end_accelerators(complete=True)
        site_dir, settings = Path(config.site_dir), self.settings
        self.infographics.finish_cards()  # every card in the cache, the font subsets made: before the fork
        write_notices(site_dir, self.withdrawn, config, settings.blog_dir)  # gỡ bài: notice + nginx map
        write_news_boxes(site_dir, config, self.syndication.news_boxes(), settings.blog_dir)  # nhung/

        def fonts_and_search() -> None:
            build_webfonts(site_dir / "assets" / "fonts", settings.cache_dir / "fonts")
            write_search_index(site_dir, self.search_pages)

        # Independent groups of output files (press kits read the cards from the cache): this
        # process takes the first, a forked child the last, and whichever is free the middle one.
        big = (single_threaded() and worker_count() > 0
               and len(self.search_pages.pages) >= min_jobs())
        run_tasks([lambda: self.syndication.write(site_dir), lambda: self.infographics.write_outputs(config),
                   fonts_and_search], allowed=big)
        publish_admin(config, site_dir)  # only when `workspace: {publish: true}` asks for it
