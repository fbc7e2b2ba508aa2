"""Page markers: where a campaign block (tracker, plan, documents, related news) goes.

An editor places ``<!-- microsite:tien-do -->`` on a line of its own in a page; the
site engine's adapter replaces it with the block rendered from data. An HTML
comment stays invisible if a page is ever rendered without the adapter.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..content.problems import Problem

MARKER = re.compile(r"^[ \t]*<!--\s*microsite:([A-Za-z0-9_-]+)\s*-->[ \t]*$", re.MULTILINE)

BLOCKS = {
    "tien-do": "bảng tiến độ (docs/_data/tien-do/*.yml)",
    "ke-hoach-tuyen-truyen": "kế hoạch tuyên truyền (docs/_data/ke-hoach-tuyen-truyen.yml)",
    "van-ban": "danh mục văn bản (docs/_data/van-ban.yml)",
    "tin-lien-quan": "tin bài liên quan đến nghị quyết của mục (resolutions trong mkdocs.yml)",
    "hop-tin": "hộp tin mới nhất để các trang đối tác nhúng (mã <iframe>)",
    "podcast": "kênh podcast các bản tin âm thanh của trang (podcast.xml)",
    "trang-chu": "trang chủ chuyên đề (docs/_data/trang-chu.yml)",
}


def expand(markdown: str, render: Callable[[str], str]) -> str:
    """Replace each marker with ``render(name)``, set apart by blank lines."""
    return MARKER.sub(lambda m: f"\n\n{render(m.group(1))}\n\n", markdown)


RESOLUTION_BLOCKS = frozenset({"tin-lien-quan"})  # need a resolution section (``resolutions``)


def marker_problems(text: str, shown: str, resolutions: bool = True) -> list[Problem]:
    """Unknown block names would silently render nothing: report them, and the blocks of a
    resolution section on a site that has none (``resolutions`` false)."""
    out = []
    for match in MARKER.finditer(text):
        line = text[: match.start()].count("\n") + 1
        if not resolutions and match.group(1) in RESOLUTION_BLOCKS:
            out.append(Problem(shown, f"Khối \"{match.group(1)}\" cần một mục nghị quyết, nhưng trang chưa khai "
                               "báo mục nào.", line, None, "Khai báo mục trong mkdocs.yml (plugins → microsite → "
                               "resolutions) hoặc xoá dòng này."))
        if match.group(1) not in BLOCKS:
            choices = "; ".join(f"{k} ({v})" for k, v in BLOCKS.items())
            out.append(Problem(shown, f"Không có khối nội dung tên \"{match.group(1)}\".", line, None,
                               f"Dùng một trong: {choices}."))
    return out
