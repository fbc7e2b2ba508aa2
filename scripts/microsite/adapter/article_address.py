"""Where the workspace's "Xem bản hoàn chỉnh" goes: the address the site publishes an article at.

Decap builds the link from a template, and no template gives Material's blog address: the
blog puts ``{{year}}/{{month}}/{{day}}`` of the article's date in Vietnam time (Decap's
placeholders are UTC, so an article at 03:15 got the day before), and its slug from the
title or the ``slug`` field (Decap knows the file name, which keeps the first title). With
the local backend the link goes to ``/_workspace/xem/<file name>/`` on the preview server,
which reads the article and redirects to the address the build gives it (``post_path``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..content.articles import load_article
from ..workspace.cms_config import ARTICLE_ADDRESS_ROUTE
from .admin_publish import options_of
from .settings import settings_from
from .withdrawal import post_path


def article_address(config: MkDocsConfig, rel: str) -> str | None:
    """The site path (``/tin-tuc/2023/04/05/slug/``) of the article file ``<rel>.md`` in the
    blog's posts folder, from ``/_workspace/xem/<rel>/``; None when there is no readable one."""
    stem = rel.removeprefix(ARTICLE_ADDRESS_ROUTE).strip("/")
    if not stem or "/" in stem or stem.startswith("."):
        return None
    settings = settings_from(config, options_of(config))
    path = Path(settings.posts_dir) / f"{stem}.md"
    if not path.is_file():
        return None
    article, _ = load_article(path, settings)
    if article is None:
        return None
    return "/" + post_path(article, config, settings.blog_dir)
