"""Four costs of Material's blog plugin that grow with every post, removed.

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
- Read time: the blog parses every post's HTML again with a pure-Python ``HTMLParser``
  in ``on_page_content`` (1.3 ms a post, on the one core that runs every plugin event)
  unless the post's ``readtime`` is set. ``ReadTime`` computes the same number where the
  HTML is made (``post_readtime``: lxml reads the text, Material's function counts it)
  and the render cache keeps it with the HTML, so the blog finds it set and a rebuild
  reuses it.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import Any

import lxml.html

import yaml
from material.plugins.blog import structure as blog_structure
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.readtime import readtime
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


class ReadTime:
    """Material's read time of a blog post, computed with the post's HTML (``RenderCache``)."""

    def __init__(self, blog: Any, words_per_minute: int) -> None:
        self.blog = blog
        self.words_per_minute = words_per_minute

    @classmethod
    def of(cls, plugins: PluginCollection) -> "ReadTime | None":
        """For the blog that shows read times; None when no blog does."""
        for plugin in plugins.values():
            if isinstance(plugin, BlogPlugin) and plugin.config.enabled and plugin.config.post_readtime:
                blog = getattr(plugin, "blog", None)
                if blog is not None:
                    return cls(blog, plugin.config.post_readtime_words_per_minute)
        return None

    def compute(self, page: Page) -> dict[str, Any]:
        if not isinstance(page, blog_structure.Post) or page not in self.blog.posts or page.content is None:
            return {}
        return {"readtime": post_readtime(page.content, self.words_per_minute), "per_minute": self.words_per_minute}

    def apply(self, page: Page, extras: dict[str, Any]) -> None:
        """Set it as the blog would, unless the post's front matter set one already (a value
        cached under another words-per-minute setting is left for the blog to redo)."""
        minutes = extras.get("readtime")
        if minutes and extras.get("per_minute") == self.words_per_minute \
                and isinstance(page, blog_structure.Post) and not page.config.readtime:
            page.config.readtime = minutes


# Markup in which Material's parser skips text (script, style, svg, object) or lxml and the
# standard library's parser could read text differently (CDATA, processing instructions).
_SKIPPED_TEXT = re.compile(r"<(?:script|style|svg|object)\b|<!\[CDATA\[|<\?", re.IGNORECASE)


def post_readtime(html: str, words_per_minute: int) -> int:
    """Material's ``readtime(html, words_per_minute)``, without its pure-Python parse of the HTML.

    Material counts the words of the page's text and its images. lxml reads the text (in
    document order, comments left out, entities decoded, as Material's parser does) and
    the images; Material's own function then runs on just that: the text as one escaped
    run and one ``<img>`` per image, a few tags instead of a whole article. HTML with
    markup whose text Material skips goes to Material's function whole."""
    if _SKIPPED_TEXT.search(html):
        return readtime(html, words_per_minute)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    text = "".join(root.itertext())
    images = sum(1 for _ in root.iter("img"))
    return readtime(html_lib.escape(text, quote=False) + "<img>" * images, words_per_minute)
