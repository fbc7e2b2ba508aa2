"""Small per-folder sitemaps beside documents announced with ``<link rel="alternate">``.

Material for MkDocs' JavaScript treats every ``<link rel="alternate">`` as a language
version of the site and fetches ``sitemap.xml`` from the same folder as its href. The
partner interface needs exactly ``rel="alternate"`` (feed readers and CMS importers
look for it), so instead of bending the relation we give each such folder a valid
sitemap listing its own documents: no 404 on any page view, and crawlers get an
honest index of the feeds and ninjs documents (the protocol only allows URLs under
the sitemap's folder, which is what these list).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP_NAME = "sitemap.xml"
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(urls: Iterable[str]) -> bytes:
    """A sitemap of ``urls`` (sorted, de-duplicated; no lastmod, so builds stay identical)."""
    body = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in sorted(set(urls)))
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_NS}">\n{body}</urlset>\n'.encode()


def write_folder_sitemaps(site_dir: Path, documents: Iterable[tuple[str, str]]) -> list[Path]:
    """Write ``sitemap.xml`` into each folder of ``documents`` (site-relative path, absolute URL).

    A folder that already has a sitemap (the site root's, made by MkDocs) is left alone.
    """
    by_folder: dict[Path, list[str]] = defaultdict(list)
    for rel_path, url in documents:
        by_folder[(site_dir / rel_path).parent].append(url)
    written = []
    for folder, urls in sorted(by_folder.items()):
        target = folder / SITEMAP_NAME
        if target.exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(sitemap_xml(urls))
        written.append(target)
    return written
