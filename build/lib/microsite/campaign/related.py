"""Which public articles belong to a tag: the resolution's related news and section feeds.

One function for every consumer (the related-news page, the section's JSON Feed, the
site-wide syndication) so they can never disagree about what is published.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from ..content.model import Article
from ..text.slugs import slugify


@lru_cache(maxsize=4096)  # python-slugify is slow; a site has few distinct tags
def tag_key(text: str) -> str:
    """Tags (and categories) are the same when their slugs are, as on the tags plugin's pages."""
    return slugify(text)


def public_articles(articles: Iterable[Article], now: datetime) -> list[Article]:
    """Approved, reviewed and due: what the public build may show, newest first."""
    return sorted((a for a in articles if a.is_public(now)), key=lambda a: a.date, reverse=True)


def articles_for_tag(articles: Iterable[Article], tag: str, now: datetime) -> list[Article]:
    """Public articles carrying ``tag`` (NFC, case-insensitive), newest first."""
    wanted = tag_key(tag)
    return [a for a in public_articles(articles, now) if wanted in {tag_key(t) for t in a.tags}]
