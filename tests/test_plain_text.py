"""The plain-text shortcut (``microsite.markdown.plain_text``) never changes the HTML.

Documents are converted twice, with the site's Markdown extensions and with the
check's, once with the shortcut and once without, and must agree byte for byte:
random documents mixing Vietnamese prose with every inline and block syntax our
extensions know (hypothesis), every page of the default site and every bad-input
fixture. An inline pattern the shortcut does not know switches it off.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import SimpleTagInlineProcessor

from microsite.markdown import switched_off
from microsite.markdown.heading_ids import HeadingIdExtension
from microsite.markdown.plain_text import PlainTextExtension
from microsite.text.slugs import slugify
from microsite.validation import source

ROOT = Path(__file__).resolve().parent.parent

SITE_EXTENSIONS = ["abbr", "attr_list", "admonition", "footnotes", "tables", "md_in_html", "toc",
                   "pymdownx.details", "pymdownx.superfences"]
SITE_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Liên kết đến mục này", "slugify": slugify}}


def site_parser(shortcut: bool) -> markdown.Markdown:
    extensions: list[object] = [*SITE_EXTENSIONS, HeadingIdExtension()]
    if shortcut:
        extensions.append(PlainTextExtension())
    return markdown.Markdown(extensions=extensions, extension_configs=SITE_CONFIGS)


def check_parser(shortcut: bool) -> markdown.Markdown:
    """The site's extensions with the option the check sets differently (table alignment)."""
    extensions: list[object] = [*SITE_EXTENSIONS] + ([PlainTextExtension()] if shortcut else [])
    return markdown.Markdown(extensions=extensions, extension_configs={**SITE_CONFIGS, **source.CHECK_OPTIONS})


PARSERS = {"site": (site_parser(False), site_parser(True)), "check": (check_parser(False), check_parser(True))}

WORDS = ["Ủy ban", "nhân dân", "thành phố", "Đà Nẵng", "UBND", "HĐND", "Nghị quyết", "43-NQ/TW", "14/16",
         "2020–2025", "7,5%", "đô thị thông minh", "x", "a_b", "snake_case_word", "3 * 4", "cá*"]
SYNTAX = ["*", "**", "_", "__", "***", "`", "``", "\\", "\\*", "[", "]", "(", ")", "!", "<", ">", "&", "&amp;",
          "&#1234;", "{", "}", "{: #id }", "{ .lop }", "#", "## ", "|", "-", "1. ", "* ", "> ", "  \n", "\n",
          "\n\n", "    ", "\t", "<div>", "</div>", "<div markdown>", "<span>", "</span>", "<b>x</b>",
          "<!-- more -->", "<!--", "-->", "[^1]", "\n\n[^1]: Chú thích.", "\n\n*[UBND]: Ủy ban nhân dân",
          "\n\n*[HĐND]: Hội đồng nhân dân", "[liên kết](../a.md)", "[tham chiếu][nq]", "\n\n[nq]: ../nq.md",
          "![ảnh](anh/a.jpg)", "![ảnh][hinh]", "\n\n[hinh]: anh/b.png", "<https://example.org/>",
          "<ban@example.org>", "\n\n!!! note \"Ghi chú\"\n    Nội dung.\n\n", "\n\n??? info \"Chi tiết\"\n    Ẩn.\n\n",
          "\n\n```\ncode *x*\n```\n\n", "\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n", "\n---\n", "\n===\n",
          "\x02", "\x03", "`code _x_`", "~~", "^^", "==", "'", '"', "...", "--"]
fragments = st.lists(st.sampled_from(WORDS + SYNTAX) | st.text(alphabet="aăâđ Ơ_*`[]<>&!\\\n", max_size=6),
                     min_size=1, max_size=40)


def both(kind: str, text: str) -> tuple[str, str]:
    plain, fast = PARSERS[kind]
    return plain.reset().convert(text), fast.reset().convert(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments, st.sampled_from([" ", "", "\n"]))
def test_random_documents_convert_identically(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    for kind in PARSERS:
        expected, actual = both(kind, text)
        assert actual == expected, (kind, text)


def markdown_files() -> list[Path]:
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "tests" / "bad_input").glob("*.md"))
    assert len(files) > 40
    return files


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_site_pages_and_bad_input_convert_identically(kind: str) -> None:
    for path in markdown_files():
        text = path.read_bytes().decode("utf-8", errors="replace")
        expected, actual = both(kind, text)
        assert actual == expected, path


def test_abbreviations_still_expand_in_marked_texts_and_tails() -> None:
    """``abbr`` runs after the inline pass and skips atomic strings: marked texts must be
    plain again by then, tails included (the inline pass hands those back as new objects)."""
    text = "UBND họp *sáng nay*, UBND thông báo.\n\n- UBND\n\n*[UBND]: Ủy ban nhân dân"
    html = site_parser(True).convert(text)
    assert html.count('<abbr title="Ủy ban nhân dân">UBND</abbr>') == 3
    assert html == site_parser(False).convert(text)


def test_plain_texts_are_marked_and_restored() -> None:
    """The shortcut really runs (a test of equality alone passes with a no-op) and leaves
    no atomic string behind."""
    md = site_parser(True)
    seen: dict[str, int] = {}

    class Spy(markdown.treeprocessors.Treeprocessor):
        def run(self, root: etree.Element) -> None:
            seen["atomic"] = sum(isinstance(el.text, markdown.util.AtomicString) for el in root.iter())

    md.treeprocessors.register(Spy(md), "spy", 20.2)  # between marking and the inline pass
    html = md.convert("Đoạn văn thường.\n\nĐoạn có *nhấn mạnh*.\n\n## Tiêu đề\n\n- một\n- hai")
    assert seen["atomic"] >= 4  # paragraph, heading, two list items; not the emphasised paragraph
    assert "<em>nhấn mạnh</em>" in html


def test_unknown_inline_pattern_switches_the_shortcut_off(caplog: pytest.LogCaptureFixture,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An extension's own pattern (here ``~~`` for <del>) has characters the shortcut does not
    know; marking would hide them from it, so nothing is marked, and the log says so once."""
    monkeypatch.setattr(switched_off, "_told", set())  # whatever other tests switched off before
    md = site_parser(True)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    with caplog.at_level(logging.WARNING, logger="microsite"):
        assert "<del>bỏ</del>" in md.convert("Chữ ~~bỏ~~ đi.")
        other = site_parser(True)  # another parser with the same extension: no second line
        other.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
        assert "<del>bỏ</del>" in other.convert("Lại ~~bỏ~~ nữa.")
    lines = [r.getMessage() for r in caplog.records if r.name == "microsite"]
    assert len(lines) == 1 and "plain_text" in lines[0] and "'del'" in lines[0], lines
    md.inlinePatterns.deregister("del")
    assert "~~bỏ~~" in md.reset().convert("Chữ ~~bỏ~~ đi.")


def test_changed_regular_expression_switches_the_shortcut_off() -> None:
    """A known name with another expression (an extension replacing ``html``) is unknown too."""
    md = site_parser(True)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()%%(.+?)%%", "mark"), "html", 90)
    assert "<mark>đánh dấu</mark>" in md.convert("Chữ %%đánh dấu%% ở đây.")
