"""Ids an editor gives (attr_list, raw HTML): well formed, unique on the page, never the theme's."""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.adapter.runner import project_settings
from microsite.content.problems import Problem
from microsite.validation.ids import check_ids, theme_ids
from microsite.validation.source import BodySource

from sitekit import ROOT, html_files, soup

SETTINGS = project_settings(ROOT)  # the default site's Markdown and theme folders


def _problems(body: str) -> list[Problem]:
    src = BodySource(Path("/x.md"), "docs/x.md", body, first_line=10, setup=SETTINGS.markdown)
    return check_ids(src, SETTINGS.theme_dirs)


def test_theme_ids_are_read_from_materials_templates_and_the_package_theme() -> None:
    theme = theme_ids(SETTINGS.theme_dirs)
    assert {"__search", "__drawer", "__toc", "__consent", "__config"} <= theme.exact
    assert {"dang-lai", "ms-search-q", "ms-republish-text"} <= theme.exact  # the package's theme
    assert "__palette_" in theme.prefixes and "ms-embed-" in theme.prefixes
    for reserved in ("__search", "__palette_1", "__nav_2_3", "__anything", "ms-embed-tien-do", "dang-lai"):
        assert theme.reserves(reserved), reserved
    for free in ("tim-kiem", "ket-qua", "dang", "ms-khac"):
        assert not theme.reserves(free), free


def test_every_id_the_theme_writes_on_a_built_page_is_reserved(default_site: Path) -> None:
    """Read the other way round: ids of a built page outside its Markdown content."""
    theme = theme_ids(project_settings(default_site.parent).theme_dirs)
    seen: set[str] = set()
    for path in html_files(default_site):
        page = soup(path)
        for content in page.select(".md-content__inner"):
            content.decompose()
        seen |= {el["id"] for el in page.find_all(id=True)}
    assert "__search" in seen and "__drawer" in seen
    assert sorted(i for i in seen if not theme.reserves(i)) == []


@pytest.mark.parametrize("body", [
    "## Kết quả {: #ket-qua }\n\nĐoạn.\n{: #doan-1 }",
    "<span id=\"muc-a\">a</span> và <div id=\"muc-b\">b</div>",
    "```\n<p id=\"Sai_Dang\">trong khối mã</p>\n{: #__search }\n```",
    "Chú thích[^1].\n\n[^1]: Nội dung chú thích.",
    "## Tổng quan\n\n## Tổng quan\n\n## Tổng quan {: #tong-quan-3 }",
    "<div markdown id=\"khung\">\n\n**đậm**\n\n</div>",
    "`{: #__search }` viết trong mã",
])
def test_well_formed_unique_ids_pass(body: str) -> None:
    assert _problems(body) == []


@pytest.mark.parametrize("body, line, says", [
    ("Mở đầu.\n\n## Mục {: #__search }", 12, "\"__search\" là mã riêng của giao diện"),
    ("## Mục {#__drawer}", 10, "\"__drawer\" là mã riêng"),
    ("<p id=\"__toc\">x</p>", 10, "\"__toc\" là mã riêng"),
    ("Đoạn.\n{: #dang-lai }", 11, "\"dang-lai\" là mã riêng"),
    ("![Ảnh](anh/a.jpg){: #ms-embed-tien-do }", 10, "\"ms-embed-tien-do\" là mã riêng"),
    ("## Mục {: #Ket_Qua }", 10, "\"Ket_Qua\" không hợp lệ"),
    ("## Mục {: #1-muc }", 10, "\"1-muc\" không hợp lệ"),
    ("Đoạn <span id=\"kết-quả\">x</span>", 10, "\"kết-quả\" không hợp lệ"),
    ("[Liên kết](#a){: #Lien-Ket }", 10, "\"Lien-Ket\" không hợp lệ"),
    ("## A {: #muc }\n\n## B {: #muc }", 12, "\"muc\" dùng 2 lần"),
    ("<div markdown id=\"khung\">\n\nx\n\n</div>\n\nĐoạn.\n{: #khung }", 17, "\"khung\" dùng 2 lần"),
    ("Đoạn.\n{: #ket-qua }\n\n## Kết quả", 11, "trùng với mã tự đặt cho một tiêu đề"),
    ("::infographic tien-do\n\n## Mục {: #infographic-tien-do }", 12, "trùng với mã của infographic nhúng"),
])
def test_bad_ids_are_refused_with_line_and_fix(body: str, line: int, says: str) -> None:
    problems = _problems(body)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert says in problem.message and problem.line == line and problem.field == "nội dung", problem
    assert problem.hint and "\"" in problem.hint
    assert "→ Cách sửa:" in problem.format()


def test_suggested_fix_is_itself_accepted() -> None:
    problem, = _problems("## A {: #Ket_Qua }\n\n## B {: #ket-qua }")
    suggested = problem.hint.split("\"")[1]
    assert suggested == "ket-qua-2"
    assert _problems(f"## A {{: #{suggested} }}\n\n## B {{: #ket-qua }}") == []
