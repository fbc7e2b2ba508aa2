"""Progress tracker (Tiến độ): figures from the data files, trend, and errors for bad data."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from sitekit import ROOT, settings_of, soup
from microsite.campaign.tracker import load_snapshots
from microsite.content.site import check_site
from microsite.text.press import TIMEZONE

DATA = ROOT / "docs" / "_data" / "tien-do"
NOW = datetime(2023, 4, 20, 8, 0, tzinfo=TIMEZONE)


def _rows(page: Path) -> dict[str, list[str]]:
    table = soup(page).select_one("article table")
    return {tr.th.get_text(strip=True) if tr.th else tr.td.get_text(strip=True):
            [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}


def test_default_tracker_shows_the_data_files_figures(default_site: Path) -> None:
    data = yaml.safe_load((DATA / "2023-03-27.yml").read_text("utf-8"))
    page = default_site / "tien-do" / "index.html"
    text = soup(page).select_one("article").get_text(" ", strip=True)
    assert "Số liệu tính đến 17 giờ ngày 27-3-2023" in text
    rows = {cells[0]: cells[1:] for cells in
            ([td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in
             soup(page).select("article table tbody tr"))}
    expected = {"Đảng ủy trực thuộc Thành ủy đã ban hành kế hoạch triển khai": ("14/16", "87,5%"),
                "Xã, phường đã ban hành kế hoạch và triển khai sơ kết": ("56/56", "100%"),
                "Nhiệm vụ cấp thành phố đã hoàn thành": ("3/11", "27,3%")}
    for ind in data["indicators"]:
        cells = rows[ind["label"]]
        if "done" in ind:
            assert cells[0] == f"{ind['done']}/{ind['total']}" == expected[ind["label"]][0]
            assert cells[1] == expected[ind["label"]][1]
        else:
            assert cells[0].startswith(str(ind["total"]))
    city = rows["Nhiệm vụ cấp thành phố đã hoàn thành"][2]
    assert "Hoàn thành: 3" in city and "Đang thực hiện: 8" in city
    bars = soup(page).select("article .ms-bar > span")
    assert [b["style"] for b in bars] == ["width:87.5%", "width:100%", "width:27.3%"]


def _tracker_project(project: Path) -> Path:
    folder = project / "docs" / "_data" / "tien-do"
    second = yaml.safe_load((folder / "2023-03-27.yml").read_text("utf-8"))
    second["as_of"] = "2023-04-10 17:00"
    second["source"] = "Nguồn: số liệu thử nghiệm cho lần cập nhật thứ hai."
    second["indicators"][0]["done"] = 16
    second["indicators"][2]["done"] = 5
    second["indicators"][2]["tasks"] = [{"status": "hoan-thanh", "count": 5},
                                        {"status": "dang-thuc-hien", "count": 6}]
    (folder / "2023-04-10.yml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    return project


def test_several_snapshots_show_latest_and_trend(project: Path, build_site, tmp_path: Path) -> None:
    site = build_site(_tracker_project(project), tmp_path / "site", now=NOW)
    page = soup(site / "tien-do" / "index.html")
    assert "Số liệu tính đến 17 giờ ngày 10-4-2023" in page.select_one(".ms-asof").get_text(" ", strip=True)
    trend = page.select("article table")[1]
    head = [th.get_text(strip=True) for th in trend.select("thead th")]
    assert head[1:] == ["17 giờ ngày 27-3-2023", "17 giờ ngày 10-4-2023"]
    row = next(tr for tr in trend.select("tbody tr") if "Đảng ủy trực thuộc" in tr.get_text())
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")][1:] == ["14/16", "16/16"]
    assert page.find(id="dien-bien-qua-cac-lan-cap-nhat") is not None
    # One figure, one source: the progress infographic on the same page draws from the same
    # (latest) snapshot as the tracker: its data table, alt text and date say 16/16 on 10-4-2023.
    figure = page.select_one("figure#infographic-tien-do-theo-cap, figure[id$='tien-do-theo-cap']")
    cells = [td.get_text(" ", strip=True) for td in figure.select(".infographic-data tbody tr")[0].find_all("td")]
    assert "16" in cells and "14" not in cells, cells
    assert "16/16" in figure.img["alt"] or "16 trên 16" in figure.img["alt"], figure.img["alt"]
    assert "10-4-2023" in figure.figcaption.get_text(" ", strip=True)


def _infographic(project: Path, figures: str, extra: str = "") -> list[str]:
    path = project / "docs" / "_data" / "infographics" / "tien-do-theo-cap.yml"
    path.write_text("title: Các cấp triển khai sơ kết giữa nhiệm kỳ\nkind: progress\n"
                    f"source: \"Nguồn: Tổ Biên tập sơ kết giữa nhiệm kỳ\"\n{extra}figures:\n{figures}", encoding="utf-8")
    report = check_site(settings_of(project, now=NOW)).report
    return [p.format() for p in report.errors]


def test_a_progress_infographic_takes_its_numbers_from_the_latest_snapshot(project: Path) -> None:
    from microsite.infographics.site_check import load_all

    _tracker_project(project)
    assert _infographic(project, "  - label: Đảng ủy\n    indicator: dang-uy-truc-thuoc\n"
                                 "  - indicator: xa-phuong\n") == []
    info = next(i for i in load_all(settings_of(project, now=NOW), NOW)[0] if i.id == "tien-do-theo-cap")
    assert [(f.label, f.done, f.total) for f in info.fractions] == [
        ("Đảng ủy", 16, 16), ("Xã, phường đã ban hành kế hoạch và triển khai sơ kết", 56, 56)]
    assert info.as_of == datetime(2023, 4, 10, 17, 0, tzinfo=TIMEZONE)


@pytest.mark.parametrize("figures, extra, says", [
    ("  - label: Đảng ủy\n    indicator: khong-co\n", "", 'không có chỉ tiêu "khong-co"'),
    ("  - label: Đảng ủy\n    indicator: dang-uy-truc-thuoc\n    done: 14\n", "", "hai nguồn"),
    ("  - label: Đảng ủy\n    indicator: dang-uy-truc-thuoc\n", 'as_of: "2023-03-27 17:00"\n', "khác thời điểm"),
    ("  - label: Chuyên đề\n    indicator: chuyen-de-chuyen-sau\n", "", "chỉ có tổng số"),
])
def test_two_sources_for_one_figure_are_refused(project: Path, figures: str, extra: str, says: str) -> None:
    _tracker_project(project)
    errors = _infographic(project, figures, extra)
    assert len(errors) == 1 and says in errors[0] and "tien-do-theo-cap.yml" in errors[0], errors


BAD_CASES = {
    "done-over-total": ("  - key: a\n    label: Chỉ tiêu A\n    done: 17\n    total: 16\n", 6, "indicators[1].done",
                        "lớn hơn tổng số"),
    "negative": ("  - key: a\n    label: Chỉ tiêu A\n    done: -1\n    total: 16\n", 6, "indicators[1].done",
                 "không được âm"),
    "tasks-mismatch": ("  - key: a\n    label: Chỉ tiêu A\n    done: 3\n    total: 11\n    tasks:\n"
                       "      - status: hoan-thanh\n        count: 3\n      - status: dang-thuc-hien\n        count: 7\n",
                       8, "indicators[1].tasks", "cộng lại được 10"),
    "bad-status": ("  - key: a\n    label: Chỉ tiêu A\n    total: 11\n    tasks:\n      - status: xong\n",
                   8, "indicators[1].tasks[1].status", "không hợp lệ"),
    "missing-total": ("  - key: a\n    label: Chỉ tiêu A\n    done: 3\n", 4, "indicators[1].total", "Thiếu trường"),
    "typo-field": ("  - key: a\n    label: Chỉ tiêu A\n    total: 3\n    tong: 4\n", 7, "indicators[1].tong",
                   "không được hỗ trợ"),
}


def _check(project: Path, text: str, name: str = "bad.yml"):
    folder = project / "docs" / "_data" / "tien-do"
    shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    return check_site(settings_of(project, now=NOW)).report


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_impossible_or_malformed_figures_are_errors(project: Path, case: str) -> None:
    body, line, field, message = BAD_CASES[case]
    report = _check(project, f'as_of: "2023-03-27 17:00"\nsource: Nguồn thử nghiệm\nindicators:\n{body}')
    assert not report.ok
    problem = next(p for p in report.errors if p.field == field)
    assert problem.file == "docs/_data/tien-do/bad.yml"
    assert problem.line == line and message in problem.message and problem.hint


def test_future_or_unreadable_as_of_is_an_error(project: Path) -> None:
    body = "source: Nguồn thử nghiệm\nindicators:\n  - key: a\n    label: Chỉ tiêu A\n    total: 1\n"
    future = _check(project, 'as_of: "2023-05-01 17:00"\n' + body)
    assert [(p.field, p.line) for p in future.errors] == [("as_of", 1)]
    assert "chưa đến" in future.errors[0].message
    garbled = _check(project, 'as_of: "27/3/2023"\n' + body)
    assert garbled.errors[0].field == "as_of" and garbled.errors[0].hint


def test_broken_yaml_names_the_line(project: Path) -> None:
    report = _check(project, 'as_of: "2023-03-27 17:00"\nsource: Nguồn\nindicators:\n  - key: a\n   label: x\n')
    assert report.errors[0].file == "docs/_data/tien-do/bad.yml" and report.errors[0].line in (4, 5)
    assert "Tệp dữ liệu" in report.errors[0].message


def test_bad_data_stops_the_build(project: Path, build_site, tmp_path: Path) -> None:
    _check(project, 'as_of: "2023-03-27 17:00"\nsource: Nguồn thử nghiệm\nindicators:\n' + BAD_CASES["negative"][0])
    from microsite.adapter.runner import BuildFailed

    with pytest.raises(BuildFailed):
        build_site(project, tmp_path / "site", now=NOW)


def test_snapshots_sorted_oldest_first(project: Path) -> None:
    _tracker_project(project)
    snaps, problems = load_snapshots(project / "docs" / "_data" / "tien-do", project, NOW)
    assert problems == []
    assert [s.as_of.day for s in snaps] == [27, 10]
    assert snaps[-1].indicator("nhiem-vu-cap-thanh-pho").done == 5


def test_two_files_with_the_same_as_of_are_an_error(project: Path) -> None:
    folder = project / "docs" / "_data" / "tien-do"
    shutil.copy(folder / "2023-03-27.yml", folder / "2023-03-27-ban-sao.yml")
    report = check_site(settings_of(project, now=NOW)).report
    problem = next(p for p in report.errors if "Trùng thời điểm" in p.message)
    assert problem.field == "as_of" and problem.line == 4
