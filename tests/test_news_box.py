"""Partners' news boxes: the feed's newest public articles as small script-free pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from microsite.adapter.runner import BuildFailed, build
from microsite.syndication.newsbox import BOX_ITEMS
from microsite.text.press import TIMEZONE
from sitekit import copy_project, soup, write_article

NOW = datetime(2023, 4, 16, 8, 0, tzinfo=TIMEZONE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("boxes") / "project", with_posts=False)
    for day in range(1, 11):
        write_article(project, f"tin-{day:02d}", title=f"Tin ngày {day} tháng 4 về sơ kết",
                      date=f"2023-04-{day:02d} 08:00",
                      channels=["drt"] if day % 2 else ["dang-bo"],
                      tags=["Nghị quyết 43-NQ/TW"] if day <= 3 else [])
    write_article(project, "nhap", title="Tin nháp không được vào hộp tin", date="2023-04-12 08:00",
                  status="draft", reviewer=None)
    return build(project, now=NOW)


def titles(page: Path) -> list[str]:
    doc = soup(page)
    assert doc.find_all("script") == [] and doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    links = doc.select(".ms-box__list a")
    assert all(a["target"] == "_blank" and a["rel"] == ["noopener"] for a in doc.select("a"))
    for a in links:
        assert (page.parent / a["href"] / "index.html").resolve().is_file(), a["href"]
    return [a.get_text(strip=True) for a in links]


def test_site_box_lists_the_newest_public_articles(site: Path) -> None:
    assert titles(site / "nhung" / "tin-moi" / "index.html") == \
        [f"Tin ngày {d} tháng 4 về sơ kết" for d in range(10, 10 - BOX_ITEMS, -1)]


def test_channel_and_section_boxes_select_like_their_feeds(site: Path) -> None:
    assert titles(site / "nhung" / "kenh" / "drt" / "index.html") == \
        [f"Tin ngày {d} tháng 4 về sơ kết" for d in (9, 7, 5, 3, 1)]
    assert titles(site / "nhung" / "nghi-quyet-43" / "index.html") == \
        [f"Tin ngày {d} tháng 4 về sơ kết" for d in (3, 2, 1)]
    assert titles(site / "nhung" / "kenh" / "bao-da-nang" / "index.html") == []
    assert "Chưa có tin bài." in soup(site / "nhung" / "kenh" / "bao-da-nang" / "index.html").get_text()


def test_press_page_shows_each_box_snippet(site: Path) -> None:
    text = soup(site / "bao-chi" / "index.html").get_text()
    for path in ("nhung/tin-moi/", "nhung/kenh/dang-bo/", "nhung/nghi-quyet-43/"):
        assert f'<iframe src="https://so-ket-giua-nhiem-ky.example/{path}" title="Tin mới – ' in text, path


def test_a_partner_that_is_no_origin_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", with_posts=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "embed_partners: []", "embed_partners: [https://baodanang.vn/tin-tuc]"), "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project)
    assert 'embed_partners: "https://baodanang.vn/tin-tuc" không phải là địa chỉ gốc' in str(failed.value)
