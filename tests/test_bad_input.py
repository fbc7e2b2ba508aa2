"""Bad-input corpus: every file in tests/bad_input/ is refused by name, file and line.

Each case is an article an editor could plausibly write (pasted HTML, mistyped
YAML, legacy encodings, broken links, oversized images...). The build must exit
non-zero with a Vietnamese message naming the file, the line and the field, and
must not write any site.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from microsite.adapter.runner import project_settings
from microsite.cli import main
from microsite.content.problems import Severity
from microsite.content.site import check_site

from sitekit import field_shown, write_article

CORPUS = Path(__file__).resolve().parent / "bad_input"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((CORPUS / "expected.yml").read_text("utf-8"))
POSTS = Path("docs/tin-tuc/posts")


def _place(project: Path, *names: str) -> None:
    posts = project / POSTS
    # Only the pictures the placed articles show (and the valid nho.png): the check names every
    # picture in docs/ the site cannot publish, shown on a page or not.
    (posts / "anh").mkdir(parents=True, exist_ok=True)
    used = {"nho.png"} | {img for name in names
                          for img in re.findall(r"anh/([\w.-]+)", (CORPUS / name).read_text("utf-8", "replace"))}
    for img in sorted(used):
        if (CORPUS / "anh" / img).is_file():
            shutil.copy(CORPUS / "anh" / img, posts / "anh" / img)
    for name in names:
        shutil.copy(CORPUS / name, posts / name)


def _expected_line(name: str) -> str:
    exp = EXPECTED[name]
    field = str(exp["field"]) if exp["field"] else ""
    what = f"{field_shown(str(POSTS / name), field)}: " if field else ""
    return f"{POSTS / name}:{exp['line']}: lỗi: {what}"


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_refuses_bad_input_by_name(name: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _place(project, name)
    out = project / "site"
    assert main(["build", "-d", str(project)]) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith(_expected_line(name))]
    assert lines, err
    assert any(str(EXPECTED[name]["says"]) in ln for ln in lines), err
    assert "→ Cách sửa:" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_every_problem_in_the_corpus_names_line_and_fix(project: Path) -> None:
    _place(project, *EXPECTED)
    report = check_site(project_settings(project)).report
    refused = {Path(p.file).name for p in report.errors if "/anh/" not in p.file}  # the pictures: named too
    assert refused == set(EXPECTED)
    for problem in report.problems:
        assert problem.line and problem.line >= 1, problem
        assert problem.hint, problem


def test_image_heavier_than_two_megabytes_is_refused(project: Path) -> None:
    anh = project / POSTS / "anh"
    anh.mkdir()
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    noise.save(anh / "nang.png")
    assert (anh / "nang.png").stat().st_size > 2 * 1024 * 1024
    path = write_article(project, "anh-nang", "Mở đầu.\n\n<!-- more -->\n\nẢnh:\n\n![Toàn cảnh](anh/nang.png)\n")
    line = path.read_text("utf-8").splitlines().index("![Toàn cảnh](anh/nang.png)") + 1
    errors = check_site(project_settings(project)).report.errors
    # the picture itself (every picture in docs/ is checked) and where the article shows it
    assert [(e.file.rsplit("/", 1)[-1], e.line) for e in errors] == [("nang.png", 1), ("anh-nang.md", line)]
    assert all("MB, quá lớn cho trang web" in e.message and "Thu nhỏ ảnh" in (e.hint or "") for e in errors)


def test_missing_alt_in_a_draft_is_a_warning_that_does_not_stop_the_build(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _place(project)
    write_article(project, "nhap", "Mở đầu.\n\n<!-- more -->\n\n![](anh/nho.png)\n", status="draft", reviewer=...)
    report = check_site(project_settings(project)).report
    assert report.ok
    assert [(w.field, w.severity) for w in report.warnings] == [("nội dung", Severity.WARNING)]
    assert main(["check", "-d", str(project)]) == 0
    out = capsys.readouterr().out
    assert "docs/tin-tuc/posts/nhap.md:" in out and "cảnh báo" in out and "thiếu mô tả (alt)" in out
    assert main(["build", "-d", str(project)]) == 0
    assert (project / "site" / "index.html").is_file()


def test_pages_outside_the_blog_are_checked_too(project: Path) -> None:
    page = project / "docs" / "tien-do" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nXem [lịch](lich-cu.md) và <span onmouseover=\"x()\">đây</span>.\n",
                    encoding="utf-8")
    errors = check_site(project_settings(project)).report.errors
    assert {(e.file, e.message.split(" ")[0]) for e in errors} == {
        ("docs/tien-do/index.md", "Liên"), ("docs/tien-do/index.md", "Thuộc")}
    last = len(page.read_text("utf-8").splitlines())
    assert {e.line for e in errors} == {last}


def test_valid_links_images_and_html_pass(project: Path) -> None:
    _place(project)
    body = """Mở đầu.

<!-- more -->

Xem [Nghị quyết 43](../../nghi-quyet-43/index.md), [trang chủ](/), [mục](/nghi-quyet-43/),
[bài khác](/tin-tuc/2023/03/29/bai-khac/), [chuyên mục](/tin-tuc/chuyen-muc/nghi-quyet-43/),
[Báo Đà Nẵng](https://baodanang.vn/), [thư](mailto:bbt@example.vn), [đầu bài](#noi-dung)
và chú thích[^1].

![Ảnh nhỏ](anh/nho.png)

<figure markdown>
![Ảnh trong figure](/tin-tuc/posts/anh/nho.png)
<figcaption>Chú thích ảnh</figcaption>
</figure>

| Cột | Số |
|:----|---:|
| a | 1 |

`<script>` trong mã nguồn là chữ, không phải thẻ. Ngày 29-2-2024 và 2023-03-29 có thật.

[^1]: Chú thích cuối trang.
"""
    write_article(project, "hop-le", body)
    write_article(project, "bai-khac", title="Bài khác về tiến độ sơ kết", slug="bai-khac")
    report = check_site(project_settings(project)).report
    assert report.problems == []
