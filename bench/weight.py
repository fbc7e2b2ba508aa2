"""What a reader downloads: an article's first visit, and the first search query.

Usage::

    .venv/bin/python bench/weight.py SITE_DIR [--query "do thi thong minh"]...

Serves SITE_DIR on 127.0.0.1, opens the newest article in Debian's Chromium
(Playwright), records every response, and sums each body's compressed size
(gzip -9 and brotli -q 11, as a web server would send it; files that are already
compressed count as they are). Then it types a query into the search box and sums
what that downloads on top of the page: search.js, the index's meta.json, the
query's shards and the records of the results shown. Each query runs in a fresh
browser context (empty cache), so every number is a *first* query; by default the
four queries in ``QUERIES``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import brotli

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Resource:
    url: str
    raw: int
    gzip: int
    brotli: int


@dataclass
class Transfer:
    resources: list[Resource] = field(default_factory=list)

    def add(self, url: str, body: bytes) -> None:
        already = body[:2] == b"\x1f\x8b" or url.endswith((".woff2", ".jpg", ".png", ".webp"))
        gz = len(body) if already else min(len(body), len(gzip.compress(body, 9)))
        br = len(body) if already else min(len(body), len(brotli.compress(body, quality=11)))
        self.resources.append(Resource(url, len(body), gz, br))

    def without_images(self) -> Transfer:
        """HTML, CSS, JS and fonts: what the page-weight budget counts."""
        return Transfer([r for r in self.resources
                         if not r.url.split("?")[0].endswith((".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"))])

    def search_files(self) -> Transfer:
        """The search client and index files only (fonts a results list happens to need are not)."""
        return Transfer([r for r in self.resources
                         if "/search-index/" in r.url or r.url.split("?")[0].endswith(("/search.js", "/search-engine.js"))])

    @property
    def gzip(self) -> int:
        return sum(r.gzip for r in self.resources)

    @property
    def brotli(self) -> int:
        return sum(r.brotli for r in self.resources)

    @property
    def raw(self) -> int:
        return sum(r.raw for r in self.resources)

    def table(self) -> str:
        rows = [f"{r.raw:>9} {r.gzip:>9} {r.brotli:>9}  {r.url.split('/', 3)[-1]}" for r in self.resources]
        rows.append(f"{self.raw:>9} {self.gzip:>9} {self.brotli:>9}  TOTAL ({len(self.resources)} requests)")
        return f"{'raw':>9} {'gzip':>9} {'brotli':>9}  resource\n" + "\n".join(rows)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml")


class _Gzip(_Quiet):
    """Like a production web server: text responses gzip-compressed when the client accepts it."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in TEXT_TYPES or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextmanager
def served(root: Path, compress: bool = False) -> Iterator[str]:
    handler = _Gzip if compress else _Quiet
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def newest_article(site: Path, blog_dir: str = "tin-tuc") -> str:
    """URL path of the newest article: the first post link on the blog index page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((site / blog_dir / "index.html").read_text("utf-8"), "lxml")
    link = soup.select_one("article.md-post h2 a") or soup.select_one(".md-post__content a[href]")
    href = link["href"] if link else ""
    return f"/{blog_dir}/" + str(href).lstrip("./")


def measure(page: object, url: str, then: Callable[[object], None] | None = None) -> tuple[Transfer, Transfer]:
    """Transfer of loading ``url`` (fresh cache) and, separately, of running ``then(page)``.

    A response counts for the phase in which its request was *issued*: Playwright's sync
    API delivers events late (a font of the page load may arrive while the query runs),
    and each request counts once.
    """
    first, after = Transfer(), Transfer()
    current = [first]
    phase: dict[object, Transfer] = {}

    def on_request(request: object) -> None:
        phase[request] = current[0]

    def on_response(response: object) -> None:
        request = response.request  # type: ignore[attr-defined]
        target = phase.pop(request, None)
        if target is None:
            return
        try:
            body = response.body()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            return
        target.add(response.url, body)  # type: ignore[attr-defined]

    page.on("request", on_request)  # type: ignore[attr-defined]
    page.on("response", on_response)  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    if then is not None:
        current[0] = after
        then(page)
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    return first, after


def search_for(query: str) -> Callable[[object], None]:
    def run(page: object) -> None:
        page.fill("#ms-search-q", query)  # type: ignore[attr-defined]
        page.press("#ms-search-q", "Enter")  # type: ignore[attr-defined]
        page.wait_for_selector(".ms-search__results:not([hidden]) .ms-search__meta")  # type: ignore[attr-defined]
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
    return run


def first_query(visit: Transfer, search: Transfer) -> Transfer:
    """What a first query costs in search files: search.js (with the page), search-engine.js, the index."""
    return Transfer(visit.search_files().resources + search.search_files().resources)


QUERIES = ["nghi quyet", "hai chau", "do thi thong minh", "da nang"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", help="repeatable; default: " + ", ".join(QUERIES))
    parser.add_argument("--json", action="store_true", help="print totals as JSON")
    args = parser.parse_args()
    queries = args.query or QUERIES
    rows = []
    with served(args.site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        article = newest_article(args.site)
        for query in queries:
            context = browser.new_context(viewport={"width": 412, "height": 823})  # empty cache
            page = context.new_page()
            visit, search = measure(page, base + article, search_for(query))
            rows.append((query, visit, search, page.locator(".ms-search__title").count()))
            context.close()
        browser.close()
    if args.json:
        visit = rows[0][1]
        print(json.dumps({"article": article, "visit_gzip": visit.gzip, "visit_brotli": visit.brotli,
                          "visit_gzip_no_images": visit.without_images().gzip,
                          "searches": [{"query": q, "search_gzip": s.gzip, "search_brotli": s.brotli,
                                        "search_files_gzip": first_query(v, s).gzip,
                                        "requests": len(s.resources), "results": n} for q, v, s, n in rows]}))
        return
    visit = rows[0][1]
    print(f"== first visit of {article}\n{visit.table()}")
    print(f"without images (the budget: HTML, CSS, JS, fonts): gzip {visit.without_images().gzip}, "
          f"brotli {visit.without_images().brotli}\n")
    for query, visit, search, results in rows:
        print(f"== first search for {query!r} ({results} results shown)\n{search.table()}")
        files = first_query(visit, search)
        print(f"search files (search.js + index): gzip {files.gzip}, brotli {files.brotli}, "
              f"{len(files.resources)} requests\n")


if __name__ == "__main__":
    main()
