"""Data-file check: every kind of bad input is a Vietnamese problem with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.content.site import check_site
from sitekit import settings_of
from infographic_helpers import load, write_data

GOOD = """
title: Tiến độ triển khai Kế hoạch 106-KH/TU
kind: progress
as_of: "2023-03-27 17:00"
source: "Nguồn: Văn phòng Thành ủy"
figures:
  - label: Đảng ủy trực thuộc đã ban hành kế hoạch
    done: 14
    total: 16
"""

NUMBERS = """
title: Sơ kết 5 năm Nghị quyết 43-NQ/TW
kind: numbers
as_of: "2024-03-13"
source: "Nguồn: Văn phòng Thành ủy"
figures:
  - label: Đã hoàn thành
    value: 21.5
    unit: "%"
"""

TIMELINE = """
title: Các mốc sơ kết giữa nhiệm kỳ
kind: timeline
as_of: "2023-03-29"
source: "Nguồn: Văn phòng Thành ủy"
figures:
  - date: "2023-01-27"
    label: Kế hoạch 106-KH/TU
"""

CASES = [
    # (name, yaml, field, line, words in the message)
    ("missing-title", GOOD.replace("title: Tiến độ triển khai Kế hoạch 106-KH/TU\n", ""), "title", 1, "Thiếu trường"),
    ("done-gt-total", GOOD.replace("done: 14", "done: 17"), "figures[1].done", 7, "lớn hơn tổng số"),
    ("negative", GOOD.replace("done: 14", "done: -2"), "figures[1]", 6, "không được âm"),
    ("wrong-type", GOOD.replace("done: 14", "done: mười bốn"), "figures[1].done", 7, "một số nguyên"),
    ("zero-total", GOOD.replace("done: 14", "done: 0").replace("total: 16", "total: 0"), "figures[1].total", 8,
     "lớn hơn 0"),
    ("future-as-of", GOOD.replace("2023-03-27 17:00", "2099-03-27 17:00"), "as_of", 3, "tương lai"),
    ("bad-date", GOOD.replace("2023-03-27 17:00", "27-03-2023 17:00"), "as_of", 3, "Không đọc được"),
    ("bad-kind", GOOD.replace("kind: progress", "kind: pie"), "kind", 2, "không hợp lệ"),
    ("unknown-field", GOOD.replace("kind: progress", "kind: progress\ncolour: red"), "colour", 3, "không được hỗ trợ"),
    ("percent-over-100", NUMBERS.replace("value: 21.5", "value: 121.5"), "figures[1].value", 7, "lớn hơn 100"),
    ("negative-value", NUMBERS.replace("value: 21.5", "value: -3"), "figures[1].value", 7, "Giá trị âm"),
    ("decimal-comma", NUMBERS.replace("value: 21.5", "value: 21,5"), "figures[1].value", 7, "một số"),
    ("range-reversed", NUMBERS.replace("value: 21.5", "value: 10\n    max: 9"), "figures[1].max", 8, "Cận trên"),
    ("future-milestone", TIMELINE.replace("2023-01-27", "2099-01-27"), "figures[1].date", 6, "tương lai"),
    ("impossible-date", TIMELINE.replace("2023-01-27", "2023-02-30"), "figures[1].date", 6, "không có thật"),
    ("emoji", GOOD.replace("106-KH/TU", "106-KH/TU 🎉"), "title", 1, "không vẽ được"),
    ("cjk", GOOD.replace("đã ban hành", "đã ban hành 計劃"), "figures[1].label", 6, "U+8A08"),
    ("target-missing", NUMBERS.replace("kind: numbers", "kind: target"), "target", 1, "Thiếu trường"),
]


@pytest.mark.parametrize("name,text,field,line,words", CASES, ids=[c[0] for c in CASES])
def test_bad_data_is_a_problem_with_file_line_and_field(tmp_path: Path, name: str, text: str, field: str,
                                                        line: int, words: str) -> None:
    info, problems = load(write_data(tmp_path, name, text))
    assert info is None
    match = [p for p in problems if p.field == field]
    assert match, [p.format() for p in problems]
    assert match[0].line == line, match[0].format()
    assert words in match[0].message
    assert match[0].file == f"{name}.yml" and match[0].hint


def test_decimal_comma_hint_explains_the_dot(tmp_path: Path) -> None:
    _, problems = load(write_data(tmp_path, "x", NUMBERS.replace("value: 21.5", "value: 21,5")))
    assert "dấu chấm" in problems[0].hint


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    _, problems = load(write_data(tmp_path, "x", GOOD.replace("total: 16", "total: [16")))
    assert problems and problems[0].line is not None and "YAML" in problems[0].message


def test_file_name_must_be_an_ascii_id(tmp_path: Path) -> None:
    _, problems = load(write_data(tmp_path, "Tiến độ", GOOD))
    assert "mã infographic" in problems[0].message


def test_good_data_loads(tmp_path: Path) -> None:
    info, problems = load(write_data(tmp_path, "tien-do", GOOD))
    assert problems == [] and info is not None
    assert info.fractions[0].text() == "14/16"


def test_site_check_reports_data_and_unknown_embeds(project: Path) -> None:
    folder = project / "docs" / "_data" / "infographics"
    write_data(folder, "hong", GOOD.replace("done: 14", "done: 20"))
    page = project / "docs" / "tien-do" / "index.md"
    page.write_text("# Tiến độ\n\nĐoạn mở đầu.\n\n::infographic khong-co-that\n\n```\n::infographic trong-code\n```\n",
                    encoding="utf-8")
    report = check_site(settings_of(project)).report
    text = report.format()
    assert "docs/_data/infographics/hong.yml:7" in text and "lớn hơn tổng số" in text
    unknown = [p for p in report.errors if "khong-co-that" in p.message]
    assert len(unknown) == 1 and unknown[0].file == "docs/tien-do/index.md" and unknown[0].line == 5
    assert not [p for p in report.errors if "trong-code" in p.message]


def test_default_site_checks_clean() -> None:
    root = Path(__file__).resolve().parent.parent
    report = check_site(settings_of(root)).report
    assert report.ok, report.format()


def test_embed_line_followed_by_text_still_embeds() -> None:
    import markdown

    from microsite.markdown.infographic_embed import InfographicExtension, find_embeds

    text = "Mở đầu.\n\n::infographic tien-do\nCâu tiếp theo ngay dưới.\n"
    html = markdown.markdown(text, extensions=[InfographicExtension(render=lambda i: f"<figure>{i}</figure>")])
    assert "<figure>tien-do</figure>" in html and "<p>Câu tiếp theo ngay dưới.</p>" in html
    assert find_embeds(text) == [(3, "tien-do")]
    missing = markdown.markdown("::infographic khong-co", extensions=[InfographicExtension(render=lambda i: None)])
    assert "Không tìm thấy infographic" in missing
