"""Helpers for the campaign tests: core ``Article`` objects without files or builds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from microsite.content.model import Article, Status
from microsite.text.press import TIMEZONE


def article(slug: str, day: int, channels: list[str], tags: list[str] | None = None) -> Article:
    """An approved, reviewed article dated ``day`` April 2023."""
    return Article(path=Path(f"/x/{slug}.md"), rel_path=f"tin-tuc/posts/{slug}.md", title=slug,
                   date=datetime(2023, 4, day, 8, tzinfo=TIMEZONE), authors=["A"], channels=channels,
                   categories=["Sơ kết giữa nhiệm kỳ"], tags=tags or [], summary="s", status=Status.APPROVED,
                   slug=slug, body="", reviewer="Tổ Biên tập")
