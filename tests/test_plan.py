"""Communication plan (Kế hoạch tuyên truyền): planned items matched against published articles."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from campaignkit import article as _article
from sitekit import settings_of, soup, write_article
from microsite.campaign.plan import ItemState, Plan, PlanItem, load_plan, plan_status
from microsite.content.site import check_site
from microsite.text.press import TIMEZONE

NOW = datetime(2023, 5, 1, 8, 0, tzinfo=TIMEZONE)
PLAN = {
    "start": "2023-04-01",
    "items": [
        {"channel": "bao-da-nang", "title": "Mở chuyên mục riêng trên Báo Đà Nẵng", "due": "2023-04-15"},
        {"channel": "bao-da-nang", "title": "Bài phản ánh tiến độ sơ kết", "due": "2023-04-20",
         "tag": "Kế hoạch 106-KH/TU"},
        {"channel": "drt", "title": "Mở chuyên mục riêng trên sóng DRT", "due": "2023-04-15"},
        {"channel": "cong-ttdt", "title": "Infographic kết quả Nghị quyết 43-NQ/TW", "due": "2023-05-31",
         "tag": "Nghị quyết 43-NQ/TW"},
        {"channel": "dang-bo", "title": "Tin về chuyên đề chuyên sâu", "due": "2023-04-10",
         "article": "tin-chuyen-de"},
    ],
}


def _plan_project(project: Path) -> Path:
    data = project / "docs" / "_data" / "ke-hoach-tuyen-truyen.yml"
    data.write_text(yaml.safe_dump(PLAN, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Opens the Báo Đà Nẵng column on time (any article on the channel after the start).
    write_article(project, "mo-chuyen-muc", title="Báo Đà Nẵng mở chuyên mục sơ kết", date="2023-04-03 08:00",
                  channels=["bao-da-nang"], tags=["Kế hoạch 106-KH/TU"])
    # Same channel and tag but late: the only candidate left for the tagged item.
    write_article(project, "phan-anh-tien-do", title="Phản ánh tiến độ ở các đảng ủy", date="2023-04-25 08:00",
                  channels=["bao-da-nang"], tags=["Kế hoạch 106-KH/TU"])
    # DRT: only a draft and an article from before the plan started -> late.
    write_article(project, "drt-nhap", title="Bản nháp chuyên mục DRT", date="2023-04-05 08:00",
                  channels=["drt"], status="draft", reviewer=...)
    write_article(project, "drt-cu", title="Tin DRT trước kế hoạch", date="2023-03-20 08:00", channels=["drt"])
    # Explicit slug on dang-bo, on time.
    write_article(project, "chuyen-de", title="Giao mười chuyên đề chuyên sâu", slug="tin-chuyen-de",
                  date="2023-04-08 08:00", channels=["dang-bo"])
    return project


def test_plan_page_shows_done_late_and_pending(project: Path, build_site, tmp_path: Path) -> None:
    site = build_site(_plan_project(project), tmp_path / "site", now=NOW)
    page = soup(site / "tien-do" / "ke-hoach-tuyen-truyen" / "index.html")
    rows = {}
    for tr in page.select("article table tbody tr"):
        cells = tr.find_all("td")
        rows[cells[0].get_text(strip=True)] = (cells[2].get_text(strip=True), cells[3])
    assert rows["Mở chuyên mục riêng trên Báo Đà Nẵng"][0] == "Đã đăng đúng hạn"
    assert "Báo Đà Nẵng mở chuyên mục" in rows["Mở chuyên mục riêng trên Báo Đà Nẵng"][1].get_text()
    assert rows["Bài phản ánh tiến độ sơ kết"][0] == "Đã đăng, muộn hạn"
    assert rows["Mở chuyên mục riêng trên sóng DRT"][0] == "Trễ hạn, chưa đăng"
    assert rows["Infographic kết quả Nghị quyết 43-NQ/TW"][0] == "Chưa đến hạn"
    assert rows["Tin về chuyên đề chuyên sâu"][0] == "Đã đăng đúng hạn"
    link = rows["Tin về chuyên đề chuyên sâu"][1].a["href"]
    assert link.endswith("/tin-chuyen-de/")
    assert (site / "tien-do" / "ke-hoach-tuyen-truyen" / link / "index.html").resolve().is_file()
    late = page.find(id="viec-tre-han").find_next("ul").get_text(" ", strip=True)
    assert "Mở chuyên mục riêng trên sóng DRT" in late and "Báo Đà Nẵng mở" not in late
    summary = page.select_one(".ms-plan-summary").get_text(" ", strip=True)
    assert "Trễ hạn, chưa đăng: 1" in summary and "Đã đăng đúng hạn: 2" in summary
    assert "Bản nháp chuyên mục DRT" not in page.get_text()


def test_late_depends_on_the_clock(project: Path, build_site, tmp_path: Path) -> None:
    early = build_site(_plan_project(project), tmp_path / "early", now=datetime(2023, 4, 12, tzinfo=TIMEZONE))
    text = soup(early / "tien-do" / "ke-hoach-tuyen-truyen" / "index.html").get_text(" ", strip=True)
    assert "Trễ hạn, chưa đăng: 0" in text and "12-4-2023" in text


def test_one_article_meets_at_most_one_item() -> None:
    items = (PlanItem("drt", "Mục một", date(2023, 4, 10)), PlanItem("drt", "Mục hai", date(2023, 4, 20)))
    plan = Plan(date(2023, 4, 1), items, None, "x")
    one = plan_status(plan, [_article("a", 5, ["drt"])], NOW)
    assert [s.state for s in one] == [ItemState.ON_TIME, ItemState.LATE]
    two = plan_status(plan, [_article("a", 5, ["drt"]), _article("b", 22, ["drt"])], NOW)
    assert [s.state for s in two] == [ItemState.ON_TIME, ItemState.LATE_DONE]


def test_tag_matching_ignores_case_and_composition() -> None:
    item = PlanItem("drt", "Phóng sự", date(2023, 4, 30), tag="nghị quyết 43-nq/tw")
    decomposed = "Nghi\u0323 quyê\u0301t 43-NQ/TW"
    assert item.matches(_article("a", 5, ["drt"], [decomposed]))
    assert not item.matches(_article("a", 5, ["bao-da-nang"], [decomposed]))


def test_default_plan_is_valid_and_covers_the_four_channels() -> None:
    root = Path(__file__).resolve().parent.parent
    plan, problems = load_plan(root / "docs" / "_data" / "ke-hoach-tuyen-truyen.yml", "x")
    assert problems == [] and plan is not None
    assert {i.channel for i in plan.items} == {"bao-da-nang", "dang-bo", "drt", "cong-ttdt"}
    assert plan.start == date(2023, 4, 1)


@pytest.mark.parametrize(("item", "field", "needle"), [
    ({"channel": "vtv", "title": "Mục thử", "due": "2023-04-10"}, "items[1].channel", "không hợp lệ"),
    ({"channel": "drt", "title": "Mục thử", "due": "10/4/2023"}, "items[1].due", "Không đọc được ngày"),
    ({"channel": "drt", "title": "Mục thử", "due": "2023-03-10"}, "items[1].due", "trước ngày bắt đầu"),
    ({"channel": "drt", "title": "Mục thử", "due": "2023-04-10", "tag": "A1", "article": "b"}, "items[1]",
     "Chỉ dùng một"),
    ({"channel": "drt", "due": "2023-04-10"}, "items[1].title", "Thiếu trường"),
])
def test_bad_plan_items_are_errors(project: Path, item: dict, field: str, needle: str) -> None:
    data = project / "docs" / "_data" / "ke-hoach-tuyen-truyen.yml"
    data.write_text(yaml.safe_dump({"start": "2023-04-01", "items": [item]}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    report = check_site(settings_of(project, now=NOW)).report
    problem = next(p for p in report.errors if p.field == field)
    assert problem.file == "docs/_data/ke-hoach-tuyen-truyen.yml" and needle in problem.message
    assert problem.line is not None and problem.line >= 3 and problem.hint
