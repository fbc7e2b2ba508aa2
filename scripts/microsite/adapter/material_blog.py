"""Three costs of Material's blog plugin that grow with every post, removed.

- Excerpts: ``Excerpt.render`` converts ``post.markdown`` in full and cuts the HTML at
  the separator, once per listing; we hand it the lead plus the definitions the lead
  may use (``microsite.markdown.excerpt_source``) for the duration of the call. Same
  HTML, a fraction of the work: see that module for why the result is identical.
- Front matter: the blog reads each post's YAML with PyYAML's pure-Python loader; the
  files it reads are our staged copies (``content.staging``), so libyaml's loader,
  which MkDocs itself uses, reads them the same way at a tenth of the cost.
- Membership: the blog asks ``page in self.blog.posts`` twice for every page, and list
  membership calls ``Page.__eq__`` (which computes both titles) on every post before
  the match: N² title computations, 10% of a 2000-article build. Each post is the one
  object of its file, so identity gives the same answer (``index_posts_by_identity``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from material.plugins.blog import structure as blog_structure
from material.plugins.blog.plugin import BlogPlugin
from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page

from ..markdown.excerpt_source import excerpt_source

_MARK = "_microsite_lead_only"


def use_libyaml() -> None:
    """Material's blog module reads post front matter with the ``SafeLoader`` it imported."""
    if hasattr(yaml, "CSafeLoader"):
        blog_structure.SafeLoader = yaml.CSafeLoader  # type: ignore[attr-defined]


class PostsByIdentity(list):  # type: ignore[type-arg]
    """The blog's list of posts, with ``in`` answered from a set of object ids.

    The set is rebuilt whenever the length changed, so appends stay visible; the blog
    only sorts this list (same members) after creating it."""

    def __contains__(self, item: object) -> bool:
        if getattr(self, "_size", -1) != len(self):
            self._ids = {id(post) for post in self}
            self._size = len(self)
        return id(item) in self._ids


def index_posts_by_identity(plugins: PluginCollection) -> None:
    """After the blog read its posts (``on_files``): make ``page in blog.posts`` O(1)."""
    for plugin in plugins.values():
        blog = getattr(plugin, "blog", None) if isinstance(plugin, BlogPlugin) else None
        if blog is not None and not isinstance(blog.posts, PostsByIdentity):
            blog.posts = PostsByIdentity(blog.posts)


def convert_leads_only(view: Page) -> None:
    """Make the excerpts a blog listing is about to render convert only their lead."""
    for post in getattr(view, "posts", None) or []:
        excerpt = getattr(post, "excerpt", None)
        if excerpt is None or getattr(excerpt, _MARK, False):
            continue
        excerpt.render = _lead_only(excerpt)
        setattr(excerpt, _MARK, True)


def _lead_only(excerpt: Any) -> Callable[[Page, str], None]:
    original = excerpt.render
    post = excerpt.post

    def render(page: Page, separator: str) -> None:
        full = post.markdown
        source = excerpt_source(full or "", separator)
        if source is None:
            original(page, separator)
            return
        post.markdown = source
        try:
            original(page, separator)
        finally:
            post.markdown = full

    return render
