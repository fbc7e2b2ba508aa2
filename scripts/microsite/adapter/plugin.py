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
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..assets.fonts import build_webfonts, subset_webfonts
from ..background import min_jobs
from ..forked_loop import run_tasks
from ..config import SiteSettings
from ..content.clock import current_time
from ..content.model import STATUS_LABELS, Article
from ..content.paths import real
from ..content.site import SiteContent, check_site
from ..content.staging import staged_source
from ..markdown.heading_ids import HeadingIdExtension
from ..markdown.plain_paragraph import PlainParagraphExtension
from ..markdown.plain_text import PlainTextExtension
from ..text.press import TIMEZONE
from ..text.slugs import slugify
from .admin_publish import publish_admin
from .campaign import CampaignGlue
from .excerpt_markdown import ExcerptParsers
from .infographics import InfographicsGlue
from .lazy_bundle import prewrap_tables
from .material_blog import (ListingPosts, ReadTime, convert_leads_only, index_posts_by_identity,
                            memoise_post_dates, use_libyaml)
from .options import MicrositeOptions
from .page_context import page_context
from .page_markdown import SharedPageParser
from .page_split import ChildShare, MarkdownSplit, PageSplit
from .render_cache import RenderCache, open_for_build
from .search_index import SearchPages, write_search_index
from .template_filters import template_filters
from .translations import Translations
from .settings import settings_from
from .shared_nav import SharedNavigation
from ..syndication.feeds import Section
from .syndication import SyndicationAdapter


