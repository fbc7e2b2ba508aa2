"""The project's own Markdown extensions, added to the engine's configured ones on every page.

The build (``adapter.plugin``) and the content check (``validation.source``) both parse
with the engine's extensions (``config.MarkdownSetup``) plus these, so that the two
read a body the same way. The ``::infographic`` embed is added separately by each: the
build renders figures, the check only notes which ones a page embeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markdown import Extension

from ..text.slugs import slugify
from .heading_ids import HeadingIdExtension
from .photos import Locate, PhotoExtension


def own_extensions(photos: Locate | None = None) -> list[Extension]:
    """ASCII heading ids; responsive body photos (``photos``: the build's file lookup; the
    check leaves images as written)."""
    return [HeadingIdExtension(), PhotoExtension(photos)]


def own_configs(configs: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """A copy of the engine's extension options with the project's slugify for ``toc``
    (Markdown's own drops "đ"; see ``text.slugs``)."""
    out = {name: dict(options) for name, options in configs.items()}
    out.setdefault("toc", {})["slugify"] = slugify
    return out
