"""MkDocs glue for photos (``microsite.photos``): renditions as site files, the body
treeprocessor's lookup, and the templates' ``picture`` / ``thumbnail`` / ``lead_figure`` filters.

- on_files (``add_files``): every raster image of docs/ that is published gets its
  renditions (made on both cores when the cache lacks them), the cleaned original takes the
  source's place (MkDocs copies it), and each rendition is a generated file beside it;
- during Markdown: ``locate`` maps an ``<img src>`` (already the page's link, after
  ``relpath``) to its ``PhotoSet``;
- templates: see ``filters``; URLs are made relative to the page being rendered.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markdown import Markdown
from markupsafe import Markup, escape
from material.plugins.blog.plugin import BlogPlugin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..background import worker_count
from ..content.model import Article, ImageRef
from ..forked_loop import map_chunks, single_threaded
from ..photos.library import (PhotoLibrary, PhotoSet, Rendition, code_digest, content_key, crop_key, focus_by_file,
                              is_photo, lead_path)
from ..photos.markup import SIZES_ARTICLE, SIZES_THUMB, img_tag, picture_html
from ..photos.process import Focus
from ..syndication.entry import CARD_NAME, CARD_SIZE
from ..syndication.licence import image_credit
from .incremental import link_or_copy

RENDITION_NAME = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}(?:-[0-9x]+)?-\d+\.(?:webp|jpg)$")
CHUNK = 4  # photos per claim when two processes share the first processing


class CachedRendition(File):
    """A rendition's site file: its bytes are a cache file that never changes once written
    (content-addressed, ``meta.json`` last), so the site gets a hard link, not a copy."""

    def copy_file(self, dirty: bool = False) -> None:
        link_or_copy(Path(self.abs_src_path or ""), Path(self.abs_dest_path))


@dataclass(frozen=True)
class _Todo:
    path: Path
    src_uri: str
    focus: Focus


class PhotoGlue:
    def __init__(self) -> None:
        self.library: PhotoLibrary | None = None
        self.docs_dir = Path()
        self.photos: dict[str, PhotoSet] = {}  # by published path (dest_uri: the blog moves posts' media)
        self.dest_of: dict[str, str] = {}  # source path (docs-relative) -> published path
        self.focus: dict[str, Focus] = {}
        self._made: list[tuple[File, str, Focus]] = []  # on_files: the sources and their cache keys
        self._lazy: dict[str, File] = {}  # the patch path: photo sources by published path, made on demand
        self.urls: dict[int, str] = {}  # id(article) -> page URL, for the social-card stand-in
        self.by_src_uri: dict[str, Article] = {}
        self.made = 0
        self._added: set[str] = set()  # photos the preview's quick path published (src_uri)
        self._prefixes: dict[tuple[str, str], str] = {}  # (folder, page URL) -> relative link prefix

    def configure(self, cache_dir: Path, docs_dir: Path, articles: list[Article]) -> None:
        self.library, self.docs_dir, self.photos, self.urls = PhotoLibrary(cache_dir), docs_dir, {}, {}
        self.dest_of, self._made, self._lazy, self._added, self._prefixes = {}, [], {}, set(), {}
        self._by_stem: dict[tuple[str, str], list[str]] | None = None  # (folder, stem) -> sources
        self.focus = focus_by_file(articles)

    # -- on_files ---------------------------------------------------------------
    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        """Renditions of every published photo of docs/ (after the withheld files were dropped)."""
        assert self.library is not None
        docs = os.path.realpath(self.docs_dir)
        sources = [f for f in files if f.abs_src_path and is_photo(f.src_uri) and not f.generated_by
                   and os.path.realpath(f.abs_src_path).startswith(docs + os.sep)]
        todo = [_Todo(Path(f.abs_src_path or ""), f.src_uri, self.focus.get(f.src_uri, Focus())) for f in sources]
        self.made, keys = make_missing(self.library, todo)
        for file, item, key in zip(sources, todo, keys):
            photo = self.library.load(key, item.src_uri, item.focus)
            self._made.append((file, photo.key, item.focus))
            file.abs_src_path = str(self.library.path_of(photo, photo.original))
            for rendition in photo.files():
                files.append(CachedRendition.generated(config, rendition.path,
                                                       abs_src_path=str(self.library.path_of(photo, rendition))))

    def know_urls(self, files: Files, by_src_uri: dict[str, Article]) -> None:
        """``on_nav``: where the blog put each article and each photo (its renditions moved with it)."""
        assert self.library is not None
        self.by_src_uri = by_src_uri
        self.urls = {id(by_src_uri[f.src_uri]): f.url for f in files if f.src_uri in by_src_uri}
        self._by_stem = None
        for file, key, focus in self._made:
            self.photos[file.dest_uri] = self.library.load(key, file.dest_uri, focus)
            self.dest_of[file.src_uri] = file.dest_uri

    def know_files(self, files: Files) -> None:
        """The patch path: the recorded files; a photo's renditions are found when a body links it."""
        assert self.library is not None
        self._lazy = {f.dest_uri: f for f in files if is_photo(f.src_uri) and not f.generated_by
                      and (self.docs_dir / f.src_uri).is_file()}
        self.dest_of = {f.src_uri: f.dest_uri for f in self._lazy.values()}
        self._by_stem = None

    def add_new(self, paths: list[Path], files: Files, config: MkDocsConfig) -> list[tuple[str, Path]] | None:
        """The preview's quick path: photo files that are new in docs/ since the last build,
        published as that build would have published them (a blog's posts folder left out of
        the address, renditions made or taken from the cache), so that the next quick page can
        show them. Returns each file to serve (site path, cache file), or None when a path is
        not a new photo: a replaced photo changes every page that shows it (a full build)."""
        if self.library is None:
            return None
        docs = Path(config.docs_dir).resolve()
        out: list[tuple[str, Path]] = []
        for path in paths:
            try:
                src_uri = path.resolve().relative_to(docs).as_posix()
            except ValueError:
                return None
            known = files.get_file_from_path(src_uri)
            if not is_photo(src_uri) or (known is not None and src_uri not in self._added):
                return None
            if known is not None:  # seen half written by the last look: published again
                files.remove(known)
            file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
            _as_the_blog_places_it(file, config)
            focus = self.focus.get(src_uri, Focus())
            key = self.library.ensure(path, src_uri, focus)
            photo = self.photos[file.dest_uri] = self.library.load(key, file.dest_uri, focus)
            file.abs_src_path = str(self.library.path_of(photo, photo.original))
            files.append(file)
            self.dest_of[src_uri] = file.dest_uri
            self._added.add(src_uri)
            out += [(r.path, self.library.path_of(photo, r)) for r in (photo.original, *photo.files())]
        self._by_stem = None
        return out

    def _photo(self, dest: str) -> PhotoSet | None:
        photo = self.photos.get(dest)
        file = self._lazy.get(dest)
        if photo is None and file is not None and self.library is not None:
            focus = self.focus.get(file.src_uri, Focus())
            key = self.library.ensure(self.docs_dir / file.src_uri, file.src_uri, focus)
            photo = self.photos[dest] = self.library.load(key, dest, focus)
        return photo

    # -- Markdown -------------------------------------------------------------------
    def locate(self, md: Markdown, src: str) -> PhotoSet | None:
        """The photo an ``<img src>`` links, from the page being rendered (MkDocs' ``relpath``)."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not is_photo(parts.path):
            return None
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401 (a Registry)
        file = getattr(relpath, "file", None)
        if file is None:
            return None
        return self._photo(unquote(urljoin("/" + file.url, parts.path).lstrip("/")))

    # -- templates ----------------------------------------------------------------------
    def photo_of(self, image: Article | ImageRef | str | None, article: Article | None = None) -> PhotoSet | None:
        if isinstance(image, Article):
            path = lead_path(image)
        elif isinstance(image, ImageRef):
            path = lead_path(article) if article is not None else image.src.lstrip("/")
        elif isinstance(image, str):
            path = posixpath.normpath(image.lstrip("/"))
        else:
            return None
        dest = self.dest_of.get(path) if path else None
        return self._photo(dest) if dest else None

    def kit_file(self, dest: str) -> tuple[str, Path] | None:
        """What a press kit holds for a photo published at ``dest`` (its cleaned original or any
        rendition): the original's name and the cached cleaned bytes, on every build path."""
        photo = self.source_of(dest)
        if photo is None or self.library is None:
            return None
        return posixpath.basename(photo.source), self.library.path_of(photo, photo.original)

    def kit_source(self, src_uri: str) -> tuple[str, Path] | None:
        """``kit_file`` of a docs file named by its docs-relative path (a video's poster)."""
        dest = self.dest_of.get(src_uri)
        return self.kit_file(dest) if dest is not None else None

    def source_of(self, dest: str) -> PhotoSet | None:
        """The photo published at ``dest`` or whose rendition ``dest`` is."""
        photo = self._photo(dest)
        match = RENDITION_NAME.match(posixpath.basename(dest)) if photo is None else None
        if match is None:
            return photo
        if self._by_stem is None:
            self._by_stem = {}
            for source in dict.fromkeys([*self.photos, *self._lazy]):
                self._by_stem.setdefault(_stem_key(source), []).append(source)
        for source in self._by_stem.get((posixpath.dirname(dest), match["stem"]), []):
            photo = self._photo(source)
            if photo is not None and any(r.path == dest for r in photo.files()):
                return photo
        return None

    def library_path(self, photo: PhotoSet, rendition: Rendition) -> Path:
        """The cache file of a rendition (press kits copy it from there)."""
        assert self.library is not None
        return self.library.path_of(photo, rendition)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"picture": self._picture, "thumbnail": self._thumbnail, "lead_figure": self._lead_figure,
                "photo_set": self.photo_of}

    def _linker(self, context: Context) -> Callable[[str], str]:
        page = context.get("page")
        if page is not None and getattr(page, "url", None) is not None:
            return lambda path: self._relative(path, page.url)
        base = context.get("base_url", "") or "."
        return lambda path: f"{base}/{path}"

    def _relative(self, path: str, page_url: str) -> str:
        """``get_relative_url(path, page_url)``, worked out once per folder and page: a photo's
        renditions sit side by side, so their links differ only in the file name (a listing
        page links a dozen files of each of its pictures)."""
        folder, name = posixpath.split(path)
        prefix = self._prefixes.get((folder, page_url))
        if prefix is not None:
            return prefix + name
        link = get_relative_url(path, page_url)
        if link.endswith("/" + name):
            self._prefixes[(folder, page_url)] = link[: len(link) - len(name)]
        return link

    @pass_context
    def _picture(self, context: Context, image: Any, variant: str = "", sizes: str = SIZES_ARTICLE,
                 eager: bool = False, css_class: str | None = None, alt: str | None = None) -> Markup:
        """``{{ article | picture("16x9", sizes, eager=True) }}``: the responsive ``<picture>``
        of an article's lead photo, an ``ImageRef`` or a site path; empty when there is none."""
        photo = self.photo_of(image)
        if photo is None:
            return Markup("")
        text = alt if alt is not None else _alt(image)
        return Markup(picture_html(photo, text, variant=variant, sizes=sizes, url=self._linker(context),
                                   eager=eager, css_class=css_class))

    @pass_context
    def _thumbnail(self, context: Context, item: Any, url: str | None = None, eager: bool = False,
                   sizes: str = SIZES_THUMB) -> Markup:
        """A listing's 16:9 picture of an article (an ``Article``, a blog post or a related link):
        its lead photo, else its social card (``og.png``), so every entry has the same box."""
        article, page_url = self._article_and_url(item, url)
        if article is None:
            return Markup("")
        return Markup(self.thumbnail_html(article, page_url, self._linker(context), eager, sizes))

    def picture_of(self, path: str, alt: str, link: Callable[[str], str]) -> str:
        """The front page's key visual: a docs path's photo at its own ratio, full width, eager
        and high priority (the page's largest content); "" when it is not a published photo."""
        photo = self.photo_of(path)
        if photo is None:
            return ""
        return picture_html(photo, alt, sizes="100vw", url=link, eager=True, css_class="ms-keyvisual__img")

    def thumbnail_html(self, article: Article, page_url: str | None, link: Callable[[str], str],
                       eager: bool = False, sizes: str = SIZES_THUMB, inline: bool = False) -> str:
        """The 16:9 box of ``article`` (the filter's, and the front page's cards): its lead
        photo, else its social card at ``page_url``; empty without either. ``inline``: a
        ``<span>`` box, for a line of Markdown (a ``<div>`` may not stand inside a paragraph)."""
        photo = self.photo_of(article)
        if photo is not None:
            inner = picture_html(photo, _alt(article), variant="16x9", sizes=sizes, url=link, eager=eager)
        elif page_url is not None:
            card = Rendition(page_url + CARD_NAME, CARD_SIZE[0], CARD_SIZE[1], "image/png", 0)
            inner = img_tag(card, f"Ảnh đại diện bài: {article.title}", url=link, eager=eager)
        else:
            return ""
        tag = "span" if inline else "div"
        return f'<{tag} class="ms-thumb">{inner}</{tag}>'

    def _article_and_url(self, item: Any, url: str | None) -> tuple[Article | None, str | None]:
        if isinstance(item, Article):
            return item, url if url is not None else self.urls.get(id(item))
        article = getattr(item, "article", None)  # RelatedLink
        if isinstance(article, Article):
            return article, url or getattr(item, "url", None)
        file = getattr(item, "file", None)  # a blog post (MkDocs page)
        if file is not None:
            found = self.by_src_uri.get(file.src_uri)
            return found, url or getattr(item, "url", None)
        return None, None

    @pass_context
    def _lead_figure(self, context: Context, article: Article | None) -> Markup:
        """The article's lead photo above its text: eager, high priority, alt, caption, credit."""
        if article is None or article.image is None:
            return Markup("")
        photo = self.photo_of(article)
        if photo is None:
            return Markup("")
        image = article.image
        picture = picture_html(photo, image.alt, sizes=SIZES_ARTICLE, url=self._linker(context), eager=True)
        caption = f'<span class="ms-lead__caption">{escape(image.caption)}</span> ' if image.caption else ""
        credit = f'<span class="ms-lead__credit">{escape(image_credit(image.credit))}</span>'
        return Markup(f'<figure class="ms-lead">{picture}<figcaption>{caption}{credit}</figcaption></figure>')


