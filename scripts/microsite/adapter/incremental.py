"""Incremental builds: after an edit of article bodies only, keep every page that cannot change.

After each complete build the runner records a manifest in the cache (``incremental.pickle``):
the inputs as they were read (every project file's size and modification time, each Markdown
source's content hash and *listing digest*, a hash of the settings and of the package's own
code) and, per page of the site, its output file, its "Tin liên quan" list, its search record
and, for articles, the read time the listings show.

The next build compares. It may take the incremental path only when every file that changed
is an article whose listing digest is the same: the front matter (title, date, summary,
categories, tags, channels, status, image, updates, withdrawal... every key) and the lead the
listings show (the text before the blog's excerpt separator; the whole file when there is none,
or when the body embeds an infographic or a campaign block). Anything else (a page, a template,
``mkdocs.yml``, a data file, a file added, deleted or renamed, other package code or versions,
preview mode, ``MICROSITE_*`` variables, another day, a scheduled article falling due) is a full
build, and the log says why.

The incremental path is the ordinary build with one difference: ``_build_page`` keeps (copies
from the published site) every page whose rendering cannot differ, i.e. all pages but the
changed articles' and the pages whose related list changed, provided the changed articles'
read time is the one recorded (otherwise no page is kept). Whatever the kept pages would have
added to the plugin's state is restored (social-card spec, search record); everything written
after the pages (feeds with full content, ninjs, press kits, search index, cards) is written
from the whole site's state as in a full build. ``MICROSITE_INCREMENTAL=0`` switches it off.
Before it, the patch path (``adapter/page_patch.py``) tries to make the same site without MkDocs.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from ..content.problems import Problem
from ..media.embed import MARKERS as MEDIA_MARKERS
from ..search.page_text import PageText

ENV_SWITCH = "MICROSITE_INCREMENTAL"
MANIFEST_NAME = "incremental.pickle"
FORMAT = 2
# Bodies other pages read from, or that read files beside them (video and audio: captions, poster)
WHOLE_FILE_MARKERS = ("::infographic", "<!-- microsite:", *MEDIA_MARKERS)

log = logging.getLogger("microsite")


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") != "0"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def listing_digest(text: str, separator: str) -> str:
    """What other pages can show of this Markdown source: front matter and lead."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front, body = (text, "") if end < 0 else (text[:end], text[end:])
    else:
        front, body = "", text
    lead = body.split(separator, 1)[0] if separator and separator in body else body
    if any(marker in body for marker in WHOLE_FILE_MARKERS):
        lead = body
    return _sha(f"{front}\0{lead}".encode("utf-8", "surrogatepass"))


@dataclass
class Snapshot:
    """The inputs as read before a build."""

    files: dict[str, tuple[int, int]]  # project-relative path -> (size, mtime_ns)
    sources: dict[str, tuple[str, str]]  # Markdown under docs/ -> (content hash, listing digest)
    context: str  # settings fingerprint (package files and versions included), target folder


def snapshot(project_dir: Path, docs_dir: Path, files: dict[str, tuple[int, int]], settings_print: str,
             target: Path, separator: str) -> Snapshot:
    sources: dict[str, tuple[str, str]] = {}
    try:
        docs = docs_dir.resolve().relative_to(project_dir.resolve()).as_posix() + "/"
    except ValueError:  # docs outside the project: its files are not in the snapshot
        return Snapshot(files, sources, "")
    for rel in files:
        if rel.startswith(docs) and rel.endswith(".md"):
            data = (project_dir / rel).read_bytes()
            sources[rel] = (_sha(data), listing_digest(data.decode("utf-8", "surrogateescape"), separator))
    context = _sha(f"{settings_print}\0{target}\0{separator}\0{FORMAT}".encode())
    return Snapshot(files, sources, context)


