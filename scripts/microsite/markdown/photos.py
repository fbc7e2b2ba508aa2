"""Body photos become responsive: ``<img>`` of a local photo → ``<picture>`` with WebP and JPEG
``srcset``, ``sizes``, its real width and height, and lazy loading.

Registered for every page by ``site_extensions`` (the build and the check parse alike); it
runs after MkDocs' link rewriting (``relpath``, priority 0), so an image's ``src`` is already
the page's link to the source file, and the renditions, published beside it, are linked
with the same folder part. Which file a ``src`` names is the site's business: the build
passes ``locate(md, src)``; the check passes none and the tree is left as it is.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..photos.library import PhotoSet
from ..photos.markup import SIZES_ARTICLE

Locate = Callable[[Markdown, str], "PhotoSet | None"]
PRIORITY = -1  # after relpath (0): src is the page's own link


def _sibling(src: str, path: str) -> str:
    """The link to ``path`` (a site path beside the source) from where ``src`` links the source."""
    folder = posixpath.dirname(src)
    name = posixpath.basename(path)
    return f"{folder}/{name}" if folder else name


class PhotoTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, locate: Locate | None) -> None:
        super().__init__(md)
        self.locate = locate

    def run(self, root: etree.Element) -> None:
        if self.locate is None:
            return
        for parent in list(root.iter()):
            if parent.tag == "picture":
                continue
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    photo = self.locate(self.md, child.get("src") or "")
                    if photo is not None:
                        parent[index] = self._picture(child, photo)

    @staticmethod
    def _picture(img: etree.Element, photo: PhotoSet) -> etree.Element:
        src = img.get("src") or ""
        variant = photo.variant("")
        picture = etree.Element("picture")
        picture.tail, img.tail = img.tail, None
        etree.SubElement(picture, "source", {
            "type": "image/webp", "srcset": ", ".join(f"{_sibling(src, r.path)} {r.width}w" for r in variant.webp),
            "sizes": SIZES_ARTICLE})
        fallback = variant.fallback()
        attrs = dict(img.attrib)
        attrs.update({
            "src": _sibling(src, fallback.path),
            "srcset": ", ".join(f"{_sibling(src, r.path)} {r.width}w" for r in variant.jpeg),
            "sizes": SIZES_ARTICLE, "width": str(fallback.width), "height": str(fallback.height),
            "loading": "lazy", "decoding": "async"})
        picture.append(etree.Element("img", attrs))
        return picture


class PhotoExtension(Extension):
    """``locate`` (the build's): the ``PhotoSet`` of the file an ``<img src>`` names, or None."""

    def __init__(self, locate: Locate | None = None) -> None:
        self.locate = locate
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PhotoTreeprocessor(md, self.locate), "microsite_photos", PRIORITY)
