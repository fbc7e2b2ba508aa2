"""A minimal JSON Feed 1.1 for one section (e.g. ``nghi-quyet-43/feed.json``).

Deliberately small: the site-wide feeds (RSS/Atom/JSON) live in ``syndication``;
this writer only serialises a list of public articles it is given, so it can be
swapped for theirs without touching the selection (``related.articles_for_tag``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..content.model import Article

VERSION = "https://jsonfeed.org/version/1.1"


def section_json_feed(title: str, home_url: str, feed_url: str, description: str,
                      articles: list[Article], url_of: Callable[[Article], str]) -> dict[str, object]:
    items = []
    for art in articles:
        url = url_of(art)
        item: dict[str, object] = {
            "id": url,
            "url": url,
            "title": art.title,
            "summary": art.summary,
            "content_text": art.summary,
            "date_published": art.date.isoformat(),
            "authors": [{"name": a} for a in art.authors],
            "tags": list(art.tags),
            "language": "vi",
        }
        if art.updated:
            item["date_modified"] = art.updated.isoformat()
        items.append(item)
    return {"version": VERSION, "title": title, "home_page_url": home_url, "feed_url": feed_url,
            "description": description, "language": "vi", "items": items}


def dump(feed: dict[str, object]) -> str:
    return json.dumps(feed, ensure_ascii=False, indent=1)