def _as_the_blog_places_it(file: File, config: MkDocsConfig) -> None:
    """Material's blog publishes a media file of its posts folder without that folder in its
    address (``BlogPlugin.on_files``), as it does for every file of a full build."""
    for plugin in config.plugins.values():
        if isinstance(plugin, BlogPlugin) and plugin.config.enabled:
            root = posixpath.normpath(plugin.config.blog_dir)
            posts = posixpath.normpath(plugin.config.post_dir.format(blog=root))
            if file.src_uri.startswith(posts):
                file.dest_uri = file.dest_uri.replace(posts, root)
                file.abs_dest_path = os.path.join(config.site_dir, file.dest_path)
                file.url = file.url.replace(posts, root)


def _stem_key(dest: str) -> tuple[str, str]:
    return posixpath.dirname(dest), posixpath.splitext(posixpath.basename(dest))[0]


def _alt(image: Any) -> str:
    if isinstance(image, Article):
        return image.image.alt if image.image else image.title
    return str(getattr(image, "alt", ""))


def make_missing(library: PhotoLibrary, todo: list[_Todo]) -> tuple[int, list[str]]:
    """Render the photos the cache lacks, this process from the front and a forked child from the
    back (``forked_loop.map_chunks``): the first processing of a big site uses both cores.
    Returns how many were made and every photo's cache key (each source read once here)."""
    keys = [crop_key(content, t.focus) for t, content in zip(todo, content_keys(library, [t.path for t in todo]))]
    missing = [t for t, key in zip(todo, keys) if not library.cache.has(key)]

    def work(part: list[_Todo]) -> int:
        for item in part:
            library.ensure(item.path, item.src_uri, item.focus)
        return len(part)

    allowed = single_threaded() and worker_count() > 0 and len(missing) > CHUNK
    return sum(map_chunks(work, missing, CHUNK, allowed=allowed)), keys


