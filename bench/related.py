"""Time the "Tin liên quan" lists of a generated corpus (bench/corpus.py), no site build.

    .venv/bin/python bench/related.py [--sizes 500,2000] [--repeat 3]

Prints, per size, the best of ``--repeat`` runs for indexing (tokens, TF-IDF, postings)
and for the lists of every article, and checks that two runs give the same lists.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from microsite.adapter.runner import project_settings
from microsite.content.articles import load_article
from microsite.content.model import Article
from microsite.content.related_articles import RelatedIndex

RESOLUTION_TAG = "Nghị quyết 43-NQ/TW"


def load(root: Path) -> list[Article]:
    settings = project_settings(root)
    out = []
    for path in sorted(settings.posts_dir.rglob("*.md")):
        article, _ = load_article(path, settings)
        if article:
            out.append(article)
    return out


def run(articles: list[Article]) -> tuple[float, float, float, list[list[str]]]:
    """(index seconds, lists seconds, CPU seconds of both, the lists)."""
    cpu, start = time.process_time(), time.perf_counter()
    index = RelatedIndex(articles, RESOLUTION_TAG, "tin-tuc")
    indexed = time.perf_counter()
    lists = [[a.slug for a in index.related(art)] for art in articles]
    return indexed - start, time.perf_counter() - indexed, time.process_time() - cpu, lists


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            articles = load(write_corpus(Path(tmp), size).root)
        runs = [run(articles) for _ in range(args.repeat)]
        same = all(r[3] == runs[0][3] for r in runs)
        best = min(runs, key=lambda r: r[0] + r[1])
        full = sum(len(lst) for lst in runs[0][3]) / len(articles)
        print(f"N={size}: index {best[0] * 1000:.0f} ms, lists {best[1] * 1000:.0f} ms, "
              f"total {(best[0] + best[1]) * 1000:.0f} ms (CPU {best[2] * 1000:.0f} ms, "
              f"{(best[0] + best[1]) / size * 1e6:.0f} µs/article); {full:.2f} related per article; "
              f"same lists every run: {same}")


if __name__ == "__main__":
    main()
