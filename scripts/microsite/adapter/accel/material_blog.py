"""Costs of Material's blog plugin that grow with every post, removed.

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
  object of its file, so identity gives the same answer (``PostsByIdentity``).
- Listing pages: each page of a paginated listing holds the listing's whole list of
  posts; ``ListingPosts`` hands that list out once, for the excerpts to be prepared.

The replacements themselves are made, and undone, by ``accel.wiring``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from material.plugins.blog.plugin import BlogPlugin
from mkdocs.plugins import PluginCollection
from mkdocs.structure.pages import Page

from ...markdown.excerpt_source import excerpt_source

_MARK = "_microsite_lead_only"


class PostsByIdentity(list[Any]):
    """The blog's list of posts, with ``in`` answered from a set of object ids.

    The set is rebuilt whenever the length changed, so appends stay visible; the blog
    only sorts this list (same members) after creating it."""

    def __contains__(self, item: object) -> bool:
        if getattr(self, "_size", -1) != len(self):
            self._ids = {id(post) for post in self}
            self._size = len(self)
        return id(item) in self._ids


def blogs(plugins: PluginCollection) -> list[Any]:
    """The blog instances of the enabled blog plugins (``plugin.blog``), once they exist."""
    return [blog for plugin in plugins.values() if isinstance(plugin, BlogPlugin)
            and (blog := getattr(plugin, "blog", None)) is not None]


class ListingPosts:
    """The posts of the blog listings, each listing's list handed out once per build.

    Every page of a paginated listing holds its view's whole ``posts`` list (the blog
    slices it when rendering), so preparing "the posts of this page" went over all 2000
    posts on each of ~600 listing pages: 1.4 million attribute lookups for posts that
    were prepared on the listing's first page."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[list[Any], int]] = {}  # the list itself keeps its id unique

    def new(self, page: Page) -> list[Any]:
        """The posts of ``page``'s listing, or [] if that same list was handed out already."""
        posts = getattr(page, "posts", None)
        if not posts:
            return []
        seen = self._seen.get(id(posts))
        if seen is not None and seen[0] is posts and seen[1] == len(posts):
            return []
        self._seen[id(posts)] = (posts, len(posts))
        return list(posts)


def convert_leads_only(posts: list[Any]) -> None:
    """Make the excerpts a blog listing is about to render convert only their lead."""
    for post in posts:
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


class BlogLinks:
    """How many links Material's ``ExcerptTreeprocessor`` pointed at the post in one render.

    It rewrites every ``#`` link of an excerpt (the headline's and each anchor's) into a
    link to the post from the listing. Knowing how many it wrote tells the render cache
    that no other URL with that path is in the excerpt (``relocation.relinked``)."""

    def __init__(self) -> None:
        self.links: int | None = None  # None: the processor was not found or did not run


@contextmanager
def blog_links_counted(excerpt: Any) -> Iterator[BlogLinks]:
    """Count, for the renders inside the block, the links the blog's excerpt processor writes."""
    counter = BlogLinks()
    try:
        processor = excerpt.md.treeprocessors["excerpt"]
    except (AttributeError, KeyError, IndexError):
        yield counter
        return
    run = processor.run

    def counting(root: Any) -> Any:
        counter.links = sum(1 for el in root.iter("a") if (el.get("href") or "").startswith("#"))
        return run(root)

    processor.run = counting
    try:
        yield counter
    finally:
        processor.__dict__.pop("run", None)  # the class's own method again
