"""``microsite new``: a draft article with every field present, so editors fill, not guess."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from ..config import SiteSettings
from ..text.normalize import nfc
from ..text.press import TIMEZONE
from ..text.slugs import slugify, unique_slug

# Optional fields, present but commented so a fresh draft passes the check.
OPTIONAL_FIELDS = """\
# Ảnh đại diện (bỏ dấu # ở 4 dòng dưới khi có ảnh):
# image:
#   src: anh/ten-anh.jpg
#   alt: Mô tả nội dung ảnh cho người khiếm thị
#   credit: TÊN TÁC GIẢ ẢNH
"""

TEMPLATE_BODY = """
Viết đoạn mở đầu (sapo) ở đây: ai, làm gì, khi nào, ở đâu.

<!-- more -->

## Nội dung chính

Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.
"""


def new_article(settings: SiteSettings, title: str, now: datetime | None = None) -> Path:
    """Create ``docs/<blog>/posts/<slug>.md`` as a draft and return its path."""
    title = nfc(title).strip()
    if not title:
        raise ValueError("Tiêu đề không được để trống.")
    now = (now or datetime.now(TIMEZONE)).astimezone(TIMEZONE)
    posts = settings.posts_dir
    posts.mkdir(parents=True, exist_ok=True)
    taken = {p.stem for p in posts.glob("*.md")}
    stem = unique_slug(slugify(title) or "bai-viet", taken)
    meta = {
        "title": title,
        "date": now.strftime("%Y-%m-%d %H:%M"),
        "authors": ["Tên tác giả"],
        "channels": [c.key for c in settings.site.channels[:1]],
        "categories": [settings.categories[0] if settings.categories else "Tin tức"],
        "tags": [],
        "summary": "Tóm tắt nội dung bài trong một đến hai câu (hiện ở trang danh sách và khi chia sẻ).",
        "source": f"Nguồn: {settings.publisher}" if settings.publisher else "Nguồn: ",
        "status": "draft",
        "reviewer": None,
    }
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    path = posts / f"{stem}.md"
    path.write_text(f"---\n{header}{OPTIONAL_FIELDS}---\n{TEMPLATE_BODY}", encoding="utf-8")
    return path
