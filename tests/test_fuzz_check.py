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
    _check(site, f"---\n{text}---\n\nThân bài.\n".encode("utf-8"))


@FUZZ
@given(fields=st.dictionaries(field_names, yaml_values, max_size=4))
def test_valid_article_with_random_fields_replaced_never_crashes(site: SiteSettings, fields: dict) -> None:
    text = yaml.safe_dump(front_matter(**fields), allow_unicode=True)
    _check(site, f"---\n{text}---\n\nMở đầu.\n\n<!-- more -->\n\nThân.\n".encode("utf-8"))


@FUZZ
@given(raw=st.text(max_size=300))
def test_random_text_as_yaml_never_crashes_the_check(site: SiteSettings, raw: str) -> None:
    _check(site, f"---\n{raw}\n---\n\nThân bài.\n".encode("utf-8", "surrogatepass"))


@FUZZ
@given(bits=st.lists(st.one_of(markdown_bits, st.text(max_size=8)), max_size=40))
def test_random_markdown_body_never_crashes_the_check(site: SiteSettings, bits: list[str]) -> None:
    text = yaml.safe_dump(front_matter(), allow_unicode=True)
    _check(site, f"---\n{text}---\n\nMở đầu.\n\n<!-- more -->\n\n{''.join(bits)}\n".encode("utf-8", "surrogatepass"))
