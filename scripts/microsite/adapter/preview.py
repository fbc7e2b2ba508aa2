"""``microsite serve``'s builds: the quick path for one article, full builds, the catch-up.

The preview serves ``current``, a symlink to one complete build folder; a new build is made
in a folder beside it and the link is swapped by rename, so a request always reads one
whole build and is never held up by a build in progress.

* **Quick path** (``adapter/preview_quick.py``). When the only file changed since the last
  look is an article, that article is checked alone (``content.site.check_article``) and, for an
  edit of its body or of what the listings show of it (title, tags, summary, lead), the pages
  that show the change are made again from the state the last in-process build left in the
  plugins, each written beside the served file and renamed over it.
* **New photos** (``PhotoGlue.add_new``): picture files new since the last build, alone or
  with the one article that shows them, get their renditions at once (made, or from the
  cache), served and known to the quick path; the article then takes the quick path.
* **Catch-up.** A few seconds after the last quick edit, a full build runs in a child process
  (``python -m microsite.adapter.preview``: a build command, so it forks and uses every core,
  niced) into a new folder; when it finishes it replaces the served folder, with the quick
  pages saved after it started written into it first. Its result is what a cold build writes.
* **Full build** in this process (as ``mkdocs serve`` does) for everything else: templates,
  ``mkdocs.yml``, data files, pages, a new, deleted or renamed file, any other front matter change.
  It refreshes the state the quick path uses.

A file that fails the check keeps its last good page; the error page is shown (the server's
``WorkspaceStatus``) until every broken file is fixed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..content.model import Article
from ..content.problems import Report
from ..memory import release_memory
from ..photos.library import is_photo
from ..workspace.status import WorkspaceStatus
from .engine_errors import engine_log, engine_problem
from .preview_fallback import page_urls
from .preview_quick import quick_article
from .runner import plugin_of

log = logging.getLogger("microsite")
CATCH_UP_DELAY = 3.0  # seconds of quiet after a quick edit before the catch-up build starts
SERVED = "current"


class ServedFolder:
    """Build folders side by side under ``base``; ``base/current`` links to the served one."""

    def __init__(self, base: Path):
        self.base = base
        self.root = base / SERVED

    def new(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="build-", dir=self.base))

    def served(self) -> Path | None:
        return self.root.resolve() if self.root.is_symlink() else None

    def publish(self, folder: Path) -> None:
        old = self.served()
        link = self.base / f".{SERVED}.{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(folder.name)
        os.replace(link, self.root)  # atomic: a request reads the old folder or the new one
        if old is not None and old != folder:
            shutil.rmtree(old, ignore_errors=True)

    def write(self, dest_uri: str, data: bytes, folder: Path | None = None) -> None:
        """One output file replaced by rename (a reader never sees half of it)."""
        target = (folder or self.served() or self.root) / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)

    def remove(self, dest_uri: str, folder: Path | None = None) -> None:
        (folder or self.served() or self.root).joinpath(dest_uri).unlink(missing_ok=True)


def scan(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under the watched paths with its modification time and size."""
    seen: dict[str, tuple[int, int]] = {}
    stack = list(paths)
    while stack:
        path = stack.pop()
        try:
            if path.is_dir():
                with os.scandir(path) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(Path(entry.path))
                        else:
                            info = entry.stat()
                            seen[entry.path] = (info.st_mtime_ns, info.st_size)
            elif path.exists():
                info = path.stat()
                seen[str(path)] = (info.st_mtime_ns, info.st_size)
        except OSError:  # removed while we looked: the next look sees it gone
            continue
    return seen


def changed_paths(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def load_serve_config(config_file: Path, site_dir: Path, dev_addr: str, serve_url: str) -> MkDocsConfig:
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr)
    config.site_url = serve_url
    return config


@dataclass
class CatchUp:
    """The full build running in a child process."""

    proc: subprocess.Popen[bytes]
    folder: Path
    generation: int  # of the sources it read


