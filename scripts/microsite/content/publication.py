"""What an unpublished article takes with it: the files only it refers to.

MkDocs copies every non-Markdown file in ``docs/`` into the site. A photo placed
next to a draft would therefore be published before the draft is approved, and
its name alone may reveal the story. Files referred to only by withheld articles
(front-matter image, Markdown links and images, HTML ``src``/``href``) are withheld
too; a file any published page also refers to stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .articles import resolve_asset
from .paths import real
from .model import Article

# ![alt](src "title"), [text](href), [ref]: href, src="..." / href='...'
_REFS = re.compile(
    r"\]\(\s*<?([^)\s>]+)"
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"
    r"|\b(?:src|href|srcset)\s*=\s*[\"']([^\"']+)[\"']",
    re.MULTILINE,
)


def has_page(article: Article, now: datetime, preview: bool) -> bool:
    """Shown as an article page: public ones, and in a preview build every one not withdrawn
    (a withdrawn article only leaves its notice, see adapter/withdrawal.py). The build and
    the patch path (adapter/page_patch.py) both decide with this."""
    return article.is_public(now) or (preview and not article.is_withdrawn())


def local_refs(text: str) -> list[str]:
    """Local paths a Markdown/HTML text refers to (no URLs with a scheme, no anchors)."""
    out = []
    for match in _REFS.finditer(text):
        raw = next(g for g in match.groups() if g)
        for candidate in raw.split(",") if "," in raw else [raw]:
            target = unquote(urlsplit(candidate.strip().split(" ")[0]).path)
            if target and not urlsplit(candidate.strip()).scheme and not candidate.startswith(("#", "//")):
                out.append(target)
    return out


def gallery_files(text: str, md_path: Path, docs_dir: Path) -> set[Path]:
    """Every file of the folders the text's ``::gallery`` lines show (photos and captions)."""
    from ..markdown.gallery_embed import find_galleries  # the Markdown package loads the content model
    from ..media.gallery import resolve_folder

    out: set[Path] = set()
    for _, written in find_galleries(text) if "::gallery" in text else ():
        folder = resolve_folder(written, md_path, docs_dir)
        if folder is not None and folder.is_dir():
            out |= {real(p) for p in folder.iterdir() if p.is_file()}
    return out


def referenced_files(text: str, md_path: Path, docs_dir: Path) -> set[Path]:
    found = (resolve_asset(ref, md_path, docs_dir) for ref in local_refs(text))
    return {p for p in found if p is not None} | gallery_files(text, md_path, docs_dir)


def article_files(article: Article, docs_dir: Path) -> set[Path]:
    refs = referenced_files(article.body, article.path, docs_dir)
    if article.image and "://" not in article.image.src:
        image = resolve_asset(article.image.src, article.path, docs_dir)
        if image is not None:
            refs.add(image)
    return refs


def withheld_files(hidden: Iterable[Article], shown: Iterable[Article], pages: Iterable[Path],
                   docs_dir: Path) -> set[Path]:
    """Files referred to by ``hidden`` articles and by no ``shown`` article or other page."""
    withheld: set[Path] = set()
    for art in hidden:
        withheld |= article_files(art, docs_dir)
    if not withheld:
        return withheld
    for art in shown:
        withheld -= article_files(art, docs_dir)
    for src in pages:
        try:
            withheld -= referenced_files(src.read_text("utf-8", errors="replace"), src, docs_dir)
        except OSError:
            continue
    return withheld
