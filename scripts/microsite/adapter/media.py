"""MkDocs glue for video and audio; the checks, player and outputs live in ``microsite.media``.

- on_config: register ``::video``/``::audio`` with the checked media (``SiteContent.media``);
- on_files: drop transcript files (``NAME.md`` beside a media file) from the pages, add the
  poster frame of each video the editor gave none;
- on_page_markdown: remember the page, so the player's URLs are relative to it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, cast

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from markdown import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..config import SiteSettings
from ..markdown.media_embed import MediaExtension
from ..content.model import Article
from ..media.embed import docs_path, lead_video_line, parse_line, player_html
from ..media.model import VIDEO, MediaItem
from ..media.poster import frame_jpeg


def fingerprint(items: dict[str, MediaItem]) -> str:
    """Everything of the media that shows in a page's HTML (the render cache's salt reads it
    through the extension's configuration)."""
    return hashlib.sha256(repr(sorted(items.items())).encode("utf-8")).hexdigest()


class MediaGlue:
    def __init__(self) -> None:
        self.items: dict[str, MediaItem] = {}
        self.settings: SiteSettings | None = None
        self.files: Files | None = None
        self.page_src = ""
        self.page_url = ""

    def configure(self, config: MkDocsConfig, settings: SiteSettings, items: dict[str, MediaItem]) -> None:
        self.settings, self.items, self.files = settings, dict(items), None
        extension = MediaExtension(render=self._render, fingerprint=fingerprint(self.items))
        cast("list[str | Extension]", config.markdown_extensions).append(extension)

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings
        transcripts = {item.transcript_file for item in self.items.values() if item.transcript_file}
        for file in list(files):
            if file.src_uri in transcripts:
                files.remove(file)
        for item in self.items.values():
            if item.poster and not item.poster_given and files.get_file_from_path(item.poster) is None:
                frame = frame_jpeg(self.settings.docs_dir / item.src, item.duration,
                                   self.settings.cache_dir / "media" / "posters")
                if frame is not None:
                    files.append(File.generated(config, item.poster, content=frame))
        self.files = files
        return files

    def enter_page(self, page: Page) -> None:
        self.page_src, self.page_url = page.file.src_uri, page.url

    def _url(self, rel: str) -> str:
        return get_relative_url(self._site_url(rel), self.page_url)

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {"lead_video": self._lead_video}

    @pass_context
    def _lead_video(self, context: Context, article: Article | None) -> Markup:
        """``{{ article | lead_video }}``: the front matter's video above the text, in place of
        the lead photo; empty when there is none."""
        page = context.get("page")
        line = lead_video_line(article) if article is not None else ""
        parsed = parse_line(line) if line else None
        if page is None or parsed is None or article is None:
            return Markup("")
        item = self.items.get(docs_path(article.rel_path, parsed[1]))
        if item is None or item.kind != VIDEO:
            return Markup("")
        def url(rel: str) -> str:
            return get_relative_url(self._site_url(rel), page.url)

        return Markup(f'<div class="ms-lead ms-lead--video">{player_html(item, article.title, url)}</div>')

    def _site_url(self, rel: str) -> str:
        file = self.files.get_file_from_path(rel) if self.files is not None else None
        return file.url if file else rel

    def _render(self, kind: str, src: str, title: str) -> str | None:
        item = self.items.get(docs_path(self.page_src, src))
        if item is None or item.kind != kind:
            return None
        return player_html(item, title, self._url)
