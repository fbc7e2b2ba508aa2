"""MkDocs writes pages in one loop on one core; share that loop with a forked child.

After every page is converted, MkDocs renders each page's template and writes it
(``mkdocs.commands.build._build_page``, called once per page in order): 40% of a cold
2000-article build, on one core. ``PageSplit`` stands in for that function for one
build. On its first call it forks (``microsite.forked_loop``); the child renders pages
from the back of the list while MkDocs' own loop goes on from the front, and a page
the child has taken is skipped here. After the last page the parent merges what the
child's pages left in the plugin's state (``ChildShare``): their social-card specs,
their search text, the render-cache entries they made. MkDocs' warnings from the
child are logged in the parent, so ``strict`` still counts them.

Not used for small sites (``background.min_jobs``), with ``MICROSITE_WORKERS=0``, off
Linux, or in ``microsite serve`` (a server's threads and a fork do not mix).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import File

from .. import forked_loop
from ..background import min_jobs, worker_count
from ..forked_loop import ForkedLoop
from .infographics import InfographicsGlue
from .render_cache import RenderCache
from .search_index import SearchPages

log = logging.getLogger("mkdocs.plugins.microsite")


@dataclass
class ChildShare:
    """The plugin state that page rendering adds to, and how a child's part comes back."""

    infographics: InfographicsGlue
    search_pages: SearchPages
    render_cache: RenderCache | None

    def before_fork(self) -> None:
        if self.render_cache:
            self.render_cache.hold_writes()

    def child_setup(self) -> None:
        self.search_pages.pages = []  # only what the child collects goes back
        if self.render_cache:
            self.render_cache.detach_for_child()

    def child_result(self) -> dict[str, Any]:
        return {"cards": self.infographics.cards, "search_files": self.search_pages.files,
                "search_pages": self.search_pages.pages,
                "cache": self.render_cache.child_result() if self.render_cache else None}

    def nothing(self) -> dict[str, Any]:
        cache = {"used": set(), "pending": {}, "hits": 0, "misses": 0}
        return {"cards": {}, "search_files": set(), "search_pages": [], "cache": cache}

    def merge(self, result: dict[str, Any], order: Sequence[str]) -> None:
        self.infographics.cards.update(result["cards"])
        self.search_pages.merge(result["search_files"], result["search_pages"], order)
        if self.render_cache and result["cache"] is not None:
            self.render_cache.merge_child(result["cache"])


class PageSplit:
    """Stands in for ``_build_page`` during one build (``install`` / ``uninstall``)."""

    def __init__(self, share: ChildShare, allowed: bool = True) -> None:
        self.share = share
        self.allowed = allowed and forked_loop.usable() and worker_count() > 0
        self.loop: ForkedLoop | None = None
        self._original: Callable[..., None] | None = None
        self._files: Sequence[File] = ()
        self._index: dict[int, int] = {}
        self._args: tuple[Any, ...] = ()

    def install(self) -> None:
        if self._original is None:
            self._original = mkdocs_build._build_page
            mkdocs_build._build_page = self._build_page  # type: ignore[assignment]

    def uninstall(self) -> None:
        if self._original is not None:
            mkdocs_build._build_page = self._original  # type: ignore[assignment]
            self._original = None
        if self.loop is not None:
            self.loop.abandon()
            self.loop = None

    def _build_page(self, page: Any, config: Any, doc_files: Sequence[File], nav: Any, env: Any,
                    dirty: bool = False, excluded: bool = False) -> None:
        assert self._original is not None
        if not self._index:
            self._start(config, doc_files, nav, env, dirty)
        index = self._index[id(page)]
        if self.loop is None or self.loop.take(index):
            self._original(page, config, doc_files, nav, env, dirty, excluded)
        if index == len(doc_files) - 1:
            self._join()

    def _start(self, config: Any, doc_files: Sequence[File], nav: Any, env: Any, dirty: bool) -> None:
        self._files = list(doc_files)
        self._index = {id(f.page): i for i, f in enumerate(self._files)}
        self._args = (config, doc_files, nav, env, dirty)
        if self.allowed and len(self._files) >= min_jobs():
            self.loop = ForkedLoop(len(self._files))
            self.share.before_fork()
            self.loop.start(self._render, self.share.child_result, self.share.child_setup)

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
        if result is None:  # the child failed or died: its pages are done here, errors raise here
            log.debug(f"Tiến trình phụ không xong ({error}); dựng lại {len(redo)} trang ở tiến trình chính.")
            for index in redo:
                self._render(index)
        self.share.merge(result or self.share.nothing(), order)
