"""Photo budgets: first processing per photo, cold builds with a warm renditions cache, and what
a phone downloads on a first visit.

Usage (from the repository root)::

    .venv/bin/python bench/photos.py --articles 200            # corpus size (2000 in the issue)
    .venv/bin/python bench/photos.py --articles 200 --old 9c8949a --repeat 2
    .venv/bin/python bench/photos.py --weight-only SITE_DIR    # page weight of a built site

Steps, each reported apart:

1. A generated corpus (``corpus.py``, ``photos=True``): one generated 1600 x 900 picture per
   article, never a photograph, with a phone-like EXIF block and noise (``--grain``) so that
   it compresses about as badly as a photograph does.
2. First processing: every rendition of ``--photos`` of those pictures made into an empty
   cache, once on one core and once with ``adapter.photos.make_missing`` (this process and
   a forked child), in ms per photo.
3. Cold builds: the site and every cache but the renditions' removed, ``microsite build``
   timed in a child process; with ``--old REV`` the same project built by that revision of the
   package (``git archive``, no photos pipeline: "today's" build), alternating ``--repeat``
   times, medians compared; with ``--shared`` also this code on the same articles all sharing
   one picture (the corpus of the other benches: no photo per article).
4. First visit at 390 px (Chromium, device scale 2 and 3): the home page (the campaign front
   page) and the newest article with a lead photo; every response counted gzip-compressed as
   a server sends it (images as they are), the largest contentful paint's element and image
   bytes, and the cumulative layout shift (PerformanceObserver); then the same total with only
   the images above the fold (the budget's definition: lazy pictures below it that Chromium
   fetches early, within its loading distance, left out).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, Run, timed
from corpus import write_corpus
from weight import CHROMIUM, CHROMIUM_ARGS, Transfer, served

from microsite.adapter.photos import _Todo, make_missing
from microsite.photos.library import PhotoLibrary, photo_key
from microsite.photos.process import Focus

KEEP = "photos"  # the renditions' cache: kept between builds, like Hugo's resources/_gen


def project(work: Path, count: int, grain: int, photos: bool = True) -> Path:
    """The default site's pages and ``count`` generated articles: each with its own picture, or
    (``photos=False``) all with the one shared picture, the corpus of the other benches."""
    name = "project" if photos else "project-shared"
    corpus = write_corpus(work / f"corpus{'' if photos else '-shared'}", count, photos=photos, grain=grain)
    site = work / name
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(ROOT / "docs", site / "docs", ignore=shutil.ignore_patterns("posts"))
    shutil.copytree(corpus.root / "docs", site / "docs", dirs_exist_ok=True)
    shutil.copy(ROOT / "docs" / "index.md", site / "docs" / "index.md")  # the campaign front page, not the corpus's
    shutil.copy(ROOT / "mkdocs.yml", site / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", site / "overrides")
    return site


def first_processing(site: Path, count: int, work: Path) -> None:
    photos = sorted((site / "docs" / "tin-tuc" / "anh").glob("bai-*.jpg"))[:count]
    todo = [_Todo(p, f"tin-tuc/anh/{p.name}", Focus()) for p in photos]
    for label, both in (("one core", False), ("both cores", True)):
        cache = work / f"first-{label.replace(' ', '-')}"
        shutil.rmtree(cache, ignore_errors=True)
        library = PhotoLibrary(cache)
        cpu_before = _cpu()
        start = time.perf_counter()
        if both:
            made, _ = make_missing(library, todo)
        else:
            for item in todo:
                library.ensure(item.path, item.src_uri, item.focus)
            made = library.made
        seconds = time.perf_counter() - start
        cpu = _cpu() - cpu_before
        files = sum(1 for _ in (cache / "photos").rglob("*") if _.is_file())
        size = sum(p.stat().st_size for p in (cache / "photos").rglob("*") if p.is_file())
        print(f"first processing, {label}: {len(todo)} photos ({made} made) in {seconds:.1f} s = "
              f"{1000 * seconds / len(todo):.0f} ms per photo wall, {1000 * cpu / len(todo):.0f} ms CPU; "
              f"{files} files, {size / len(todo) / 1024:.0f} KB per photo")
    assert all(library.cache.has(photo_key(t.path.read_bytes(), t.focus)) for t in todo)


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (the forked half of the work):
    on a shared machine the wall time says more about the neighbours than about the code."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def clear_caches(site: Path, keep: str | None) -> None:
    shutil.rmtree(site / "site", ignore_errors=True)
    cache = site / ".cache" / "microsite"
    if not cache.is_dir():
        return
    for entry in cache.iterdir():
        if entry.name != keep:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def old_package(work: Path, rev: str) -> Path:
    """The package as it was at ``rev`` (``git archive``), for "today's" build."""
    dest = work / f"old-{rev}"
    if not dest.is_dir():
        dest.mkdir(parents=True)
        archive = work / f"old-{rev}.tar"
        with archive.open("wb") as out:
            subprocess.run(["git", "-C", str(ROOT), "archive", rev, "scripts"], check=True, stdout=out)
        with tarfile.open(archive) as tar:
            tar.extractall(dest, filter="data")
    return dest / "scripts"


def cold_builds(site: Path, count: int, repeat: int, old: str | None, work: Path, shared: Path | None) -> None:
    env = {"NO_MKDOCS_2_WARNING": "1", "MICROSITE_SKIP_UNCHANGED": "0"}
    cmd = [sys.executable, "-m", "microsite.cli", "build", "-d", str(site)]
    clear_caches(site, None)
    warmup = timed(cmd, "first build (renditions made)", count, env)
    print(f"{warmup.label}: {warmup.seconds:.1f} s wall, {warmup.cpu_seconds:.0f} s CPU "
          f"(load average {os.getloadavg()[0]:.2f})", flush=True)
    if shared is not None:
        clear_caches(shared, None)
        timed(cmd[:-1] + [str(shared)], "shared picture: first build", count, env)
    runs: dict[str, list[Run]] = {}
    old_env = {**env, "PYTHONPATH": str(old_package(work, old))} if old else None

    def one(label: str, project_dir: Path, keep: str | None, run_env: dict[str, str]) -> None:
        clear_caches(project_dir, keep)
        load = os.getloadavg()[0]
        run = timed(cmd[:-1] + [str(project_dir)], label, count, run_env)
        runs.setdefault(label, []).append(run)
        print(f"  {label}: {run.seconds:.1f} s wall, {run.cpu_seconds:.0f} s CPU (load average before {load:.2f})",
              flush=True)

    for _ in range(repeat):
        one("cold, warm renditions", site, KEEP, env)
        if old_env is not None:
            one(f"cold, {old} (no photos pipeline)", site, None, old_env)
        if shared is not None:
            one("cold, the articles sharing one picture", shared, KEEP, env)
    mine = runs["cold, warm renditions"]
    for label, done in runs.items():
        wall, cpu = statistics.median(r.seconds for r in done), statistics.median(r.cpu_seconds for r in done)
        ratio = "" if done is mine else (
            f"; ratio {statistics.median(r.seconds for r in mine) / wall:.2f} wall, "
            f"{statistics.median(r.cpu_seconds for r in mine) / cpu:.2f} CPU")
        print(f"{label}: median {wall:.1f} s wall, {cpu:.0f} s CPU{ratio}")
    clear_caches(site, KEEP)
    timed(cmd, "site for the weight", count, env)


OBSERVE = """
window.__cls = 0; window.__lcp = null;
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(l => { const e = l.getEntries().at(-1);
  window.__lcp = {url: e.url || '', tag: e.element ? e.element.tagName : '', size: e.size}; })
  .observe({type: 'largest-contentful-paint', buffered: true});
