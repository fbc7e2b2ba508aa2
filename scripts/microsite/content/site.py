"""Check a whole content folder: every article and every page, before any build."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..background import min_jobs, worker_count
from ..forked_loop import map_chunks, single_threaded
from ..campaign.data import campaign_problems
from ..config import SiteSettings
from ..infographics.catalogue import CATALOGUE_PATH
from ..infographics.model import Infographic
from ..infographics.publish import URL_DIR
from ..infographics.site_check import check_infographics
from ..media.model import MediaItem
from ..media.podcast import PODCAST_PATH
from ..media.probe import ProbeCache
from ..media.embed import lead_video_line
from ..media.site_check import check_media, is_transcript
from ..syndication.feeds import FEED_FORMATS
from ..syndication.newsbox import BOX_DIR
from ..validation.body import check_body
from ..validation.links import SiteRoutes
from ..validation.source import BodySource
from .articles import display_path, load_article, read_text
from .check_memo import CheckMemo, LoadResult
from .frontmatter import FrontMatter, FrontMatterError, parse
from .docs_files import file_problems
from .limits import unexpected_problem
from .model import Article, Status
from .control_chars import control_char_problems
from .page_meta import page_meta_problems
from .paths import forget, real
from .related_articles import related_problems
from .problems import Problem, Report


@dataclass
class SiteContent:
    """Everything the core knows about a site's content after a check."""

    settings: SiteSettings
    articles: list[Article] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    infographics: list[Infographic] = field(default_factory=list)
    media: dict[str, MediaItem] = field(default_factory=dict)  # embedded video and audio by docs/ path


def _is_article(path: Path, settings: SiteSettings) -> bool:
    try:
        path.relative_to(settings.posts_dir)
    except ValueError:
        return False
    return path.suffix == ".md"


def _check_page(path: Path, settings: SiteSettings) -> tuple[list[Problem], BodySource | None]:
    """Pages that are not articles still must be Unicode and, if present, valid YAML."""
    shown = display_path(path, settings)
    text, problems = read_text(path, shown, settings.max_article_kb)
    if text is None:
        return problems, None
    if not text.startswith("---"):
        return control_char_problems(FrontMatter({}, body=text), shown), BodySource(real(path), shown, text,
                                                                                    setup=settings.markdown)
    try:
        fm = parse(text)
    except FrontMatterError as exc:
        return [Problem(shown, exc.message, exc.line, hint=exc.hint)], None
    problems = page_meta_problems(fm, shown, settings.theme_dirs) + control_char_problems(fm, shown)
    return problems, BodySource(real(path), shown, fm.body, fm.body_line, setup=settings.markdown)


def _article_body(article: Article, settings: SiteSettings) -> BodySource:
    return BodySource(real(article.path), display_path(article.path, settings), article.body,
                      article.body_line, draft=article.status is Status.DRAFT, setup=settings.markdown)


def generated_paths(content: SiteContent) -> frozenset[str]:
    """Outputs the build writes that have no source file: links to them are fine."""
    channels = [c.key for c in content.settings.site.channels]
    feed_dirs = ["", *(f"kenh/{key}/" for key in channels),
                 *(f"{p.parent.relative_to(content.settings.docs_dir).as_posix()}/"
                   for p in content.settings.docs_dir.rglob("index.md") if p.parent != content.settings.docs_dir)]
    paths = {d + f.name for d in feed_dirs for f in FEED_FORMATS}
    paths |= {CATALOGUE_PATH, "api/ninjs/", PODCAST_PATH}
    # partners' news boxes (syndication.newsbox): the site's and each channel's
    paths |= {f"{BOX_DIR}/tin-moi/", *(f"{BOX_DIR}/kenh/{key}/" for key in channels)}
    paths |= {f"{URL_DIR}/{info.id}/" for info in content.infographics}
    return frozenset(paths)


def _routes(content: SiteContent) -> SiteRoutes:
    return SiteRoutes(content.settings.docs_dir, content.settings.blog_dir,
                      frozenset(a.slug for a in content.articles), generated_paths(content))


def _check_bodies(content: SiteContent, pages: list[BodySource], memo: CheckMemo | None = None) -> None:
    """Body rules run last: links need every article's URL."""
    routes = _routes(content)
    sources = pages + [_article_body(a, content.settings) for a in content.articles]
    # Each body is converted to HTML to be checked: with many articles a forked child takes
    # slices from the back while this process works from the front (same order of problems).
    theme = content.settings.theme_dirs
    keys = [CheckMemo.body_key(src) for src in sources] if memo is not None else []
    known = [memo.known_body(key) for key in keys] if memo is not None else [None] * len(sources)
    todo = [src for src, found in zip(sources, known) if found is None]
    results = map_chunks(lambda chunk: [_checked_body(src, routes, theme) for src in chunk], todo, chunk_size=32,
                         allowed=len(todo) >= min_jobs() and worker_count() > 0 and single_threaded())
    checked = iter(problems for chunk in results for problems in chunk)
    for i, found in enumerate(known):
        problems = found if found is not None else next(checked)
        if memo is not None and found is None:
            memo.keep_body(keys[i], problems)
        content.report.extend(problems)


def _checked_body(src: BodySource, routes: SiteRoutes, theme: tuple[Path, ...]) -> list[Problem]:
    try:
        return check_body(src, routes, theme)
    except Exception:  # noqa: BLE001 - anything unforeseen: a Vietnamese problem naming the file
        return [unexpected_problem(src.shown)]


