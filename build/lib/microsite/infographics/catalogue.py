"""``api/infographics.json``: every infographic for partners' tools, in the issue's exact shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .alt import alt_text
from .publish import Published

CATALOGUE_PATH = "api/infographics.json"


def catalogue(published: list[Published], url: Callable[[str], str]) -> dict[str, Any]:
    items = []
    for pub in published:
        info = pub.info
        items.append({
            "id": info.id,
            "title": info.title,
            "alt": alt_text(info),
            "as_of": info.as_of.isoformat(),
            "source": info.source,
            "data": url(pub.csv),
            "page": url(pub.page),
            "renditions": [{"channel": r.channel.name, "url": url(r.path), "width": r.width, "height": r.height}
                           for r in pub.renditions],
        })
    return {"items": items}


def write_catalogue(published: list[Published], site_dir: Path, url: Callable[[str], str]) -> Path:
    path = site_dir / CATALOGUE_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(catalogue(published, url), ensure_ascii=False, indent=2) + "\n", "utf-8")
    return path


def absolute_url(site_url: str) -> Callable[[str], str]:
    """Site-relative path -> absolute URL with site_url, or root-relative without one."""
    base = site_url.rstrip("/") + "/" if site_url else "/"
    return lambda path: base + path
