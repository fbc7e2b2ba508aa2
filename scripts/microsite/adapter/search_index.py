"""Full-text search with Pagefind: which pages go into the index, and writing it.

Why Pagefind and not Material's lunr search: lunr ships the whole index to every
visitor (on a 2000-article site several megabytes, fetched on page load), while
Pagefind splits it into chunks and a first query downloads a few hundred KB at
most. Pagefind folds tones (``thị`` = ``thi``) but not ``đ``; the query side
(``assets/javascripts/search.js``) covers ``đ``/``d`` and ranks exact matches first.

Only article pages and ordinary pages are indexed; blog listings (index, archive,
category and pagination pages) repeat article excerpts and would show twice.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

# Material renders every page's body inside this element; header, navigation,
# sidebars and footer stay out of the index.
ROOT_SELECTOR = "article.md-content__inner"
# Headings' permalink anchors ("¶") are not content.
EXCLUDE_SELECTORS = ("a.headerlink", ".md-source-file", ".ms-banner")
OUTPUT_DIR = "pagefind"
LANGUAGE = "vi"


@dataclass
class SearchPages:
    """Output files (relative to site_dir) of the pages that belong in the index."""

    blog_dir: str
    files: set[str] = field(default_factory=set)

    def note(self, src_uri: str, dest_uri: str, is_article: bool) -> None:
        """Record a rendered page; blog listings (not articles) are left out."""
        in_blog = src_uri.startswith(self.blog_dir.rstrip("/") + "/")
        if is_article or not in_blog:
            self.files.add(dest_uri)

    def clear(self) -> None:
        self.files.clear()


def page_url(dest_uri: str) -> str:
    """``tin-tuc/2023/03/29/bai/index.html`` -> ``/tin-tuc/2023/03/29/bai/``."""
    url = "/" + dest_uri
    return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


async def _write(site_dir: Path, files: list[str]) -> int:
    config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=list(EXCLUDE_SELECTORS),
                         force_language=LANGUAGE, output_path=str(site_dir / OUTPUT_DIR))
    count = 0
    async with PagefindIndex(config=config) as index:
        for rel in files:
            path = site_dir / rel
            if not path.is_file():
                continue
            await index.add_html_file(content=path.read_text("utf-8"), url=page_url(rel))
            count += 1
        # leaving the context writes the bundle to output_path
    return count


def write_search_index(site_dir: Path, pages: SearchPages) -> int:
    """Index the recorded pages into ``site_dir/pagefind``; returns how many were indexed.

    Runs in its own thread: the caller may already be inside an event loop
    (``mkdocs serve``, Playwright's sync API in tests), where ``asyncio.run`` is refused.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        count = pool.submit(asyncio.run, _write(site_dir, sorted(pages.files))).result()
    _drop_unused_ui(site_dir / OUTPUT_DIR)
    return count


# Pagefind also writes its ready-made UIs; the site uses its own (search.js), so
# only the search library, the wasm module and the index stay in the output.
_UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
              "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def _drop_unused_ui(bundle: Path) -> None:
    for name in _UNUSED_UI:
        (bundle / name).unlink(missing_ok=True)
