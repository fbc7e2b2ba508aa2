"""Skip Python-Markdown's block tests for a paragraph of plain prose.

Python-Markdown hands every block (text between blank lines) to its block processors in
priority order until one takes it: 17 with our extensions (admonition, details, lists,
headings, tables, quotes, code, footnote, abbreviation and link definitions...), each a
Python call and most a regular-expression search over the whole block. A news article
is mostly plain paragraphs, which every one of them declines before the last,
``paragraph``, makes them a ``<p>``: 12-15% of converting an article, paid three times
per article (the content check, the page, the listing excerpts).

Each of those processors needs a line that starts with a mark of its own (``#``, ``>``,
``-``, ``*``, ``+``, a digit, ``!!!``, ``???``, ``[``, ``:``, white space for indented
code and continuations, ``=`` or ``-`` under a heading) or a ``|`` for a table. A block
whose every line starts with a letter and that holds no ``|`` is declined by all of
them, so this processor, registered before them, makes that ``<p>`` itself, exactly as
``paragraph`` would (outside a tight list, where ``paragraph`` adds text to the item
instead). The HTML is byte-identical (``tests/test_plain_paragraph.py`` converts random
documents with and without it).

The processors are known by name and class; when any other is registered (an extension
we do not know), the shortcut declines every block and the usual chain runs, and one
line in the log (``switched_off``) says which processor.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown, blockprocessors
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.md_in_html import MarkdownInHtmlProcessor
from markdown.extensions.tables import TableProcessor
from markdown.preprocessors import Preprocessor
from pymdownx.details import DetailsProcessor
from pymdownx.superfences import SuperFencesCodeBlockProcessor

from .gallery_embed import GalleryProcessor
from .infographic_embed import EmbedProcessor
from .media_embed import MediaProcessor
from .switched_off import switched_off

NAME = "microsite_plain_paragraph"
PRIORITY = 200  # before every processor it stands in for (the highest, admonition's, is 105)


# Processors that decline a block of letter-led lines without "|", by registered name.
_KNOWN: dict[str, tuple[type, ...]] = {
    "empty": (blockprocessors.EmptyBlockProcessor,),  # a blank block
    "indent": (blockprocessors.ListIndentProcessor,),  # indented
    "code": (blockprocessors.CodeBlockProcessor,  # indented
             SuperFencesCodeBlockProcessor),  # the same test, in ``run``
    "hashheader": (blockprocessors.HashHeaderProcessor,),  # a line starting with "#"
    "setextheader": (blockprocessors.SetextHeaderProcessor,),  # a line of "=" or "-"
    "hr": (blockprocessors.HRProcessor,),  # a line of "-", "*" or "_"
    "olist": (blockprocessors.OListProcessor,),  # starts with a digit
    "ulist": (blockprocessors.UListProcessor,),  # starts with "*", "+" or "-"
    "quote": (blockprocessors.BlockQuoteProcessor,),  # a line starting with ">"
    "reference": (blockprocessors.ReferenceProcessor,),  # a line starting with "["
    "paragraph": (blockprocessors.ParagraphProcessor,),  # what this one does
    "table": (TableProcessor,),  # needs "|"
    "footnote": (FootnoteBlockProcessor,),  # a line starting with "[^"
    "abbr": (AbbrBlockprocessor,),  # a line starting with "*["
    "admonition": (AdmonitionProcessor,),  # "!!!", or an indented continuation
    "details": (DetailsProcessor,),  # "???", or an indented continuation
    "markdown_block": (MarkdownInHtmlProcessor,),  # starts with a raw-HTML placeholder
    "microsite_infographic": (EmbedProcessor,),  # "::infographic"
    "microsite_media": (MediaProcessor,),  # "::video", "::audio"
    "microsite_gallery": (GalleryProcessor,),  # "::gallery"
}


class PlainParagraph(blockprocessors.BlockProcessor):
    """A ``<p>`` for a block of plain prose, before the other processors look at it."""

    usable = False  # set per document by ``CheckProcessors``

    def test(self, parent: etree.Element, block: str) -> bool:
        if not self.usable or "|" in block or self.parser.state.isstate("list"):
            return False
        return all(line[:1].isalpha() for line in block.split("\n"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = blocks.pop(0)  # ``paragraph`` strips leading space: none


class CheckProcessors(Preprocessor):
    """Before each document: is every registered block processor one we know? (Extensions
    may register theirs after ours, or between two documents.) Lines pass unchanged."""

    def __init__(self, md: Markdown, shortcut: PlainParagraph) -> None:
        super().__init__(md)
        self.shortcut = shortcut

    def run(self, lines: list[str]) -> list[str]:
        registry = self.md.parser.blockprocessors
        unknown = next((name for name in registry._data  # type: ignore[attr-defined]  # private: no public name list
                        if name != NAME and type(registry[name]) not in _KNOWN.get(name, ())), None)
        self.shortcut.usable = unknown is None
        if unknown is not None:
            switched_off("plain_paragraph",
                         f"bộ xử lý khối lạ '{unknown}' ({type(registry[unknown]).__name__}) của Python-Markdown")
        return lines


class PlainParagraphExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        shortcut = PlainParagraph(md.parser)
        md.parser.blockprocessors.register(shortcut, NAME, PRIORITY)
        md.preprocessors.register(CheckProcessors(md, shortcut), NAME, 0)  # after every other


def makeExtension(**kwargs: object) -> PlainParagraphExtension:  # Markdown's loading convention
    return PlainParagraphExtension(**kwargs)
