"""One build's accelerators: installed in declared order at ``on_config``, restored at its end.

The plugin forwards a handful of its events here; each is handed to the installed
accelerators' hooks in the registry's order (``catalogue.ACCELERATORS``), and at the end
(``on_post_build``, ``on_build_error``, ``on_shutdown``) every hook ends in reverse order
and every attribute they swapped is put back (``Swaps.restore``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .health import Health, switched_off
from .material_blog import ListingPosts
from .swaps import Swaps

if TYPE_CHECKING:
    from .declaration import Accelerator
    from .page_split import ChildShare
    from .render_cache import RenderCache


@dataclass
class BuildInputs:
    """What the accelerators need from the plugin."""

    config: MkDocsConfig
    cache_dir: Path
    fork_allowed: bool  # False in `microsite serve`: a server's threads and a fork do not mix
    worker_idle: Callable[[], bool]  # the card worker has finished its jobs
    share: Callable[[RenderCache | None], ChildShare]  # what a forked page renderer sends back
    keep: Callable[[Page], bool] = lambda page: False  # an incremental build kept this page (copied it)


class Hooks:
    """An accelerator's part in one build; every method is optional."""

    def install(self, run: Run) -> None:
        """At ``on_config``: swap what must be swapped (through ``run.swaps``)."""

    def files(self, run: Run, files: Files) -> None:
        """At ``on_files``, once every file of the site is known."""

    def nav(self, run: Run) -> None:
        """At ``on_nav``, after the blog has read its posts."""

    def pre_page(self, run: Run, page: Page) -> None:
        """At ``on_pre_page``, before MkDocs renders the page's Markdown."""

    def env(self, run: Run, env: Environment, files: Files, nav: Navigation | None) -> None:
        """At ``on_env`` (last of every plugin's), before the page templates are rendered."""

    def listing(self, run: Run, posts: list[Any]) -> None:
        """At ``on_page_context`` of a blog listing, with posts not yet prepared this build."""

    def end(self, run: Run, complete: bool) -> None:
        """When the build ends; ``complete`` after ``on_post_build`` only."""


class Run:
    """The accelerators of one build and the state they share."""

    def __init__(self, accelerators: Sequence[Accelerator], inputs: BuildInputs, health: Health | None = None) -> None:
        self.inputs = inputs
        self.swaps = Swaps()
        self.health = health or Health()
        self.hooks: list[tuple[str, Hooks]] = []
        for accelerator in accelerators:
            if accelerator.switchable:
                try:
                    self.hooks.append((accelerator.name, accelerator.make_hooks()))
                except (ImportError, AttributeError) as error:  # its code reaches a name that is gone
                    self._off(accelerator.name, f"mã của nó không nạp được ({error})")
        self.installed: list[str] = []
        self.ended = False
        self.listing_posts = ListingPosts()
        self.render_cache: RenderCache | None = None  # set by the render cache, read by others

    def _off(self, name: str, why: str) -> None:
        self.health.unfit[name] = why
        switched_off(name, why)

    def install(self) -> Run:
        """Install each accelerator in order; one whose install finds an upstream name gone
        (``Swaps.replace`` refuses to create one) is left out, what it swapped put back."""
        for name, hooks in list(self.hooks):
            mark = len(self.swaps.done)
            try:
                hooks.install(self)
            except (ImportError, AttributeError) as error:
                self.swaps.restore(down_to=mark)
                self.hooks.remove((name, hooks))
                self._off(name, f"không cài được ({error})")
                continue
            self.installed.append(name)
        return self

    def files(self, files: Files) -> None:
        for _, hooks in self.hooks:
            hooks.files(self, files)

    def nav(self) -> None:
        for _, hooks in self.hooks:
            hooks.nav(self)

    def pre_page(self, page: Page) -> None:
        for _, hooks in self.hooks:
            hooks.pre_page(self, page)

    def env(self, env: Environment, files: Files, nav: Navigation | None) -> None:
        for _, hooks in self.hooks:
            hooks.env(self, env, files, nav)

    def page_context(self, page: Page) -> None:
        posts = self.listing_posts.new(page) if self.hooks else []
        if posts:
            for _, hooks in self.hooks:
                hooks.listing(self, posts)

    def end(self, complete: bool) -> None:
        """Every hook's end, newest first, then every swap undone; a second call does nothing."""
        if self.ended:
            return
        self.ended = True
        try:
            for _, hooks in reversed(self.hooks):
                hooks.end(self, complete)
        finally:
            self.swaps.restore()