"""


ABOVE_FOLD = """[...document.images].filter(i => i.currentSrc && i.getBoundingClientRect().top < innerHeight
    && i.getBoundingClientRect().bottom > 0).map(i => i.currentSrc)"""


def first_visit(browser: object, url: str, scale: int) -> tuple[Transfer, dict[str, object], float, set[str]]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=scale,  # type: ignore[attr-defined]
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    transfer = Transfer()
    page.on("response", lambda r: _count(transfer, r))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    lcp = page.evaluate("window.__lcp") or {}
    cls = float(page.evaluate("window.__cls"))
    above = set(page.evaluate(ABOVE_FOLD))
    context.close()
    return transfer, lcp, cls, above


def _count(transfer: Transfer, response: object) -> None:
    try:
        body = response.body()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - redirects have no body
        return
    transfer.add(response.url, body)  # type: ignore[attr-defined]


def newest_with_photo(site: Path) -> str:
    from bs4 import BeautifulSoup

    pages = [site / "tin-tuc" / "index.html", *sorted((site / "tin-tuc").glob("**/index.html"))]
    for page in pages:
        index = BeautifulSoup(page.read_text("utf-8"), "lxml")
        for post in index.select("article.md-post"):
            thumb = post.select_one(".ms-thumb picture")
            link = post.select_one("h2 a")
            if thumb is not None and link is not None:
                target = (page.parent / str(link["href"])).resolve().relative_to(site.resolve())
                return "/" + target.as_posix() + "/"
    raise SystemExit("no article with a lead photo in the news listings")


def weight(site: Path) -> None:
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path in (("home", "/"), ("article with a lead photo", newest_with_photo(site))):
            for scale in (2, 3):
                transfer, lcp, cls, above = first_visit(browser, base + path, scale)
                images = [r for r in transfer.resources if r.url.split("?")[0].endswith((".jpg", ".png", ".webp"))]
                below = [r for r in images if r.url not in above]  # lazy, fetched within Chromium's distance
                lcp_url = str(lcp.get("url", ""))
                lcp_bytes = next((r.raw for r in transfer.resources if lcp_url and r.url == lcp_url), 0)
                print(f"{label} at 390 px x{scale}: {transfer.gzip / 1024:.0f} KB gzip in {len(transfer.resources)} "
                      f"requests ({sum(r.raw for r in images) / 1024:.0f} KB of {len(images)} images); "
                      f"LCP <{str(lcp.get('tag', '')).lower()}> {lcp_url.rsplit('/', 1)[-1] or '(text)'} "
                      f"{lcp_bytes / 1024:.0f} KB; CLS {cls:.3f}; with only the images above the fold "
                      f"{(transfer.gzip - sum(r.gzip for r in below)) / 1024:.0f} KB "
                      f"({len(images) - len(below)} images)")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--photos", type=int, default=40, help="photos timed for the first processing")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--grain", type=int, default=64,
                        help="noise in the generated pictures (64: an 800 px WebP weighs about what a photo does)")
    parser.add_argument("--old", help="a git revision to compare cold builds with (today's build)")
    parser.add_argument("--shared", action="store_true",
                        help="also time this code on the same articles sharing one picture (no photo per article)")
    parser.add_argument("--work", default=str(ROOT / "bench" / "_out" / "photos"))
    parser.add_argument("--weight-only", type=Path, help="only the first-visit weights of this built site")
    args = parser.parse_args()
    if args.weight_only:
        weight(args.weight_only)
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    site = project(work, args.articles, args.grain)
    print(f"corpus: {args.articles} articles, one generated picture each; {os.cpu_count()} cores (shared)")
    first_processing(site, args.photos, work)
    shared = project(work, args.articles, args.grain, photos=False) if args.shared else None
    cold_builds(site, args.articles, args.repeat, args.old, work, shared)
    weight(site / "site")


if __name__ == "__main__":
    main()
