"""The patch path: a one-edit build that makes only what an edit of article bodies changed.

The incremental path (``adapter/incremental.py``) still runs MkDocs: Material's blog reads every
post, every page passes through the page loops (kept ones copied) and the outputs written from the
whole site (feeds, search index, cards) are made again, about a third of a cold build at 2000
articles. For the commonest edit, a correction in an article's body, none of that is needed:

* Every build records each article page's **shape** (``Shape``): where, in the file it wrote, the
  three parts made from the body sit (the content, and the republish box's copy-ready HTML and
  radio text, escaped as the template escapes them), and a fingerprint of
  everything else the page shows of its body (table of contents, whether the content holds an
  ``<h1>``, the title found in it, its anchors and links to anchors, the read time).
* The next build, when the incremental decision allows it, hard-links the published site into its
  folder (while the content is checked: ``prelink``), renders each changed body alone (MkDocs'
  ``Page.render``, against the files as the last build had them) and, when
  the fingerprint is the same, writes the page with its three parts replaced, the article's ninjs
  document and press kit, the search index patched (``search/patch.py``) and the feeds that carry
  the article. Listings, related lists (title, summary and lead), cards, news boxes and the
  ninjs index show nothing of a body beyond its lead, which the decision found unchanged.

Anything it cannot prove falls back to the incremental build, with the reason logged: templates of
the project's own (``custom_dir``), plugins other than Material's blog and tags, no accelerators
(``MICROSITE_ACCEL=0``), a blog excerpt separator other than ``<!-- more -->`` (where related
lists end the lead), a body whose render warns, a changed fingerprint, a file the edit publishes or
withholds, a page or search index not recorded, a published file changed since its build. The
output is the cold build's byte for byte (``tests/test_page_patch.py`` and
``tests/test_incremental.py`` compare every file with a cold build's).
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import escape
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.readtime import readtime as material_readtime
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import YAML_RE

from ..config import SiteSettings
from ..content.model import Article
from ..content.paths import real
from ..content.publication import has_page, withheld_files
from ..content.related_articles import LEAD_END
from ..content.site import SiteContent
from ..content.staging import stage
from ..markdown.site_extensions import own_configs, own_extensions
from .photos import PhotoGlue
from ..search.page_text import PageText, page_text
from ..search import patch as search_patch
from ..search.writer import OUTPUT_DIR, index_files, write_state
from ..syndication.entry import Entry
from ..syndication.feeds import select
from ..syndication.republish import ReuseTexts
from .accel.registry import unfit
from .accel.render_cache import warnings_logged
from .incremental import Plan, PageRecord
from .lazy_bundle import inside_content, wrap_fragment
from .search_index import SEARCH_STATE, page_url
from .syndication import SyndicationAdapter

log = logging.getLogger("microsite")
LINKED = ".microsite-linked"  # left in the new folder by ``prelink`` once every file is linked
PLUGINS = frozenset({"microsite", "material/blog", "material/tags"})  # whose page events the patch knows
UNPATCHABLE_MARKERS = ("<!-- material/tags",)  # bodies another plugin rewrites


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- what every build records ---------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    """Where the body's parts sit in an article page as written, and what else of it the page shows."""

    spans: tuple[tuple[int, int], ...]  # character offsets: content, then copy-ready HTML and radio text
    # Each span inside Material's content element (its tables are wrapped); None: the part held no
    # tag, which an escaped part never does (no scan was spent on it).
    inside: tuple[bool | None, ...]
    facts: str  # fingerprint of the rest the page shows of its body (see ``facts``)


@dataclass(frozen=True)
class FileRecord:
    """One file of the build as MkDocs had it at its ``on_env`` (URLs as the blog set them)."""

    src_uri: str
    dest_uri: str
    url: str
    inclusion: InclusionLevel
    generated: bool


