"""Run every body rule on one Markdown body."""

from __future__ import annotations

from pathlib import Path

from ..content.problems import Problem
from ..markdown.gallery_embed import find_galleries
from ..media.gallery import gallery_problems
from .dates import check_text_dates
from .ids import check_ids
from .images import check_images
from .links import SiteRoutes, check_links
from .raw_html import check_raw_html
from .source import BodySource


def check_bodies(sources: list[BodySource], routes: SiteRoutes, theme_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """Every body rule on several bodies, in the given order (a worker process runs a slice)."""
    return [problem for src in sources for problem in check_body(src, routes, theme_dirs)]


def check_body(src: BodySource, routes: SiteRoutes, theme_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """Raw HTML, ids, links, images and dates of one page or article, in file-line order.

    ``theme_dirs``: the theme's template folders, whose ids no body may use (validation.ids)."""
    problems = [
        *check_raw_html(src),
        *check_ids(src, theme_dirs),
        *check_links(src, routes),
        *check_images(src, routes.docs_dir),
        *check_text_dates(src),
        *check_galleries(src, routes.docs_dir),
    ]
    return sorted(problems, key=lambda p: p.line or 0)


def check_galleries(src: BodySource, docs_dir: Path) -> list[Problem]:
    """Every ``::gallery`` line: its folder, captions file and photos (media/gallery.py)."""
    return [problem for line, folder in find_galleries(src.text)
            for problem in gallery_problems(folder, src.path, src.shown, src.first_line + line - 1, docs_dir)]
