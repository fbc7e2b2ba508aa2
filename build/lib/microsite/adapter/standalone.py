"""Pages outside MkDocs' page loop (a withdrawn article's notice, the partners' news boxes):
rendered from a theme template with the site's Vietnamese filters, written after the build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from .template_filters import template_filters

STANDALONE_CSS = "assets/stylesheets/standalone.css"


def write_page(site_dir: Path, config: MkDocsConfig, template: str, path: str, **context: Any) -> None:
    """``site_dir/path/index.html`` from ``template``; ``css_href``, ``home_href`` and ``href``
    (a function: site-relative -> relative to this page) are in its context."""
    env = config.theme.get_env()
    env.filters.update(template_filters())

    def href(target: str) -> str:
        rel = get_relative_url(target, path)
        return rel + "/" if (not target or target.endswith("/")) and not rel.endswith("/") else rel

    html = env.get_template(template).render(
        site_name=config.site_name, css_href=get_relative_url(STANDALONE_CSS, path),
        home_href=href(""), href=href, **context)
    target = site_dir / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