PREVIEW_ENV = "MICROSITE_PREVIEW"  # set by `microsite serve`


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
        self.render_cache: RenderCache | None = None
        self.page_parser: SharedPageParser | None = None
        self.shared_nav = SharedNavigation()
        self.listing_posts = ListingPosts()
        self.translations = Translations()
        self.page_split: PageSplit | None = None
        self.markdown_split: MarkdownSplit | None = None
        self.excerpt_parsers = ExcerptParsers()
        self.nav: Navigation | None = None

    # -- configuration -------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_from(config, self.config)
        if os.environ.get(PREVIEW_ENV) == "1":
            self.config.preview = True
        self.now = current_time(self.settings.now)  # injectable: option `now` / MICROSITE_NOW
        # The CLI runner has usually checked already; plain `mkdocs build` has not.
        self.content = self.prechecked or check_site(self.settings)
        self.prechecked = None
        self.search_pages = SearchPages(self.settings.blog_dir)
        self.page_parser = SharedPageParser(config)
        self.shared_nav = SharedNavigation()
        self.listing_posts = ListingPosts()  # per build: `microsite serve` rebuilds in one process
        if not self.content.report.ok:
            raise PluginError("Nội dung có lỗi, chưa thể dựng trang:\n" + self.content.report.format())
        self.campaign.configure(self.settings, self.now, self.content.articles, dict(self.config))
        self.syndication = SyndicationAdapter(config, self.settings, self.now, (self._resolution_section(),),
                                              card_source=self.infographics.card_source)
        use_libyaml()  # Material's blog re-reads every staged post's front matter
        memoise_post_dates()  # and formats each post's date once per page that shows it
        self.excerpt_parsers.install()  # one Markdown parser for every excerpt of the build
        # MkDocs types the option list[str]; Python-Markdown takes Extension instances as well.
        extensions = cast("list[str | Extension]", config.markdown_extensions)
        extensions.append(HeadingIdExtension())
        extensions.append(PlainTextExtension())  # same HTML, faster
        extensions.append(PlainParagraphExtension())  # likewise
        config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
        self.infographics.configure(config, self.settings, self.content.infographics)
        self.syndication.add_infographics(self.infographics.catalogue_items())
        return config

    def _resolution_section(self) -> Section:
        """The resolution section's feed lists exactly its related-news page's articles."""
        folder = self.config.resolution_dir.strip("/")
        return Section(folder, self.config.resolution_feed_title, f"{folder}/",
                       frozenset({self.config.resolution_tag}))

    # -- files ----------------------------------------------------------------
    def _visible(self, article: Article) -> bool:
        return self.config.preview or article.is_public(self.now)

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
        files = self.infographics.add_pages(files, config)
        self.render_cache = open_for_build(self.settings.cache_dir, config, files)  # after every file is known
        self.markdown_split = MarkdownSplit(self.render_cache, allowed=PREVIEW_ENV not in os.environ,
                                            ready=self.infographics.worker_idle)
        self.markdown_split.install()  # pages converted by two processes (on two cores: once the card worker is done)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        index_posts_by_identity(config.plugins)  # the blog has read its posts in on_files
        # The blog has set the posts' URLs: the card worker can write their cards into the site.
        self.infographics.prepublish_cards(Path(config.site_dir), [
            (file.url, self.by_src_uri[file.src_uri]) for file in files.documentation_pages()
            if file.src_uri in self.by_src_uri])
        if self.render_cache:  # posts' read time computed with their HTML, where it is made
            self.render_cache.extras = ReadTime.of(config.plugins)
        self.nav = nav
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.infographics.enter_page(page)
        return self.campaign.page_markdown(markdown, page)

    # -- pages ------------------------------------------------------------------
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.syndication.collect(html, page, self.by_src_uri.get(page.file.src_uri), files)
        return html

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.page_parser:
            self.page_parser.attach(page)  # one Markdown parser for every page
        if self.render_cache:
            self.render_cache.wrap_page(page)
        return page

    # -- templates -------------------------------------------------------------
    @event_priority(-100)  # after every other plugin's: the page split forks with the final env
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters.update(template_filters())
        self.shared_nav.install(env)  # sidebar and tabs: rendered once per distinct result
        self.translations.install(env, config)  # interface strings: once per build, not per page
        if self.markdown_split:
            self.markdown_split.uninstall()  # every page is converted by now
        share = ChildShare(self.infographics, self.search_pages, self.render_cache, self.syndication)
        self.page_split = PageSplit(share,
                                    allowed=PREVIEW_ENV not in os.environ)  # never in `microsite serve`
        self.page_split.install()  # page templates rendered by two processes
        if self.nav is not None:  # the child starts now, while MkDocs copies the static files
            self.page_split.start(config, files.documentation_pages(inclusion=InclusionLevel.is_included),
                                  self.nav, env)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        article = self.by_src_uri.get(page.file.src_uri)
        self.infographics.collect_card(page, article, nav)
        page_context(context)["article"] = article
        posts = self.listing_posts.new(page)  # a blog listing's posts, once per listing
        convert_leads_only(posts)  # blog listings: excerpts from the lead, not the whole post
        if self.render_cache:
            self.render_cache.wrap_excerpts(posts)
        self.search_pages.note(page.file.src_uri, page.file.dest_uri, article is not None)
        if article:
            page_context(context)["article_status_label"] = STATUS_LABELS[article.status]
            page_context(context)["article_public"] = article.is_public(self.now)  # scheduled-article banner
        self.syndication.page_context(context, page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = prewrap_tables(output)  # Material's table wrapper, before its bundle arrives (issue 6)
        return self.search_pages.collect(page.file.dest_uri, output, page.title or "")

    # -- output ----------------------------------------------------------------
    def on_build_error(self, *, error: Exception) -> None:
        for split in (self.markdown_split, self.page_split):
            if split:
                split.uninstall()
        self.excerpt_parsers.uninstall()
        self.infographics.stop()
        if self.render_cache:
            self.render_cache.close(complete=False)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.settings
        if self.page_split:
            self.page_split.uninstall()
        self.excerpt_parsers.uninstall()
        if self.render_cache:
            self.render_cache.close(complete=True)
        site_dir, settings = Path(config.site_dir), self.settings
        self.infographics.finish_cards()  # every card in the cache, the font subsets made: before the fork

        def fonts_and_search() -> None:
            build_webfonts(site_dir / "assets" / "fonts", settings.cache_dir / "fonts")
            write_search_index(site_dir, self.search_pages)

        # Independent groups of output files (press kits read the cards from the cache): this
        # process takes the first, a forked child the last, and whichever is free the middle one.
        big = bool(self.page_split and self.page_split.allowed and len(self.search_pages.pages) >= min_jobs())
        run_tasks([lambda: self.syndication.write(site_dir), lambda: self.infographics.write_outputs(config),
                   fonts_and_search], allowed=big)
        publish_admin(config, site_dir)  # only when `workspace: {publish: true}` asks for it
