"""One-edit benchmark: ``microsite build`` after one article's body changed, against a cold build.

Usage (from the repository root, after ``make test`` created .venv)::

    .venv/bin/python bench/incremental.py                     # N = 500, 2000
    .venv/bin/python bench/incremental.py --sizes 100 --edits 3

For every N it writes the generated corpus (``corpus.py``, the same project as
``build.py``), times a cold build (cache deleted), then ``--edits`` times: changes one
word of one article's body (after its lead, same word count: the listings show nothing
of it) and times the following ``microsite build``. Prints each one-edit build, the path
it took (the sentence ``microsite build`` prints), their median and the ratio to the cold build. Each build
runs in a fresh child process.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import BIN, ROOT, projects

SWAPS = (("tiếp tục", "tập trung"), ("tập trung", "tiếp tục"))
PATH_LINE = re.compile(r"Dựng (?:nhanh|toàn bộ)[^\n]*")


def timed_build(site: Path, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Seconds of one ``microsite build`` in a child process, and its path line (if any)."""
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "microsite"), "build", "-d", str(site)], capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    found = PATH_LINE.search(proc.stderr + proc.stdout)
    return seconds, found.group(0) if found else "(no path line)"


def edit_body(post: Path) -> None:
    """Swap one word of the last paragraph: the body changes, its lead and length do not."""
    text = post.read_text("utf-8")
    for old, new in SWAPS:
        at = text.rfind(old)
        if at > text.index("<!-- more -->"):
            post.write_text(text[:at] + new + text[at + len(old):], "utf-8")
            return
    raise SystemExit(f"no word to swap in {post}")


def bench_size(work: Path, count: int, edits: int) -> tuple[float, list[float]]:
    site, _ = projects(work / f"n{count}", count)
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(site / "site", ignore_errors=True)
    cold, line = timed_build(site)
    print(f"N={count} cold {cold:.2f} s  [{line}]", flush=True)
    posts = sorted((site / "docs" / "tin-tuc" / "posts").glob("*.md"))
    seconds = []
    for i in range(edits):
        edit_body(posts[(i * 7919 + count // 3) % len(posts)])
        took, line = timed_build(site)
        seconds.append(took)
        print(f"N={count} one-edit #{i + 1} {took:.2f} s  [{line}]", flush=True)
    return cold, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="comma-separated article counts")
    parser.add_argument("--edits", type=int, default=5, help="one-edit builds per size (median reported)")
    parser.add_argument("--work", default=str(ROOT / "bench" / "_out" / "incremental"), help="scratch folder")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results = []
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        results.append((n, *bench_size(work, n, max(1, args.edits))))
    for n, cold, seconds in results:
        median = statistics.median(seconds)
        print(f"N={n}: cold {cold:.2f} s, one-edit median {median:.2f} s "
              f"(min {min(seconds):.2f}, max {max(seconds):.2f}), one-edit / cold = {median / cold:.2f} "
              f"(goal <= 0.15)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
