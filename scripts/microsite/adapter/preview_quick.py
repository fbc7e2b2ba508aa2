"""``microsite serve``'s quick path: one saved article made again from the last build's state.

The last complete in-process build leaves its state in the plugins (configuration, files,
navigation, Jinja environment, the blog's posts and views, the tags' mappings and listings).
When the only file changed is an article whose check passes, the pages that show what changed
are made again from that state with MkDocs' own ``_populate_page`` and ``_build_page``,
accelerators off (they ended with the build: the plain path):

* **A body edit** (front matter and lead unchanged, ``body_only``): the article's page alone,
  byte for byte the page a cold build writes.
* **A listing edit** (``listing_edit``: the title, and with it the URL, the tags, the summary,
  the lead; the date, categories, status, channels, image, pin and the rest as they were, so no
  listing gains, loses or reorders an article): the article's page at its new URL, the blog's
  listing pages that hold it (index, archive and category pages: the one page of each that
  shows it), the tag index pages, and the campaign pages made from articles (``microsite:``
  blocks, such as a resolution's "Tin liên quan"). The related lists of other articles, the
  feeds, the search index and the cards wait for the catch-up build.

The caller (``adapter/preview.py``) serves the pages at once and runs a full build after.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Post, View
from material.plugins.tags.plugin import TagsPlugin
from material.plugins.tags.renderer import Renderer
import mkdocs.commands.build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..media.embed import MARKERS as MEDIA_MARKERS
from ..content.model import Article
from ..content.problems import Report
from ..content.site import check_article, moved_problems
from ..content.staging import staged_source
from .accel.registry import drifted
from .page_patch import blog_of, post_markdown
from .plugin import MicrositePlugin
from .runner import excerpt_separator, plugin_of

# What a listing edit may change: the fields the listings show of an article that decide neither
# whether a listing holds it nor where (the front matter keys and the ``Article`` fields).
LISTED_FIELDS = ("title", "slug", "tags", "summary", "body", "body_line", "field_lines", "meta")
LISTED_META = frozenset({"title", "slug", "tags", "summary"})


@dataclass
class Quick:
    """What the quick path did with one article: its check, and the pages when it passed."""

    report: Report
    pages: list[tuple[str, bytes]] = field(default_factory=list)  # (dest_uri, HTML), the article's first
    moved_from: str = ""  # the article's former dest_uri when its URL changed

    @property
    def dest_uri(self) -> str:
        return self.pages[0][0] if self.pages else ""


def body_only(old: Article, new: Article, separator: str) -> bool:
    """Only the body after the lead changed: the URL, the listings, the cards stay as they are."""
    same_rest = dataclasses.replace(new, body=old.body, body_line=old.body_line, field_lines=old.field_lines) == old
    if not separator:  # no blog excerpt: the listings may show any of the body
        return same_rest and new.body == old.body
    return same_rest and new.body.partition(separator)[0] == old.body.partition(separator)[0]


def listing_edit(old: Article, new: Article) -> bool:
    """Only what listings show of the article changed, nothing that puts it in or out of one or
    moves it there (date, categories, status, pin, channels, image, updates stay)."""
    kept = dataclasses.replace(new, **{name: getattr(old, name) for name in LISTED_FIELDS})

    def rest(meta: dict[str, object]) -> dict[str, object]:
        return {key: value for key, value in meta.items() if key not in LISTED_META}

    return kept == old and rest(new.meta) == rest(old.meta)


def _read_post(post: Post) -> None:
    """The post's Markdown read again as ``Post.__init__`` reads it (its ``read_source`` does
    nothing: the blog reads every post once, in ``on_files``)."""
    post.markdown = post_markdown(Path(post.file.abs_src_path or ""))


def _tags(config: MkDocsConfig) -> list[TagsPlugin]:
    return [p for p in config.plugins.values() if isinstance(p, TagsPlugin)]


def quick_article(config: MkDocsConfig, path: Path) -> Quick | None:
    """The pages the article at ``path`` changed, made again from the last build's state, or None
    when the change is not one the quick path can make (see the module docstring)."""
    plugin = plugin_of(config)
    content, files = plugin.content, plugin.files
    if content is None or files is None or plugin.nav is None or plugin.env is None:
        return None
    if plugin.settings is None or drifted("preview_quick_page", plugin.settings.cache_dir):
        return None  # MkDocs or Material changed under it (logged): the full build
    try:
        src_uri = path.resolve().relative_to(Path(config.docs_dir).resolve()).as_posix()
    except ValueError:
        return None
    old, file = plugin.by_src_uri.get(src_uri), files.get_file_from_path(src_uri)
    if (old is None or file is None or not isinstance(file.page, Post) or not path.is_file()
            or "material/meta" in config.plugins):
        return None
    new, report = check_article(content, path)
    if not report.ok:
        return Quick(report)
    if new is None or any(marker in text for marker in MEDIA_MARKERS for text in (new.body, old.body)):
        return None  # video or audio: the full build checks its files (media.site_check)
    body = body_only(old, new, excerpt_separator(config))
    if not body and not (listing_edit(old, new) and blog_of(config) is not None and not moved_problems(content, new)):
        return None  # a new address taken or referred to by its old slug: a full build reports it
    Path(file.abs_src_path or "").write_text(staged_source(new), encoding="utf-8")
    # The plugins know articles by identity (related lists, URLs, syndication): the one they
    # know takes the new fields.
    for item in dataclasses.fields(Article):
        setattr(old, item.name, getattr(new, item.name))
    post = file.page
    with _plain(plugin):
        if body:
            _read_post(post)
            _clear_readtime(post, new)
            quick = Quick(report, _made([_populated(post, config, files)], config, plugin))
        else:
            quick = _listing_pages(config, plugin, post, new, report)
    plugin.search_pages.keep_latest()  # the pages' texts collected again: bounded over a day of edits
    return quick


@contextmanager
def _plain(plugin: MicrositePlugin) -> Iterator[None]:
    """The accelerators ended with the build: the plain path, the same bytes."""
    accel, plugin.accel = plugin.accel, None
    try:
        yield
    finally:
        plugin.accel = accel


def _clear_readtime(post: Post, article: Article) -> None:
    if "readtime" not in article.meta:
        post.config.readtime = None  # the blog computes it again from the new HTML


def _populated(page: Page, config: MkDocsConfig, files: Files) -> Page:
    vars(page).pop("render", None)  # the build's render cache set it on the page
    mkdocs_build._populate_page(page, config, files)
    return page


def _made(pages: list[Page], config: MkDocsConfig, plugin: MicrositePlugin) -> list[tuple[str, bytes]]:
    """``_build_page`` of each page into a temporary file: the pages' output, not yet served."""
    assert plugin.files is not None and plugin.nav is not None and plugin.env is not None
    in_serve = plugin.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    fd, tmp = tempfile.mkstemp(prefix=".quick-", suffix=".html")
    os.close(fd)
    out = []
    try:
        for page in pages:
            file = page.file
            file.abs_dest_path = tmp  # a cached property of the File: restored below
            try:
                mkdocs_build._build_page(page, config, in_serve, plugin.nav, plugin.env, excluded=file.inclusion.is_excluded())
            finally:
                vars(file).pop("abs_dest_path", None)
            out.append((file.dest_uri, Path(tmp).read_bytes()))
    finally:
        os.unlink(tmp)
    return out


