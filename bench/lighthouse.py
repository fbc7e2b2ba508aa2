"""Lighthouse mobile performance score of a site's pages, served on 127.0.0.1 only.

Usage::

    npm install --prefix bench/_out/npm lighthouse@12.8.2   # once (npm registry)
    .venv/bin/python bench/lighthouse.py SITE_DIR [--runs 5]
    .venv/bin/python bench/lighthouse.py SITE_DIR --page home --page photo --runs 3

``--page`` (repeatable) is a URL path or ``home`` (``/``, the campaign front page),
``article`` (the newest article: the default) or ``photo`` (the newest article with a lead
photo, as ``bench/photos.py`` finds it; the default site has none, the photos bench's
generated project has one per article).

The site is served with gzip (as a production server would). Lighthouse drives
Debian's Chromium (CHROME_PATH=/usr/bin/chromium) with the project's headless
flags, using its default mobile emulation and simulated slow-4G throttling.
With ``--runs N`` it prints every run, the median score and the machine's load
average (scores on a shared machine are noisy; see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from weight import CHROMIUM, CHROMIUM_ARGS, newest_article, served

LOCAL = Path(__file__).resolve().parent / "_out" / "npm" / "node_modules" / ".bin" / "lighthouse"


def lighthouse_cmd() -> list[str]:
    if LOCAL.exists():
        return [str(LOCAL)]
    if shutil.which("npx"):
        return ["npx", "--yes", "lighthouse@12.8.2"]
    raise SystemExit("Lighthouse not found: npm install --prefix bench/_out/npm lighthouse@12.8.2")


METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index", "total-byte-weight")


def run(url: str, report: Path) -> dict[str, object]:
    cmd = lighthouse_cmd() + [
        url, "--only-categories=performance", "--output=json", f"--output-path={report}", "--quiet",
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
    data = json.loads(report.read_text("utf-8"))
    audits = data["audits"]
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        **{key: audits[key]["displayValue"] for key in METRICS if key in audits},
        "long tasks": [f"{t['duration']:.0f} ms {str(t['url']).rsplit('/', 1)[-1] or 'document'}"
                       for t in audits["long-tasks"]["details"]["items"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", action="append",
                        help="URL path, or home / article / photo; repeatable (default: the newest article)")
    parser.add_argument("--runs", type=int, default=1, help="how many runs (one after the other)")
    args = parser.parse_args()
    out = Path(__file__).resolve().parent / "_out"
    out.mkdir(exist_ok=True)
    with served(args.site, compress=True) as base:
        for page in args.page or ["article"]:
            path = page_path(args.site, page)
            scores = []
            print(f"Lighthouse (mobile, performance) for {path}")
            for n in range(1, args.runs + 1):
                load = os.getloadavg()[0]
                result = run(base + path, out / f"lighthouse-{n}.json")
                scores.append(int(result["score"]))  # type: ignore[call-overload]
                print(f"run {n} (load average before: {load:.2f})")
                for key, value in result.items():
                    print(f"  {key}: {value}")
            if args.runs > 1:
                print(f"{path}: scores {scores}, median {statistics.median(scores)}")


def page_path(site: Path, page: str) -> str:
    """The URL path a ``--page`` value names."""
    if page == "home":
        return "/"
    if page == "article":
        return newest_article(site)
    if page == "photo":
        from photos import newest_with_photo

        return newest_with_photo(site)
    return page


if __name__ == "__main__":
    main()
