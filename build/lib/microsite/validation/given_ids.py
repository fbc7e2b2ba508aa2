"""Record, while the check converts a body, which element ids its editor gave.

An id in the rendered HTML comes from the editor (attr_list ``{: #id }``, ``id=`` in raw
HTML), from an extension (heading ids, footnotes' ``fn:1``, an embedded infographic's
figure) or, around the content, from the theme. Only the first kind is the editor's to
fix, so this extension notes it where it appears instead of guessing from the output:

- raw HTML: what Python-Markdown stashes while it reads raw HTML blocks (``md_in_html``
  keeps them as elements) and inline raw HTML; other extensions' stashed output (e.g.
  highlighted code) is not the editor's;
- attr_list: the ids its treeprocessor (priority 8) sets, seen by comparing the tree just
  before and just after it;
- embeds: the ``::infographic`` ids the page embeds (their figures' ids are taken).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .html_tags import parse_html

ATTR_LIST = "attr list"
RAW_HTML = "raw HTML"


@dataclass(frozen=True)
class GivenId:
    value: str
    tag: str
    how: str  # ATTR_LIST or RAW_HTML


@dataclass
class PageIds:
    """What one conversion recorded."""

    given: list[GivenId] = field(default_factory=list)
    embedded: list[str] = field(default_factory=list)  # ``::infographic`` ids, in order


class _Step:
    """One of the extension's processors: ``run`` calls ``step`` with the extension."""

    def __init__(self, md: Markdown, ext: GivenIdsExtension, step: Callable[[GivenIdsExtension, Markdown, object], None]):
        self.md, self.ext, self.step = md, ext, step


class _Pre(_Step, Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.step(self.ext, self.md, lines)
        return lines


class _Tree(_Step, Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self.step(self.ext, self.md, root)


def _raw_ids(blocks: list[str | etree.Element]) -> list[GivenId]:
    """Ids in stashed raw HTML: ``md_in_html`` keeps its blocks as elements, the rest as text."""
    found: list[GivenId] = []
    for block in blocks:
        if isinstance(block, etree.Element):
            found += [GivenId(el.get("id", ""), str(el.tag), RAW_HTML) for el in block.iter() if "id" in el.attrib]
        elif "id" in block.lower():
            found += [GivenId(value or "", tag, RAW_HTML) for tag, attrs in parse_html(block)
                      for name, value in attrs if name == "id"]
    return found


def _mark_stash(ext: GivenIdsExtension, md: Markdown, _: object) -> None:
    ext.mark = len(md.htmlStash.rawHtmlBlocks)


def _read_stash(ext: GivenIdsExtension, md: Markdown, _: object) -> None:
    ext.page.given += _raw_ids(md.htmlStash.rawHtmlBlocks[ext.mark:])


def _before_attr_list(ext: GivenIdsExtension, md: Markdown, root: object) -> None:
    assert isinstance(root, etree.Element)
    ext.before = {el: el.get("id") for el in root.iter() if "id" in el.attrib}


def _after_attr_list(ext: GivenIdsExtension, md: Markdown, root: object) -> None:
    assert isinstance(root, etree.Element)
    ext.page.given += [GivenId(el.attrib["id"], str(el.tag), ATTR_LIST) for el in root.iter()
                       if "id" in el.attrib and ext.before.get(el) != el.attrib["id"]]
    ext.before = {}


class GivenIdsExtension(Extension):
    """Fills ``page`` during each conversion; ``Markdown.reset`` starts a new one."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.page = PageIds()
        self.before: dict[etree.Element, str | None] = {}
        self.mark = 0  # stash length when raw HTML started to be stashed

    def reset(self) -> None:
        self.page = PageIds()

    def embed(self, ident: str) -> str:
        """The check's ``::infographic`` renderer: note the id, render nothing."""
        self.page.embedded.append(ident)
        return ""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Block raw HTML is stashed by the "html_block" preprocessor (20), inline raw HTML by
        # the "inline" treeprocessor (20); attr_list is the treeprocessor at 8.
        md.preprocessors.register(_Pre(md, self, _mark_stash), "microsite_given_ids_mark", 20.5)
        md.preprocessors.register(_Pre(md, self, _read_stash), "microsite_given_ids_html", 19.5)
        md.treeprocessors.register(_Tree(md, self, _mark_stash), "microsite_given_ids_mark", 20.5)
        md.treeprocessors.register(_Tree(md, self, _read_stash), "microsite_given_ids_inline", 19.5)
        md.treeprocessors.register(_Tree(md, self, _before_attr_list), "microsite_given_ids_before", 8.5)
        md.treeprocessors.register(_Tree(md, self, _after_attr_list), "microsite_given_ids_after", 7.5)
