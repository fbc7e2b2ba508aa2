"""MkDocs converts and writes pages in two loops on one core; share both with forked children.

``MarkdownSplit``: MkDocs reads and converts every page first (``_populate_page``). A
forked child converts pages from the back of that loop into the render cache
(``render_cache.RenderCache``, the same entries a rebuild would find), while the parent
goes on from the front; when the parent reaches the child's pages it takes the
child's entries and its own conversion of those pages becomes a cache hit. The parent
still runs every plugin event for every page, so no plugin state has to come back; a
render that logged a warning is never cached, so its warnings come from the parent.

``PageSplit``: then MkDocs renders and writes each page (``_build_page``).

That is 40% of a cold 2000-article build. ``PageSplit`` stands in for that function
for one build. On its first call it forks (``microsite.forked_loop``); the child renders pages
from the back of the list while MkDocs' own loop goes on from the front, and a page
the child has taken is skipped here. After the last page the parent merges what the
child's pages left in the plugin's state (``ChildShare``): their social-card specs,
their search text, their articles' syndication entries and reuse-box texts (for
feeds, ninjs and press kits), the render-cache entries they made. MkDocs' warnings from the
child are logged in the parent, so ``strict`` still counts them.

Not used for small sites (``background.min_jobs``), with ``MICROSITE_WORKERS=0``, off
Linux, beside another thread or in a preview server (``forked_loop.fork_child``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ... import forked_loop
from ...background import min_jobs, worker_count
from ...forked_loop import ForkedLoop
from jinja2 import Environment
from mkdocs.structure.nav import Navigation

from ..infographics import InfographicsGlue
from .render_cache import RenderCache
from .run import Hooks, Run
from ..search_index import SearchPages
from ..syndication import SyndicationAdapter

log = logging.getLogger("mkdocs.plugins.microsite")


@dataclass
class ChildShare:
    """The plugin state that page rendering adds to, and how a child's part comes back."""

    infographics: InfographicsGlue
    search_pages: SearchPages
    render_cache: RenderCache | None
    syndication: SyndicationAdapter | None = None
    shapes: dict[str, Any] | None = None  # article pages' shapes (adapter/page_patch.py)

    def before_fork(self) -> None:
        if self.render_cache:
            self.render_cache.hold_writes()

    def child_setup(self) -> None:
        self.search_pages.pages = []  # only what the child collects goes back
        if self.shapes is not None:
            self.shapes.clear()
        if self.syndication:
            self.syndication.start_child()
        if self.render_cache:
            self.render_cache.detach_for_child()

    def child_result(self) -> dict[str, Any]:
        return {"cards": self.infographics.cards, "search_files": self.search_pages.files,
                "search_pages": self.search_pages.pages,
                "syndication": self.syndication.child_part() if self.syndication else None,
                "shapes": self.shapes or {},
                "cache": self.render_cache.child_result() if self.render_cache else None}

    def nothing(self) -> dict[str, Any]:
        cache = {"used": set(), "pending": {}, "hits": 0, "misses": 0, "reused": 0}
        return {"cards": {}, "search_files": set(), "search_pages": [], "syndication": None, "shapes": {},
                "cache": cache}

    def merge(self, result: dict[str, Any], order: Sequence[str]) -> None:
        self.infographics.cards.update(result["cards"])
        if self.shapes is not None:
            self.shapes.update(result["shapes"])
        if self.syndication and result["syndication"] is not None:
            self.syndication.merge_child(result["syndication"])
        self.search_pages.merge(result["search_files"], result["search_pages"], order)
        if self.render_cache and result["cache"] is not None:
            self.render_cache.merge_child(result["cache"])


class _SharedLoop(Hooks):
    """A loop of MkDocs' shared with a forked child, which ``abandon`` stops."""

    loop: ForkedLoop | None = None

    def abandon(self) -> None:
        """The build ends (or the loop is over): stop a child still running."""
        if self.loop is not None:
            self.loop.abandon()
            self.loop = None

    def end(self, run: Run, complete: bool) -> None:
        self.abandon()


