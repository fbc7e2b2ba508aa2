"""Full-text search with Pagefind: which pages go into the index, and writing it.

Why Pagefind and not Material's lunr search: lunr needs its whole index before the
first query (2000 generated articles: 20 MB, 1.22 MB gzip), while Pagefind loads only
the chunks a query needs (default site: about 100 KB for a first query; the 2000-article
corpus: 0.6-1.6 MB, see bench/README.md). Pagefind
folds tones (``thị`` = ``thi``) but not ``đ``; the query side
(``assets/javascripts/search.js``) covers ``đ``/``d`` and ranks exact matches first.

Only article pages and ordinary pages are indexed: their content element gets
``data-pagefind-body``, and Pagefind then skips every page without it (blog
listings, which repeat article excerpts, and the 404 page). The Pagefind binary
indexes the whole output folder in one run; its Python API, one request per page,
was 25 times slower (58 s against 2.2 s for 657 pages).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

# Material renders every page's body inside this element; header, navigation,
# sidebars and footer stay out of the index.
CONTENT_TAG = '<article class="md-content__inner md-typeset"'
INDEXED_TAG = CONTENT_TAG + " data-pagefind-body"
# Heading permalinks ("¶"), the "edit/source" line and the preview banner are not content.
EXCLUDE_SELECTORS = ("a.headerlink", ".md-source-file", ".ms-banner")
OUTPUT_DIR = "pagefind"
LANGUAGE = "vi"

# Pagefind also writes its ready-made UIs; the site uses its own (search.js), so
# only the search library, the wasm module and the index stay in the output.
UNUSED_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
             "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind failed; the message says why (the build stops, the old site stays)."""


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

    def mark(self, dest_uri: str, html: str) -> str:
        """Flag a recorded page's content element for Pagefind; other pages pass unchanged."""
        if dest_uri not in self.files:
            return html
        return html.replace(CONTENT_TAG, INDEXED_TAG, 1)


def pagefind_config(site_dir: Path) -> dict[str, object]:
    return {"site": str(site_dir), "output_subdir": OUTPUT_DIR, "force_language": LANGUAGE,
            "exclude_selectors": list(EXCLUDE_SELECTORS), "quiet": True}


def write_search_index(site_dir: Path) -> None:
    """Run Pagefind over the built site; the bundle lands in ``site_dir/pagefind``."""
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        # Pagefind reads pagefind.json from its working directory.
        (Path(tmp) / "pagefind.json").write_text(json.dumps(pagefind_config(site_dir.resolve())), "utf-8")
        done = subprocess.run([sys.executable, "-m", "pagefind"], cwd=tmp, capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError("Không tạo được chỉ mục tìm kiếm (Pagefind):\n" + (done.stderr or done.stdout)[-2000:])
    for name in UNUSED_UI:
        (site_dir / OUTPUT_DIR / name).unlink(missing_ok=True)