def relative(path: Path, project_dir: Path) -> str:
    """A source's project-relative path (an absolute one outside the project, never in a snapshot)."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(project_dir).as_posix()
    except ValueError:
        return str(resolved)


@dataclass
class PageRecord:
    dest_uri: str
    related: tuple[str, ...]  # URLs of its "Tin liên quan" list
    indexed: bool  # in the search index's files
    search: PageText | None  # its search record (None: none was made)
    readtime: Any = None  # a post's read time (listings show it)
    shape: Any = None  # an article page's page_patch.Shape (None: it cannot be patched)


@dataclass
class Manifest:
    snapshot: Snapshot
    articles: frozenset[str]  # project-relative paths of the articles
    pages: dict[str, PageRecord]  # page URL -> record
    next_change: str | None = None
    loads: dict[str, bytes] = field(default_factory=dict)  # the content check's (content/check_memo.py)
    bodies: dict[str, list[Problem]] = field(default_factory=dict)
    patch: Any = None  # page_patch.PatchBasis: the files, feeds and withheld files of the build


def manifest_path(cache_dir: Path) -> Path:
    return cache_dir / MANIFEST_NAME


def forget(cache_dir: Path) -> None:
    manifest_path(cache_dir).unlink(missing_ok=True)


def record(cache_dir: Path, manifest: Manifest) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = manifest_path(cache_dir)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(path)


def load(cache_dir: Path) -> Manifest | None:
    try:
        manifest = pickle.loads(manifest_path(cache_dir).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return manifest if isinstance(manifest, Manifest) else None


@dataclass
class Plan:
    """An incremental build: the changed articles, and what the published site holds."""

    manifest: Manifest
    changed: frozenset[str]  # project-relative paths
    old_site: Path
    project_dir: Path
    kept: int = 0
    rendered: list[str] = field(default_factory=list)
    fallback: str | None = None  # why no page was kept after all (developers)
    fallback_vi: str = ""  # the same for editors

    def is_changed(self, path: Path) -> bool:
        return relative(path, self.project_dir) in self.changed


@dataclass(frozen=True)
class Decision:
    plan: Plan | None
    reason: str  # for developers, English, like the other log lines
    reason_vi: str  # for editors


def _full(reason: str, reason_vi: str) -> Decision:
    return Decision(None, reason, reason_vi)


def decide(project_dir: Path, cache_dir: Path, target: Path, now: datetime, current: Snapshot,
           injected_clock: bool) -> Decision:
    """The incremental path if the change is provably local to article bodies, else why not."""
    if not enabled():
        return _full(f"{ENV_SWITCH}=0", f"đã tắt bằng {ENV_SWITCH}=0")
    if injected_clock:
        return _full("the build's clock is injected", "đồng hồ dựng trang được đặt riêng")
    manifest = load(cache_dir)
    if manifest is None or not target.is_dir():
        return _full("no record of a previous complete build", "chưa có bản dựng đầy đủ trước đó")
    old = manifest.snapshot
    if not current.context:
        return _full("docs_dir is outside the project folder", "thư mục nội dung nằm ngoài thư mục dự án")
    if old.context != current.context:
        return _full("settings, package code or versions, preview mode, MICROSITE_* or the date changed",
                     "cấu hình, mã chương trình, chế độ xem trước hoặc ngày dựng đã thay đổi")
    if manifest.next_change is not None and now >= datetime.fromisoformat(manifest.next_change):
        return _full("a scheduled article is due", "có bài hẹn giờ đã đến giờ đăng")
    if old.files.keys() != current.files.keys():
        added = sorted(current.files.keys() - old.files.keys())
        gone = sorted(old.files.keys() - current.files.keys())
        return _full(f"files added or removed: {(added + gone)[:3]}", "có tệp được thêm, xóa hoặc đổi tên")
    changed = []
    for rel, stat in current.files.items():
        if stat == old.files[rel]:
            continue
        if rel not in manifest.articles or rel not in current.sources or rel not in old.sources:
            return _full(f"{rel} changed (not an article)", f"{rel} thay đổi (không phải bài viết)")
        if current.sources[rel][0] == old.sources[rel][0]:
            continue  # touched, same bytes
        if current.sources[rel][1] != old.sources[rel][1]:
            return _full(f"{rel}: front matter or lead changed", f"{rel}: thông tin bài hoặc đoạn mở đầu thay đổi")
        changed.append(rel)
    return Decision(Plan(manifest, frozenset(changed), target, project_dir), f"{len(changed)} article body(ies) changed",
                    f"{len(changed)} bài viết chỉ sửa nội dung")


def link_or_copy(source: Path, dest: Path) -> None:
    """Put a kept output file in the new site: a hard link to the published one (no build
    writes to a kept path, so the two names never differ; a failed build only unlinks its
    own), or a copy where links are refused. The folder is made only when the link says it is
    missing (a site's photos are thousands of links into a few folders)."""
    try:
        os.link(source, dest)
        return
    except FileNotFoundError:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        shutil.copyfile(source, dest)
        return
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def read_time(page: Page) -> Any:
    """A blog post's read time (Material sets it on the post's config), else None."""
    return getattr(getattr(page, "config", None), "readtime", None)


class PageKeeper:
    """Answers ``_build_page`` (through the ``kept_pages`` accelerator): copy a page that cannot
    have changed from the published site, and restore what rendering it would have recorded."""

    def __init__(self, plan: Plan, keep: set[str], restore: Callable[[Page, PageRecord], None]) -> None:
        self.plan = plan
        self.keep_urls = keep
        self.restore = restore

    def __call__(self, page: Page) -> bool:
        if page.url not in self.keep_urls:
            self.plan.rendered.append(page.url)
            return False
        record = self.plan.manifest.pages[page.url]
        link_or_copy(self.plan.old_site / record.dest_uri, Path(page.file.abs_dest_path))
        self.restore(page, record)
        self.plan.kept += 1
        return True