def _guarded_load(path: Path, settings: SiteSettings) -> LoadResult:
    try:
        return load_article(path, settings)
    except Exception:  # noqa: BLE001 - anything unforeseen: a Vietnamese problem naming the file
        return None, [unexpected_problem(display_path(path, settings))]


def _load(path: Path, settings: SiteSettings, memo: CheckMemo | None) -> LoadResult:
    if memo is None:
        return _guarded_load(path, settings)
    key = CheckMemo.load_key(path)
    found = memo.known_load(key)
    if found is None:
        found = _guarded_load(path, settings)
        memo.keep_load(key, found)
    return found


def _duplicate_urls(content: SiteContent) -> None:
    content.report.extend(duplicate_url_problems(content.articles, content.settings))


def duplicate_url_problems(articles: list[Article], settings: SiteSettings) -> list[Problem]:
    """Two articles of the same day and slug would share one address."""
    by_key: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for art in articles:
        by_key[(art.date.strftime("%Y-%m-%d"), art.slug)].append(art)
    return [Problem(display_path(art.path, settings),
                    f"Trùng địa chỉ bài viết \"{slug}\" với {display_path(arts[0].path, settings)}.",
                    2, "title", "Đổi tiêu đề hoặc thêm trường slug khác cho một trong hai bài.")
            for (_, slug), arts in by_key.items() for art in arts[1:]]


def _check_media(content: SiteContent, pages: list[BodySource]) -> None:
    """``::video``/``::audio`` embeds of every page and article (probe results cached)."""
    settings = content.settings
    bodies = [(src.path, src.text, src.first_line) for src in pages]
    bodies += [(real(a.path), a.body, a.body_line) for a in content.articles]
    bodies += [(real(a.path), lead_video_line(a), a.field_lines.get(("video",), 1))  # the lead video (front matter)
               for a in content.articles if lead_video_line(a)]
    cache = ProbeCache(settings.cache_dir / "media")
    found = check_media(settings.docs_dir, bodies, cache, settings.media_max_mb,
                        lambda p: display_path(p, settings))
    cache.save()
    content.media = found.items
    content.report.extend(found.problems)


def check_site(settings: SiteSettings, memo: CheckMemo | None = None) -> SiteContent:
    """Load every article and check every Markdown page under ``settings.docs_dir``; ``memo``
    answers for sources checked before and records this check (content/check_memo.py)."""
    forget()  # resolved paths are memoised for one check only
    content = SiteContent(settings)
    if not settings.docs_dir.is_dir():
        content.report.add(Problem(str(settings.docs_dir), "Không tìm thấy thư mục nội dung.",
                                   hint="Chạy lệnh trong thư mục dự án hoặc dùng -d THƯ_MỤC."))
        return content
    pages: list[BodySource] = []
    content.report.extend(file_problems(settings.docs_dir))  # links, hidden names, active files
    for path in sorted(settings.docs_dir.rglob("*.md")):
        if path.is_symlink():
            continue  # named by file_problems, never read
        if is_transcript(path):  # a video's or audio's transcript (media.site_check), not a page
            continue
        if _is_article(path, settings):
            article, problems = _load(path, settings, memo)
            content.report.extend(problems)
            if article:
                content.articles.append(article)
        else:
            try:
                problems, body = _check_page(path, settings)
            except Exception:  # noqa: BLE001 - anything unforeseen: a Vietnamese problem naming the file
                problems, body = [unexpected_problem(display_path(path, settings))], None
            content.report.extend(problems)
            pages += [body] if body else []
    _duplicate_urls(content)
    content.report.extend(related_problems(content.articles, settings.blog_dir,
                                           lambda a: display_path(a.path, settings)))
    # -- campaign data files (docs/_data/) and page markers: see microsite.campaign.data --
    content.report.extend(campaign_problems(settings))
    # Infographic data files and ::infographic embeds: same report, same rules.
    content.infographics, problems = check_infographics(settings)
    content.report.extend(problems)
    _check_media(content, pages)
    content.articles.sort(key=lambda a: a.date, reverse=True)
    _check_bodies(content, pages, memo)  # links, images, raw HTML, dates: microsite.validation
    return content


def check_article(content: SiteContent, path: Path) -> tuple[Article | None, Report]:
    """One edited article, checked against the rest of an already checked site (the preview
    server's quick path: the caller makes sure its address changed nothing else, ``moved_problems``)."""
    forget()
    report = Report()
    article, problems = _guarded_load(path, content.settings)
    report.extend(problems)
    if article is not None:
        report.extend(_checked_body(_article_body(article, content.settings), _routes(content),
                                    content.settings.theme_dirs))
    return article, report


def moved_problems(content: SiteContent, article: Article) -> list[Problem]:
    """What an edited article's new address (its slug) breaks in an already checked site: the
    same address as another article's, ``related`` references to the old slug."""
    before = next((a for a in content.articles if a.path == article.path), None)
    if before is None or before.slug == article.slug:
        return []
    articles = [article if a is before else a for a in content.articles]
    return [*duplicate_url_problems(articles, content.settings),
            *related_problems(articles, content.settings.blog_dir, lambda a: display_path(a.path, content.settings))]
