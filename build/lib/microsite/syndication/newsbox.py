"""News boxes partner portals embed: the newest articles as a tiny page in an ``<iframe>``.

One box per feed family (``feeds.feed_specs``): the whole site (``nhung/tin-moi/``), each
channel of the communication plan (``nhung/kenh/<kênh>/``) and each section
(``nhung/<mục>/``), listing exactly that feed's newest public articles. A box is a page of
its own: no script, its own small stylesheet, every link opening the article in a new tab
(``target="_blank" rel="noopener"``), so nothing of the partner's page is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .entry import Entry, SiteIdentity
from .feeds import FeedSpec, select

BOX_DIR = "nhung"
BOX_ITEMS = 8
BOX_HEIGHT = 420  # px, the snippet's iframe height for BOX_ITEMS titles


@dataclass(frozen=True)
class NewsBox:
    title: str  # shown in the box and as the iframe's title
    path: str  # site-relative folder, ends with "/"
    spec: FeedSpec

    def entries(self, entries: list[Entry]) -> list[Entry]:
        """The feed's newest articles (same selection as the feed itself)."""
        return select(self.spec, entries)[:BOX_ITEMS]


def news_boxes(specs: list[FeedSpec], identity: SiteIdentity) -> list[NewsBox]:
    boxes = []
    for spec in specs:
        if spec.key == "site":
            boxes.append(NewsBox(f"Tin mới – {identity.name}", f"{BOX_DIR}/tin-moi/", spec))
            continue
        name = spec.title.removeprefix(f"{identity.name} – ")  # the channel's or section's name
        folder = f"kenh/{spec.key.removeprefix('kenh-')}" if spec.key.startswith("kenh-") else spec.key
        boxes.append(NewsBox(f"Tin mới – {name}", f"{BOX_DIR}/{folder}/", spec))
    return boxes


def embed_snippet(box: NewsBox, identity: SiteIdentity) -> str:
    """What a partner pastes into its page."""
    return (f'<iframe src="{escape(identity.absolute(box.path))}" title="{escape(box.title)}" '
            f'width="100%" height="{BOX_HEIGHT}" loading="lazy" style="border:0"></iframe>')
