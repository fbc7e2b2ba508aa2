"""Which built pages go into the search index; the index itself is ``microsite.search``.

Only article pages and ordinary pages are indexed, not blog listings (which repeat
article excerpts) and not the 404 page. Each indexed page's output HTML is read
right after MkDocs renders it (``on_post_page``), so the index costs no second pass
over the site; the files are written once at the end of the build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..search.index import build_index
from ..search.page_text import PageText, page_text
from ..search.patch import save_state
from ..search.writer import OUTPUT_DIR, state_of, write_state

SEARCH_STATE = "search-state.pickle"  # in the cache: the index as written, for the patch path


@dataclass
class SearchPages:
    """The pages that belong in the index, and the text collected from them."""

    blog_dir: str
    files: set[str] = field(default_factory=set)
    pages: list[PageText] = field(default_factory=list)

    def note(self, src_uri: str, dest_uri: str, is_article: bool) -> None:
        """Record a rendered page; blog listings (not articles) are left out."""
        in_blog = src_uri.startswith(self.blog_dir.rstrip("/") + "/")
        if is_article or not in_blog:
            self.files.add(dest_uri)

    def collect(self, dest_uri: str, html: str, title: str = "") -> str:
        """Keep a recorded page's searchable text; the HTML passes unchanged."""
        if dest_uri in self.files:
            text = page_text(page_url(dest_uri), html, title)
            if text is not None:
                self.pages.append(text)
        return html

    def keep_latest(self) -> None:
        """One text per page, the last collected, in place of the first: the preview's quick path
        renders pages again after the build, and a day of edits must not grow the list."""
        self.pages = list({text.url: text for text in self.pages}.values())  # first place, last value

    def forget(self, dest_uri: str) -> None:
        """A page gone from the site (the preview's quick path moved an article to a new URL)."""
        self.files.discard(dest_uri)
        self.pages = [text for text in self.pages if text.url != page_url(dest_uri)]

    def merge(self, files: set[str], pages: list[PageText], order: Sequence[str]) -> None:
        """Add what another process collected; pages in the site's page order (``order``
        lists page URLs), so the index is the same whichever process read a page."""
        self.files |= files
        position = {url: i for i, url in enumerate(order)}
        self.pages = sorted(self.pages + pages, key=lambda p: position.get(p.url, len(position)))


def page_url(dest_uri: str) -> str:
    """``tin-tuc/bai/index.html`` -> ``tin-tuc/bai/``; relative to the site root."""
    return dest_uri[:-len("index.html")] if dest_uri.endswith("index.html") else dest_uri


def write_search_index(site_dir: Path, pages: SearchPages, cache_dir: Path | None = None) -> None:
    """Write the index of the collected pages to ``site_dir/search-index``; with ``cache_dir``,
    keep its state there too, which the next build's patch path changes (search/patch.py)."""
    state = state_of(build_index(pages.pages))
    write_state(state, site_dir / OUTPUT_DIR)
    if cache_dir is not None:
        save_state(state, cache_dir / SEARCH_STATE)
