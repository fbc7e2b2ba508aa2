"""Material's blog excerpts share one Markdown parser instead of building one per post.

``material.plugins.blog.structure.Excerpt.__init__`` creates a ``markdown.Markdown`` for
every post (loading every extension again: ~1.3 ms, 2.5 s of a 2000-article build) and
registers two treeprocessors of its own on it: ``excerpt`` (links to the post from the
listing) and ``relpath`` (MkDocs' relative links). Python-Markdown's answer to many
documents is one parser and ``reset()`` between them.

So while a build runs, the blog module's ``Markdown`` name points at ``ExcerptMarkdown``:
a stand-in that keeps the excerpt's two processors in a registry of its own (the blog
looks ``excerpt`` up there to set the listing it renders for) and converts on the
build's one shared parser, with those two processors registered on it for the call.
The listings are byte-identical (``tests/test_material_blog.py`` builds them both ways).
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown.util import Registry


class SharedExcerptParser:
    """The one parser of a build, rebuilt only if the extensions or their options change."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        self._extensions: list[Any] = []
        self._configs: dict[str, Any] = {}

    def parser(self, extensions: list[Any], configs: dict[str, Any]) -> markdown.Markdown:
        if self._md is None or extensions != self._extensions or configs != self._configs:
            self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
            self._extensions, self._configs = list(extensions), dict(configs)
        return self._md

    def factory(self, extensions: list[Any], extension_configs: dict[str, Any]) -> ExcerptMarkdown:
        """What the blog module's ``Markdown`` name points at during a build (``wiring``)."""
        return ExcerptMarkdown(self, extensions, extension_configs)


class ExcerptMarkdown:
    """What an excerpt holds as ``self.md``: its own treeprocessors, the shared parser's work."""

    def __init__(self, shared: SharedExcerptParser, extensions: list[Any], configs: dict[str, Any]) -> None:
        self.shared = shared
        self.extensions, self.configs = extensions, configs
        self.treeprocessors: Registry[Any] = Registry()
        self.toc_tokens: list[Any] = []

    def convert(self, text: str) -> str:
        md = self.shared.parser(self.extensions, self.configs)
        md.reset()
        own = list(self.treeprocessors._priority)  # type: ignore[attr-defined]  # private: (name, priority) of each
        for item in own:
            md.treeprocessors.register(self.treeprocessors[item.name], item.name, item.priority)
        try:
            return md.convert(text)
        finally:
            self.toc_tokens = list(getattr(md, "toc_tokens", []))
            for item in own:  # the next document must not see them
                md.treeprocessors.deregister(item.name, strict=False)