@dataclass
class PatchBasis:
    """The part of an incremental manifest only the patch path reads."""

    files: list[FileRecord] = field(default_factory=list)
    withheld: frozenset[str] = frozenset()  # real paths of the files only unpublished articles use
    feeds: dict[str, Entry] = field(default_factory=dict)  # source URI -> entry, of every article a feed carries
    feeds_updated: datetime | None = None  # the feeds' "updated" time (the newest article change)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # the site's files: size, mtime_ns


def _toc(items: list[AnchorLink]) -> list[Any]:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def facts(page: Page, readtime: Any) -> str:
    """Everything an article page shows of its body besides the three spans: Material's content
    partial tests the content for ``<h1``, the theme's scripts block for a photo story
    (``data-ms-gallery``: its viewer's script), the sidebar lists the table of contents, the
    post's header shows the read time; anchors and links to anchors are what MkDocs validates last."""
    links = sorted((getattr(f, "src_uri", str(f)), sorted(anchors))
                   for f, anchors in (getattr(page, "links_to_anchors", None) or {}).items())
    content = page.content or ""
    return _sha(repr((_toc(list(page.toc)), "<h1" in content, "data-ms-gallery" in content, page._title_from_render,
                      sorted(getattr(page, "present_anchor_ids", set()) or ()), links,
                      readtime)).encode("utf-8", "surrogatepass"))


def body_parts(content: str, texts: ReuseTexts | None) -> list[str]:
    """The parts of an article page made from its body, in page order, as the templates print them."""
    parts = [content]
    if texts is not None:
        parts += [str(escape(texts.html)), str(escape(texts.radio))]
    return parts


def shape_of(output: str, final: str, parts: list[str], page: Page, readtime: Any) -> Shape | None:
    """The page's shape, or None when a part is not printed exactly once, in order, or (on a page
    with tables, which ``prewrap_tables`` wraps in making ``final`` from ``output``) a part does
    not close every div, table and comment it opens (``wrap_fragment``)."""
    cuts, at = [], 0
    for part in parts:
        found = output.find(part, at) if part else -1
        if found < 0 or output.count(part) != 1:
            return None
        cuts.append((found, found + len(part)))
        at = found + len(part)
    tagged = [i for i, part in enumerate(parts) if "<" in part]
    flags = dict(zip(tagged, inside_content(output, [cuts[i][0] for i in tagged])))
    inside = tuple(flags.get(i) for i in range(len(parts)))
    if final is output:  # no table anywhere (prewrap_tables returns its input): nothing moved
        return Shape(tuple(cuts), inside, facts(page, readtime))
    # A piece that closes every tag it opens leaves the reading of the rest as it was (the wrapper
    # acts on the rest as without it), so each piece wrapped alone is what the page holds.
    spans, at = [], 0
    for part, flag in zip(parts, inside):
        piece = wrap_fragment(part, bool(flag))
        found = final.find(piece, at) if piece else -1
        if piece is None or found < 0 or final.count(piece) != 1:
            return None
        spans.append((found, found + len(piece)))
        at = found + len(piece)
    return Shape(tuple(spans), inside, facts(page, readtime))


def file_records(files: Files) -> list[FileRecord]:
    return [FileRecord(f.src_uri, f.dest_uri, f.url, f.inclusion, f.generated_by is not None) for f in files]


# -- the patch ---------------------------------------------------------------------------------------
class Unpatchable(Exception):
    """Why this build cannot be a patch (English, for the log line; the build goes incremental)."""


@dataclass
class Patched:
    """What a patch build made: the pages' new records and basis, for the next build's manifest."""

    records: dict[str, PageRecord]
    pages: list[str]  # URLs of the patched pages
    basis: PatchBasis
    touched: list[str] = field(default_factory=list)  # site-relative files it may have written

    def outputs(self, site: Path) -> dict[str, tuple[int, int]]:
        """The site's files after this patch (``output_stats`` without walking all 14 000)."""
        out = {rel: stat for rel, stat in self.basis.outputs.items() if not rel.startswith(OUTPUT_DIR + "/")}
        for rel in self.touched:
            try:
                stat = os.stat(site / rel)
            except FileNotFoundError:
                out.pop(rel, None)
                continue
            out[rel] = (stat.st_size, stat.st_mtime_ns)
        out.update((f"{OUTPUT_DIR}/{rel}", stat) for rel, stat in output_stats(site / OUTPUT_DIR).items())
        return out


