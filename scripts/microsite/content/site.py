"""Check a whole content folder: every article and every page, before any build."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..campaign.data import campaign_problems
from ..config import SiteSettings
from .articles import display_path, load_article, read_text
from .frontmatter import FrontMatterError, parse
from .model import Article
from .problems import Problem, Report
from ..infographics.site_check import check_infographics
from ..infographics.model import Infographic


@dataclass
class SiteContent:
    """Everything the core knows about a site's content after a check."""

    settings: SiteSettings
    articles: list[Article] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    infographics: list[Infographic] = field(default_factory=list)


def _is_article(path: Path, settings: SiteSettings) -> bool:
    try:
        path.relative_to(settings.posts_dir)
    except ValueError:
        return False
    return path.suffix == ".md"


def _check_page(path: Path, settings: SiteSettings) -> list[Problem]:
    """Pages that are not articles still must be Unicode and, if present, valid YAML."""
    shown = display_path(path, settings)
    text, problems = read_text(path, shown)
    if text is None or not text.startswith("---"):
        return problems
    try:
        parse(text)
    except FrontMatterError as exc:
        return [Problem(shown, exc.message, exc.line, hint=exc.hint)]
    return []


def _duplicate_urls(content: SiteContent) -> None:
    by_key: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for art in content.articles:
        by_key[(art.date.strftime("%Y-%m-%d"), art.slug)].append(art)
    for (_, slug), arts in by_key.items():
        for art in arts[1:]:
            content.report.add(Problem(
                display_path(art.path, content.settings),
                f"Trùng địa chỉ bài viết \"{slug}\" với {display_path(arts[0].path, content.settings)}.",
                2, "title", "Đổi tiêu đề hoặc thêm trường slug khác cho một trong hai bài.",
            ))


def check_site(settings: SiteSettings) -> SiteContent:
    """Load every article and check every Markdown page under ``settings.docs_dir``."""
    content = SiteContent(settings)
    if not settings.docs_dir.is_dir():
        content.report.add(Problem(str(settings.docs_dir), "Không tìm thấy thư mục nội dung.",
                                   hint="Chạy lệnh trong thư mục dự án hoặc dùng -d THƯ_MỤC."))
        return content
    for path in sorted(settings.docs_dir.rglob("*.md")):
        if _is_article(path, settings):
            article, problems = load_article(path, settings)
            content.report.extend(problems)
            if article:
                content.articles.append(article)
        else:
            content.report.extend(_check_page(path, settings))
    _duplicate_urls(content)
    # -- campaign data files (docs/_data/) and page markers: see microsite.campaign.data --
    content.report.extend(campaign_problems(settings))
    # Infographic data files and ::infographic embeds (issue 3): same report, same rules.
    content.infographics, problems = check_infographics(settings)
    content.report.extend(problems)
    content.articles.sort(key=lambda a: a.date, reverse=True)
    return content