class Preview:
    """Decides, for each change, between the quick path and a build; keeps the served folder."""

    def __init__(self, config_file: Path, base: Path, dev_addr: str, serve_url: str, status: WorkspaceStatus,
                 reload: Callable[[], None]):
        self.config_file, self.dev_addr, self.serve_url = config_file, dev_addr, serve_url
        self.folder = ServedFolder(base)
        self.status, self.reload = status, reload
        self.kept: MkDocsConfig | None = None  # the last complete in-process build (its plugins hold the state)
        self.sources: dict[str, tuple[int, int]] = {}
        self.watched: list[Path] = []
        self.generation = 0
        # Quick pages since the last publication (None: a page the quick path removed)
        self.pending: dict[str, tuple[int, bytes | None]] = {}
        self.broken: dict[str, Report] = {}  # files whose last quick check failed
        self.page_urls: dict[str, str] = {}  # source (docs/...) -> its page's URL, by the last good build
        self.catch_up: CatchUp | None = None
        self.due: float | None = None

    def watch_also(self, paths: list[Path]) -> None:
        """Paths watched from now on (plugins' ``on_serve``), as they are now."""
        known = {path.resolve() for path in self.watched}
        extra = [path for path in paths if path.resolve() not in known]
        self.watched += extra
        self.sources.update(scan(extra))

    # -- full builds in this process ------------------------------------------------
    def full_build(self, config: MkDocsConfig | None = None) -> None:
        self._stop_catch_up()
        self.sources = scan(self.watched)  # what this build reads
        self.generation += 1
        folder = self.folder.new()
        if config is None:
            config = load_serve_config(self.config_file, folder, self.dev_addr, self.serve_url)
        config.site_dir, config.site_url = str(folder), self.serve_url
        self.status.building()
        plugin = plugin_of(config)
        self.kept, self.broken, self.due = None, {}, None
        try:
            with engine_log() as engine:
                mkdocs_build(config, serve_url=self.serve_url)
        except Exception as exc:  # noqa: BLE001 -- any failed build (the check, a data file, a template) becomes the error page
            shutil.rmtree(folder, ignore_errors=True)
            content = plugin.content
            report = plugin.option_problems or (content.report if content is not None and not content.report.ok
                                                else None)
            if report is None:  # the engine stopped on what the check let through: said in Vietnamese
                cache = plugin.settings.cache_dir if plugin.settings else None
                report = Report([engine_problem(exc, engine, Path(config.docs_dir), cache)])
            self.status.finished(report, content.articles if content else [])
            release_memory()  # the server lives on: not the failed build's memory
            log.error("Nội dung có lỗi; trang xem trước hiện trang báo lỗi cho đến khi sửa xong:\n%s",
                      self.status.snapshot.report)
            self.reload()
            return
        self.kept = config
        self.pending.clear()
        if plugin.files is not None:  # which page each source makes: kept up while another file is broken
            self.page_urls = page_urls(plugin.files, Path(config.docs_dir))
        self.folder.publish(folder)
        self.status.finished(None, plugin.content.articles if plugin.content else [])
        self.reload()

    # -- a change ------------------------------------------------------------------------
    def changed(self) -> None:
        now = scan(self.watched)
        paths = changed_paths(self.sources, now)
        if not paths:
            return
        photos = {p for p in paths if p in now and is_photo(p)}
        if self.kept is not None and photos and len(paths - photos) <= 1 and self._new_photos(sorted(photos)):
            paths -= photos
            if not paths:
                self.sources = now
                return
        if self.kept is None or len(paths) != 1 or not self._quick(Path(next(iter(paths)))):
            self.full_build()
            return
        self.sources = now

    def _quick(self, path: Path) -> bool:
        assert self.kept is not None
        started = time.perf_counter()
        try:
            quick = quick_article(self.kept, path)
        except Exception:  # anything unexpected: a full build says it properly
            log.exception("Không cập nhật nhanh được %s; dựng lại toàn bộ.", path)
            return False
        if quick is None:
            return False
        self.generation += 1
        key = str(path)
        assert self.kept is not None
        articles = plugin_of(self.kept).content
        shown = articles.articles if articles else []
        if not quick.report.ok:
            self.broken[key] = quick.report
            self._show_status(shown)
            log.error("Nội dung có lỗi; trang xem trước hiện trang báo lỗi cho đến khi sửa xong:\n%s",
                      quick.report.format())
            self.reload()
            return True
        self.broken.pop(key, None)
        for dest_uri, html in quick.pages:
            self.folder.write(dest_uri, html)
            self.pending[dest_uri] = (self.generation, html)
        if quick.moved_from:  # the article's old address: gone, as from a cold build
            self.folder.remove(quick.moved_from)
            self.pending[quick.moved_from] = (self.generation, None)
        self._show_status(shown)
        self.reload()
        self.due = time.monotonic() + CATCH_UP_DELAY
        log.info("Đã cập nhật %s (%d trang, %.2f s); dựng lại toàn bộ sau ít giây.", quick.dest_uri, len(quick.pages),
                 time.perf_counter() - started)
        return True

    def _new_photos(self, paths: list[str]) -> bool:
        """Photo files new since the last build (an editor adding a picture to a body, usually
        with the line that shows it): renditions made and served at once, and known to the
        quick path, so the article's page that shows them is a quick page, not a full build."""
        assert self.kept is not None
        plugin = plugin_of(self.kept)
        if plugin.files is None:
            return False
        started = time.perf_counter()
        try:
            published = plugin.photos.add_new([Path(p) for p in paths], plugin.files, self.kept)
        except Exception:  # noqa: BLE001 -- a bad picture: the full build checks it and says why
            log.info("Không xử lý nhanh được ảnh mới %s; dựng lại toàn bộ.", ", ".join(paths))
            return False
        if published is None:
            return False
        self.generation += 1
        for dest_uri, cached in published:
            data = cached.read_bytes()
            self.folder.write(dest_uri, data)
            self.pending[dest_uri] = (self.generation, data)
        self.due = time.monotonic() + CATCH_UP_DELAY
        log.info("Đã thêm ảnh mới %s (%d tệp, %.2f s).", ", ".join(Path(p).name for p in paths), len(published),
                 time.perf_counter() - started)
        return True

    def _show_status(self, articles: list[Article]) -> None:
        if self.broken:
            report = Report()
            for broken in self.broken.values():
                report.extend(broken.problems)
            self.status.finished(report, articles)
        else:
            self.status.finished(None, articles)

    # -- the catch-up build ------------------------------------------------------------
    def tick(self) -> None:
        """Called by the build loop a few times a second."""
        if self.catch_up is not None:
            if self.catch_up.proc.poll() is not None:
                self._catch_up_done(self.catch_up)
        elif self.due is not None and time.monotonic() >= self.due and not self.broken:
            self.due = None
            self._start_catch_up()

    def _start_catch_up(self) -> None:
        folder = self.folder.new()
        proc = subprocess.Popen([sys.executable, "-m", "microsite.adapter.preview", str(self.config_file),
                                 str(folder), self.dev_addr, self.serve_url],
                                stdin=subprocess.DEVNULL, start_new_session=True)
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, proc.pid, 10)  # its forks inherit it: quick edits first
        self.catch_up = CatchUp(proc, folder, self.generation)

    def _catch_up_done(self, done: CatchUp) -> None:
        self.catch_up = None
        if done.proc.returncode != 0:
            shutil.rmtree(done.folder, ignore_errors=True)
            log.error("Bản dựng nền dừng lại (mã %s); trang xem trước giữ các trang đã cập nhật.", done.proc.returncode)
            return
        newer = {uri: item for uri, item in self.pending.items() if item[0] > done.generation}
        for uri, (_, html) in newer.items():
            if html is None:
                self.folder.remove(uri, done.folder)
            else:
                self.folder.write(uri, html, done.folder)
        self.pending = newer
        self.folder.publish(done.folder)
        self.reload()
        if self.generation > done.generation and self.due is None:
            self.due = time.monotonic() + CATCH_UP_DELAY

    def _stop_catch_up(self) -> None:
        if self.catch_up is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.catch_up.proc.pid, 9)
        self.catch_up.proc.wait()
        shutil.rmtree(self.catch_up.folder, ignore_errors=True)
        self.catch_up = None

    def close(self) -> None:
        self._stop_catch_up()


def catch_up_build(config_file: Path, site_dir: Path, dev_addr: str, serve_url: str) -> None:
    """A full preview build into ``site_dir``: what ``microsite serve`` writes, as a build command
    (so it forks and uses every core)."""
    config = load_serve_config(config_file, site_dir, dev_addr, serve_url)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with engine_log():  # its English stays out of the editor's terminal: the parent says it
            mkdocs_build(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        catch_up_build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    except Exception:  # noqa: BLE001 -- the parent reports a failed catch-up in Vietnamese
        sys.stdout.flush()
        os._exit(1)
    sys.stdout.flush()
    os._exit(0)
