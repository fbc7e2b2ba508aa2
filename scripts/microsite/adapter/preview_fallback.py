"""A broken file breaks only itself: the preview keeps serving the last good build.

While the content has errors, the page made from a broken file answers with the error page
(500), and every other page is served from the last good build with a Vietnamese banner
naming the files at fault (``workspace/error_page.preview_banner``). Which page a file makes
is recorded from each good build's files (:func:`page_urls`); a file that never built (new,
or a data file) has no page of its own, so every page stays up. Without any good build yet,
every page is the error page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from mkdocs.structure.files import Files

_BODY = re.compile(rb"<body[^>]*>", re.I)


def page_urls(files: Files, docs_dir: Path) -> dict[str, str]:
    """The URL path (``/tin-tuc/2023/03/29/bai/``) of each page, by its source as the check
    names files (``docs/tin-tuc/posts/bai.md``)."""
    return {f"{docs_dir.name}/{file.src_uri}": "/" + file.url for file in files.documentation_pages()}


def request_url(path: str, mount_path: str) -> str:
    """A request's path as :func:`page_urls` writes it (``.../index.html`` -> ``.../``)."""
    rel = path[len(mount_path):] if path.startswith(mount_path) else path.lstrip("/")
    rel = posixpath.normpath("/" + rel) + ("/" if rel.endswith("/") and rel.strip("/") else "")
    if rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return rel


def broken_urls(error_files: Iterable[str], urls: Mapping[str, str]) -> frozenset[str]:
    """The pages made from the files with errors (by the last good build)."""
    return frozenset(urls[file] for file in error_files if file in urls)


def with_banner(html: bytes, banner: bytes) -> bytes:
    """``banner`` first in the page's body (the whole page after it, as the last good build wrote it)."""
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + banner + html[at:]
