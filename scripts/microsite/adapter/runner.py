"""Run MkDocs builds for the CLI: check first, build into a temporary folder, swap.

A failed build must never damage the site that is already published, so MkDocs
writes into a sibling temporary folder; only a complete build replaces ``site/``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import tempfile
from datetime import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from material.plugins.blog.plugin import BlogPlugin
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException


from ..config import SiteSettings
from ..campaign.related import public_articles
from ..content.clock import ClockError, current_time
from ..content.problems import Report
from ..background import worker_count
from ..content.check_memo import CheckMemo
from ..content.site import SiteContent, check_site
from ..forked_loop import fork_child, run_tasks
from ..memory import build_heap, release_memory
from .reproducible import pinned_build_date
from ..text.press import TIMEZONE
from . import build_stamp, incremental, page_patch
from .engine_errors import EngineLog, engine_log, engine_problem
from .infographics import InfographicsGlue
from .plugin import MicrositePlugin, resolution_section
from .settings import settings_from
from .theme import use_package_theme

CONFIG_NAME = "mkdocs.yml"
log = logging.getLogger("microsite")


class BuildFailed(Exception):
    """The build stopped; the message is for the editor, in Vietnamese."""


def config_path(project_dir: Path) -> Path:
    path = project_dir / CONFIG_NAME
    if not path.is_file():
        raise BuildFailed(f"Không tìm thấy {path}. Chạy lệnh trong thư mục dự án hoặc dùng -d THƯ_MỤC.")
    return path


def load(project_dir: Path, **overrides: Any) -> MkDocsConfig:
    """The configuration; fire ``config.plugins.on_shutdown()`` when done with it.

    MkDocs keeps one instance of each plugin that has startup or shutdown events for the
    whole process (as ``mkdocs serve`` needs), so in a process that loads several times
    Material's blog comes back without the temporary folder it made once, in ``__init__``,
    and removed in the last ``on_shutdown``: it is made again here."""
    try:
        config = load_config(str(config_path(project_dir)), **overrides)
    except MkDocsException as exc:
        raise BuildFailed(f"Cấu hình {CONFIG_NAME} không hợp lệ: {exc}") from None
    use_package_theme(config)  # the check reads the theme's ids before MkDocs' on_config
    for plugin in config.plugins.values():
        if isinstance(plugin, BlogPlugin):
            os.makedirs(plugin.temp_dir, exist_ok=True)
    return config


def plugin_of(config: MkDocsConfig) -> MicrositePlugin:
    plugin = config.plugins.get("microsite")
    if not isinstance(plugin, MicrositePlugin):
        raise BuildFailed(f"{CONFIG_NAME} phải khai báo plugin \"microsite\" trong mục plugins.")
    return plugin


def project_settings(project_dir: Path) -> SiteSettings:
    """Settings for commands that need no build (check, new, status)."""
    config = load(project_dir)
    try:
        return settings_from(config, plugin_of(config).config)
    finally:
        config.plugins.on_shutdown()  # plugins made folders when loaded (Material's blog: mkdtemp)


def list_warnings(report: Report) -> None:
    """Warnings do not stop the build, but the editor must see them."""
    if report.warnings:
        log.warning("Nội dung có cảnh báo (trang vẫn được dựng):\n%s", report.format())


def _swap(built: Path, target: Path) -> None:
    """Replace ``target`` with ``built`` using renames on the same filesystem."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    built.rename(target)
    if old is not None:
        _remove(old)


def _remove(old: Path) -> None:
    """Delete the replaced site (a hidden sibling folder by now) in a forked child: unlinking
    its ~14 000 files took 2.5 s of a 2000-article build that had nothing left to do. The
    child's output goes nowhere (a caller reading our pipes must not wait for it)."""
    pid = fork_child("xóa bản dựng cũ")
    if pid is None:
        shutil.rmtree(old, ignore_errors=True)
    elif pid == 0:  # the child
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            os._exit(0)


