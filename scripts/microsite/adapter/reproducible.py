"""Same input, same bytes: pin the build date that MkDocs writes into its output.

MkDocs stamps ``sitemap.xml`` (``<lastmod>``) and the gzip header of
``sitemap.xml.gz`` with the build time unless ``SOURCE_DATE_EPOCH`` is set
(reproducible-builds.org). We derive it from the content itself — the newest
article date, update or withdrawal — so a rebuild of unchanged content is byte-identical and
the date still moves forward when content changes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from ..content.model import Article
from ..text.press import TIMEZONE

ENV = "SOURCE_DATE_EPOCH"
# For a site without any article yet: a fixed date (24-1-2019), the same for every build.
FALLBACK = datetime(2019, 1, 24, tzinfo=TIMEZONE)


def content_epoch(articles: list[Article]) -> int:
    """Seconds since 1970 of the newest date or update among ``articles``."""
    stamps = [a.updated or a.date for a in articles] + [a.date for a in articles]
    stamps += [a.withdrawn.date for a in articles if a.withdrawn]
    return int(max(stamps, default=FALLBACK).timestamp())


@contextmanager
def pinned_build_date(articles: list[Article]) -> Iterator[int]:
    """Set ``SOURCE_DATE_EPOCH`` for one build (unless the caller already set it), then restore."""
    before = os.environ.get(ENV)
    epoch = int(before) if before and before.isdigit() else content_epoch(articles)
    os.environ[ENV] = str(epoch)
    try:
        yield epoch
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before