class PageSplit(_SharedLoop):
    """Stands in for ``_build_page`` during one build (the accelerator ``page_split``)."""

    def __init__(self) -> None:
        self.share: ChildShare | None = None  # set before the page loop (``env``)
        self.allowed = False
        self.loop = None
        self._original: Callable[..., None] | None = None
        self._files: Sequence[File] = ()
        self._index: dict[int, int] = {}
        self._args: tuple[Any, ...] = ()
        self._checked = False

    def install(self, run: Run) -> None:
        """Stand in for ``_build_page`` until the build ends (``run.swaps``)."""
        self.allowed = run.inputs.fork_allowed and forked_loop.usable() and worker_count() > 0
        self._original = cast(Callable[..., None], run.swaps.replace(mkdocs_build, "_build_page", self._build_page))

    def env(self, run: Run, env: Environment, files: Files, nav: Navigation | None) -> None:
        self.share = run.inputs.share(run.render_cache)
        if nav is not None:  # the child starts now, while MkDocs copies the static files
            self.start(run.inputs.config, files.documentation_pages(inclusion=InclusionLevel.is_included), nav, env)

    def start(self, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool = False) -> None:
        """Fork before MkDocs' page loop (from ``on_env``): the child renders pages while the
        parent copies the static files and renders the theme's own templates (404, sitemap:
        ~1.7 s of one core for 2000 articles). The page loop checks it got the same pages."""
        if self._original is not None and not self._index:
            self._start(config, doc_files, nav, env, dirty)

    def _build_page(self, page: Any, config: Any, doc_files: Sequence[File], nav: Any, env: Any,
                    dirty: bool = False, excluded: bool = False) -> None:
        assert self._original is not None
        if self._index and not self._same_loop(config, doc_files, nav, env, dirty):
            log.debug("Danh sách trang khác với lúc tách tiến trình; dựng lại từ đầu.")
            self.abandon()
            self._index = {}
        if not self._index:
            self._start(config, doc_files, nav, env, dirty)
        index = self._index[id(page)]
        if self.loop is None or self.loop.take(index):
            self._original(page, config, doc_files, nav, env, dirty, excluded)
        if index == len(doc_files) - 1:
            self._join()

    def _same_loop(self, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool) -> bool:
        """True if MkDocs' page loop is the one the split started with (checked once)."""
        if self._checked:
            return True
        self._checked = True
        started = self._args
        return (len(doc_files) == len(self._files) and all(a is b for a, b in zip(doc_files, self._files))
                and started[0] is config and started[2] is nav and started[3] is env and started[4] == dirty)

    def _start(self, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool) -> None:
        self._files = list(doc_files)
        self._index = {id(f.page): i for i, f in enumerate(self._files)}
        self._args = (config, doc_files, nav, env, dirty)
        if self.allowed and self.share is not None and len(self._files) >= min_jobs():
            self.loop = ForkedLoop(len(self._files))
            self.share.before_fork()
            if not self.loop.start(self._render, self.share.child_result, self.share.child_setup,
                                   purpose="dựng trang"):
                self.loop = None

    def _render(self, index: int) -> None:
        assert self._original is not None
        config, doc_files, nav, env, dirty = self._args
        file = self._files[index]
        self._original(file.page, config, doc_files, nav, env, dirty, file.inclusion.is_excluded())

    def _join(self) -> None:
        loop, self.loop = self.loop, None
        if loop is None:
            return
        result, error, redo = loop.finish()
        order = [f.page.url for f in self._files if f.page is not None]
        assert self.share is not None
        if result is None:  # the child failed or died: its pages are done here, errors raise here
            log.debug(f"Tiến trình phụ không xong ({error}); dựng lại {len(redo)} trang ở tiến trình chính.")
            for index in redo:
                self._render(index)
        self.share.merge(result or self.share.nothing(), order)


