"""The template variables the plugin adds to MkDocs' page context (read by the theme, ``microsite/theme/``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from mkdocs.utils.templates import TemplateContext

if TYPE_CHECKING:
    from ..content.model import Article
    from .related_articles import RelatedLink
    from .syndication import PageSyndication


class PageContext(TemplateContext, total=False):
    article: Article | None
    article_status_label: str
    article_public: bool  # scheduled-article banner
    syndication: PageSyndication
    related_articles: list[RelatedLink]  # "Tin liên quan" under an article
    article_views: int | None  # "Lượt xem" from the latest reach report (adapter/reach.py)


def page_context(context: TemplateContext) -> PageContext:
    """The same dict, typed with the plugin's own keys (MkDocs' TypedDict has only its own)."""
    return cast(PageContext, context)
