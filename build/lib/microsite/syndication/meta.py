"""Open Graph and Twitter card tags for an article, as data the theme loops over.

Kept as (attribute, key, value) triples so templates stay logic-free and tests can
compare the page's tags with what the core intended.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entry import CARD_NAME, CARD_SIZE, Entry, SiteIdentity


@dataclass(frozen=True)
class MetaTag:
    attr: str  # "property" for Open Graph, "name" for Twitter
    key: str
    value: str


def article_meta(entry: Entry, identity: SiteIdentity) -> list[MetaTag]:
    article = entry.article
    og = [
        ("og:url", entry.url),
        ("og:description", article.summary),
        ("og:image", entry.card_url),
        ("og:image:type", "image/png"),
        ("og:image:width", str(CARD_SIZE[0])),
        ("og:image:height", str(CARD_SIZE[1])),
        ("og:image:alt", article.title),
        ("article:modified_time", entry.modified.isoformat()),
        *(("article:section", c) for c in article.categories),
        *(("article:author", a) for a in article.authors),
    ]
    twitter = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", article.title),
        ("twitter:description", article.summary),
        ("twitter:image", entry.card_url),
        ("twitter:image:alt", article.title),
    ]
    return [MetaTag("property", k, v) for k, v in og] + [MetaTag("name", k, v) for k, v in twitter]


def page_meta(url: str, title: str, description: str) -> list[MetaTag]:
    """Tags for pages that are not articles (home, sections): the page's own card."""
    card = url + CARD_NAME
    return [
        MetaTag("property", "og:url", url),
        MetaTag("property", "og:description", description),
        MetaTag("property", "og:image", card),
        MetaTag("property", "og:image:width", str(CARD_SIZE[0])),
        MetaTag("property", "og:image:height", str(CARD_SIZE[1])),
        MetaTag("name", "twitter:card", "summary_large_image"),
        MetaTag("name", "twitter:title", title),
        MetaTag("name", "twitter:description", description),
        MetaTag("name", "twitter:image", card),
    ]
