"""The plain-paragraph shortcut (``microsite.markdown.plain_paragraph``) never changes the HTML.

Documents are converted with the site's Markdown extensions and with the check's, with and
without the shortcut, and must agree byte for byte: random documents mixing Vietnamese
prose with every block and inline syntax our extensions know (hypothesis), every page of
the default site and every bad-input fixture. The
shortcut must really take blocks, and a block processor it does not know switches it off.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.blockprocessors import BlockProcessor

from microsite.markdown.heading_ids import HeadingIdExtension
from microsite.markdown.infographic_embed import InfographicExtension
from microsite.markdown.plain_paragraph import NAME, PlainParagraph, PlainParagraphExtension
from microsite.markdown import switched_off
from microsite.text.slugs import slugify
from microsite.validation import source

ROOT = Path(__file__).resolve().parent.parent
SITE_EXTENSIONS = ["abbr", "attr_list", "admonition", "footnotes", "tables", "md_in_html", "toc",
                   "pymdownx.details", "pymdownx.superfences"]
SITE_CONFIGS = {"toc": {"permalink": True, "permalink_title": "Liên kết đến mục này", "slugify": slugify}}
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
PROSE = ["Ủy ban nhân dân thành phố", "Đà Nẵng", "Nghị quyết 43", "2020–2025", "ba", "Ông", "x"]
BLOCKS = ["\n\n::infographic tien-do\n\n", "\n\n::infographics\n\n", "\n    ", "\n  ", "\n1) ", "\n+ ",
          "\n: ", "\n***\n", "\n___\n", "\nTiêu đề\n---\n", "\nchữ | chữ\n--|--\n", "\n>", "\n[^2]: ghi",
          "\n*[TP]: thành phố", "\n[a]: /a.md", "\n!!! tip\n", "\n???+ note\n", "\n<div>\n", "\n\x02"]


def _embed(ident: str) -> str:
    return f'<figure data-id="{ident}"></figure>'


def site_parser(shortcut: bool) -> markdown.Markdown:
    extensions: list[object] = [*SITE_EXTENSIONS, HeadingIdExtension(),
                                InfographicExtension(render=_embed, gallery=lambda: "<ul></ul>")]
    return markdown.Markdown(extensions=extensions + ([PlainParagraphExtension()] if shortcut else []),
                             extension_configs=SITE_CONFIGS)


def check_parser(shortcut: bool) -> markdown.Markdown:
    """The site's extensions with the option the check sets differently (table alignment)."""
    extensions: list[object] = [*SITE_EXTENSIONS]
    return markdown.Markdown(extensions=extensions + ([PlainParagraphExtension()] if shortcut else []),
                             extension_configs={**SITE_CONFIGS, **source.CHECK_OPTIONS})


PARSERS = {"site": (site_parser(False), site_parser(True)), "check": (check_parser(False), check_parser(True))}
fragments = st.lists(st.sampled_from(WORDS + SYNTAX + PROSE + BLOCKS)
                     | st.text(alphabet="aăđ Ơ1.|#>-*+=:[!?\n\t", max_size=6), min_size=1, max_size=40)


def both(kind: str, text: str) -> tuple[str, str]:
    plain, fast = PARSERS[kind]
    return plain.reset().convert(text), fast.reset().convert(text)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments, st.sampled_from([" ", "", "\n", "\n\n"]))
def test_random_documents_convert_identically(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    for kind in PARSERS:
        expected, actual = both(kind, text)
        assert actual == expected, (kind, text)


def markdown_files() -> list[Path]:
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "tests" / "bad_input").glob("*.md"))
    assert len(files) > 40
    return files


def test_site_pages_and_bad_input_convert_identically() -> None:
    texts = {path: path.read_bytes().decode("utf-8", errors="replace") for path in markdown_files()}
    assert [(kind, path) for kind in PARSERS for path, text in texts.items() if len(set(both(kind, text))) != 1] == []


def _taken(md: markdown.Markdown) -> list[str]:
    """Record the blocks the shortcut takes (a test of equality alone passes with a no-op)."""
    taken: list[str] = []
    shortcut = md.parser.blockprocessors[NAME]
    assert isinstance(shortcut, PlainParagraph)
    run = shortcut.run

    def recorded(parent: etree.Element, blocks: list[str]) -> None:
        taken.append(blocks[0])
        run(parent, blocks)

    shortcut.run = recorded  # type: ignore[method-assign]
    return taken


def test_plain_paragraphs_are_taken_and_everything_else_is_left() -> None:
    md = site_parser(True)
    taken = _taken(md)
    text = ("Đoạn văn thường.\n\nHai dòng\nliền nhau.\n\n## Tiêu đề\n\nTrước mã:\n\n    mã thụt lề\n\n"
            "Tiêu đề setext\n===\n\nCột | cột\n--|--\nô | ô\n\n> trích dẫn\n\n- một\n- hai\n\n"
            "1. mục\n\n    tiếp trong mục\n\n!!! note\n    Trong khung.\n\nCuối bài.")
    html = md.convert(text)
    # Top-level prose, and prose nested in a quote, a loose list item or a note (``paragraph``
    # makes the same <p> there); never a heading, code, a table cell or a tight list item.
    assert taken == ["Đoạn văn thường.", "Hai dòng\nliền nhau.", "Trước mã:", "trích dẫn", "mục", "tiếp trong mục",
                     "Trong khung.", "Cuối bài."]
    assert html == site_parser(False).convert(text)
    assert "<h1" in html and "<table>" in html and "<blockquote>" in html and "<pre><code>" in html


def test_tight_list_items_are_left_to_markdown() -> None:
    """Inside a tight list ``paragraph`` adds text to the item instead of making a ``<p>``."""
    md = site_parser(True)
    taken = _taken(md)
    text = "- mục một\ntiếp dòng\n- mục hai\n\n    đoạn trong mục\n\nSau danh sách."
    assert md.convert(text) == site_parser(False).convert(text)
    assert "Sau danh sách." in taken


class _Note(BlockProcessor):
    """An extension's own block syntax: a paragraph starting with "Ghi chú:" becomes an aside."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith("Ghi chú:")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "aside").text = blocks.pop(0)


def test_unknown_block_processor_switches_the_shortcut_off(caplog: pytest.LogCaptureFixture,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(switched_off, "_told", set())  # whatever other tests switched off before
    md = site_parser(True)
    taken = _taken(md)
    md.parser.blockprocessors.register(_Note(md.parser), "note", 12)
    with caplog.at_level(logging.WARNING, logger="microsite"):
        assert md.convert("Ghi chú: họp lúc 8 giờ.\n\nĐoạn thường.") == \
            "<aside>Ghi chú: họp lúc 8 giờ.</aside>\n<p>Đoạn thường.</p>"
        md.reset().convert("Ghi chú: lần hai.")  # every document checks again; one line in all
    assert taken == []
    lines = [r.getMessage() for r in caplog.records if r.name == "microsite"]
    assert len(lines) == 1 and "plain_paragraph" in lines[0] and "'note'" in lines[0], lines
    md.parser.blockprocessors.deregister("note")  # known processors only again: back on
    assert md.reset().convert("Đoạn thường.") == "<p>Đoạn thường.</p>" and taken == ["Đoạn thường."]
