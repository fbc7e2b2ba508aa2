"""Resolved paths, memoised for the length of one check.

``Path.resolve`` calls ``lstat`` on every component of the path; checking a site
resolved the same docs folder and the same files thousands of times (17% of the
whole check of 500 articles). ``check_site`` calls ``forget`` first, so a
long-running ``microsite serve`` never keeps a stale answer from one build to the next.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def real(path: Path) -> Path:
    """``path.resolve()``, computed once per check."""
    return path.resolve()


def forget() -> None:
    real.cache_clear()
