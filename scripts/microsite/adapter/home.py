"""MkDocs glue for the campaign front page (``campaign/home.py`` decides and writes it).

What only the build knows is gathered here: each public article's URL (the blog plugin set
them by on_nav), its picture (the photos glue's 16:9 box: the lead photo's renditions, else
its social card), the infographic strip (the infographics glue, relative to the page being
rendered), and the pages the blocks link to; ``home_html`` turns it into the block that replaces ``<!-- microsite:trang-chu -->``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..campaign.home import (ChannelLink, HomeConfig, HomeContent, ResolutionBlock, Story, featured_and_latest,
                             home_html, newest_first, public_on_channel)
from ..campaign.related import articles_for_tag, public_articles
from ..campaign.tracker import Snapshot
from ..config import SiteSettings
from ..content.model import Article
from ..photos.markup import SIZES_CARD, SIZES_CARD_COMPACT

TRACKER_PAGE = "tien-do/index.md"
RESOLUTION_STORIES = 3


class Thumbnail(Protocol):
    """The photos glue's 16:9 box of an article (``PhotoGlue.thumbnail_html``): lead photo, else
    social card; given the article's URL, a linker relative to the page and whether it loads eagerly."""

    def __call__(self, article: Article, page_url: str | None, link: Callable[[str], str], eager: bool = ...,
                 sizes: str = ..., inline: bool = ...) -> str: ...


@dataclass
class HomeSources:
    """What the plugin hands the front page at its on_nav: URLs, pictures, the strip, the files."""

    urls: Callable[[Article], str | None]  # site-relative URL of a public article's page
    thumbnail: Thumbnail
    # A docs path's responsive <picture> (alt, linker), "" when the photos pipeline has none
    picture: Callable[[str, str, Callable[[str], str]], str]
    strip: Callable[[int], str]  # the infographic strip's HTML, relative to the page being rendered
    files: Files


def home_block(config: HomeConfig, sources: HomeSources, settings: SiteSettings, articles: list[Article],
               snapshots: list[Snapshot], now: datetime, page: Page) -> str:
    here = page.url

    def link(path: str) -> str:
        return get_relative_url(path, here)

    def stories(chosen: list[Article], pictures: bool = True, cards: bool = True,
                first_eager: bool = False, first_sizes: str = SIZES_CARD_COMPACT) -> tuple[Story, ...]:
        """``cards`` false: an article without a lead photo gets the designed placeholder instead
        of its social card (the latest news: six 35 KB cards for 7rem boxes on a phone). On a
        phone only the first featured story is column-wide (``first_sizes``); every other
        picture is a 7rem box beside its title."""
        out: list[Story] = []
        for article in chosen:
            url = sources.urls(article)
            if url is not None:
                eager = first_eager and not out  # the first featured picture is the largest content
                shown = pictures and (cards or article.image is not None)
                sizes = first_sizes if not out else SIZES_CARD_COMPACT
                picture = sources.thumbnail(article, url, link, eager, sizes) if shown else ""
                out.append(Story(article, link(url), picture))
        return tuple(out)

    public = public_articles(articles, now)
    featured, latest = featured_and_latest(config, public)
    tracker = sources.files.get_file_from_path(TRACKER_PAGE)
    resolutions = tuple(
        ResolutionBlock(res, link(res.folder + "/"),
                        stories(newest_first(articles_for_tag(articles, res.tag, now))[:RESOLUTION_STORIES], pictures=False))
        for res in (settings.site.resolutions if config.resolution else ()))
    channels = tuple(ChannelLink(ch, link(f"kenh/{ch.key}/feed.xml"), public_on_channel(articles, ch, now))
                     for ch in (settings.site.channels if config.channels else ()))
    strip = sources.strip(config.infographics) if config.infographics else ""
    visual = sources.picture(config.visual, config.visual_alt, link) if config.visual else ""
    content = HomeContent(
        config, stories(featured, first_eager=not visual, first_sizes=SIZES_CARD), stories(latest, cards=False), strip,
        snapshots[-1] if snapshots else None, link(tracker.url) if tracker else "", resolutions, channels, visual)
    return home_html(content, link)
