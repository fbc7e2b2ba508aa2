"""MkDocs glue for the campaign front page (``campaign/home.py`` decides and writes it).

What only the build knows is gathered here: each public article's URL (the blog plugin set
them by on_nav), its picture (the lead photo, else its social card), the infographic strip
(the infographics glue, relative to the page being rendered), and the pages the blocks link
to; ``home_html`` turns it into the block that replaces ``<!-- microsite:trang-chu -->``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from PIL import Image, UnidentifiedImageError

from ..campaign.home import (ChannelLink, HomeConfig, HomeContent, Picture, ResolutionBlock, Story,
                             featured_and_latest, home_html, newest_first, public_on_channel)
from ..campaign.related import articles_for_tag, public_articles
from ..campaign.tracker import Snapshot
from ..config import SiteSettings
from ..content.articles import resolve_asset
from ..content.model import Article
from ..infographics.cards import FILENAME as CARD_FILE

CARD_SIZE = (1200, 630)  # the social card every article page has (infographics/cards.py)
TRACKER_PAGE = "tien-do/index.md"
RESOLUTION_STORIES = 3


@dataclass
class HomeSources:
    """What the plugin hands the front page at its on_nav: URLs, the strip, the files."""

    urls: Callable[[Article], str | None]  # site-relative URL of a public article's page
    strip: Callable[[int], str]  # the infographic strip's HTML, relative to the page being rendered
    files: Files


def _picture(article: Article, page_url: str, article_url: str, docs_dir: Path) -> Picture:
    """The lead photo at its own size; without one, the article's social card."""
    image = article.image
    if image is not None and "://" not in image.src:
        target = resolve_asset(image.src, article.path, docs_dir)
        if target is not None:
            try:
                with Image.open(target) as img:
                    width, height = img.size
            except (OSError, UnidentifiedImageError):  # the check reports unreadable photos
                pass
            else:
                rel = target.relative_to(docs_dir.resolve()).as_posix()
                return Picture(get_relative_url(rel, page_url), width, height, image.alt)
    return Picture(get_relative_url(article_url + CARD_FILE, page_url), *CARD_SIZE, "")


def home_block(config: HomeConfig, sources: HomeSources, settings: SiteSettings, articles: list[Article],
               snapshots: list[Snapshot], now: datetime, page: Page) -> str:
    here = page.url

    def link(path: str) -> str:
        return get_relative_url(path, here)

    def stories(chosen: list[Article]) -> tuple[Story, ...]:
        out = []
        for article in chosen:
            url = sources.urls(article)
            if url is not None:
                out.append(Story(article, link(url), _picture(article, here, url, settings.docs_dir)))
        return tuple(out)

    public = public_articles(articles, now)
    featured, latest = featured_and_latest(config, public)
    tracker = sources.files.get_file_from_path(TRACKER_PAGE)
    resolutions = tuple(
        ResolutionBlock(res, link(res.folder + "/"),
                        stories(newest_first(articles_for_tag(articles, res.tag, now))[:RESOLUTION_STORIES]))
        for res in (settings.site.resolutions if config.resolution else ()))
    channels = tuple(ChannelLink(ch, link(f"kenh/{ch.key}/feed.xml"), public_on_channel(articles, ch, now))
                     for ch in (settings.site.channels if config.channels else ()))
    content = HomeContent(
        config, stories(featured), stories(latest), sources.strip(config.infographics) if config.infographics else "",
        snapshots[-1] if snapshots else None, link(tracker.url) if tracker else "", resolutions, channels)
    return home_html(content, link)
