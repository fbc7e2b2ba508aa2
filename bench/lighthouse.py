"""Lighthouse mobile performance score of an article page, served on 127.0.0.1 only.

Usage::

    npm install --prefix bench/_out/npm lighthouse@12.8.2   # once (npm registry)
    .venv/bin/python bench/lighthouse.py SITE_DIR

The site is served with gzip (as a production server would). Lighthouse drives
Debian's Chromium (CHROME_PATH=/usr/bin/chromium) with the project's headless
flags, using its default mobile emulation and simulated slow-4G throttling.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from weight import CHROMIUM, CHROMIUM_ARGS, newest_article, served  # noqa: E402

LOCAL = Path(__file__).resolve().parent / "_out" / "npm" / "node_modules" / ".bin" / "lighthouse"


def lighthouse_cmd() -> list[str]:
    if LOCAL.exists():
        return [str(LOCAL)]
    if shutil.which("npx"):
        return ["npx", "--yes", "lighthouse@12.8.2"]
    raise SystemExit("Lighthouse not found: npm install --prefix bench/_out/npm lighthouse@12.8.2")


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
        **{key: audits[key]["displayValue"] for key in (
            "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
            "cumulative-layout-shift", "speed-index", "total-byte-weight") if key in audits},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", help="URL path to test (default: the newest article)")
    args = parser.parse_args()
    out = Path(__file__).resolve().parent / "_out"
    out.mkdir(exist_ok=True)
    with served(args.site, compress=True) as base:
        path = args.page or newest_article(args.site)
        result = run(base + path, out / "lighthouse.json")
    print(f"Lighthouse (mobile, performance) for {path}")
    for key, value in result.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