# -- a listing edit ------------------------------------------------------------------------------
def _listing_pages(config: MkDocsConfig, plugin: MicrositePlugin, post: Post, article: Article,
                   report: Report) -> Quick:
    blog = blog_of(config)
    assert blog is not None and plugin.files is not None and plugin.env is not None
    files, old_url, old_dest = plugin.files, post.url, post.file.dest_uri
    _read_front_matter(post, config)
    _move(blog, post, config)
    plugin.related.urls[id(plugin.by_src_uri[post.file.src_uri])] = post.url
    tags = _tags(config)
    for each in tags:
        each.mappings.data.pop(old_url, None)  # mapped again by its on_page_markdown, at the new URL
    _read_post(post)
    _clear_readtime(post, article)
    pages: list[Page] = [_populated(post, config, files)]
    for view in _views_showing(blog, post):
        pages.append(_populated(view, config, files))
        for shown in _slice(blog, view):
            if shown is not post:
                _new_excerpt(blog, shown, config, files)
    pages += _tag_listings(tags, config, files, plugin)
    pages += [_populated(page, config, files) for page in _campaign_pages(plugin, pages)]
    made = _made(pages, config, plugin)
    if old_dest == post.file.dest_uri:
        return Quick(report, made)
    plugin.search_pages.forget(old_dest)
    return Quick(report, made, old_dest)


