"""The body of one Markdown file, rendered once and mapped back to source lines."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

from ..markdown.plain_paragraph import PlainParagraphExtension
from ..markdown.plain_text import PlainTextExtension

# Extensions that change what counts as a link, an image or raw HTML. Kept
# independent of mkdocs.yml on purpose: the core must not read engine config.
EXTENSIONS = [
    "abbr", "attr_list", "admonition", "footnotes", "tables", "md_in_html",
    "pymdownx.superfences", "pymdownx.details",
]


@lru_cache(maxsize=1)
def _parser() -> markdown.Markdown:
    """One parser for every body (reset between bodies): building one loads every
    extension, which cost as much as converting a short article.
    Table alignment as ``align=`` so that any ``style=`` left is the editor's own; plain
    prose skips the inline pass (``markdown.plain_text``: same HTML, 40% less time) and the
    block tests (``markdown.plain_paragraph``)."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, PlainTextExtension(), PlainParagraphExtension()],
                           extension_configs={"tables": {"use_align_attribute": True}})
    md.treeprocessors.deregister("prettify")  # line breaks between tags: no element changes
    return md


@dataclass(frozen=True)
class Element:
    """One start tag of the rendered HTML, with its attributes as written."""

    tag: str
    attrs: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def parse_html(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Start tags of ``html`` in document order (stdlib parser, tolerant of bad markup)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


# -- start tags of HTML that Python-Markdown wrote itself ---------------------------------
# Its serializer writes every start tag as <name name="value" ...> (double quotes, the value
# escaped), escapes every "<" in text and values, and writes comments as <!--...--> with
# the text escaped. Raw HTML an editor wrote is stashed and pasted back verbatim, so it may
# be anything; a body whose stash holds nothing but plain comments (the excerpt marker
# "<!-- more -->") and markup-free text (entities such as "&amp;" are stashed too) is
# serializer output throughout.
_PLAIN_COMMENT = re.compile(r"\s*<!--[^<>]*?-->\s*")
_NO_MARKUP = re.compile(r"[^<>\"']*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_START_TAG = re.compile(r'<([A-Za-z][^\s/>]*)((?:\s+[^\s/>="]+(?:="[^"<>]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'\s+([^\s/>="]+)(?:="([^"<>]*)")?')


def markdown_only(stash: Sequence[object]) -> bool:
    """True if nothing in a conversion's raw-HTML stash can open a tag or close a quoted value."""
    return all(isinstance(block, str) and (_NO_MARKUP.fullmatch(block) or _PLAIN_COMMENT.fullmatch(block))
               for block in stash)


def serializer_start_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]] | None:
    """What ``parse_html`` returns for serializer output, read with two regular expressions
    (a tenth of the time of the pure-Python parser); None if ``html`` has any "<" that is
    not a comment, an end tag or a start tag written that way, so that the caller parses it.

    Names are lower-cased and values unescaped as ``HTMLParser`` does."""
    text = _COMMENT.sub("", html) if "<!--" in html else html
    found: list[tuple[str, list[tuple[str, str | None]]]] = []
    for match in _START_TAG.finditer(text):
        attrs = [(name.lower(), None if value is None else html_lib.unescape(value))
                 for name, value in _ATTRIBUTE.findall(match.group(2))] if match.group(2) else []
        found.append((match.group(1).lower(), attrs))
    if text.count("<") != len(found) + text.count("</"):
        return None
    return found


@dataclass
class BodySource:
    """A Markdown body plus where it sits: file, first line, and who wrote it."""

    path: Path  # absolute path of the .md file
    shown: str  # path as the editor knows it (docs/...)
    text: str  # the Markdown body (NFC), without front matter
    first_line: int = 1  # file line of the body's first line
    draft: bool = False  # drafts get warnings where published text gets errors

    # True once ``html`` is known to be serializer output only (see ``markdown_only``).
    _markdown_only: bool = field(default=False, init=False, repr=False, compare=False)

    @cached_property
    def html(self) -> str:
        md = _parser().reset()
        html = md.convert(self.text)
        self._markdown_only = markdown_only(md.htmlStash.rawHtmlBlocks)
        return html

    @cached_property
    def elements(self) -> list[Element]:
        html = self.html
        tags = serializer_start_tags(html) if self._markdown_only else None
        if tags is None:
            tags = parse_html(html)
        return [Element(tag, tuple((k, v or "") for k, v in attrs)) for tag, attrs in tags]

    def line_of(self, needle: str) -> int:
        """File line of the first occurrence of ``needle`` (case-insensitive) in the body.

        Problems are found in the rendered HTML; the editor needs the source line.
        """
        pos = self.text.lower().find(needle.lower()) if needle else -1
        if pos < 0:
            return self.first_line
        return self.first_line + self.text.count("\n", 0, pos)