@dataclass
class _Article:
    article: Article
    src_uri: str
    record: PageRecord
    shape: Shape
    page: Page


def apply(config: MkDocsConfig, settings: SiteSettings, plan: Plan, content: SiteContent, work: Path,
          preview: bool, now: Any, sections: tuple[Any, ...]) -> Patched | None:
    """Make ``work`` the site after the plan's body edits, or leave it empty and say why not."""
    try:
        return _apply(config, settings, plan, content, work, preview, now, sections)
    except Unpatchable as why:
        log.info("patch path not taken: %s", why)
        _empty(work)
        return None
    except BaseException:
        _empty(work)
        raise


def _empty(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)


def _guard(config: MkDocsConfig, plan: Plan, cache_dir: Path) -> PatchBasis:
    basis = plan.manifest.patch
    if not plan.changed:
        raise Unpatchable("no source changed (a rebuild was asked for)")
    why = unfit("page_patch", cache_dir)
    if why is not None:
        raise Unpatchable(why)
    if basis is None or not basis.files or not basis.outputs:
        raise Unpatchable("the last build recorded no files")
    if set(config.plugins) - PLUGINS:
        raise Unpatchable(f"plugins {sorted(set(config.plugins) - PLUGINS)}")
    blog = blog_of(config)
    if blog is not None and blog.config.post_excerpt_separator != LEAD_END:
        raise Unpatchable("the blog's excerpt separator is not the one related lists read the lead to")
    custom = config.theme.custom_dir
    if custom and any(Path(custom).rglob("*.html")):
        raise Unpatchable("the project has templates of its own (custom_dir)")
    return basis


def _apply(config: MkDocsConfig, settings: SiteSettings, plan: Plan, content: SiteContent, work: Path,
           preview: bool, now: Any, sections: tuple[Any, ...]) -> Patched:
    basis = _guard(config, plan, settings.cache_dir)
    if _withheld(content, basis, settings, now, preview) != basis.withheld:
        raise Unpatchable("the edit publishes or withholds a file")
    files = _files(basis, config)
    by_path = {real(a.path): a for a in content.articles}
    docs = real(Path(config.docs_dir))
    by_url = {r.src_uri: r.url for r in basis.files}
    photos = PhotoGlue()  # the same renditions as the build's: found when a body links a photo
    photos.configure(settings.cache_dir, settings.docs_dir, content.articles)
    photos.know_files(files)
    changed = []
    for rel in sorted(plan.changed):
        article = by_path.get(real(plan.project_dir / rel))
        if article is None:
            raise Unpatchable(f"{rel} is not an article any more")
        if not has_page(article, now, preview):
            continue  # no page, no output: the withheld files were compared above
        src_uri = real(article.path).relative_to(docs).as_posix()
        record = plan.manifest.pages.get(by_url.get(src_uri, ""))
        if record is None or record.shape is None:
            raise Unpatchable(f"{rel}: no recorded page shape")
        changed.append(_render(config, settings, article, src_uri, record, files, photos))
    if not (work / LINKED).is_file():  # not linked beside the check (``prelink``), or not all
        _empty(work)
        link_tree(plan.old_site, work, basis.outputs)
    (work / LINKED).unlink(missing_ok=True)
    return _write(config, settings, plan, work, changed, files, now, sections, basis, photos)


def _withheld(content: SiteContent, basis: PatchBasis, settings: SiteSettings, now: Any,
              preview: bool) -> frozenset[str]:
    """The files only unpublished articles refer to, as the plugin's ``on_files`` computes them."""
    articles = {real(a.path) for a in content.articles}
    docs = settings.docs_dir
    pages = [docs / r.src_uri for r in basis.files
             if r.src_uri.endswith(".md") and not r.generated and real(docs / r.src_uri) not in articles]
    hidden = [a for a in content.articles if not has_page(a, now, preview)]
    shown = [a for a in content.articles if has_page(a, now, preview)]
    return frozenset(str(real(p)) for p in withheld_files(hidden, shown, pages, docs))


