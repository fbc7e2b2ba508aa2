"""Time the partner-reuse outputs on a site with many articles; prints numbers, asserts nothing.

Usage: .venv/bin/python bench/syndication.py [N_ARTICLES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from syndication_helpers import copy_project, write_article  # noqa: E402

from microsite.adapter import syndication  # noqa: E402
from microsite.adapter.runner import build  # noqa: E402

BODY = """Đoạn mở đầu có 14/16 đảng ủy và 21,5% chỉ tiêu của HĐND.

<!-- more -->

## Nội dung

![Cầu Rồng](anh/cau-rong.png)

Thân bài ngày 24-1-2019, nhiệm kỳ 2020–2025.
"""


def main(count: int) -> None:
    timings = {"collect": 0.0, "page_context": 0.0, "write": 0.0}
    for name in timings:
        original = getattr(syndication.SyndicationAdapter, name)

        def timed(self, *args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            result = _original(self, *args, **kwargs)
            timings[_name] += time.perf_counter() - start
            return result

        setattr(syndication.SyndicationAdapter, name, timed)
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "project", with_posts=False)
        images = project / "docs" / "tin-tuc" / "posts" / "anh"
        images.mkdir(parents=True)
        Image.new("RGB", (1600, 900), (20, 60, 120)).save(images / "cau-rong.png")
        for i in range(count):
            write_article(project, f"bai-{i}", BODY, title=f"Bài số {i} về sơ kết giữa nhiệm kỳ",
                          date=f"2023-03-{i % 28 + 1:02d} 08:{i % 60:02d}", channels=["dang-bo", "drt"],
                          image={"src": "anh/cau-rong.png", "alt": "Cầu Rồng", "credit": "Hoàng Hiệp"})
        start = time.perf_counter()
        site = build(project)
        total = time.perf_counter() - start
        zips = list(site.rglob("bai-viet.zip"))
        print(f"articles: {count}; build: {total:.2f} s; syndication: collect {timings['collect']:.2f} s, "
              f"page context {timings['page_context']:.2f} s, write {timings['write']:.2f} s")
        for name in ("feed.xml", "atom.xml", "feed.json", "api/ninjs/index.json"):
            print(f"{name}: {(site / name).stat().st_size:,} bytes")
        sizes = sorted(z.stat().st_size for z in zips)
        print(f"press kits: {len(zips)}, median {sizes[len(sizes) // 2]:,} bytes")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
