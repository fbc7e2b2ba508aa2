"""Fuzz the check: random bytes, random YAML and random Markdown never crash it.

Whatever an editor's file contains, the answer is a ``Report`` (problems with a
file and, where known, a line), never a traceback. Hypothesis runs derandomised
so CI is repeatable; failures print the smallest input that broke it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microsite.adapter.runner import project_settings
from microsite.config import SiteSettings
from microsite.content.problems import Report
from microsite.content.site import check_site

from sitekit import front_matter

FUZZ = settings(max_examples=100, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["2023-02-30 10:00", "2023-03-29 18:11", "draft", "approved", "dang-bo", "~", "*x", "&a"]),
)
yaml_values = st.recursive(yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)
field_names = st.sampled_from(sorted(front_matter()) + ["image", "slug", "pin", "updated", "x"])
markdown_bits = st.sampled_from([
    "[a](", "](", "![", "<script>", "</script>", "<a href='javascript:x'>", "<iframe src=//x>", "<img src=",
    "onload=", "\n", "\n\n", "```", "`", "<!-- more -->", "../", "/", ".md", "#", "ngày 31-4-2023", "{: onclick=x }",
    "<style>", "<div markdown>", "</div>", "&#106;avascript:", "\t", "\x00", "NghÞ", "Ñaø", "[^1]", "[^1]: x",
])


@pytest.fixture
def site(project: Path) -> SiteSettings:
    return project_settings(project)


def _check(site: SiteSettings, data: bytes) -> Report:
    (site.posts_dir / "fuzz.md").write_bytes(data)
    report = check_site(site).report
    assert isinstance(report, Report)
    for problem in report.problems:
        assert problem.file.endswith("fuzz.md") and problem.message
        report.format()
    return report


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_the_check(site: SiteSettings, data: bytes) -> None:
    report = _check(site, data)
    assert not report.ok  # random bytes are never a valid article


@FUZZ
@given(header=st.dictionaries(field_names, yaml_values, max_size=8))
def test_random_yaml_front_matter_never_crashes_the_check(site: SiteSettings, header: dict) -> None:
    text = yaml.safe_dump(header, allow_unicode=True)
    _check(site, f"---\n{text}---\n\nThân bài.\n".encode())


@FUZZ
@given(fields=st.dictionaries(field_names, yaml_values, max_size=4))
def test_valid_article_with_random_fields_replaced_never_crashes(site: SiteSettings, fields: dict) -> None:
    text = yaml.safe_dump(front_matter(**fields), allow_unicode=True)
    _check(site, f"---\n{text}---\n\nMở đầu.\n\n<!-- more -->\n\nThân.\n".encode())


@FUZZ
@given(raw=st.text(max_size=300))
def test_random_text_as_yaml_never_crashes_the_check(site: SiteSettings, raw: str) -> None:
    _check(site, f"---\n{raw}\n---\n\nThân bài.\n".encode("utf-8", "surrogatepass"))


@FUZZ
@given(bits=st.lists(st.one_of(markdown_bits, st.text(max_size=8)), max_size=40))
def test_random_markdown_body_never_crashes_the_check(site: SiteSettings, bits: list[str]) -> None:
    text = yaml.safe_dump(front_matter(), allow_unicode=True)
    _check(site, f"---\n{text}---\n\nMở đầu.\n\n<!-- more -->\n\n{''.join(bits)}\n".encode("utf-8", "surrogatepass"))


# -- the check's fast reading of Markdown's own HTML (validation.source) ------------------

MARKDOWN_ONLY = [
    "[x](javascript:alert(1)) and [y](jav&#x09;ascript:x) and [z](a.md?x=1&copy=2)",
    "<user@example.com> and <https://example.com/?a=1&b=2>",
    "Đoạn văn &amp; chữ\n{: onclick=\"x()\" style=\"color: red\" data-x='a&amp;b' title=\"&lt;x&gt;\" }\n\n"
    "## Tiêu đề {: #id .lop }",
    "![Ảnh \"trích\"](../anh/a.png \"Tiêu đề & chú thích\"){: width=\"10\" onerror=\"x\" }",
    "*[HĐND]: Hội đồng <nhân> dân\n\nHĐND họp.",
    "Câu[^1].\n\n[^1]: Chú thích có [liên kết](../a.md).",
    "| A | B |\n|:--|--:|\n| `<script>` | **đậm** |",
    "!!! note \"Lưu ý\"\n    Nội dung <!-- chú thích -- trong đoạn -->",
    "??? info \"Chi tiết\"\n    Ẩn",
    "Mở đầu.\n\n<!-- more -->\n\nTiếp theo &copy &amp; &#0; &unknown; < 3 > 2",
    "[a][ref]\n\n[ref]: <https://example.com/x y> \"t\"",
]


@pytest.mark.parametrize("body", MARKDOWN_ONLY)
def test_markdown_only_bodies_are_read_without_the_parser_and_the_same(body: str) -> None:
    from microsite.validation.source import BodySource, parse_html, serializer_start_tags

    src = BodySource(Path("/x.md"), "docs/x.md", body)
    html = src.html
    assert src._markdown_only is True, html
    assert serializer_start_tags(html) == parse_html(html), html
    assert [(e.tag, e.attrs) for e in src.elements] == \
        [(tag, tuple((k, v or "") for k, v in attrs)) for tag, attrs in parse_html(html)]


@pytest.mark.parametrize("body", ["<b onclick=x>a</b>", "<div markdown>\n*x*\n</div>", "```\n<script>\n```",
                                  "a <!-- x --><img src=x onerror=y>", "<?php x ?>"])
def test_bodies_with_raw_html_go_through_the_parser(body: str) -> None:
    from microsite.validation.source import BodySource

    assert BodySource(Path("/x.md"), "docs/x.md", body + "\n\nvăn bản").html
    assert BodySource(Path("/x.md"), "docs/x.md", body + "\n\nvăn bản")._markdown_only is False


@FUZZ
@given(bits=st.lists(st.one_of(markdown_bits, st.text(max_size=8), st.sampled_from(MARKDOWN_ONLY)), max_size=30))
def test_the_fast_reading_never_differs_from_the_parser(bits: list[str]) -> None:
    """Any body: either the fast reading declines (None) or it equals the parser's."""
    from microsite.validation.source import BodySource, parse_html, serializer_start_tags

    src = BodySource(Path("/x.md"), "docs/x.md", "".join(bits))
    html = src.html
    fast = serializer_start_tags(html) if src._markdown_only else None
    assert fast is None or fast == parse_html(html), html
