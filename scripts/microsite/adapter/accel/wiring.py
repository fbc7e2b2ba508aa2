"""How each accelerator is switched on for a build and off at its end (``run.Hooks``).

Global replacements go through ``run.swaps`` so that ``Run.end`` puts them back; what is
set on per-build objects (a page's ``render``, an excerpt's ``render``, the build's Jinja
environment and Markdown extension list) is gone with them when the build ends.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import yaml
from jinja2 import Environment
from material.plugins.blog import structure as blog_structure
import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .material_blog import PostsByIdentity, blogs, convert_leads_only
from .render_cache import open_for_build
from .run import Hooks, Run
from .shared_nav import SharedNavigation
from .translations import Translations


class LibyamlFrontMatter(Hooks):
    def install(self, run: Run) -> None:
        if hasattr(yaml, "CSafeLoader"):
            run.swaps.replace(blog_structure, "SafeLoader", yaml.CSafeLoader)


class LeadOnlyExcerpts(Hooks):
    def listing(self, run: Run, posts: list[Any]) -> None:
        convert_leads_only(posts)


class RenderCacheHooks(Hooks):
    def files(self, run: Run, files: Files) -> None:
        run.render_cache = open_for_build(run.inputs.cache_dir, run.inputs.config, files, run.health.digest)

    def pre_page(self, run: Run, page: Page) -> None:
        if run.render_cache:
            run.render_cache.wrap_page(page)

    def listing(self, run: Run, posts: list[Any]) -> None:
        if run.render_cache:
            run.render_cache.wrap_excerpts(posts)

    def end(self, run: Run, complete: bool) -> None:
        if run.render_cache:
            run.render_cache.close(complete=complete)


def _plain_list(blog: Any) -> None:
    """The blog's posts as a plain list again, with whatever the blog did to them since."""
    blog.posts = list(blog.posts)


class PostsByIdentityHooks(Hooks):
    def nav(self, run: Run) -> None:
        for blog in blogs(run.inputs.config.plugins):
            if not isinstance(blog.posts, PostsByIdentity):
                run.swaps.replace(blog, "posts", PostsByIdentity(blog.posts), undo=partial(_plain_list, blog))


class SharedNavigationHooks(Hooks):
    def env(self, run: Run, env: Environment, files: Files, nav: Navigation | None) -> None:
        SharedNavigation().install(env)  # the environment's global keeps it for the build


class TranslationsHooks(Hooks):
    def env(self, run: Run, env: Environment, files: Files, nav: Navigation | None) -> None:
        Translations().install(env, run.inputs.config)  # the environment's global keeps it


class KeptPagesHooks(Hooks):
    """``_build_page`` asks the plugin first: an incremental build keeps (copies) the pages whose
    rendering cannot have changed (``adapter.incremental``). Installed before the page split,
    which then calls this in both processes."""

    def install(self, run: Run) -> None:
        original, keep = mkdocs_build._build_page, run.inputs.keep

        def _build_page(page: Page, *args: Any, **kwargs: Any) -> None:
            if not keep(page):
                original(page, *args, **kwargs)

        run.swaps.replace(mkdocs_build, "_build_page", _build_page)
