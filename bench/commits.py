"""Cold builds of the same corpus by the code of several commits, alternated: what a change cost.

Usage, from the repository root, after ``make test`` created .venv::

    .venv/bin/python bench/commits.py 67840ec main                 # 2000 articles, 3 rounds
    .venv/bin/python bench/commits.py HEAD~3 HEAD -n 500 --rounds 2 --plain

Each commit's package (``scripts/``) is checked out into a scratch worktree and run on this
checkout's ``.venv`` (``PYTHONPATH``), so the libraries are the same for all and only our code
differs; the corpus and project are this checkout's (``build.projects``), written once. A commit
whose code no longer reads today's project (its data files or options are older) fails loudly.
The builds alternate, round after round, so that a machine that drifts compares fairly; each is
a fresh ``microsite build`` child with its cache deleted. ``--plain`` adds plain mkdocs-material
(blog + search) to every round; ``--accel-off`` each commit's own plain path (``MICROSITE_ACCEL=0``:
the same outputs with no accelerator), which is what the speed layer buys. Prints every build
(wall and CPU seconds, children included) and the medians per commit; CPU seconds drift less
than wall seconds on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build import BIN, ROOT, Run, projects, timed  # noqa: E402

QUIET = {"NO_MKDOCS_2_WARNING": "1", "MICROSITE_SKIP_UNCHANGED": "0"}


def worktree(rev: str, scratch: Path) -> tuple[str, Path]:
    """A detached worktree of ``rev`` under ``scratch`` (made once per commit); its short name."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    folder = scratch / sha
    if not (folder / "scripts").is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-f", "--detach", str(folder), sha],
                       check=True, capture_output=True)
    return sha, folder


def cold(site: Path, count: int, label: str, scripts: Path, accel: bool = True) -> Run:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    env = {**QUIET, "PYTHONPATH": str(scripts), **({} if accel else {"MICROSITE_ACCEL": "0"})}
    return timed([str(BIN / "microsite"), "build", "-d", str(site)], label, count, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revs", nargs="+", help="commits (anything git rev-parse takes)")
    parser.add_argument("-n", "--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="plain mkdocs-material in every round too")
    parser.add_argument("--accel-off", action="store_true",
                        help="each commit also with every accelerator off (MICROSITE_ACCEL=0): its plain path")
    parser.add_argument("--work", type=Path, default=HERE / "_out" / "commits")
    args = parser.parse_args()
    trees = [worktree(rev, args.work / "trees") for rev in args.revs]
    variants = [(tree, accel) for tree in trees for accel in ((True, False) if args.accel_off else (True,))]
    site, plain = projects(args.work / f"n{args.articles}", args.articles)
    runs: dict[str, list[Run]] = {}
    print(f"load average at the start: {os.getloadavg()[0]:.2f}")
    for round_ in range(1, args.rounds + 1):
        if args.plain:
            run = timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")],
                        "mkdocs-material", args.articles, QUIET)
            runs.setdefault(run.label, []).append(run)
            print(f"round {round_}  {run.label:<16}{run.seconds:8.2f} s  CPU {run.cpu_seconds:6.1f} s", flush=True)
        for (sha, folder), accel in variants:
            run = cold(site, args.articles, sha if accel else f"{sha} accel=0", folder / "scripts", accel)
            runs.setdefault(run.label, []).append(run)
            print(f"round {round_}  {run.label:<16}{run.seconds:8.2f} s  CPU {run.cpu_seconds:6.1f} s", flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    plain_median = statistics.median(r.seconds for r in runs["mkdocs-material"]) if args.plain else None
    for label, done in runs.items():
        wall = statistics.median(r.seconds for r in done)
        cpu = statistics.median(r.cpu_seconds for r in done)
        ratio = f"  {wall / plain_median:.2f} of plain" if plain_median and label != "mkdocs-material" else ""
        print(f"median  {label:<16}{wall:8.2f} s  CPU {cpu:6.1f} s{ratio}")


if __name__ == "__main__":
    main()
