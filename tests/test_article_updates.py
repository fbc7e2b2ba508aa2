"""Corrections and updates (front matter ``updates:``): checked, shown, and announced to partners."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from microsite.adapter.runner import build
from microsite.cli import main
from microsite.text.press import TIMEZONE
from sitekit import copy_project, field_shown, soup, write_article
from syndication_helpers import errors, jsonfeed_validator, ninjs_validator

NOW = datetime(2023, 4, 16, 8, 0, tzinfo=TIMEZONE)
ATOM = "{http://www.w3.org/2005/Atom}"
UPDATES = [
    {"date": "2023-04-02 09:00", "kind": "dinh-chinh", "note": "Sửa số đảng ủy đã ban hành kế hoạch: 14/16."},
    {"date": "2023-03-30 07:15", "kind": "cap-nhat", "note": "Bổ sung kết luận của Phó Bí thư Thường trực."},
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("updates") / "project", with_posts=False)
    write_article(project, "dinh-chinh", title="Tiến độ sơ kết giữa nhiệm kỳ đã được đính chính",
                  updates=UPDATES)
    write_article(project, "khong-sua", title="Bài chưa sửa lần nào sau khi đăng", date="2023-03-28 10:00")
    return build(project, now=NOW)


def _page(site: Path) -> Path:
    return site / "tin-tuc" / "2023" / "03" / "29" / "tien-do-so-ket-giua-nhiem-ky-da-duoc-dinh-chinh" / "index.html"


def test_updates_are_shown_oldest_first_in_press_style(site: Path) -> None:
    box = soup(_page(site)).select_one("aside.ms-updates")
    assert box is not None
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in box.select("li")]
    assert items == [
        "Cập nhật lúc 07:15, ngày 30-3-2023 : Bổ sung kết luận của Phó Bí thư Thường trực.",
        "Đính chính lúc 09:00, ngày 2-4-2023 : Sửa số đảng ủy đã ban hành kế hoạch: 14/16.",
    ]
    assert box.select("time")[1]["datetime"] == "2023-04-02T09:00:00+07:00"


def test_article_without_updates_has_no_box(site: Path) -> None:
    page = site / "tin-tuc" / "2023" / "03" / "28" / "bai-chua-sua-lan-nao-sau-khi-dang" / "index.html"
    assert soup(page).select("aside.ms-updates") == []


def test_newest_update_is_the_modified_time_everywhere(site: Path) -> None:
    newest = "2023-04-02T09:00:00+07:00"
    ld = json.loads(soup(_page(site)).find("script", type="application/ld+json").string)
    assert ld["datePublished"] == "2023-03-29T18:11:00+07:00"
    assert ld["dateModified"] == newest
    assert ld["correction"] == [{"@type": "CorrectionComment", "text": UPDATES[0]["note"],
                                 "datePublished": newest}]

    feed = json.loads((site / "feed.json").read_text("utf-8"))
    assert errors(jsonfeed_validator(), feed) == []
    item = next(i for i in feed["items"] if "dinh-chinh" in i["url"])
    assert (item["date_published"], item["date_modified"]) == ("2023-03-29T18:11:00+07:00", newest)

    atom = etree.fromstring((site / "atom.xml").read_bytes())
    entry = next(e for e in atom.iter(f"{ATOM}entry") if "dinh-chinh" in e.findtext(f"{ATOM}id"))
    assert entry.findtext(f"{ATOM}updated") == newest
    assert atom.findtext(f"{ATOM}updated") == newest  # the feed's own time: its newest change

    doc = json.loads((_page(site).parent / "ninjs.json").read_text("utf-8"))
    assert errors(ninjs_validator(), doc) == []
    assert (doc["versionCreated"], doc["version"]) == (newest, "3")


# (updates, field named, fragments of the message)
BAD = [
    ([{"date": "2023-03-29 08:00", "kind": "cap-nhat", "note": "Sửa trước khi đăng."}],
     "updates[1].date", ["sớm hơn lúc đăng bài"]),
    ([{"date": "2023-04-01 08:00", "kind": "cap-nhat", "note": "Bổ sung ý kiến."},
      {"date": "2023-05-01 08:00", "kind": "dinh-chinh", "note": "Ghi trước một đính chính."}],
     "updates[2].date", ["chưa đến"]),
    ([{"date": "2023-04-31 08:00", "kind": "cap-nhat", "note": "Ngày không có thật."}],
     "updates[1].date", ["tháng 4"]),
    ([{"date": "2023-04-01 08:00", "kind": "sua-loi", "note": "Sai loại."}],
     "updates[1].kind", ['"sua-loi"', "cap-nhat", "dinh-chinh"]),
    ([{"date": "2023-04-01 08:00", "kind": "cap-nhat", "note": ""}],
     "updates[1].note", ["Quá ngắn"]),
    ([{"date": "2023-04-01 08:00", "kind": "cap-nhat"}],
     "updates[1].note", ["Thiếu trường bắt buộc \"note\""]),
]


@pytest.mark.parametrize(("updates", "field", "fragments"), BAD, ids=[b[1] + ":" + b[2][0] for b in BAD])
def test_bad_updates_are_refused_by_file_line_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        updates: list[dict[str, str]], field: str, fragments: list[str]) -> None:
    monkeypatch.setenv("MICROSITE_NOW", "2023-04-16T08:00")
    project = copy_project(tmp_path / "project", with_posts=False)
    path = write_article(project, "bai-sua", updates=updates)
    code = main(["check", "-d", str(project)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1
    lines = path.read_text("utf-8").splitlines()
    index = int(field.split("[")[1].split("]")[0])
    start = [i for i, text in enumerate(lines, start=1) if text.startswith("- date:")][index - 1]
    key = field.rsplit(".", 1)[1]
    # The item's own line for the key, or the item's first line when the key is missing.
    expected = next((i for i in range(start, start + 3) if lines[i - 1].lstrip("- ").startswith(f"{key}:")), start)
    shown = field_shown("docs/tin-tuc/posts/bai-sua.md", field)
    assert f"docs/tin-tuc/posts/bai-sua.md:{expected}: lỗi: {shown}" in output, output
    for fragment in fragments:
        assert fragment in output, output