def _files(basis: PatchBasis, config: MkDocsConfig) -> Files:
    """The build's files as the last build had them at ``on_env``: what links resolve against."""
    out = []
    for r in basis.files:
        file = File(r.src_uri, None if r.generated else config.docs_dir, config.site_dir,
                    config.use_directory_urls, dest_uri=r.dest_uri, inclusion=r.inclusion)
        file.url = r.url  # a cached property: the blog's URL, as recorded
        out.append(file)
    return Files(out)


def post_markdown(path: Path) -> str:
    """A post's Markdown as Material's ``Post.__init__`` reads it from the staged copy."""
    with open(path, encoding="utf-8-sig") as source:
        text = source.read()
    match = YAML_RE.match(text)
    return text[match.end():].lstrip("\n") if match else text


def blog_of(config: MkDocsConfig) -> BlogPlugin | None:
    """Material's blog plugin of this configuration, if it has one."""
    return next((p for p in config.plugins.values() if isinstance(p, BlogPlugin)), None)


def _readtime(config: MkDocsConfig, article: Article, html: str) -> Any:
    """What Material's blog ``on_page_content`` sets (``readtime`` in front matter: no patch)."""
    blog = blog_of(config)
    if blog is None or not blog.config.post_readtime:
        return None
    if "readtime" in article.meta:
        raise Unpatchable(f"{article.rel_path}: read time set in front matter")
    return material_readtime(html, blog.config.post_readtime_words_per_minute)


def _render(config: MkDocsConfig, settings: SiteSettings, article: Article, src_uri: str, record: PageRecord,
            files: Files, photos: PhotoGlue) -> _Article:
    file = files.get_file_from_path(src_uri)
    if file is None:
        raise Unpatchable(f"{src_uri} not among the recorded files")
    staged = stage(article, settings.cache_dir)
    file.abs_src_path = str(staged)
    page = Page(None, file, config)
    page.markdown = post_markdown(staged)
    if any(marker in page.markdown for marker in UNPATCHABLE_MARKERS):
        raise Unpatchable(f"{src_uri}: another plugin rewrites this body")
    rendering = copy(config)  # with what the plugin's on_config adds, which no patch runs
    rendering["markdown_extensions"] = [*config.markdown_extensions, *own_extensions(photos=photos.locate)]
    rendering["mdx_configs"] = own_configs(config.mdx_configs)
    with warnings_logged("mkdocs") as warned:  # the full pipeline decides what a warning does (strict)
        page.render(rendering, files)  # MkDocs' own
    if warned:
        raise Unpatchable(f"{src_uri}: the render warned ({warned[0].getMessage()[:80]})")
    assert record.shape is not None
    readtime = _readtime(config, article, page.content or "")
    if readtime != record.readtime or facts(page, readtime) != record.shape.facts:
        raise Unpatchable(f"{src_uri}: its table of contents, title, anchors or read time changed")
    return _Article(article, src_uri, record, record.shape, page)


