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
from .engine_errors import WordedError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from jinja2 import Environment
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..assets.fonts import build_webfonts, subset_webfonts
from ..background import min_jobs, worker_count
from ..forked_loop import allow_forks, forbid_forks, run_tasks, single_threaded
from ..config import SiteSettings
from ..content.clock import current_time
from ..content.model import STATUS_LABELS, Article
from ..content.paths import real
from ..content.problems import Report
from ..content.publication import has_page
from ..content.site import SiteContent, check_site
from ..content.site_config import CampaignOptionError, Resolution
from ..content.staging import stage
from ..markdown.gallery_embed import GalleryExtension
from ..markdown.site_extensions import own_configs, own_extensions
from ..media.embed import embedded_in_article
from ..media.model import AUDIO
from ..media.podcast import PODCAST_PATH, press_markdown
from ..text.press import TIMEZONE
from .accel import registry as accelerators
from .accel.page_split import ChildShare
from .accel.render_cache import RenderCache
from .accel.run import BuildInputs, Run
from .admin_publish import publish_admin
from .campaign import CampaignGlue
from .infographics import InfographicsGlue
from .media import MediaGlue
from .gallery import drop_captions, gallery_loader
from .home import HomeSources
from .lazy_bundle import prewrap_tables
from .options import MicrositeOptions
from .page_context import page_context
from .reach import views_for
from .search_index import SearchPages, page_url, write_search_index
from .incremental import PageKeeper, PageRecord, Plan, read_time
from .page_patch import FileRecord, PatchBasis, Shape, body_parts, file_records, shape_of
from .template_filters import template_filters
from .theme import use_package_theme
from .settings import settings_from
from ..syndication.feeds import Section
from ..syndication.withdrawn import WithdrawnPage
from .syndication import SyndicationAdapter
from .withdrawal import withdrawn_pages, write_notices
from .related_articles import RelatedGlue
from .news_box import configured_partners, press_block, write_news_boxes
from .photos import PhotoGlue


PREVIEW_ENV = "MICROSITE_PREVIEW"  # set by `microsite serve`: show drafts (the preview flag only)


