"""Build-speed benchmark: ``microsite build`` vs plain mkdocs-material on the same Markdown.

Usage (one command, from the repository root, after ``make test`` created .venv)::

    .venv/bin/python bench/build.py                  # N = 100, 500, 2000
    .venv/bin/python bench/build.py --sizes 50,100   # quick run
    .venv/bin/python bench/build.py --sizes 500 --profile   # cProfile of a cold microsite build
    .venv/bin/python bench/build.py --sizes 2000 --repeat 3 # plain and cold side by side, 3 times

For every N it writes a generated Vietnamese corpus (see ``corpus.py``) once, then
times, each in a fresh child process: plain mkdocs-material (blog + search, same
Markdown extensions), a cold ``microsite build`` (cache deleted), a rebuild with
nothing changed (the up-to-date check keeps the site) and the same rebuild forced
through MkDocs (``MICROSITE_SKIP_UNCHANGED=0``: only the render cache helps). With
``--repeat K`` the plain and cold builds alternate K times and the ratios use medians:
on this shared two-core machine the same build varies by a third from run to run.
Peak memory is the child's max RSS from ``os.wait4``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

PLAIN_CONFIG = {
    "site_name": "Plain mkdocs-material",
    "site_url": "https://example.invalid/",
    "theme": {"name": "material", "language": "vi", "font": False},
    "plugins": [{"search": {"lang": "vi"}}, {"blog": {"blog_dir": "tin-tuc", "authors": False}}],
}


@dataclass
class Run:
    label: str
    count: int
    seconds: float
    peak_mb: float
    cpu_seconds: float = 0.0  # user + system, the build and its worker processes

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.seconds / self.count


def timed(cmd: list[str], label: str, count: int, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` in a child process; wall time and the child's peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"{label} failed:\n{err[-3000:]}")
    return Run(label, count, seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


_DATE = re.compile(r"^date: '?(\d{4}-\d\d-\d\d) (\d\d:\d\d)'?$", re.MULTILINE)


def plain_dates(text: str) -> str:
    """Material's blog needs a YAML timestamp; our schema keeps dates as typed strings."""
    return _DATE.sub(r"date: \1T\2:00+07:00", text, count=1)


def projects(work: Path, count: int) -> tuple[Path, Path]:
    """A microsite project and a plain mkdocs-material project over the same corpus."""
    corpus = write_corpus(work / "corpus", count)
    site = work / "microsite"
    plain = work / "plain"
    for folder in (site, plain):
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(ROOT / "docs", folder / "docs", ignore=shutil.ignore_patterns("posts"))
        shutil.copytree(corpus.root / "docs", folder / "docs", dirs_exist_ok=True)
    for post in (plain / "docs" / "tin-tuc" / "posts").glob("*.md"):
        post.write_text(plain_dates(post.read_text("utf-8")), "utf-8")
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", site / "overrides")
    ours = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.Loader)
    config = dict(PLAIN_CONFIG, markdown_extensions=ours["markdown_extensions"])
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return site, plain


def bench_size(work: Path, count: int, repeat: int = 1) -> list[Run]:
    """Plain and cold builds alternate ``repeat`` times (a shared machine drifts: pairs taken
    side by side compare fairly), then the two rebuilds once."""
    site, plain = projects(work / f"n{count}", count)
    quiet = {"NO_MKDOCS_2_WARNING": "1"}
    micro = [str(BIN / "microsite"), "build", "-d", str(site)]
    runs = []
    for _ in range(repeat):
        runs.append(timed([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain / "mkdocs.yml")],
                          "mkdocs-material", count, quiet))
        shutil.rmtree(site / ".cache", ignore_errors=True)
        runs.append(timed(micro, "microsite cold", count, {**quiet, "MICROSITE_SKIP_UNCHANGED": "0"}))
    runs.append(timed(micro, "microsite no-change", count, quiet))
    # The same rebuild without the up-to-date check: every page goes through MkDocs
    # again, Markdown comes from the render cache.
    runs.append(timed(micro, "microsite rebuild+cache", count, {**quiet, "MICROSITE_SKIP_UNCHANGED": "0"}))
    return runs


def profile(work: Path, count: int) -> None:
    site, _ = projects(work / f"n{count}", count)
    shutil.rmtree(site / ".cache", ignore_errors=True)
    out = work / f"profile-{count}.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "microsite.cli", "build", "-d", str(site)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    import pstats

    pstats.Stats(str(out)).sort_stats("cumulative").print_stats(45)


def median_run(runs: list[Run]) -> Run:
    """The run with the median time (the lower middle one of an even number)."""
    ordered = sorted(runs, key=lambda r: r.seconds)
    return ordered[(len(ordered) - 1) // 2]


def report(runs: list[Run]) -> None:
    print(f"{'engine':<24}{'N':>6}{'seconds':>10}{'ms/article':>12}{'CPU s':>9}{'peak MB':>10}")
    for r in runs:
        print(f"{r.label:<24}{r.count:>6}{r.seconds:>10.2f}{r.ms_per_article:>12.1f}{r.cpu_seconds:>9.1f}"
              f"{r.peak_mb:>10.0f}")
    groups: dict[tuple[str, int], list[Run]] = {}
    for r in runs:
        groups.setdefault((r.label, r.count), []).append(r)
    by = {key: median_run(group) for key, group in groups.items()}
    sizes = sorted({r.count for r in runs})
    for n in sizes:
        plain, cold, warm = by[("mkdocs-material", n)], by[("microsite cold", n)], by[("microsite no-change", n)]
        full = by[("microsite rebuild+cache", n)]
        pairs = [c.seconds / p.seconds for p, c in zip(groups[("mkdocs-material", n)], groups[("microsite cold", n)])]
        each = ", ".join(f"{ratio:.2f}" for ratio in pairs)
        print(f"N={n}: microsite cold / plain = {cold.seconds / plain.seconds:.2f} (goal <= 0.5; medians"
              f"{'; pair by pair ' + each if len(pairs) > 1 else ''}); "
              f"no-change / cold = {warm.seconds / cold.seconds:.2f} (goal <= 0.25); "
              f"rebuild with render cache / cold = {full.seconds / cold.seconds:.2f}")
    if 500 in sizes and 2000 in sizes:
        for label in ("mkdocs-material", "microsite cold"):
            ratio = by[(label, 2000)].ms_per_article / by[(label, 500)].ms_per_article
            print(f"{label}: ms/article at 2000 / at 500 = {ratio:.2f} (goal <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,2000", help="comma-separated article counts")
    parser.add_argument("--work", default=str(ROOT / "bench" / "_out"), help="scratch folder (replaced)")
    parser.add_argument("--profile", action="store_true", help="cProfile one cold microsite build per size")
    parser.add_argument("--repeat", type=int, default=1,
                        help="plain and cold builds side by side this many times per size (medians reported)")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.profile:
        for n in sizes:
            profile(work, n)
        return
    runs: list[Run] = []
    for n in sizes:
        runs.extend(bench_size(work, n, max(1, args.repeat)))
        print(f"... N={n} done", flush=True)
    report(runs)


if __name__ == "__main__":
    main()
