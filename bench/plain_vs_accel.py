"""The accelerated build against the plain path (``MICROSITE_ACCEL=0``) on one corpus.

Usage, from the repository root, after ``make test`` created .venv::

    .venv/bin/python bench/plain_vs_accel.py            # N = 500
    .venv/bin/python bench/plain_vs_accel.py -n 150

Writes an N-article corpus (``corpus.py``), builds it cold with every accelerator and
then with none (no accelerator, one process), each in a fresh child process, compares
every file of the two sites (footnote reference counters in excerpts aside, see
``tests/sitekit.footnote_counter``) and prints the number of files, the differences and
both times. Exits with status 1 when any file differs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]
from build import BIN, projects, timed  # noqa: E402
from sitekit import site_differences, site_files  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=500)
    parser.add_argument("--work", type=Path, default=HERE / "_out" / "plain_vs_accel")
    args = parser.parse_args()
    site, _ = projects(args.work / f"n{args.articles}", args.articles)
    outputs = {"accelerated": args.work / "site-accelerated", "plain": args.work / "site-plain"}
    env = {"NO_MKDOCS_2_WARNING": "1", "MICROSITE_SKIP_UNCHANGED": "0"}
    runs = []
    for label, accel in (("accelerated", "1"), ("plain", "0")):
        shutil.rmtree(site / ".cache", ignore_errors=True)  # both cold
        shutil.rmtree(outputs[label], ignore_errors=True)
        runs.append(timed([str(BIN / "microsite"), "build", "-d", str(site), "-o", str(outputs[label])],
                          label, args.articles, {**env, "MICROSITE_ACCEL": accel}))
    accelerated, plain = site_files(outputs["accelerated"]), site_files(outputs["plain"])
    different = site_differences(accelerated, plain)
    print(f"{args.articles} articles: {len(plain)} files (plain), {len(accelerated)} files (accelerated), "
          f"{len(different)} different")
    for name in different[:20]:
        print(f"  differs: {name}")
    for run in runs:
        print(f"{run.label:12} {run.seconds:7.1f} s wall  {run.cpu_seconds:7.1f} s CPU  {run.peak_mb:6.0f} MB peak")
    print(f"plain / accelerated: {runs[1].seconds / runs[0].seconds:.2f}x")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
