"""Reuse rendered Markdown between builds, keyed by content hash.

Profiling a 500-article build showed Markdown conversion as the largest cost:
every post is converted once for its own page and once more for each listing
that shows its excerpt (blog index page, archive, category: 4 conversions per
post). A rebuild where nothing changed repeats all of them. This cache stores the
result of ``Page.render`` and of the blog plugin's ``Excerpt.render`` in one
SQLite file under ``cache_dir``.

Keys are SHA-256 of everything the output depends on: the Markdown text, the
page's (and, for excerpts, the listing's) URL, and a salt covering the Markdown
extensions and their options, the set of files in the site (links are resolved
against it), URL settings and the versions of the libraries that render. Renders
that logged a warning are never stored, so warnings (and ``strict`` failures)
come back on every build. Entries not used by a complete build are dropped.
Set ``MICROSITE_RENDER_CACHE=0`` to build without it (tests compare both).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...text.fingerprint import stable_repr
from ..build_stamp import file_stats
from .material_blog import blog_links_counted
from .relocation import relative_paths, relinked, same_on

ENV_SWITCH = "MICROSITE_RENDER_CACHE"
DB_NAME = "render-cache.sqlite"
SCHEMA_VERSION = "1"
RENDERING_PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "microsite")


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") != "0"


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def tree_digest(*roots: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Content hash of every file below ``roots`` (optionally only some suffixes)."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and (not suffixes or p.suffix in suffixes)):
            h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogatepass") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def files_stamp(docs_dir: Path) -> str:
    """Name, size and modification time of every file of docs/ but Markdown (a page's text is
    in its own key) and ``_data`` (hashed by content): a photo story's captions, a picture's
    bytes (its renditions' names), a video's captions and poster render into the pages that
    show them (the build stamp's walk: ``build_stamp.file_stats``)."""
    h = hashlib.sha256()
    for rel, (size, mtime) in file_stats(docs_dir, {(docs_dir / "_data").resolve()}):
        if not rel.endswith(".md"):
            h.update(f"{rel}\0{size}\0{mtime}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def build_salt(config: MkDocsConfig, files: Files, upstream: str = "") -> str:
    """Everything besides a page's own text that can change its rendered HTML.

    Data files matter too: ``::infographic id`` renders from docs/_data/, not from the
    page's text; so do the other files of docs/ (``files_stamp``); and our own extensions'
    code, whose version string never changes between commits. ``upstream``: the digest of the declared upstream symbols' current
    fingerprints (``health.Health.digest``): code changed under an unchanged version.
    """
    versions = [f"{name}=={metadata.version(name)}" for name in RENDERING_PACKAGES]
    file_list = "\n".join(sorted(f"{f.src_uri}>{f.dest_uri}" for f in files))
    data = Path(config.docs_dir) / "_data"
    code = Path(__file__).resolve().parents[2]  # the microsite package
    return _digest(
        SCHEMA_VERSION, upstream, *versions, tree_digest(data), files_stamp(Path(config.docs_dir)),
        tree_digest(code, suffixes=(".py", ".json")),
        stable_repr(config.markdown_extensions), stable_repr(config.mdx_configs),
        str(config.use_directory_urls), str(config.site_url), stable_repr(dict(config.validation)),
        file_list,
    )


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def warnings_logged(*names: str) -> Iterator[list[logging.LogRecord]]:
    """The warnings the loggers ``names`` ("": the root) receive inside the block: a render that
    warned is not reused (here) or not patched (``page_patch``), so its warnings come again."""
    handler, loggers = _Kept(), [logging.getLogger(name) for name in names]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


@dataclass(frozen=True)
class _Variant:
    """An excerpt rendered for one listing, and the relative URLs it depends on."""

    page_url: str
    paths: frozenset[str]
    value: dict[str, Any]


@dataclass
class RenderCache:
    """One build's view of the on-disk cache (hits, misses, entries to keep)."""

    path: Path
    salt: str
    files: Files
    db: sqlite3.Connection | None = None
    used: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0
    pending: dict[str, bytes] | None = None  # entries held back while a forked child reads the file
    preloaded: dict[str, bytes] = field(default_factory=dict)  # entries a child rendered for this build
    # Excerpts by post text: the listings a render can stand for (adapter.accel.relocation)
    excerpts: dict[str, list[_Variant]] = field(default_factory=dict)
    reused: int = 0  # excerpt renders that stood for another listing

    @classmethod
    def open(cls, cache_dir: Path, config: MkDocsConfig, files: Files, upstream: str = "") -> RenderCache:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = cls(cache_dir / DB_NAME, build_salt(config, files, upstream), files)
        cache.db = sqlite3.connect(cache.path)
        cache.db.execute("CREATE TABLE IF NOT EXISTS render (key TEXT PRIMARY KEY, value BLOB)")
        return cache

    # -- storage ----------------------------------------------------------------
    def _get(self, key: str) -> dict[str, Any] | None:
        assert self.db is not None
        blob = self.preloaded.get(key)
        if blob is None:
            row = self.db.execute("SELECT value FROM render WHERE key = ?", (key,)).fetchone()
            blob = None if row is None else row[0]
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss, never a failure
            return None

    def _put(self, key: str, value: dict[str, Any]) -> None:
        assert self.db is not None
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if self.pending is not None:
            self.pending[key] = blob
            return
        self.db.execute("INSERT OR REPLACE INTO render (key, value) VALUES (?, ?)", (key, blob))

    def _flush(self) -> None:
        assert self.db is not None
        held, self.pending = self.pending or {}, None
        self.db.executemany("INSERT OR REPLACE INTO render (key, value) VALUES (?, ?)", held.items())

    # -- forked children rendering pages (adapter.accel.page_split) --------------------------
    def hold_writes(self) -> None:
        """Before forking: commit, then keep new entries in memory until ``merge_child``, so
        no write lock of ours keeps the child from reading."""
        assert self.db is not None
        self._flush()
        self.db.commit()
        self.pending = {}

    def detach_for_child(self) -> None:
        """In a forked child: an SQLite connection must not cross a fork, so read through a
        new one, and keep new entries for the parent, the only writer."""
        self.db = sqlite3.connect(self.path)
        self.used, self.pending, self.hits, self.misses, self.reused = set(), {}, 0, 0, 0

    def child_result(self) -> dict[str, Any]:
        return {"used": self.used, "pending": self.pending or {}, "hits": self.hits, "misses": self.misses,
                "reused": self.reused}

    def merge_child(self, result: dict[str, Any], keep_writing: bool = False) -> None:
        """Take a child's entries: served from memory to the rest of this build, stored in the
        file. ``keep_writing`` leaves this build's own writes held (another fork follows)."""
        self.used |= result["used"]
        self.hits += result["hits"]
        self.misses += result["misses"]
        self.reused += result.get("reused", 0)
        self.preloaded.update(result["pending"])
        self.pending = {**(self.pending or {}), **result["pending"]}
        if not keep_writing:
            self._flush()

    def _cached(self, key: str, render: Callable[[], dict[str, Any]],
                restore: Callable[[dict[str, Any]], None]) -> dict[str, Any] | None:
        """The entry (restored, or rendered and stored); None when the render logged a warning."""
        self.used.add(key)
        value = self._get(key)
        if value is not None:
            self.hits += 1
            restore(value)
            return value
        self.misses += 1
        with warnings_logged("", "mkdocs") as warned:
            value = render()
        if warned:
            return None
        self._put(key, value)
        return value

    def close(self, complete: bool) -> None:
        """Commit; after a complete build drop entries this build did not use."""
        if self.db is None:
            return
        self._flush()
        if complete:
            self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self.used))
            self.db.execute("DELETE FROM render WHERE key NOT IN (SELECT key FROM used)")
        self.db.commit()
        self.db.close()
        self.db = None

    # -- pages --------------------------------------------------------------------
    def wrap_page(self, page: Page) -> None:
        """Make ``page.render`` look up the cache first (MkDocs calls it once per page)."""
        original = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            key = _digest(self.salt, "page", page.file.src_uri, page.url, page.markdown or "")

            def run() -> dict[str, Any]:
                original(config, files)
                links = {f.src_uri: v for f, v in (page.links_to_anchors or {}).items()}
                return {"content": page.content, "toc": page.toc, "title": page._title_from_render,
                        "anchors": page.present_anchor_ids, "links": links}

            def restore(value: dict[str, Any]) -> None:
                page.content, page.toc = value["content"], value["toc"]
                page._title_from_render = value["title"]
                page.present_anchor_ids = value["anchors"]
                page.links_to_anchors = {f: v for uri, v in value["links"].items()
                                         if (f := files.get_file_from_path(uri)) is not None}

            self._cached(key, run, restore)

        page.render = render  # type: ignore[method-assign]  # this page only: MkDocs calls page.render

    # -- blog excerpts ------------------------------------------------------------
    def wrap_excerpts(self, posts: list[Any]) -> None:
        """Cache the excerpts of a blog listing's posts (Material's ``Excerpt.render``)."""
        for post in posts:
            excerpt = getattr(post, "excerpt", None)
            if excerpt is None or getattr(excerpt, "_microsite_cached", False):
                continue
            excerpt.render = self._excerpt_render(excerpt)
            excerpt._microsite_cached = True

    def _excerpt_render(self, excerpt: Any) -> Callable[[Page, str], None]:
        original = excerpt.render
        post = excerpt.post

        def render(page: Page, separator: str) -> None:
            title = "" if post._title_from_render else post.title
            same_text = _digest(self.salt, "excerpt", post.file.src_uri, post.url, separator,
                                title, post.markdown or "")
            for variant in self.excerpts.get(same_text, ()):
                value = variant.value if same_on(variant.paths, variant.page_url, page.url) \
                    else _relinked(variant, post.url, page.url)  # adapter.accel.relocation
                if value is not None:
                    self.reused += 1
                    restore(value)
                    return
            key = _digest(same_text, page.url)

            def run() -> dict[str, Any]:
                excerpt.more = None
                with blog_links_counted(excerpt) as counted:
                    original(page, separator)
                return {"content": excerpt.content, "more": excerpt.more, "toc": excerpt.toc,
                        "markdown": excerpt.markdown, "blog_links": counted.links}

            value = self._cached(key, run, restore)
            if value is not None:
                paths = relative_paths(value["content"], value["more"] or "")
                self.excerpts.setdefault(same_text, []).append(_Variant(page.url, paths, value))

        def restore(value: dict[str, Any]) -> None:
            excerpt.content, excerpt.more = value["content"], value["more"]
            excerpt.toc, excerpt.markdown = value["toc"], value["markdown"]

        return render


def _relinked(variant: _Variant, post_url: str, page_url: str) -> dict[str, Any] | None:
    """The excerpt of ``variant`` as a render for ``page_url`` would give it, if only the
    blog's own link to the post differs there (``relocation.relinked``); else None."""
    value = variant.value
    moved = relinked((value["content"], value["more"] or ""), variant.paths, value.get("blog_links"),
                     post_url, variant.page_url, page_url)
    if moved is None:
        return None
    return {**value, "content": moved[0], "more": None if value["more"] is None else moved[1]}


def open_for_build(cache_dir: Path, config: MkDocsConfig, files: Files, upstream: str = "") -> RenderCache | None:
    """The cache for this build, or None when switched off with MICROSITE_RENDER_CACHE=0."""
    return RenderCache.open(cache_dir, config, files, upstream) if enabled() else None
