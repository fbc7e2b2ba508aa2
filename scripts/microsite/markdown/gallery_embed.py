"""``::gallery <thư-mục>`` on a line of its own shows a photo story (``media/gallery.py``).

The extension writes plain elements: an ordered list of figures, each a picture linked to
the full photo with its caption and credit. That is the page without JavaScript; the theme's
``gallery.js`` adds the viewer (``data-ms-gallery``). Images and links are elements of the
tree, not stashed HTML, so the site engine resolves their paths relative to the article, as
it does for an editor's images, and the press kit finds them among the body's images.

``load(md, folder)`` is the caller's: the build's finds the page being rendered, the check's
returns None (the check reads the folder itself, ``validation/body.py``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown import Extension, Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from .infographic_embed import find_lines

if TYPE_CHECKING:  # the check's parser loads this module before the content model
    from ..media.gallery import Gallery

GALLERY_RE = re.compile(r"^::gallery[ \t]+(?P<folder>\S+)[ \t]*$")

Loader = Callable[[Markdown, str], "Gallery | None"]


def find_galleries(text: str) -> list[tuple[int, str]]:
    """(1-based line, folder) of every gallery line outside fenced code blocks."""
    return find_lines(text, GALLERY_RE, "folder")


def gallery_tree(parent: etree.Element, gallery: Gallery) -> None:
    """The photo story as elements under ``parent``: a list of figures."""
    count = len(gallery.photos)
    box = etree.SubElement(parent, "div", {"class": "ms-gallery", "data-ms-gallery": ""})
    title = etree.SubElement(box, "p", {"class": "ms-gallery__count"})
    title.text = f"Phóng sự ảnh: {count} ảnh"
    listing = etree.SubElement(box, "ol", {"class": "ms-gallery__list"})
    for number, photo in enumerate(gallery.photos, 1):
        src = f"{gallery.folder.rstrip('/')}/{photo.name}"
        figure = etree.SubElement(etree.SubElement(listing, "li"), "figure", {"class": "ms-gallery__item"})
        link = etree.SubElement(figure, "a", {"class": "ms-gallery__open", "href": src})
        etree.SubElement(link, "img", {"src": src, "alt": photo.alt, "width": str(photo.width),
                                       "height": str(photo.height), "loading": "lazy", "decoding": "async"})
        caption = etree.SubElement(figure, "figcaption")
        place = etree.SubElement(caption, "span", {"class": "ms-gallery__number"})
        place.text = f"Ảnh {number}/{count}. "
        place.tail = photo.caption + " "
        credit = etree.SubElement(caption, "span", {"class": "ms-gallery__credit"})
        credit.text = f"Ảnh: {photo.credit}"


class GalleryProcessor(BlockProcessor):
    def __init__(self, parser: BlockParser, load: Loader):
        super().__init__(parser)
        self.load = load

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(GALLERY_RE.match(block.strip().split("\n", 1)[0].strip()))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        first, _, rest = blocks.pop(0).strip().partition("\n")
        if rest.strip():
            blocks.insert(0, rest)
        match = GALLERY_RE.match(first.strip())
        assert match is not None
        gallery = self.load(self.parser.md, match.group("folder"))
        if gallery is not None:
            gallery_tree(parent, gallery)


class GalleryExtension(Extension):
    """Register with a ``load(md, folder) -> Gallery | None`` callback (see the module)."""

    def __init__(self, load: Loader, **kwargs: object):
        self.load = load
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(GalleryProcessor(md.parser, self.load), "microsite_gallery", 94)
