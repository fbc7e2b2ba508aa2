"""`microsite check` refuses each kind of broken front matter and mojibake, naming file, line, field."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from sitekit import write_article
from microsite.cli import main

POST = "docs/tin-tuc/posts/bai-loi.md"


def run_check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "-d", str(project)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_valid_article_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_article(project, "bai-tot")
    code, output = run_check(project, capsys)
    assert code == 0, output
    assert "1 bài viết, không có lỗi" in output


def line_of(path: Path, key: str) -> int:
    """1-based line where ``key:`` (or a line starting with ``key``) is in the written file."""
    lines = path.read_text("utf-8").splitlines()
    prefix = key if key.startswith(("-", " ")) else f"{key}:"
    return next(i for i, text in enumerate(lines, start=1) if text.startswith(prefix))


# (description, fields override, key whose line the error names, expected fragments)
CASES = [
    ("missing title", {"title": ...}, None, ['trường "Tiêu đề" (title)', "Thiếu trường bắt buộc", "Cách sửa"]),
    ("wrong type", {"authors": "Thanh Thảo"}, "authors", ['trường "Tác giả" (authors)', "danh sách", "đoạn chữ"]),
    ("unknown channel", {"channels": ["vtv"]}, "- vtv", ['trường "Kênh đăng (mục 1)" (channels[1])', '"vtv"', "bao-da-nang",
                                                       "Báo Đà Nẵng"]),
    ("unknown category", {"categories": ["Thể thao"]}, "categories", ['trường "Chuyên mục" (categories)', '"Thể thao"',
                                                                     "Nghị quyết 43"]),
    ("approved without reviewer", {"reviewer": ...}, None, ['trường "Người thẩm định" (reviewer)', "Thiếu trường bắt buộc"]),
    ("bad status", {"status": "published"}, "status", ['trường "Trạng thái thẩm định" (status)', "draft, review, approved"]),
    ("date without time", {"date": "29/3/2023"}, "date", ['trường "Ngày giờ đăng" (date)', "29/3/2023", "2023-03-29 18:11"]),
    ("unknown field (typo)", {"catgories": ["x"]}, "catgories", ['trường "catgories"', "không được hỗ trợ"]),
    ("image missing", {"image": {"src": "anh/khong-co.jpg", "alt": "Ảnh cuộc họp", "credit": "NGỌC PHÚ"}},
     "  src", ['trường "Ảnh đại diện › Tệp ảnh" (image.src)', "Không tìm thấy tệp ảnh"]),
    ("image outside docs", {"image": {"src": "../../../../etc/passwd", "alt": "Ảnh cuộc họp", "credit": "A B"}},
     "  src", ['trường "Ảnh đại diện › Tệp ảnh" (image.src)', "ngoài thư mục docs"]),
    ("summary too short", {"summary": "Ngắn"}, "summary", ['trường "Tóm tắt" (summary)', "Quá ngắn"]),
]


@pytest.mark.parametrize(("desc", "fields", "key", "fragments"), CASES, ids=[c[0] for c in CASES])
def test_broken_front_matter_is_refused(project: Path, capsys: pytest.CaptureFixture[str], desc: str,
                                        fields: dict[str, object], key: str | None,
                                        fragments: list[str]) -> None:
    path = write_article(project, "bai-loi", **fields)
    code, output = run_check(project, capsys)
    assert code == 1, output
    assert POST in output
    if key is not None:
        assert f"{POST}:{line_of(path, key)}:" in output
    for fragment in fragments:
        assert fragment in output, (desc, output)


RAW_CASES = [
    ("malformed YAML", 'title: "Tiêu đề chưa đóng ngoặc\ndate: 2023-03-29 18:11\n', 2, ["không phải YAML hợp lệ"]),
    ("tab indentation", "title: Tiêu đề bài viết\nauthors:\n\t- Thanh Thảo\n", 4, ["không phải YAML hợp lệ", "Tab"]),
    ("duplicate key", "title: Tiêu đề một\ntitle: Tiêu đề hai\n", 3, ['trường "Tiêu đề" (title)', "hai lần"]),
    ("not a mapping", "- một\n- hai\n", 2, ["tên: giá trị"]),
]


@pytest.mark.parametrize(("desc", "header", "line", "fragments"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_malformed_yaml_is_refused(project: Path, capsys: pytest.CaptureFixture[str], desc: str,
                                   header: str, line: int, fragments: list[str]) -> None:
    write_article(project, "bai-loi", raw_header=header)
    code, output = run_check(project, capsys)
    assert code == 1
    assert f"{POST}:{line}:" in output, output
    for fragment in fragments:
        assert fragment in output, (desc, output)


def test_missing_front_matter(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / POST).write_text("# Chỉ có nội dung\n", encoding="utf-8")
    code, output = run_check(project, capsys)
    assert code == 1 and f"{POST}:1:" in output and "front matter" in output


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("TCVN3", "NghÞ quyÕt 43 vÒ x©y dùng vµ ph¸t triÓn thµnh phè"),
     ("VNI", "Thaønh phoá Ñaø Naüng ñaåy maïnh")],
)
def test_mojibake_is_refused(project: Path, capsys: pytest.CaptureFixture[str], encoding: str, text: str) -> None:
    write_article(project, "bai-loi", body=f"Mở đầu.\n\n<!-- more -->\n\n{text}\n")
    code, output = run_check(project, capsys)
    assert code == 1
    assert POST in output and encoding in output and "Unicode" in output


def test_mojibake_in_a_page_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "tien-do" / "index.md").write_text("# Tiến độ\n\nÑaø Naüng ñaåy maïnh\n", encoding="utf-8")
    code, output = run_check(project, capsys)
    assert code == 1 and "docs/tien-do/index.md:3:" in output and "VNI" in output


def test_non_utf8_file_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_article(project, "bai-loi")
    path.write_bytes(path.read_bytes() + "Ngh\u00de quy\u00d5t".encode("cp1252"))
    code, output = run_check(project, capsys)
    assert code == 1 and POST in output and "UTF-8" in output


def test_nfd_input_is_accepted_and_normalised(project: Path, capsys: pytest.CaptureFixture[str],
                                              build_site) -> None:
    title = "Đôn đốc tiến độ sơ kết ở Đà Nẵng"
    write_article(project, "bai-nfd", title=unicodedata.normalize("NFD", title))
    code, output = run_check(project, capsys)
    assert code == 0, output
    site = build_site(project)
    page = next(site.glob("tin-tuc/2023/03/29/*/index.html"))
    assert page.parent.name == "don-doc-tien-do-so-ket-o-da-nang"
    html = page.read_text("utf-8")
    assert f"<h1>{title}</h1>" in html
    assert unicodedata.normalize("NFD", title) not in html


def test_build_refuses_bad_content_and_keeps_previous_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_article(project, "bai-tot")
    assert main(["build", "-d", str(project)]) == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    write_article(project, "bai-loi", channels=["vtv"])
    capsys.readouterr()
    assert main(["build", "-d", str(project)]) == 1
    err = capsys.readouterr().err
    assert POST in err and "giữ nguyên" in err
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert before == after
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
