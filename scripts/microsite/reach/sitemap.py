"""What each address of the site is: the map the counts read, made from the project's content.

The adapter fills a ``SiteMap`` from the project (every article's address the way the blog
computes it, its categories, channels and tags; the pages' sections; the plan's items);
tests make one by hand. ``classify`` says what a requested path is, memoised per path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from urllib.parse import unquote

from ..infographics.publish import URL_DIR
from ..syndication.entry import KIT_NAME, NINJS_NAME
from ..syndication.feeds import FEED_FORMATS
from ..syndication.newsbox import BOX_DIR

FEED_NAMES = tuple(f.name for f in FEED_FORMATS)  # the closed list of feed formats
NINJS_DIR = "/api/ninjs/"
HOME = "Trang chủ"


class Kind(str, Enum):
    PAGE = "trang"
    FEED = "tin-rss"
    NINJS = "ninjs"
    BOX = "hop-tin"
    RENDITION = "infographic"
    CSV = "csv"
    KIT = "bo-tu-lieu"
    OTHER = "khac"  # stylesheets, scripts, images, fonts


@dataclass(frozen=True)
class PageInfo:
    """One page of the site by its path (``/tin-tuc/2023/03/29/slug/``)."""

    path: str
    title: str
    section: str  # the top-level folder's name as the menu shows it
    article: bool = False
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # channel keys
    resolution: bool = False  # in the resolution section (its folder, or tagged with its tag)


@dataclass(frozen=True)
class PlanRow:
    """One item of the communication plan, as planned and as published."""

    channel: str  # channel key
    title: str
    due: date
    state: str  # Vietnamese label
    article: str | None  # path of the article that met it


@dataclass
class SiteMap:
    host: str = ""  # the site's own host (its referrers are moves inside the site)
    pages: dict[str, PageInfo] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # top-level folder -> name
    channels: dict[str, str] = field(default_factory=dict)  # key -> name
    channel_domains: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> hosts
    partners: tuple[str, ...] = ()  # hosts of the partner portals (embed_partners)
    resolution: str = ""  # the resolution section's name ("Nghị quyết 43-NQ/TW"), "" when none
    withdrawn: frozenset[str] = frozenset()  # paths of withdrawn articles (410)
    plan: tuple[PlanRow, ...] = ()
    _memo: dict[bytes, tuple[Kind, str, str]] = field(default_factory=dict, repr=False)

    def section_of(self, path: str) -> str:
        top = path.strip("/").split("/", 1)[0]
        if not top:
            return HOME
        return self.sections.get(top, top)

    def page(self, path: str) -> PageInfo:
        found = self.pages.get(path)
        if found is None:
            found = PageInfo(path, path, self.section_of(path))
        return found

    def classify(self, target: bytes) -> tuple[Kind, str, str]:
        """(kind, path, detail) of a request target: a page's path, a feed's, a download's."""
        found = self._memo.get(target)
        if found is None:
            if len(self._memo) > 200_000:  # bounded: scanners request endless random paths
                self._memo.clear()
            found = self._memo[target] = classify_target(target)
        return found


def classify_target(target: bytes) -> tuple[Kind, str, str]:
    raw = target.split(b"?", 1)[0].split(b"#", 1)[0]
    path = unquote(raw.decode("utf-8", "replace"))
    if not path.startswith("/"):
        path = "/" + path.split("://", 1)[-1].partition("/")[2]  # absolute-form target
    name = path.rsplit("/", 1)[-1]
    if path.endswith("/index.html"):
        path, name = path[:-len("index.html")], ""
    if not name or name.endswith(".html"):
        kind = Kind.BOX if path.startswith(f"/{BOX_DIR}/") else Kind.PAGE
        return kind, path, ""
    if name in FEED_NAMES:
        return Kind.FEED, path, ""
    if name == NINJS_NAME or path.startswith(NINJS_DIR):
        return Kind.NINJS, path, ""
    if name == KIT_NAME:
        return Kind.KIT, path[:-len(KIT_NAME)], ""
    if path.startswith(f"/{URL_DIR}/"):
        parts = path.split("/")
        if len(parts) == 4:
            info, stem = parts[2], name.rsplit(".", 1)[0]
            if name == f"{info}.csv":
                return Kind.CSV, f"/{URL_DIR}/{info}/", ""
            if stem.startswith(info + "-") and name.endswith((".png", ".webp")):
                return Kind.RENDITION, f"/{URL_DIR}/{info}/", stem[len(info) + 1:]
    return Kind.OTHER, path, ""