def _read_front_matter(post: Post, config: MkDocsConfig) -> None:
    """The post's metadata and blog settings read again from its staged copy, as the blog read
    them in ``on_files`` (``Post.__init__``, on a copy of the file: the post keeps its identity,
    which the views and the tags know it by)."""
    probe = Post(copy(post.file), config)
    post.meta, post.config = probe.meta, probe.config


def _move(blog: BlogPlugin, post: Post, config: MkDocsConfig) -> None:
    """The post's URL from its new slug, as the blog's ``_resolve_post`` sets it."""
    target = blog._path_to_file(blog._format_path_for_post(post, config), config, temp=False)
    file = post.file
    file.dest_uri, file.url = target.dest_uri, target.url
    vars(file).pop("abs_dest_path", None)  # made again from the new dest_uri
    post._set_canonical_url(config.site_url)


def _views_showing(blog: BlogPlugin, post: Post) -> list[View]:
    """The one page of each blog listing (index, archive, category) that shows ``post``."""
    out: list[View] = []
    for view in blog._resolve_views(blog.blog):
        ids = [id(p) for p in view.posts]
        if id(post) not in ids:
            continue
        at = ids.index(id(post))
        if blog._config_pagination(view) and view.pages:
            out.append(view.pages[at // blog._config_pagination_per_page(view)])
        else:
            out.append(view)
    return out


def _slice(blog: BlogPlugin, view: View) -> list[Post]:
    """The posts ``view`` (a listing page) shows, as the blog's ``_render`` slices them."""
    if not blog._config_pagination(view) or not view.pages:
        return list(view.posts)
    step = blog._config_pagination_per_page(view)
    at = [id(p) for p in view.pages].index(id(view)) * step
    return view.posts[at:at + step]


def _new_excerpt(blog: BlogPlugin, post: Post, config: MkDocsConfig, files: Files) -> None:
    """A fresh excerpt for a post the listing shows: the build's carry its accelerators' wrappers.
    The blog's ``on_page_markdown`` makes it (and reads nothing else of the Markdown)."""
    post.authors = []  # appended there again
    blog.on_page_markdown(post.markdown, page=post, config=config, files=files)


def _tag_listings(tags: list[TagsPlugin], config: MkDocsConfig, files: Files,
                  plugin: MicrositePlugin) -> list[Page]:
    """The pages holding a tag listing, made again: each listing is found again in the page's
    Markdown (its ``on_page_markdown``) and filled from the mappings (its ``on_env``)."""
    assert plugin.env is not None
    out: list[Page] = []
    for each in tags:
        hosts = {id(listing.page): listing.page for listing in each.listings}
        each.listings.data = {listing for listing in each.listings.data if id(listing.page) not in hosts}
        out += [_populated(page, config, files) for page in hosts.values()]  # reads its source again
        renderer = Renderer(plugin.env, config)
        for listing in list(each.listings):
            if id(listing.page) in hosts:
                each.listings.populate(listing, each.mappings, renderer)
    return out


def _campaign_pages(plugin: MicrositePlugin, done: list[Page]) -> list[Page]:
    """The pages with a campaign block (they may list articles by title), as the build found them."""
    seen = {id(page) for page in done}
    return [page for page in plugin.campaign.block_pages.values() if id(page) not in seen]
