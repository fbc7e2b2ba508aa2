"""``::video FILE`` and ``::audio FILE`` on a line of their own embed a self-hosted player.

Like ``::infographic`` (``infographic_embed``): the line becomes the HTML that
``render(kind, src, title)`` returns (the adapter's, which knows the page and the checked
media), stashed so no inline pattern touches it; None leaves a visible warning (the check
refuses unknown files before a build). The syntax itself is ``media.embed``'s.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from ..media.embed import ANY_EMBED_RE, missing_html, parse_line

Render = Callable[[str, str, str], str | None]
NAME = "microsite_media"


class MediaProcessor(BlockProcessor):
    def __init__(self, parser: BlockParser, render: Render):
        super().__init__(parser)
        self.render = render

    def test(self, parent: etree.Element, block: str) -> bool:
        first = block.strip().split("\n", 1)[0].strip()
        return bool(ANY_EMBED_RE.match(first)) and parse_line(first) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        first, _, rest = blocks.pop(0).strip().partition("\n")
        if rest.strip():  # text right under the line, without a blank line: kept
            blocks.insert(0, rest)
        parsed = parse_line(first)
        assert parsed is not None  # ``test`` said so
        kind, src, title = parsed
        html = self.render(kind, src, title)
        placeholder = self.parser.md.htmlStash.store(missing_html(src) if html is None else html)
        etree.SubElement(parent, "p").text = placeholder


class MediaExtension(Extension):
    """Register with a ``render(kind, src, title) -> html | None`` callback."""

    def __init__(self, render: Render, **kwargs: object):
        # ``fingerprint``: what of the media shows in the HTML; only read by the render cache's
        # salt (``stable_repr`` of the configured extensions), so a changed caption re-renders.
        self.config = {"fingerprint": ["", "fingerprint of the media the pages embed"]}
        self.render = render
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(MediaProcessor(md.parser, self.render), NAME, 95)
