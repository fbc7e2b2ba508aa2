"""Every site-level option in one typed place.

The MkDocs adapter fills this from the plugin's options in ``mkdocs.yml``; the core
never reads MkDocs config objects, so a move to another site engine only has to
fill the same dataclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .content.site_config import SiteConfig


@dataclass(frozen=True, eq=False)
class MarkdownSetup:
    """The Markdown extensions the site engine parses every page with, as plain data.

    ``extensions`` are extension names in the engine's order (mkdocs.yml
    ``markdown_extensions`` after MkDocs' built-ins), ``configs`` their options by name;
    option values may be Python objects (``!!python/name:`` in mkdocs.yml). The check
    parses bodies with exactly these plus the project's own (``markdown.site_extensions``),
    so a body means the same to the check and to the build. Compared by identity: the
    check keeps one parser per setup."""

    extensions: tuple[str, ...] = ()
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


BARE_MARKDOWN = MarkdownSetup()  # no engine configuration: Python-Markdown alone


@dataclass(frozen=True)
class SiteSettings:
    docs_dir: Path
    site_name: str = ""
    site_url: str = ""
    blog_dir: str = "tin-tuc"
    categories: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"
    cache_dir: Path = field(default=Path(".cache/microsite"))
    # Injected "now" (plugin option `now` / MICROSITE_NOW); None = real time. See content/clock.py.
    now: datetime | None = None
    # The engine's Markdown configuration; none given: bare Python-Markdown plus the project's own.
    markdown: MarkdownSetup = BARE_MARKDOWN
    # The theme's template folders, most specific first (mkdocs.yml custom_dir, then the theme's):
    # their element ids are reserved on every page (validation.ids).
    theme_dirs: tuple[Path, ...] = ()
    # The campaign (channels, resolution sections, identity), checked (content/site_config.py);
    # publisher, licence and categories above are the same values.
    site: SiteConfig = field(default_factory=SiteConfig)
    # Largest article or page in KB (plugin option max_article_kb; content/limits.py).
    max_article_kb: int = 1024
    # Largest video or audio file the check accepts, in MB (plugin option ``media_max_mb``).
    media_max_mb: int = 200
    # The line every article must have between its lead and the rest (the blog engine stops
    # the build without it: Material's ``post_excerpt: required``); "" when none is required.
    lead_separator: str = ""

    @property
    def posts_dir(self) -> Path:
        return self.docs_dir / self.blog_dir / "posts"

    @classmethod
    def from_options(cls, docs_dir: Path, options: dict[str, Any], **extra: Any) -> SiteSettings:
        """Build from a plain dict of options (unknown keys are the caller's concern)."""
        known = {k: v for k, v in options.items() if k in cls.__dataclass_fields__}
        if "categories" in known:
            known["categories"] = tuple(known["categories"])
        if "cache_dir" in known:
            known["cache_dir"] = Path(known["cache_dir"])
        if "theme_dirs" in known:
            known["theme_dirs"] = tuple(Path(d) for d in known["theme_dirs"])
        return cls(docs_dir=Path(docs_dir), **known, **extra)