def build(project_dir: Path, site_dir: Path | None = None, preview: bool = False,
          now: datetime | None = None, report: Callable[[str], None] | None = None) -> Path:
    """Check and build the site at ``project_dir``; return the output folder.

    ``now`` injects the build's clock (scheduled articles, late plan items); see content/clock.py.
    ``report`` receives one Vietnamese sentence: whether the build was incremental, and why.
    The configuration is loaded once, and its plugins see the events of ``mkdocs build``:
    ``on_startup(command="build")`` first and ``on_shutdown`` last, whatever happens (Material's
    blog removes its temporary folder there).
    """
    project_dir = project_dir.resolve()
    target = (site_dir or project_dir / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    config = load(project_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        return _build(config, project_dir, target, preview, now, report)
    finally:
        config.plugins.on_shutdown()


def _build(config: MkDocsConfig, project_dir: Path, target: Path, preview: bool, now: datetime | None,
           report: Callable[[str], None] | None) -> Path:
    plugin = plugin_of(config)
    plugin.config.preview = preview
    if now is not None:
        plugin.config.now = now.isoformat()
    try:
        settings = settings_from(config, plugin.config)
    except (MkDocsException, ValueError) as exc:  # e.g. an unreadable injected clock
        raise BuildFailed(str(exc)) from None
    # Nothing changed since the last complete build into target: keep it (build_stamp.py).
    started = datetime.now(TIMEZONE)
    files = build_stamp.project_files(project_dir, target)
    settings_print = build_stamp.settings_fingerprint(preview, started)
    stamp = build_stamp.fingerprint(project_dir, target, preview, started, files)
    # An injected clock (tests, previews of a scheduled day) always builds: the stamp
    # tracks real time only.
    if now is None and build_stamp.up_to_date(settings.cache_dir, target, stamp, started):
        return target
    build_stamp.forget(settings.cache_dir)
    # Only article bodies changed since the last complete build: keep the pages that cannot change.
    inputs = incremental.snapshot(project_dir, Path(config.docs_dir), files, settings_print, target,
                                  excerpt_separator(config))
    decision = incremental.decide(project_dir, settings.cache_dir, target, started, inputs, now is not None)
    incremental.forget(settings.cache_dir)
    # Checks of unchanged sources are answered from the last build's only on the incremental path.
    memo = CheckMemo()
    if decision.plan is not None:
        memo.known_loads, memo.known_bodies = decision.plan.manifest.loads, decision.plan.manifest.bodies
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    config.site_dir = str(work)
    engine = EngineLog()  # the engine's error records, when it stops (engine_errors.py)
    try:
        content = _check_while_drawing(settings, memo, lambda: page_patch.prelink(decision.plan, work))
        if not content.report.ok:
            raise BuildFailed("Nội dung có lỗi, chưa thể dựng trang:\n" + content.report.format())
        list_warnings(content.report)
        clock = current_time(settings.now)
        patched = _patch(config, settings, decision, content, work, preview, clock)
        if patched is None:
            # The build date comes from what this build publishes: an unpublished article's
            # timestamp must not surface in the public sitemap.
            shown = content.articles if preview else public_articles(content.articles, clock)
            with (pinned_build_date(shown), build_heap(),  # reproducible.py; memory.py
                  engine_log() as engine, _handed_over(plugin, content, decision.plan)):
                mkdocs_build(config)
    except MkDocsException as exc:
        shutil.rmtree(work, ignore_errors=True)
        problem = engine_problem(exc, engine, settings.docs_dir, settings.cache_dir)
        raise BuildFailed("Chưa dựng được trang:\n" + Report([problem]).format()) from None
    except ClockError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildFailed(str(exc)) from None
    except BuildFailed:
        shutil.rmtree(work, ignore_errors=True)
        raise
    except Exception as exc:  # noqa: BLE001 - anything unforeseen (RecursionError...): said like the engine's
        shutil.rmtree(work, ignore_errors=True)
        problem = engine_problem(exc, engine, settings.docs_dir, settings.cache_dir)
        release_memory()
        raise BuildFailed("Chưa dựng được trang:\n" + Report([problem]).format()) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _swap(work, target)
    due = _next_publication(content, clock, preview)
    _report_path(decision, plugin, patched, report)
    if now is None:
        build_stamp.record(settings.cache_dir, target, stamp, due)
        articles = frozenset(incremental.relative(a.path, project_dir) for a in content.articles)
        if patched is not None:
            records, basis = patched.records, patched.basis
        else:
            records, basis = plugin.page_records(), plugin.patch_basis()
        outputs = patched.outputs(target) if patched is not None else page_patch.output_stats(target)
        basis = dataclasses.replace(basis, outputs=outputs)  # the files as written, swapped into place
        incremental.record(settings.cache_dir, incremental.Manifest(
            inputs, articles, records, due.isoformat() if due else None, memo.loads, memo.bodies, basis))
    return target


@contextmanager
def _handed_over(plugin: MicrositePlugin, content: SiteContent, plan: incremental.Plan | None) -> Iterator[None]:
    """What this MkDocs build's plugin takes from the runner: the checked content, the incremental
    plan, and the shapes to record for the next build's patch path. Taken back afterwards: MkDocs
    keeps one plugin instance per process (a plugin with ``on_startup``), and the next build in the
    process (a preview, another project's) must not find them."""
    plugin.prechecked, plugin.incremental, plugin.record_shapes = content, plan, True
    try:
        yield
    finally:
        plugin.prechecked, plugin.incremental, plugin.record_shapes = None, None, False


def _patch(config: MkDocsConfig, settings: SiteSettings, decision: incremental.Decision, content: SiteContent,
           work: Path, preview: bool, clock: datetime) -> page_patch.Patched | None:
    """The patch path for an edit of article bodies (adapter/page_patch.py), when it can be taken."""
    if decision.plan is None:
        return None
    sections = tuple(resolution_section(r) for r in settings.site.resolutions)
    return page_patch.apply(config, settings, decision.plan, content, work, preview, clock, sections)


def excerpt_separator(config: MkDocsConfig) -> str:
    """The blog's excerpt separator: what comes before it is the lead the listings show
    ("" without a blog: the whole body counts)."""
    blog = page_patch.blog_of(config)
    return str(blog.config.post_excerpt_separator) if blog is not None else ""


def _report_path(decision: incremental.Decision, plugin: MicrositePlugin, patched: page_patch.Patched | None,
                 report: Callable[[str], None] | None) -> None:
    """One log line (developers) and one sentence (editors): which path the build took and why."""
    plan = plugin.plan
    if patched is not None:
        log.info("patch build: %s; %d page(s) patched", decision.reason, len(patched.pages))
        message = (f"Dựng nhanh: {decision.reason_vi}; sửa lại {len(patched.pages)} trang, "
                   f"giữ nguyên các tệp khác.")
    elif plan is not None and plan.fallback is None:
        log.info("incremental build: %s; %d page(s) rendered, %d kept", decision.reason, len(plan.rendered),
                 plan.kept)
        message = (f"Dựng nhanh: {decision.reason_vi}; dựng lại {len(plan.rendered)} trang, "
                   f"giữ nguyên {plan.kept} trang.")
    else:
        reason = plan.fallback if plan is not None and plan.fallback else decision.reason
        log.info("full build: %s", reason)
        vi = plan.fallback_vi if plan is not None and plan.fallback else decision.reason_vi
        message = f"Dựng toàn bộ: {vi}."
    if report is not None:
        report(message)


def _check_while_drawing(settings: SiteSettings, memo: CheckMemo | None = None,
                         also: Callable[[], None] | None = None) -> SiteContent:
    """The content check, while a forked child draws the infographics into the cache (and does
    ``also``: the patch path's links to the published site). Content with errors stops the child
    at once (it is killed): a failed check renders nothing."""
    checked: list[SiteContent] = []
    run_tasks([lambda: checked.append(check_site(settings, memo)), lambda: InfographicsGlue.prewarm(settings),
               *([also] if also else [])],
              allowed=worker_count() > 0, stop=lambda: not checked[0].report.ok)
    return checked[0]


def _next_publication(content: SiteContent, now: datetime, preview: bool) -> datetime | None:
    """When the next scheduled (approved, future-dated) article goes public."""
    if preview:
        return None
    due = [a.date for a in content.articles if a.is_approved() and a.date > now]
    return min(due, default=None)


def serve(project_dir: Path, dev_addr: str = "127.0.0.1:8000", preview: bool = True) -> None:
    """Live preview and the editors' workspace (``/admin/``); drafts are shown with their
    banner unless ``preview`` is off. See workspace_server.py."""
    from .decap_backend import WorkspaceUnavailable
    from .workspace_server import serve as serve_workspace

    logging.getLogger("mkdocs").setLevel(logging.INFO)
    project_dir = project_dir.resolve()
    try:
        serve_workspace(project_dir, config_path(project_dir), dev_addr, preview)
    except WorkspaceUnavailable as exc:
        raise BuildFailed(str(exc)) from None