class MarkdownSplit(_SharedLoop):
    """Stands in for ``_populate_page`` during one build (the accelerator ``markdown_split``).

    With two or more worker processes (three cores or more) the child starts with the loop.
    On two cores the card worker (``background``) keeps the second core busy while pages
    are converted, and a third process only made all three slower (2000 articles, three
    runs each: the split cost 4-6 s of CPU and gained no wall time). There the child starts
    late instead: when ``ready()`` says the card worker has finished its jobs and at least
    ``LATE_MIN`` pages are left, so that it takes its share of the rest on the core the
    worker has left idle (up to ~3 s of a 2000-article build), and never competes with it."""

    LATE_MIN = 48  # pages left: fewer are not worth a fork and the merge
    LATE_EVERY = 8  # pages between two looks at ``ready``

    def __init__(self) -> None:
        self.cache: RenderCache | None = None
        self.usable = self.allowed = self.late = False  # until installed, and the render cache known
        self.ready: Callable[[], bool] = lambda: False
        self.loop = None
        self.forked = False  # a child was started this build (one at most)
        self._original: Callable[..., None] | None = None
        self._files: list[File] = []
        self._index: dict[str, int] | None = None
        self._args: tuple[Any, ...] = ()

    def install(self, run: Run) -> None:
        """Stand in for ``_populate_page`` until the build ends (``run.swaps``)."""
        self.usable, self.ready = run.inputs.fork_allowed and forked_loop.usable(), run.inputs.worker_idle
        self._original = cast(Callable[..., None],
                              run.swaps.replace(mkdocs_build, "_populate_page", self._populate_page))

    def files(self, run: Run, files: Files) -> None:
        """The render cache the child's conversions go through (none: no split)."""
        self.cache = cache = run.render_cache
        usable = self.usable and cache is not None
        self.allowed = usable and worker_count() >= 2
        self.late = usable and worker_count() == 1

    def env(self, run: Run, env: Environment, files: Files, nav: Navigation | None) -> None:
        self.abandon()  # every page is converted by now

    def _populate_page(self, page: Page, config: Any, files: Files, dirty: bool = False) -> None:
        assert self._original is not None
        if self._index is None:
            self._start(config, files, dirty)
        assert self._index is not None
        index = self._index.get(page.file.src_uri)
        if index is not None and self._late_start_due(index):
            self._fork(reserved=index)
        if self.loop is not None and index is not None and not self.loop.take(index):
            self._join()  # the child's pages: its conversions become cache hits below
        self._original(page, config, files, dirty)
        if index == len(self._files) - 1:
            self._join()

    def _late_start_due(self, index: int) -> bool:
        return (self.late and not self.forked and index % self.LATE_EVERY == 0
                and len(self._files) - index >= self.LATE_MIN and self.ready())

    def _start(self, config: Any, files: Files, dirty: bool) -> None:
        self._files = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        self._index = {f.src_uri: i for i, f in enumerate(self._files)}
        self._args = (config, files, dirty)
        if len(self._files) < min_jobs() or self.cache is None:
            self.late = False
        elif self.allowed:
            self._fork(reserved=0)

    def _fork(self, reserved: int) -> None:
        """The child converts pages from the back; the first ``reserved`` are done or the parent's."""
        assert self.cache is not None
        self.forked = True
        self.cache.hold_writes()
        self.loop = ForkedLoop(len(self._files))
        if not self.loop.start(self._convert, self.cache.child_result, self.cache.detach_for_child,
                               reserved=reserved, purpose="chuyển Markdown"):
            self.loop = None

    def _convert(self, index: int) -> None:
        assert self._original is not None
        config, files, dirty = self._args
        file = self._files[index]
        page = file.page if file.page is not None else Page(None, file, config)
        self._original(page, config, files, dirty)

    def _join(self) -> None:
        loop, self.loop = self.loop, None
        if loop is None or self.cache is None:
            return
        result, error, _ = loop.finish(replay_logs=False)  # a miss is converted here, warnings too
        if result is not None:
            self.cache.merge_child(result, keep_writing=True)
        else:
            log.debug(f"Tiến trình phụ không chuyển xong Markdown ({error}); chuyển ở tiến trình chính.")