def resolution_section(resolution: Resolution) -> Section:
    """A resolution section's feed lists exactly its related-news page's articles."""
    folder = resolution.folder
    return Section(folder, resolution.feed_title, f"{folder}/", frozenset({resolution.tag}))


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
        self.media = MediaGlue()  # ::video and ::audio (adapter/media.py)
        self.search_pages = SearchPages("tin-tuc")
        self.accel: Run | None = None  # this build's speed-ups (adapter.accel), restored at its end
        self.nav: Navigation | None = None
        self.files: Files | None = None  # the last build's files and Jinja environment (the preview's quick path)
        self.env: Environment | None = None
        self.forbade_forks = False
        self.withdrawn: list[WithdrawnPage] = []
        self.related = RelatedGlue()  # "Tin liên quan" under every article
        self.photos = PhotoGlue()  # renditions, body pictures, the templates' picture filters
        self.option_problems: Report | None = None  # campaign options in error (mkdocs.yml)
        self.incremental: Plan | None = None  # set by the CLI runner for one build (adapter/incremental.py)
        self.plan: Plan | None = None
        self.keeper: PageKeeper | None = None
        self.pages: list[Page] = []
        self.shapes: dict[str, Shape] = {}  # article pages' shapes by URL (adapter/page_patch.py)
        self.record_shapes = False  # set by the CLI runner, whose manifest keeps them
        self.file_records: list[FileRecord] = []
        self.views: dict[str, int] = {}  # article path -> "Lượt xem" (adapter/reach.py)

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
        use_package_theme(config)  # before anything reads the template path (settings, ids check)
        # One instance serves every build of a process (MkDocs keeps plugins with startup events).
        self.option_problems = None
        try:
            self.settings, self.by_src_uri = settings_from(config, self.config), {}
        except CampaignOptionError as exc:  # plain `mkdocs build`: the same Vietnamese message
            self.option_problems = Report(list(exc.problems))  # for the preview's error page
            raise WordedError(str(exc)) from None
        if os.environ.get(PREVIEW_ENV) == "1":
            self.config.preview = True
        self.now = current_time(self.settings.now)  # injectable: option `now` / MICROSITE_NOW
        # The CLI runner has usually checked already; plain `mkdocs build` has not.
        self.content = self.prechecked or check_site(self.settings)
        self.prechecked = None
        self.plan, self.incremental, self.keeper, self.pages = self.incremental, None, None, []
        self.shapes, self.file_records = {}, []
        self.search_pages = SearchPages(self.settings.blog_dir)
        if not self.content.report.ok:
            raise WordedError("Nội dung có lỗi, chưa thể dựng trang:\n" + self.content.report.format())
        self.campaign.configure(self.settings, self.now, self.content.articles, dict(self.config))
        resolutions = self.settings.site.resolutions
        self.related.configure(self.content.articles, self.now, [r.tag for r in resolutions], self.settings.blog_dir)
        self.syndication = SyndicationAdapter(config, self.settings, self.now,
                                              tuple(resolution_section(r) for r in resolutions),
                                              card_source=self.infographics.card_source)
        # Heading ids and body photos; the check parses with the same
        # (markdown.site_extensions). MkDocs types the option list[str]; Python-Markdown takes
        # Extension instances as well.
        self.photos.configure(self.settings.cache_dir, self.settings.docs_dir, self.content.articles)
        self.syndication.photos = self.photos
        cast("list[str | Extension]", config.markdown_extensions).extend(
            own_extensions(photos=self.photos.locate))
        self._start_accelerators(config)  # same site, faster; none with MICROSITE_ACCEL=0
        config.mdx_configs.update(own_configs(config.mdx_configs))
        self.infographics.configure(config, self.settings, self.content.infographics)
        self.media.configure(config, self.settings, self.content.media)
        self.syndication.add_media(self.content.media)
        cast("list[str | Extension]", config.markdown_extensions).append(
            GalleryExtension(load=gallery_loader(self.settings.docs_dir)))  # ``::gallery`` photo stories
        self.syndication.add_infographics(self.infographics.catalogue_items())
        configured_partners(self.config.embed_partners)  # origins only: refused early otherwise
        self.campaign.extra["hop-tin"] = lambda page: press_block(self.syndication, page.url)
        self.campaign.extra["podcast"] = lambda page: press_markdown(
            self._episodes(), get_relative_url(PODCAST_PATH, page.url))
        self.views = views_for(config, self.config)  # "Lượt xem": one small file, read once
        return config

    def _episodes(self) -> int:
        """Audio files of public articles: the podcast's episodes (``media/podcast.py``)."""
        assert self.content
        return sum(1 for a in self.content.articles if a.is_public(self.now)
                   for _, item in embedded_in_article(self.content.media, a) if item.kind == AUDIO)

    def _start_accelerators(self, config: MkDocsConfig) -> None:
        assert self.settings
        if self.accel is not None:  # a build that never reached its end events
            self.accel.end(complete=False)

        def share(cache: RenderCache | None) -> ChildShare:
            return ChildShare(self.infographics, self.search_pages, cache, self.syndication, self.shapes)

        # An incremental build renders a few pages: no fork is worth it.
        self.accel = accelerators.start(BuildInputs(
            config, self.settings.cache_dir, fork_allowed=single_threaded() and self.plan is None,
            worker_idle=self.infographics.worker_idle, share=share, keep=self._keep))

    def _keep(self, page: Page) -> bool:
        return self.keeper is not None and self.keeper(page)

    # -- files ----------------------------------------------------------------
    def _visible(self, article: Article) -> bool:
        return has_page(article, self.now, self.config.preview)

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
            file.abs_src_path = str(stage(article, self.settings.cache_dir))
        self.campaign.withhold(files, [a for a in self.content.articles if not self._visible(a)],
                               [a for a in self.content.articles if self._visible(a)])
        self.withdrawn = withdrawn_pages(self.content.articles, config, self.settings.blog_dir)
        self.syndication.add_withdrawn(self.withdrawn)  # canceled ninjs documents for partners
        drop_captions(files)
        files = self.infographics.add_pages(files, config)
        files = self.media.add_files(files, config)
        self.photos.add_files(files, config)  # after the withheld files left; before the render cache salts
        if self.accel:
            self.accel.files(files)  # once every file is known
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The blog has set the posts' URLs: the card worker can write their cards into the site.
        self.infographics.prepublish_cards(Path(config.site_dir), [
            (file.url, self.by_src_uri[file.src_uri]) for file in files.documentation_pages()
            if file.src_uri in self.by_src_uri])
        self.related.know_urls(files, self.by_src_uri)
        self.photos.know_urls(files, self.by_src_uri)
        self.campaign.home_sources = HomeSources(lambda article: self.related.urls.get(id(article)),
                                                 self.photos.thumbnail_html, self.photos.picture_of,
                                                 self.infographics.strip, files)
        if self.accel:
            self.accel.nav()  # the blog has read its posts in on_files
        self.nav, self.files = nav, files
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.infographics.enter_page(page)
        self.media.enter_page(page)
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
    @event_priority(200)  # before the tags plugin's (100): its listings are rendered with our filters
    def _on_env_filters(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.filters.update(template_filters())
        env.filters.update(self.photos.filters())
        env.filters.update(self.media.filters())
        return env

    @event_priority(-100)  # after every other plugin's: the page split forks with the final env
    def _on_env_last(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
                      if f.page is not None]
        self.file_records = file_records(files)
        if self.plan is not None:
            self.keeper = self._keeper(self.plan)
        if self.accel:
            self.accel.env(env, files, self.nav)
        self.env = env
        return env

    on_env = CombinedEvent(_on_env_filters, _on_env_last)

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
            page_context(context)["article_views"] = self.views.get("/" + page.url)
        self.syndication.page_context(context, page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        final = prewrap_tables(output)  # Material's table wrapper, before its bundle arrives
        if self.record_shapes and page.file.src_uri in self.by_src_uri:  # for the next build's patch
            parts = body_parts(page.content or "", self.syndication.texts.get(page.file.src_uri))
            shape = shape_of(output, final, parts, page, read_time(page))
            if shape is not None:
                self.shapes[page.url] = shape
        return self.search_pages.collect(page.file.dest_uri, final, page.title or "")

    # -- incremental builds (adapter/incremental.py) ---------------------------------------
    def _keeper(self, plan: Plan) -> PageKeeper | None:
        """Which pages this build keeps from the published site (None: every page is rendered)."""
        if self.accel is None:
            plan.fallback, plan.fallback_vi = "no accelerators (MICROSITE_ACCEL=0)", "đã tắt các bộ tăng tốc"
            return None
        if "kept_pages" not in self.accel.installed:
            why = self.accel.health.unfit.get("kept_pages", "off")
            plan.fallback, plan.fallback_vi = f"kept_pages: {why}", f"bộ giữ trang đã tắt: {why}"
            return None
        records, keep = plan.manifest.pages, set()
        for page in self.pages:
            article = self.by_src_uri.get(page.file.src_uri)
            record = records.get(page.url)
            if article is not None and plan.is_changed(article.path):
                if record is None or read_time(page) != record.readtime:
                    plan.fallback = f"{article.rel_path}: read time changed (the listings show it)"
                    plan.fallback_vi = f"{article.rel_path}: thời gian đọc thay đổi (trang danh sách có hiện)"
                    return None
            elif (record is not None and record.dest_uri == page.file.dest_uri
                  and record.related == self._related_urls(article)
                  and (plan.old_site / record.dest_uri).is_file()):
                keep.add(page.url)
        self.syndication.keep_outputs(plan.old_site, {
            src_uri for src_uri, article in self.by_src_uri.items() if not plan.is_changed(article.path)})
        return PageKeeper(plan, keep, self._restore_kept)

    def _related_urls(self, article: Article | None) -> tuple[str, ...]:
        return tuple(link.url for link in self.related.links(article))

    def _restore_kept(self, page: Page, record: PageRecord) -> None:
        """What on_page_context and on_post_page record for a page, for one kept as it was."""
        article = self.by_src_uri.get(page.file.src_uri)
        assert self.nav is not None
        self.infographics.collect_card(page, article, self.nav)
        self.search_pages.note(page.file.src_uri, page.file.dest_uri, article is not None)
        if record.search is not None and page.file.dest_uri in self.search_pages.files:
            self.search_pages.pages.append(record.search)
        if record.shape is not None:
            self.shapes[page.url] = record.shape

    def page_records(self) -> dict[str, PageRecord]:
        """After a complete build: each page's record for the next incremental build."""
        texts = {text.url: text for text in self.search_pages.pages}
        out = {}
        for page in self.pages:
            dest = page.file.dest_uri
            out[page.url] = PageRecord(dest, self._related_urls(self.by_src_uri.get(page.file.src_uri)),
                                       dest in self.search_pages.files, texts.get(page_url(dest)), read_time(page),
                                       self.shapes.get(page.url))
        return out

    def patch_basis(self) -> PatchBasis:
        """After a complete build: what the next build's patch path reads (adapter/page_patch.py)."""
        return PatchBasis(self.file_records, frozenset(str(real(p)) for p in self.campaign.withheld),
                          self.syndication.feed_entries, self.syndication.feed_updated)

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
        # Kept listings did not use their excerpts' cache entries: keep those entries.
        self._end_accelerators(complete=self.plan is None or self.plan.kept == 0)
        site_dir, settings = Path(config.site_dir), self.settings
        self.infographics.finish_cards()  # every card in the cache, the font subsets made: before the fork
        write_notices(site_dir, self.withdrawn, config, settings.blog_dir)  # gỡ bài: notice + nginx map
        write_news_boxes(site_dir, config, self.syndication.news_boxes(), settings.blog_dir)  # nhung/

        def fonts_and_search() -> None:
            build_webfonts(site_dir / "assets" / "fonts", settings.cache_dir / "fonts")
            write_search_index(site_dir, self.search_pages, settings.cache_dir)

        # Independent groups of output files (press kits read the cards from the cache): this
        # process takes the first, a forked child the last, and whichever is free the middle one.
        big = (single_threaded() and worker_count() > 0
               and len(self.search_pages.pages) >= min_jobs())
        run_tasks([lambda: self.syndication.write(site_dir), lambda: self.infographics.write_outputs(config),
                   fonts_and_search], allowed=big)
        publish_admin(config, site_dir)  # only when `workspace: {publish: true}` asks for it
