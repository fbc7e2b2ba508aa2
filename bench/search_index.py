"""Search index on a built site: build time, size, and what first queries download.

Usage::

    .venv/bin/python bench/search_index.py SITE_DIR [--reindex] [--query "..."]...

With ``--reindex`` it (re)writes ``SITE_DIR/search-index`` from the site's own HTML
(pages with a content element; under the blog folder only dated article pages, as the
build does) and installs this checkout's ``search.js`` and ``search-engine.js``, so an older build (say, the
2000-article site of an earlier benchmark) can be measured with the current engine
without rebuilding it. It times the three steps separately: reading the pages' text
(in a real build this runs on HTML already in memory; here the files are read from
disk too), building the postings, writing the files.

Then, from the files alone, it prints the index size (raw and gzip -6, as a web server
sends JSON) and for each query the bytes of meta.json + the query's shards + the
records of the first 10 matches (an upper bound of what search.js fetches; the browser
measurement is ``bench/weight.py``).
"""

from __future__ import annotations

import argparse
import gzip
import re
import shutil
import time
from pathlib import Path

from microsite.search.index import build_index
from microsite.search.lookup import IndexReader
from microsite.search.page_text import PageText, page_text
from microsite.search.writer import OUTPUT_DIR, write_index

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts" / "microsite" / "theme" / "assets" / "javascripts"
CLIENT = (SCRIPTS / "search.js", SCRIPTS / "search-engine.js")  # loader (every page), engine (on focus)
QUERIES = ("nghi quyet", "hai chau", "do thi thong minh", "da nang")
ARTICLE = re.compile(r"^\d{4}/\d\d/\d\d/")
PAGE = 10


def indexed_pages(site: Path, blog_dir: str) -> list[PageText]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        url = rel[:-len("index.html")]
        if url.startswith(blog_dir + "/") and not ARTICLE.match(url[len(blog_dir) + 1:]):
            continue  # blog listings, archives, categories
        text = page_text(url, path.read_text("utf-8"))
        if text is not None:
            pages.append(text)
    return pages


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def reindex(site: Path, blog_dir: str) -> None:
    clock = [(time.perf_counter(), time.process_time())]
    pages = indexed_pages(site, blog_dir)
    clock.append((time.perf_counter(), time.process_time()))
    index = build_index(pages)
    clock.append((time.perf_counter(), time.process_time()))
    write_index(index, site / OUTPUT_DIR)
    clock.append((time.perf_counter(), time.process_time()))
    for script in CLIENT:
        shutil.copy(script, site / "assets" / "javascripts" / script.name)
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    wall = [b[0] - a[0] for a, b in zip(clock, clock[1:])]
    cpu = [b[1] - a[1] for a, b in zip(clock, clock[1:])]
    # CPU seconds are the fairer number on a shared machine; wall seconds are what waits.
    print(f"pages {len(pages)}: read text {wall[0]:.2f} s (cpu {cpu[0]:.2f}), postings {wall[1]:.2f} s "
          f"(cpu {cpu[1]:.2f}), write {wall[2]:.2f} s (cpu {cpu[2]:.2f}); total {sum(wall):.2f} s "
          f"(cpu {sum(cpu):.2f})")


def report(site: Path, queries: list[str]) -> None:
    root = site / OUTPUT_DIR
    reader = IndexReader(root)
    meta = reader.meta()
    files = [p for p in root.rglob("*.json")]
    shards = sorted((root / "shards").glob("*.json"))
    shard_gz = [gz(p) for p in shards]
    print(f"index: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB raw, "
          f"{sum(gz(p) for p in files) / 1e6:.2f} MB gzip; {meta['docs']} pages, {meta['shards']} shards "
          f"(gzip {min(shard_gz) / 1e3:.1f}-{max(shard_gz) / 1e3:.1f} KB, mean "
          f"{sum(shard_gz) / len(shard_gz) / 1e3:.1f} KB), meta.json {gz(root / 'meta.json') / 1e3:.1f} KB gzip, "
          f"search.js {gz(CLIENT[0]) / 1e3:.1f} KB + search-engine.js {gz(CLIENT[1]) / 1e3:.1f} KB gzip")
    for query in queries:
        needed = [root / "meta.json"] + [root / rel for rel in reader.shard_files(query)]
        matches = sorted(reader.matches(query))
        docs = [root / "docs" / f"{n}.json" for n in matches[:PAGE]]
        total = sum(map(gz, needed + docs + list(CLIENT)))
        print(f"{query!r}: {len(matches)} matches; meta + {len(needed) - 1} shards "
              f"{sum(map(gz, needed)) / 1e3:.0f} KB + {len(docs)} records {sum(map(gz, docs)) / 1e3:.0f} KB "
              f"+ scripts = {total / 1e3:.0f} KB gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--reindex", action="store_true")
    parser.add_argument("--blog-dir", default="tin-tuc")
    parser.add_argument("--query", action="append")
    args = parser.parse_args()
    if args.reindex:
        reindex(args.site, args.blog_dir)
    report(args.site, args.query or list(QUERIES))


if __name__ == "__main__":
    main()