def output_stats(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of a finished build (size, modification time): what the next patch may link."""
    out: dict[str, tuple[int, int]] = {}
    for folder, _dirs, names in os.walk(site):
        rel = os.path.relpath(folder, site)
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            out[name if rel == "." else f"{rel}/{name}"] = (stat.st_size, stat.st_mtime_ns)
    return out


def link_tree(source: Path, dest: Path, outputs: dict[str, tuple[int, int]]) -> None:
    """``dest`` becomes the last build's output as it is in ``source``, made of hard links (a patch
    replaces a file by rename, never writes into a linked one), copies where links are refused.
    A file the build did not write is left out; one changed or gone since: no patch. Plain ``os``
    calls: 14 000 files at 2000 articles, where pathlib's per-call cost was a second."""
    made: set[str] = set()
    for rel, expected in outputs.items():
        src, dst = os.path.join(source, rel), os.path.join(dest, rel)
        try:
            stat = os.stat(src)
        except OSError:
            raise Unpatchable(f"{rel} is gone from the published site") from None
        if (stat.st_size, stat.st_mtime_ns) != expected:
            raise Unpatchable(f"{rel} was changed in the published site after its build")
        folder = os.path.dirname(rel)
        if folder not in made:
            os.makedirs(os.path.join(dest, folder), exist_ok=True)
            made.add(folder)
        try:
            os.link(src, dst)
        except FileExistsError:
            raise Unpatchable(f"{rel} is in the new folder already") from None  # never copy over a link
        except OSError:  # links refused (another filesystem, a limit): a copy
            shutil.copyfile(src, dst)


def prelink(plan: Plan | None, work: Path) -> None:
    """Link the published site into ``work`` while the content is checked (a forked child, see
    ``runner._check_while_drawing``): done, it leaves ``LINKED``; anything in the way, nothing
    more (the patch sees no mark and tries itself, or the incremental build empties ``work``)."""
    basis = plan.manifest.patch if plan is not None else None
    if plan is None or not plan.changed or basis is None or not basis.outputs:
        return
    try:
        link_tree(plan.old_site, work, basis.outputs)
    except (Unpatchable, OSError):
        return
    (work / LINKED).touch()


