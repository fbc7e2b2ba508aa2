"""``::infographic <mã>`` on a line of its own embeds an infographic.

Syntax (documented in README): a paragraph consisting only of
``::infographic tien-do-ke-hoach-106``; ``::infographics`` alone lists them all
(the gallery). The extension replaces it with the figure
HTML given by ``render(id)``; an unknown id is a check error (see
``infographics.site_check``), and at build time leaves a visible warning box.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

EMBED_RE = re.compile(r"^::infographic[ \t]+(?P<id>\S+)[ \t]*$")
GALLERY_RE = re.compile(r"^::infographics[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")


def figure_id(ident: str) -> str:
    """The element id of an embedded infographic's figure (reserved on its page)."""
    return f"infographic-{ident}"


def find_lines(text: str, pattern: re.Pattern[str], group: str) -> list[tuple[int, str]]:
    """(1-based line, ``group`` of the match) of every line matching ``pattern`` outside fenced
    code blocks: the embed lines of this module and of ``gallery_embed``."""
    out, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE_RE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else pattern.match(line.strip())
        if match:
            out.append((number, match.group(group)))
    return out


def find_embeds(text: str) -> list[tuple[int, str]]:
    """(1-based line, id) of every embed line outside fenced code blocks."""
    return find_lines(text, EMBED_RE, "id")


class EmbedProcessor(BlockProcessor):
    def __init__(self, parser: BlockParser, render: Callable[[str], str | None],
                 gallery: Callable[[], str]):
        super().__init__(parser)
        self.render, self.gallery = render, gallery

    @staticmethod
    def _first_line(block: str) -> str:
        return block.strip().split("\n", 1)[0].strip()

    def test(self, parent: etree.Element, block: str) -> bool:
        first = self._first_line(block)
        return bool(EMBED_RE.match(first) or GALLERY_RE.match(first))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        # The embed line may be followed by text without a blank line: keep that text.
        first, _, rest = blocks.pop(0).strip().partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        block = first.strip()
        match = EMBED_RE.match(block)
        if match is None:
            placeholder = self.parser.md.htmlStash.store(self.gallery())
            etree.SubElement(parent, "p").text = placeholder
            return
        ident = match.group("id")
        html = self.render(ident)
        if html is None:
            html = (f'<p class="admonition warning">Không tìm thấy infographic "{ident}" '
                    f"(docs/_data/infographics/{ident}.yml).</p>")
        placeholder = self.parser.md.htmlStash.store(html)
        etree.SubElement(parent, "p").text = placeholder


class InfographicExtension(Extension):
    """Register with a ``render(id) -> html | None`` callback owned by the site adapter."""

    def __init__(self, render: Callable[[str], str | None], gallery: Callable[[], str] = lambda: "",
                 **kwargs: object):
        self.render, self.gallery = render, gallery
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        processor = EmbedProcessor(md.parser, self.render, self.gallery)
        md.parser.blockprocessors.register(processor, "microsite_infographic", 95)
