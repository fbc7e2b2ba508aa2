"""The body of one Markdown file, rendered once and mapped back to source lines."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import markdown

from ..config import BARE_MARKDOWN, MarkdownSetup
from ..markdown.gallery_embed import GalleryExtension
from ..markdown.heading_ids import HeadingIdProcessor
from ..markdown.infographic_embed import InfographicExtension
from ..markdown.media_embed import MediaExtension
from ..markdown.site_extensions import own_configs, own_extensions
from .given_ids import GivenIdsExtension, PageIds
from .html_tags import parse_html

__all__ = ["BodySource", "CheckParser", "Element", "check_parser", "parse_html", "serializer_start_tags"]

# The one option the check sets differently from the build: table alignment as ``align=``
# instead of ``style="text-align: ..."``, so that any ``style=`` left is the editor's own
# (validation.raw_html refuses it). Same elements otherwise.
CHECK_OPTIONS: dict[str, dict[str, Any]] = {"tables": {"use_align_attribute": True}}
# Processors that change no element: line breaks between tags only.
UNUSED_PROCESSORS = (("treeprocessors", "prettify"),)


class CheckParser:
    """One Markdown parser for every body the check reads with one setup (reset between
    bodies): building one loads every extension, which cost as much as converting a short
    article. Exactly the engine's extensions and options (``MarkdownSetup``) plus the
    project's own (``markdown.site_extensions``), as the build; ``::infographic`` embeds are
    noted (``given_ids``) instead of drawn, ``::video``/``::audio`` lines left out (their files
    are checked by ``media.site_check``)."""

    def __init__(self, setup: MarkdownSetup) -> None:
        self.ids = GivenIdsExtension()
        self.extensions: list[str | markdown.Extension] = [
            *setup.extensions, *own_extensions(), InfographicExtension(render=self.ids.embed, gallery=lambda: ""),
            MediaExtension(render=lambda kind, src, title: ""),
            GalleryExtension(load=lambda md, folder: None)]  # the folder is checked by validation.body
        self.configs = own_configs(setup.configs)
        for name, options in CHECK_OPTIONS.items():
            self.configs.setdefault(name, {}).update(options)
        self.md = markdown.Markdown(extensions=[*self.extensions, self.ids], extension_configs=self.configs)
        for registry, name in UNUSED_PROCESSORS:
            if name in getattr(self.md, registry):
                getattr(self.md, registry).deregister(name)
        heading_ids = self.md.treeprocessors["microsite_heading_ids"]
        assert isinstance(heading_ids, HeadingIdProcessor)
        self.heading_ids = heading_ids

    def convert(self, text: str) -> tuple[str, list[object], PageIds, list[str]]:
        """HTML, raw-HTML stash, the ids the editor gave, and the slugs headings were given ids from."""
        md = self.md.reset()
        html = md.convert(text)
        return html, list(md.htmlStash.rawHtmlBlocks), self.ids.page, list(self.heading_ids.slugs)


@lru_cache(maxsize=8)
def check_parser(setup: MarkdownSetup) -> CheckParser:
    """The parser for ``setup`` (compared by identity: one per loaded configuration)."""
    return CheckParser(setup)


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
    setup: MarkdownSetup = BARE_MARKDOWN  # the site's Markdown configuration

    # True once ``html`` is known to be serializer output only (see ``markdown_only``).
    _markdown_only: bool = field(default=False, init=False, repr=False, compare=False)
    # What the conversion recorded: ids the editor gave, embeds, heading slugs (validation.ids).
    _ids: PageIds = field(default_factory=PageIds, init=False, repr=False, compare=False)
    _heading_slugs: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    @cached_property
    def html(self) -> str:
        html, stash, self._ids, self._heading_slugs = check_parser(self.setup).convert(self.text)
        self._markdown_only = markdown_only(stash)
        return html

    @property
    def given_ids(self) -> PageIds:
        """The ids this body's editor gave and the infographics it embeds."""
        _ = self.html
        return self._ids

    @property
    def heading_slugs(self) -> list[str]:
        """The slug of each heading that got a generated id, in order."""
        _ = self.html
        return self._heading_slugs

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
