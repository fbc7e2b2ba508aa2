"""What each accelerator saves: builds with it switched off, one at a time, against builds with all.

Usage, from the repository root, after ``make test`` created .venv::

    .venv/bin/python bench/accelerators.py                  # 500 and 2000 articles, 3 pairs each
    .venv/bin/python bench/accelerators.py -n 150 --pairs 1 --only render_cache,translations
    .venv/bin/python bench/accelerators.py --check          # the start-of-build check, ms per build

For every size it writes the corpus once (``corpus.py``), then for each switchable accelerator
takes paired runs, side by side so that a drifting shared machine compares fairly: a cold
build with every accelerator and one with this one left off (``MICROSITE_ACCEL_OFF=<name>``),
each followed by a warm rebuild (render cache kept, ``MICROSITE_SKIP_UNCHANGED=0``). Every
build is a fresh ``microsite build`` child process. It prints, per accelerator, the median
cold and warm seconds with it and without it and what it saves as a share of the cold build.

Numbers taken while other heavy work runs on the machine are noise: an accelerator is only
worth removing on a quiet machine's table (see bench/README.md).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests"), str(HERE.parent / "scripts")]
from build import BIN, projects, timed  # noqa: E402

QUIET = {"NO_MKDOCS_2_WARNING": "1", "MICROSITE_SKIP_UNCHANGED": "0"}
ALL = "(all)"  # every accelerator off at once (MICROSITE_ACCEL=0): the plain path


@dataclass
class Pairs:
    """The paired runs of one accelerator: seconds with all on and with this one off."""

    name: str
    cold_with: list[float] = field(default_factory=list)
    cold_without: list[float] = field(default_factory=list)
    warm_with: list[float] = field(default_factory=list)
    warm_without: list[float] = field(default_factory=list)
    cpu_with: list[float] = field(default_factory=list)  # CPU seconds of the cold builds (children included)
    cpu_without: list[float] = field(default_factory=list)

    def row(self) -> str:
        cw, co = statistics.median(self.cold_with), statistics.median(self.cold_without)
        ww, wo = statistics.median(self.warm_with), statistics.median(self.warm_without)
        pw, po = statistics.median(self.cpu_with), statistics.median(self.cpu_without)
        return (f"{self.name:22} {cw:7.1f} {co:7.1f} {100 * (co - cw) / cw:+7.1f}%"
                f"  {pw:7.1f} {po:7.1f} {100 * (po - pw) / pw:+7.1f}%"
                f"  {ww:7.1f} {wo:7.1f} {100 * (wo - ww) / ww:+7.1f}%")


def _cold_then_warm(site: Path, count: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds of a cold build and of a warm rebuild, and the cold build's CPU seconds."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    out = site / "site"
    cmd = [str(BIN / "microsite"), "build", "-d", str(site), "-o", str(out)]
    cold = timed(cmd, "cold", count, {**QUIET, **env})
    warm = timed(cmd, "warm", count, {**QUIET, **env}).seconds
    return cold.seconds, warm, cold.cpu_seconds


def switchable() -> list[str]:
    from microsite.adapter.accel.catalogue import ACCELERATORS

    return [a.name for a in ACCELERATORS if a.switchable or a.checked_on_use]


def bench_size(work: Path, count: int, pairs: int, names: list[str]) -> list[Pairs]:
    site, _ = projects(work / f"n{count}", count)
    table = []
    for name in names:
        result = Pairs(name)
        for _ in range(pairs):
            cold, warm, cpu = _cold_then_warm(site, count, {})
            result.cold_with.append(cold)
            result.warm_with.append(warm)
            result.cpu_with.append(cpu)
            off = {"MICROSITE_ACCEL": "0"} if name == ALL else {"MICROSITE_ACCEL_OFF": name}
            cold, warm, cpu = _cold_then_warm(site, count, off)
            result.cold_without.append(cold)
            result.warm_without.append(warm)
            result.cpu_without.append(cpu)
        table.append(result)
        print(result.row(), flush=True)
    return table


CHECK = """
import sys, time
from pathlib import Path
from microsite.adapter.accel.catalogue import ACCELERATORS
from microsite.adapter.accel import drift, health
for accelerator in ACCELERATORS:  # the upstream modules: a build has imported them by then
    for mirror in accelerator.mirrors:
        drift.resolve(mirror.symbol)
store = Path(sys.argv[1])
started = time.perf_counter()
health.check(ACCELERATORS, store)
first = time.perf_counter() - started
started = time.perf_counter()
health.check(ACCELERATORS, store)
again = time.perf_counter() - started
print(f"{first * 1000:.1f} {again * 1000:.1f}")
"""


def bench_check(work: Path) -> None:
    """The check at a build's start: a cold store (first build after an install), a new process
    with the store kept (every ``microsite build``), a second build in one process (serve)."""
    store = work / "check"
    shutil.rmtree(store, ignore_errors=True)
    rows = []
    for label in ("no fingerprint store yet", "store kept, new process", "store kept, new process"):
        out = subprocess.run([sys.executable, "-c", CHECK, str(store)], capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(HERE.parent / "scripts")})
        first, again = out.stdout.split()
        rows.append(f"{label:26} first check {float(first):8.1f} ms   next in the same process {float(again):6.1f} ms")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated accelerator names (default: all switchable)")
    parser.add_argument("--check", action="store_true", help="time the start-of-build check only")
    parser.add_argument("--work", type=Path, default=HERE / "_out" / "accelerators")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.check:
        bench_check(args.work)
        return
    names = [n for n in args.only.split(",") if n] or [*switchable(), ALL]
    for count in args.articles:
        started = time.perf_counter()
        print(f"\n{count} articles, {args.pairs} pair(s) each; seconds, median")
        print(f"{'accelerator off':22} {'cold':>7} {'w/o':>7} {'saves':>8}  {'cpu':>7} {'w/o':>7} {'saves':>8}"
              f"  {'warm':>7} {'w/o':>7} {'saves':>8}")
        bench_size(args.work, count, args.pairs, names)
        print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
