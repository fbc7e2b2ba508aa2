"""Time the campaign work per build: data check, plan matching, related news, withheld files.

Prints numbers only (no assertions): ``.venv/bin/python bench/campaign.py [N_ARTICLES]``.
Synthetic articles are core objects; the data files are the default site's.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from microsite.campaign import render
from microsite.campaign.data import load_campaign
from microsite.campaign.plan import plan_status
from microsite.campaign.related import articles_for_tag, public_articles
from microsite.adapter.runner import project_settings
from microsite.content.model import Article, Status
from microsite.content.publication import withheld_files
from microsite.text.press import TIMEZONE

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = ["bao-da-nang", "dang-bo", "drt", "cong-ttdt"]


def synthetic(n: int) -> list[Article]:
    start = datetime(2023, 4, 1, 8, tzinfo=TIMEZONE)
    out = []
    for i in range(n):
        status = [Status.APPROVED, Status.APPROVED, Status.REVIEW, Status.DRAFT][i % 4]
        out.append(Article(
            path=ROOT / "docs" / "tin-tuc" / "posts" / f"bai-{i}.md", rel_path=f"tin-tuc/posts/bai-{i}.md",
            title=f"Bài thử {i}", date=start + timedelta(hours=7 * i), authors=["Ban Biên tập"],
            channels=[CHANNELS[i % 4]], categories=["Sơ kết giữa nhiệm kỳ"],
            tags=["Nghị quyết 43-NQ/TW"] if i % 3 == 0 else ["Kế hoạch 106-KH/TU"], summary="Tóm tắt bài thử.",
            status=status, slug=f"bai-{i}", body=f"Mở đầu.\n\n![Ảnh](anh/bai-{i}.jpg)\n",
            reviewer="Tổ Biên tập" if status is Status.APPROVED else None))
    return out


def timed(label: str, fn, repeat: int = 5):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<42} {best * 1000:8.2f} ms")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    now = datetime(2024, 1, 1, tzinfo=TIMEZONE)
    settings = dataclasses.replace(project_settings(ROOT), now=now)
    articles = synthetic(n)
    print(f"{n} synthetic articles; data files from {settings.docs_dir}")
    data, problems = timed("load + check campaign data files", lambda: load_campaign(settings))
    public = public_articles(articles, now)
    channels = settings.site.channels
    statuses = timed("plan_status", lambda: plan_status(data.plan, public, now, channels))
    timed("render plan page", lambda: render.plan_markdown(data.plan, statuses, now, "tien-do/x.md", channels))
    related = timed("articles_for_tag", lambda: articles_for_tag(articles, "Nghị quyết 43-NQ/TW", now))
    timed("render related news", lambda: render.related_markdown(related, "nghi-quyet-43/x.md", "feed.json"))
    hidden = [a for a in articles if not a.is_public(now)]
    withheld = timed("withheld_files", lambda: withheld_files(hidden, public, [], settings.docs_dir))
    print(f"problems={len(problems)} public={len(public)} related={len(related)} withheld={len(withheld)}")


if __name__ == "__main__":
    main()
