"""Wall-clock timeline of one ``microsite build``: where a cold build spends its seconds.

Usage (from the repository root)::

    .venv/bin/python bench/timeline.py PROJECT_DIR [--cold]

Stamps the phases of the build in this process: the content check (with the
infographics drawn beside it), MkDocs' one-off plugin events (``on_config``,
``on_files``, ``on_nav``, ``on_env``, ``on_post_build``), and the two page loops
between them (convert every page; render and write every page). ``--cold`` deletes
the project's ``.cache`` first. CPU seconds include forked children and workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import time
from pathlib import Path

from mkdocs.plugins import PluginCollection

from microsite.adapter import runner
from microsite.adapter.accel.render_cache import RenderCache

SINGLE = ("config", "pre_build", "files", "nav", "env", "post_build")


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Timeline:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.cpu0 = cpu()
        self.last = self.start
        self.last_cpu = self.cpu0
        self.rows: list[tuple[str, float, float]] = []
        self.cache: tuple[int, int, int] | None = None

    def stamp(self, label: str) -> None:
        now, used = time.perf_counter(), cpu()
        self.rows.append((label, now - self.last, used - self.last_cpu))
        self.last, self.last_cpu = now, used

    def report(self) -> None:
        print(f"{'phase':<34}{'wall s':>8}{'CPU s':>8}")
        for label, wall, used in self.rows:
            print(f"{label:<34}{wall:>8.2f}{used:>8.2f}")
        print(f"{'total':<34}{time.perf_counter() - self.start:>8.2f}{cpu() - self.cpu0:>8.2f}")
        if self.cache:
            print("render cache: %d hits, %d misses, %d excerpt renders reused for another listing" % self.cache)


def instrument(timeline: Timeline) -> None:
    original_event = PluginCollection.run_event
    previous = {"files": "get files", "nav": "navigation", "env": "convert pages (loop)",
                "post_build": "render + write pages (loop)", "config": "load config"}

    def run_event(self, name, item=None, **kwargs):  # type: ignore[no-untyped-def]
        if name in SINGLE:
            timeline.stamp(f"  {previous.get(name, 'before on_' + name)}")
        result = original_event(self, name, item, **kwargs)
        if name in SINGLE:
            timeline.stamp(f"on_{name}")
        return result

    PluginCollection.run_event = run_event  # type: ignore[method-assign]
    close = RenderCache.close

    def counted_close(self: RenderCache, complete: bool) -> None:
        timeline.cache = (self.hits, self.misses, self.reused)
        close(self, complete)

    RenderCache.close = counted_close  # type: ignore[method-assign]
    check = runner._check_while_drawing

    def timed_check(settings, *args):  # type: ignore[no-untyped-def]
        timeline.stamp("start-up")
        result = check(settings, *args)
        timeline.stamp("content check + infographics")
        return result

    runner._check_while_drawing = timed_check  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--cold", action="store_true", help="delete the project's .cache first")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.cold:
        shutil.rmtree(args.project / ".cache", ignore_errors=True)
    os.environ["MICROSITE_SKIP_UNCHANGED"] = "0"
    timeline = Timeline()
    instrument(timeline)
    runner.build(args.project)
    timeline.stamp("  swap into site/")
    timeline.report()


if __name__ == "__main__":
    sys.exit(main())
