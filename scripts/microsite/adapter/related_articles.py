"""MkDocs glue for "Tin liên quan": the lists come from ``content.related_articles``; this
module knows where the blog put each article (its URL) and hands the theme a list per page."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence
from datetime import datetime

from mkdocs.structure.files import Files

from ..campaign.related import public_articles
from ..content.model import Article
from ..content.related_articles import RelatedIndex


@dataclass(frozen=True)
class RelatedLink:
    """One entry of ``partials/related.html``: the article and its site-relative URL."""

    article: Article
    url: str


class RelatedGlue:
    def __init__(self) -> None:
        self.index: RelatedIndex | None = None
        self.urls: dict[int, str] = {}

    def configure(self, articles: list[Article], now: datetime, resolution_tag: str | Sequence[str],
                  blog_dir: str) -> None:
        """Only public articles are indexed: drafts, scheduled and withdrawn ones never appear."""
        self.index = RelatedIndex(public_articles(articles, now), resolution_tag, blog_dir)
        self.urls = {}

    def know_urls(self, files: Files, by_src_uri: dict[str, Article]) -> None:
        """After the blog set the posts' URLs (``on_nav``); the lists are computed here, once,
        before the page split forks."""
        # Material's blog renders the posts itself: their files are EXCLUDED from MkDocs' own pages.
        self.urls = {id(by_src_uri[f.src_uri]): f.url for f in files if f.src_uri in by_src_uri}
        if self.index:
            self.index.compute()

    def links(self, article: Article | None) -> list[RelatedLink]:
        if article is None or self.index is None:
            return []
        return [RelatedLink(a, self.urls[id(a)]) for a in self.index.related(article) if id(a) in self.urls]
