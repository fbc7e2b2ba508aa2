"""MkDocs glue for withdrawn articles: where they lived, and the notice left there.

A withdrawn article never reaches Material's blog (the plugin drops its file like a
draft's), so the address it had is computed the way the blog computes post URLs
(``post_url_format`` with the blog's own date and category formatting). The build
then writes, at that address, the notice page (``partials/withdrawn.html``) and the
canceled ninjs document, and the nginx map of withdrawn addresses
(``syndication.withdrawn``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from material.plugins.blog.plugin import BlogPlugin
from mkdocs.config.defaults import MkDocsConfig
from .engine_errors import WordedError
from mkdocs.utils import get_relative_url

from ..content.model import Article
from ..syndication.withdrawn import NGINX_MAP_PATH, NOTICE_TITLE, WithdrawnPage, nginx_map
from .standalone import write_page

NOTICE_TEMPLATE = "partials/withdrawn.html"


def _blog(config: MkDocsConfig, blog_dir: str) -> BlogPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, BlogPlugin) and plugin.config.enabled and plugin.config.blog_dir == blog_dir:
            return plugin
    raise WordedError(f"Không tìm thấy plugin blog cho thư mục \"{blog_dir}\" (cần để tính địa chỉ bài đã gỡ).")


def post_path(article: Article, config: MkDocsConfig, blog_dir: str) -> str:
    """The site-relative folder Material's blog gives ``article`` (``tin-tuc/2023/03/29/slug/``)."""
    blog = _blog(config, blog_dir)
    categories = [blog._slugify_category(name)
                  for name in article.categories[:blog.config.post_url_max_categories]]
    path = blog.config.post_url_format.format(
        categories="/".join(categories), date=blog._format_date_for_post_url(article.date, config),
        file=Path(article.rel_path).stem, slug=article.slug)
    return f"{blog_dir}/{posixpath.normpath(path.strip('/'))}/"


def withdrawn_pages(articles: list[Article], config: MkDocsConfig, blog_dir: str) -> list[WithdrawnPage]:
    return sorted((WithdrawnPage(a, post_path(a, config, blog_dir)) for a in articles if a.is_withdrawn()),
                  key=lambda p: p.path)


def write_notices(site_dir: Path, pages: list[WithdrawnPage], config: MkDocsConfig, news_dir: str) -> None:
    """Each withdrawn address gets its notice page; the site gets the nginx map (even empty:
    the server configuration includes it)."""
    for page in pages:
        write_page(site_dir, config, NOTICE_TEMPLATE, page.path, page=page, notice_title=NOTICE_TITLE,
                   news_href=get_relative_url(news_dir.strip("/") + "/", page.path))
    map_file = site_dir / NGINX_MAP_PATH
    map_file.parent.mkdir(parents=True, exist_ok=True)
    map_file.write_text(nginx_map(pages), encoding="utf-8")
