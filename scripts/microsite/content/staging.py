"""Write the normalised form of an article for the site engine to read.

Site engines re-read source files themselves (Material's blog plugin opens the
file directly), so the adapter hands them a staged copy: NFC text, dates as
real timestamps in Vietnam time, an explicit ASCII slug. The editor's file is
never modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import Article

# libyaml when available (10x faster over thousands of articles), same output.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Fields the theme reads from the ``Article`` (typed, checked), not from the engine's meta.
ENGINE_HIDDEN = ("updates", "withdrawn", "related")

# Theme template for article pages (extends the engine's post template).
ARTICLE_TEMPLATE = "article.html"


def engine_meta(article: Article) -> dict[str, Any]:
    """Front matter for the engine: the editor's fields, with typed dates and slug."""
    meta = dict(article.meta)
    meta["date"] = article.date  # aware (+07:00): engines must not assume UTC
    if article.updated:
        meta["date"] = {"created": article.date, "updated": article.updated}
        meta.pop("updated", None)
    for key in ENGINE_HIDDEN:
        meta.pop(key, None)
    meta["slug"] = article.slug
    meta["description"] = article.summary
    meta["template"] = ARTICLE_TEMPLATE
    return meta


def staged_source(article: Article) -> str:
    header = yaml.dump(engine_meta(article), Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
    return f"---\n{header}---\n\n{article.body.lstrip()}"


def stage(article: Article, cache_dir: Path) -> Path:
    """Write the staged copy the engine reads (``cache_dir/staging/<the article's path>``), for
    the build and for the patch path alike; its path."""
    staged = cache_dir / "staging" / article.rel_path
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_text(staged_source(article), encoding="utf-8")
    return staged
