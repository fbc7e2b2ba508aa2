"""``microsite serve``'s builds: the quick path for one article, full builds, the catch-up.

The preview serves ``current``, a symlink to one complete build folder; a new build is made
in a folder beside it and the link is swapped by rename, so a request always reads one
whole build and is never held up by a build in progress.

* **Quick path.** When the only file changed since the last look is an article whose front
  matter (and lead, which the listings show) is unchanged, that article is checked alone
  (``content.site.check_article``) and its page is made again from the state the last
  in-process build left in the plugins (configuration, files, navigation, Jinja environment):
  MkDocs' own ``_populate_page`` and ``_build_page`` on that one page, accelerators off (the
  plain path, byte for byte the same page), written beside the served file and renamed over it.
* **Catch-up.** A few seconds after the last quick edit, a full build runs in a child process
  (``python -m microsite.adapter.preview``: a build command, so it forks and uses every core,
  niced) into a new folder; when it finishes it replaces the served folder, with the quick
  pages saved after it started written into it first. Its result is what a cold build writes.
* **Full build** in this process (as ``mkdocs serve`` does) for everything else: templates,
  ``mkdocs.yml``, data files, pages, a new, deleted or renamed file, a changed front matter.
  It refreshes the state the quick path uses.

A file that fails the check keeps its last good page; the error page is shown (the server's
``WorkspaceStatus``) until every broken file is fixed.
"""

from __future__ import annotations

import contextlib
import dataclasses
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

from material.plugins.blog.structure import Post
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils.meta import YAML_RE

from ..content.model import Article
from ..content.problems import Report
from ..content.site import check_article
from ..content.staging import staged_source
from ..workspace.status import WorkspaceStatus
from .runner import excerpt_separator, plugin_of

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


@dataclass
class Quick:
    """What the quick path did with one article: its check, and the page when it passed."""

    report: Report
    dest_uri: str = ""
    html: bytes = b""


def body_only(old: Article, new: Article, separator: str) -> bool:
    """Only the body after the lead changed: the URL, the listings, the cards stay as they are."""
    same_rest = dataclasses.replace(new, body=old.body, body_line=old.body_line, field_lines=old.field_lines) == old
    if not separator:  # no blog excerpt: the listings may show any of the body
        return same_rest and new.body == old.body
    return same_rest and new.body.partition(separator)[0] == old.body.partition(separator)[0]


def _read_post(post: Post) -> None:
    """The post's Markdown read again as ``Post.__init__`` reads it (its ``read_source`` does
    nothing: the blog reads every post once, in ``on_files``); the front matter is unchanged."""
    with open(post.file.abs_src_path or "", encoding="utf-8-sig") as source:
        text = source.read()
    match = YAML_RE.match(text)
    assert match is not None  # a staged copy always has its front matter
    post.markdown = text[match.end():].lstrip("\n")


def quick_article(config: MkDocsConfig, path: Path) -> Quick | None:
    """The page of the article at ``path`` made again from the last build's state, or None when
    the change is not one the quick path can make (see the module docstring)."""
    plugin = plugin_of(config)
    content, files, nav, env = plugin.content, plugin.files, plugin.nav, plugin.env
    if content is None or files is None or nav is None or env is None:
        return None
    try:
        src_uri = path.resolve().relative_to(Path(config.docs_dir).resolve()).as_posix()
    except ValueError:
        return None
    old, file = plugin.by_src_uri.get(src_uri), files.get_file_from_path(src_uri)
    if (old is None or file is None or not isinstance(file.page, Post) or not path.is_file()
            or "material/meta" in config.plugins):
        return None
    new, report = check_article(content, path)
    if not report.ok:
        return Quick(report)
    if new is None or not body_only(old, new, excerpt_separator(config)):
        return None
    Path(file.abs_src_path or "").write_text(staged_source(new), encoding="utf-8")
    # The plugins know articles by identity (related lists, URLs, syndication): the one they
    # know takes the new body. Only its lead feeds the related lists, and the lead is unchanged.
    for item in dataclasses.fields(Article):
        setattr(old, item.name, getattr(new, item.name))
    page = file.page
    _read_post(page)
    if "readtime" not in new.meta:
        page.config.readtime = None  # the blog computes it again from the new HTML
    accel, plugin.accel = plugin.accel, None  # ended with the build: the plain path, same bytes
    vars(page).pop("render", None)  # the build's accelerators set it on the page (render cache, shared parser)
    fd, tmp = tempfile.mkstemp(prefix=".quick-", suffix=".html")
    os.close(fd)
    try:
        _populate_page(page, config, files)
        file.abs_dest_path = tmp  # a cached property of the File: restored below
        _build_page(page, config, files.documentation_pages(inclusion=InclusionLevel.is_in_serve), nav, env,
                    excluded=file.inclusion.is_excluded())
        html = Path(tmp).read_bytes()
    finally:
        plugin.accel = accel
        vars(file).pop("abs_dest_path", None)
        os.unlink(tmp)
    return Quick(report, file.dest_uri, html)


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
        self.pending: dict[str, tuple[int, bytes]] = {}  # quick pages since the last publication
        self.broken: dict[str, Report] = {}  # files whose last quick check failed
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
            mkdocs_build(config, serve_url=self.serve_url)
        except Exception as exc:  # noqa: BLE001 -- any failed build (the check, a data file, a template) becomes the error page
            shutil.rmtree(folder, ignore_errors=True)
            content = plugin.content
            report = plugin.option_problems or (content.report if content is not None and not content.report.ok
                                                else None)
            self.status.finished(report, content.articles if content else [], failure=str(exc) or repr(exc))
            log.error("Nội dung có lỗi; trang xem trước hiện trang báo lỗi cho đến khi sửa xong:\n%s",
                      self.status.snapshot.report)
            self.reload()
            return
        self.kept = config
        self.pending.clear()
        self.folder.publish(folder)
        self.status.finished(None, plugin.content.articles if plugin.content else [])
        self.reload()

    # -- a change ------------------------------------------------------------------------
    def changed(self) -> None:
        now = scan(self.watched)
        paths = changed_paths(self.sources, now)
        if not paths:
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
        self.folder.write(quick.dest_uri, quick.html)
        self.pending[quick.dest_uri] = (self.generation, quick.html)
        self._show_status(shown)
        self.reload()
        self.due = time.monotonic() + CATCH_UP_DELAY
        log.info("Đã cập nhật %s (%.2f s); dựng lại toàn bộ sau ít giây.", quick.dest_uri, time.perf_counter() - started)
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
        mkdocs_build(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    catch_up_build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    sys.stdout.flush()
    os._exit(0)
