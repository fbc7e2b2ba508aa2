"""One Markdown parser for all pages of a build, instead of one per page.

``mkdocs.structure.pages.Page.render`` builds a new ``markdown.Markdown`` for every
page, which registers every extension again (toc, footnotes, superfences, our own
...): about 1.5 ms per page, 3 s of a 2000-article build, all of it identical work.
Python-Markdown's own answer is ``Markdown.reset()`` between documents; MkDocs only
needs its four per-page processors (raw-HTML anchors, anchor extraction, relative
links, title) pointed at the page being rendered, and ``Registry.register``
replaces a processor registered under the same name.

The HTML is byte-identical to MkDocs' own rendering (``tests/test_page_markdown.py``
builds a site both ways and compares every page). This module reaches into MkDocs'
private processors on purpose: it is adapter code, declared in the catalogue
(``shared_page_parser``), so a build whose MkDocs changed them leaves it off (``health``).
They are looked up when a page is rendered, never at import: the plain path imports this
module with no need of them.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_mkdocs_log = logging.getLogger("mkdocs.structure.pages")


class SharedPageParser:
    """``Page.render`` for every page of one build, with one reset parser."""

    def __init__(self, config: MkDocsConfig, extensions: list[Any] | None = None,
                 configs: dict[str, Any] | None = None) -> None:
        """``extensions`` and ``configs`` default to the configuration's (the patch path, which
        runs no ``on_config``, passes the plugin's additions itself)."""
        self.config = config
        self.extensions, self.configs = extensions, configs
        self._md: markdown.Markdown | None = None

    def _parser(self) -> markdown.Markdown:
        if self._md is None:  # read at the first page: the plugins' on_config has added theirs
            extensions = self.config["markdown_extensions"] if self.extensions is None else self.extensions
            configs = (self.config["mdx_configs"] or {}) if self.configs is None else self.configs
            self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        return self._md

    def attach(self, page: Page) -> None:
        """Route this page's ``render`` (called once by MkDocs) to the shared parser."""
        # One instance's method is replaced (MkDocs calls page.render); mypy forbids it for methods.
        page.render = lambda config, files: self.render(page, files)  # type: ignore[method-assign]

    def render(self, page: Page, files: Files) -> None:
        """What ``Page.render`` does, on the shared parser."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._parser()
        md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, self.config)
        anchors._register(md)
        links = mkdocs_pages._RelativePathTreeprocessor(page.file, files, self.config)
        links._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)

        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if _mkdocs_log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links.links_to_anchors