KEYS_FILE = "sources.json"  # in the renditions' cache: each source's content key by size and time


def content_keys(library: PhotoLibrary, paths: list[Path]) -> list[str]:
    """Each source's content key (``photos.library.content_key``), hashed again only when its
    size or modification time changed since a build wrote it down, as git's index does: a
    warm build reads and hashes no unchanged photo (at 500 generated pictures, 296 MB and
    0.4 s; more with cameras' files). The record is kept with the renditions, for this code."""
    record = library.cache.root / KEYS_FILE
    digest = code_digest()
    try:
        saved = json.loads(record.read_text("utf-8"))
        known: dict[str, list[Any]] = saved["files"] if saved.get("code") == digest else {}
    except (OSError, ValueError, KeyError, TypeError):
        known = {}
    keys, fresh = [], {}
    for path in paths:
        info = path.stat()
        name = str(path.resolve())
        entry = known.get(name)
        if isinstance(entry, list) and entry[:2] == [info.st_size, info.st_mtime_ns]:
            key = str(entry[2])
        else:
            key = content_key(path.read_bytes())
        fresh[name] = [info.st_size, info.st_mtime_ns, key]
        keys.append(key)
    if fresh != {name: known.get(name) for name in fresh}:
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(f".{KEYS_FILE}.{os.getpid()}")
        tmp.write_text(json.dumps({"code": digest, "files": fresh}, ensure_ascii=False), "utf-8")
        os.replace(tmp, record)
    return keys
