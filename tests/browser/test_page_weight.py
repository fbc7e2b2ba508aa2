"""Page weight budget: an article's first visit stays under 120 KB compressed (bytes, not time).

Chromium loads a real article page with an empty cache; every response body is
counted at its gzip size (what any web server sends): HTML, CSS, JS and fonts.
Images are outside the budget but must be lazy and carry width and height.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from weight import measure, newest_article, search_for  # noqa: E402

BUDGET = 120 * 1024
SEARCH_BUDGET = 300 * 1024
LONG_BODY = "\n\n".join(
    ["Đoạn mở đầu bài viết dài về đô thị thông minh ở Đà Nẵng.", "<!-- more -->",
     "| Quận | Việc |\n|---|---:|\n| Hải Châu | 3 |",
     "![Ảnh minh họa hoạt động](../anh/minh-hoa.png){ width=\"800\" height=\"450\" loading=lazy }"]
    + [f"## Phần {i}\n\n" + " ".join(["Thành phố tiếp tục triển khai nghị quyết đại hội các cấp "
                                        "với nhiều cách làm mới, *bảo đảm chất lượng*."] * 12)
       for i in range(1, 7)])


def test_article_first_visit_and_first_search_fit_budgets(project: Path, build_site, page) -> None:
    from PIL import Image

    import browserkit as browser_helpers
    import sitekit as site_helpers

    (project / "docs" / "tin-tuc" / "anh").mkdir(parents=True)
    Image.new("RGB", (800, 450), (200, 0, 0)).save(project / "docs" / "tin-tuc" / "anh" / "minh-hoa.png")
    site_helpers.write_article(project, "bai-dai", LONG_BODY, title="Bài viết dài để đo dung lượng trang")
    site = build_site(project)
    server = browser_helpers.serve(site)
    try:
        visit, search = measure(page, server.url + newest_article(site), search_for("do thi thong minh"))
    finally:
        server.httpd.shutdown()
    counted = visit.without_images()
    assert any(r.url.endswith(".woff2") for r in counted.resources), "fonts count and must load"
    assert any(r.url.endswith(".css") for r in counted.resources)
    assert counted.gzip <= BUDGET, counted.table()
    assert any("search-index/shards/" in r.url for r in search.resources)
    assert search.gzip <= SEARCH_BUDGET, search.table()
    img = page.locator(".md-content img").first
    assert img.get_attribute("loading") == "lazy"
    assert img.get_attribute("width") == "800" and img.get_attribute("height") == "450"


def test_fonts_swap_and_are_subset(default_site: Path) -> None:
    css = (default_site / "assets" / "stylesheets" / "microsite.css").read_text("utf-8")
    assert css.count("font-display: swap") == css.count("@font-face") > 0
    fonts = sorted((default_site / "assets" / "fonts").glob("*.woff2"))
    assert fonts and all(f.stat().st_size < 20 * 1024 for f in fonts), [(f.name, f.stat().st_size) for f in fonts]