@contextmanager
def staged_outputs(work: Path) -> Iterator[Path]:
    """A new, empty folder beside ``work`` for every file the patch writes. ``work`` is made of
    hard links to the published site, so a writer that opened one of its files in place would
    write into the live site; writers are handed this folder instead, and ``move_in`` renames
    each file it holds into ``work``: any output, present or added later, is a new file."""
    stage = work.with_name(f".{work.name}.patch")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def move_in(stage: Path, work: Path) -> list[str]:
    """Rename every file written in ``stage`` over its place in ``work``; their site paths."""
    moved = []
    for path in sorted(stage.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(stage).as_posix()
        target = work / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        moved.append(rel)
    return moved


def _new_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write(config: MkDocsConfig, settings: SiteSettings, plan: Plan, work: Path, changed: list[_Article],
           files: Files, now: Any, sections: tuple[Any, ...], basis: PatchBasis, photos: PhotoGlue) -> Patched:
    with staged_outputs(work) as stage:
        patched, stale = _write_staged(config, settings, plan, work, stage, changed, files, now, sections, basis,
                                       photos)
        patched.touched = move_in(stage, work) + stale
    for rel in stale:  # index files the new index no longer has (links: the published file stays)
        (work / rel).unlink(missing_ok=True)
    return patched


def _write_staged(config: MkDocsConfig, settings: SiteSettings, plan: Plan, work: Path, stage: Path,
                  changed: list[_Article], files: Files, now: Any, sections: tuple[Any, ...],
                  basis: PatchBasis, photos: PhotoGlue) -> tuple[Patched, list[str]]:
    """Every output into ``stage`` (``staged_outputs``), read from ``work``; the stale files."""
    def card(site_file: Path, site_dir: Path) -> Path:  # the card a press kit holds: the linked one
        return work / site_file.relative_to(stage)

    syndication = SyndicationAdapter(config, settings, now, sections, card_source=card)
    syndication.photos = photos
    records = dict(plan.manifest.pages)
    searches: list[tuple[PageText, PageText]] = []
    for item in changed:
        page, record = item.page, item.record
        syndication.collect(page.content or "", page, item.article, files)
        entry = syndication.entry(item.src_uri)
        texts = syndication.reuse_texts(item.src_uri) if entry is not None else None
        new_parts = body_parts(page.content or "", texts)
        if any("<" in part and inside is None for part, inside in zip(new_parts, item.shape.inside)):
            raise Unpatchable(f"{item.src_uri}: a tag where the recorded part held none")
        wrapped = [wrap_fragment(part, bool(inside)) for part, inside in zip(new_parts, item.shape.inside)]
        parts = [part for part in wrapped if part is not None]
        if len(parts) != len(wrapped):
            raise Unpatchable(f"{item.src_uri}: the body leaves a div, table or comment open")
        final = _splice(plan.old_site / record.dest_uri, item.shape, parts)
        _new_file(stage / record.dest_uri, final.encode("utf-8", "xmlcharrefreplace"))
        if entry is not None and item.article.is_public(now):
            syndication.dest_dirs[item.src_uri] = stage / posixpath.dirname(record.dest_uri)
            syndication.write_article(item.src_uri, stage)
        search = record.search
        if record.indexed and search is not None:
            new = page_text(page_url(record.dest_uri), final, search.title)
            if new is None:
                raise Unpatchable(f"{item.src_uri}: no searchable content")
            searches.append((search, new))
            search = new
        shape = _shifted(item.shape, parts)
        records[page.url] = replace(record, search=search, shape=shape)
    fed = _patch_feeds(syndication, basis, stage, {item.src_uri for item in changed})
    stale = _patch_search(settings, work, stage, searches)
    return Patched(records, [item.page.url for item in changed], replace(basis, feeds=fed)), stale


def _patch_feeds(syndication: SyndicationAdapter, basis: PatchBasis, stage: Path, changed: set[str]) -> dict[str, Entry]:
    """The feeds that carry a changed article, made again: a body edit changes which articles a feed
    carries not at all (dates, categories, tags, channels are front matter), only their content."""
    entries = dict(basis.feeds)
    new = {key: syndication.entries[key] for key in changed & entries.keys() if key in syndication.entries}
    if not new or basis.feeds_updated is None:
        return entries
    entries.update(new)
    listed, wanted = list(entries.values()), {id(e) for e in new.values()}
    for spec in syndication.specs:
        if any(id(e) in wanted for e in select(spec, listed)):
            syndication.write_feed(spec, stage, listed, basis.feeds_updated)
    return entries


def _splice(old_file: Path, shape: Shape, parts: list[str]) -> str:
    data = old_file.read_bytes()
    if len(parts) != len(shape.spans):
        raise Unpatchable(f"{old_file}: not the parts recorded")
    text, out, last = data.decode("utf-8"), [], 0
    for (start, end), part in zip(shape.spans, parts):
        out += [text[last:start], part]
        last = end
    out.append(text[last:])
    return "".join(out)


def _shifted(shape: Shape, parts: list[str]) -> Shape:
    spans, shift = [], 0
    for (start, end), part in zip(shape.spans, parts):
        spans.append((start + shift, start + shift + len(part)))
        shift += len(part) - (end - start)
    return Shape(tuple(spans), shape.inside, shape.facts)


def _patch_search(settings: SiteSettings, work: Path, stage: Path,
                  changes: list[tuple[PageText, PageText]]) -> list[str]:
    """The search index with the changed pages' records replaced, written whole into ``stage``;
    the site paths of the index files it no longer has. The state in the cache must be the
    published index's (``microsite serve``'s preview builds keep theirs there too)."""
    if not changes:
        return []
    state_file = settings.cache_dir / SEARCH_STATE
    state = search_patch.load_state(state_file)
    meta = work / OUTPUT_DIR / "meta.json"
    if state is None or not meta.is_file() or index_files(state)["meta.json"] != meta.read_bytes():
        raise Unpatchable("the search index kept in the cache is not the published one")
    state = search_patch.replace_documents(state, changes)
    write_state(state, stage / OUTPUT_DIR)
    search_patch.save_state(state, state_file)
    kept = {f"{OUTPUT_DIR}/{rel}" for rel in index_files(state)}
    return [rel for rel in (f"{OUTPUT_DIR}/{p.relative_to(work / OUTPUT_DIR).as_posix()}"
                            for p in (work / OUTPUT_DIR).rglob("*") if p.is_file()) if rel not in kept]
