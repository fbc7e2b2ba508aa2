"""The body of one Markdown file, rendered once and mapped back to source lines."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markdown

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
    prose skips the inline pass (``markdown.plain_text``: same HTML, 40% less time)."""
    return markdown.Markdown(extensions=[*EXTENSIONS, PlainTextExtension()],
                             extension_configs={"tables": {"use_align_attribute": True}})


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


@dataclass
class BodySource:
    """A Markdown body plus where it sits: file, first line, and who wrote it."""

    path: Path  # absolute path of the .md file
    shown: str  # path as the editor knows it (docs/...)
    text: str  # the Markdown body (NFC), without front matter
    first_line: int = 1  # file line of the body's first line
    draft: bool = False  # drafts get warnings where published text gets errors

    @cached_property
    def html(self) -> str:
        return _parser().reset().convert(self.text)

    @cached_property
    def elements(self) -> list[Element]:
        return [Element(tag, tuple((k, v or "") for k, v in attrs)) for tag, attrs in parse_html(self.html)]

    def line_of(self, needle: str) -> int:
        """File line of the first occurrence of ``needle`` (case-insensitive) in the body.

        Problems are found in the rendered HTML; the editor needs the source line.
        """
        pos = self.text.lower().find(needle.lower()) if needle else -1
        if pos < 0:
            return self.first_line
        return self.first_line + self.text.count("\n", 0, pos)
