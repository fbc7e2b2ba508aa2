"""ASCII, collision-free heading ids.

Markdown's ``toc`` keeps any ``id`` a heading already has, and de-duplicates its own
ids with an underscore (``tien-do_1``), which breaks the site's ``[a-z0-9-]`` URL
rule. This treeprocessor runs just before ``toc`` and assigns every heading an id
from the project's slugify, suffixing ``-2``, ``-3``... on collisions.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from ..text.slugs import slugify, unique_slug

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _text(el: etree.Element) -> str:
    return "".join(el.itertext())


class HeadingIdProcessor(Treeprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        # Slug of each heading this document's run gave an id, in order: the check
        # (validation.ids) refuses an editor's id that would push one of them to "-2".
        self.slugs: list[str] = []

    def run(self, root: etree.Element) -> None:
        # Explicit ids (attr_list ``{#id}``, or placeholders other plugins resolve
        # later, e.g. Material's tags listing) are kept verbatim and reserved.
        taken: set[str] = {el.get("id", "") for el in root.iter() if el.get("id")}
        self.slugs = []
        for el in root.iter():
            if el.tag in _HEADINGS and not el.get("id"):
                slug = slugify(self._unstash(_text(el))) or "muc"
                self.slugs.append(slug)
                el.set("id", unique_slug(slug, taken))

    @staticmethod
    def _unstash(text: str) -> str:
        """Drop raw-HTML placeholders so they never leak into an id."""
        return HTML_PLACEHOLDER_RE.sub("", text)


class HeadingIdExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # toc registers at priority 5; run just before it, after inline (20).
        md.treeprocessors.register(HeadingIdProcessor(md), "microsite_heading_ids", 6)


def makeExtension(**kwargs: object) -> HeadingIdExtension:  # Markdown's loading convention
    return HeadingIdExtension(**kwargs)
