"""Material's bundle on demand: the template rewrite and the build-time table wrapper."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from microsite.adapter.lazy_bundle import (
    BUNDLE_TAG, WRAP_CLOSE, WRAP_OPEN, BundleTagMissing, bundle_on_demand, ends_inside_content, inside_content,
    prewrap_tables,
    wrap_fragment,
)
from sitekit import html_files, soup

CONTENT = '<div class="md-content" data-md-component="content">{}</div>'
LOADER = "assets/javascripts/microsite-on-demand.js"


def wrapped(table: str) -> str:
    return WRAP_OPEN + table + WRAP_CLOSE


def test_wraps_plain_tables_in_the_content_like_material() -> None:
    table = "<table>\n<tr><td>1</td></tr>\n</table>"
    html = "<header></header>" + CONTENT.format("<p>a</p>" + table + "<p>b</p>") + "<footer></footer>"
    assert prewrap_tables(html) == html.replace(table, wrapped(table))


def test_leaves_what_material_leaves() -> None:
    classed = '<table class="ms-data"><tr><td>1</td></tr></table>'
    outside = "<table><tr><td>x</td></tr></table>"
    commented = "<!-- <table> --><p>a &lt;table&gt;</p>"
    html = outside + CONTENT.format(classed + commented) + outside
    assert prewrap_tables(html) == html
    assert prewrap_tables("<p>no tables</p>") == "<p>no tables</p>"
    upper = CONTENT.format("<TABLE><tr><td>1</td></tr></TABLE>")
    assert prewrap_tables(upper) == CONTENT.format(wrapped("<TABLE><tr><td>1</td></tr></TABLE>"))


def test_nested_adjacent_and_odd_attributes() -> None:
    inner = '<table title="a > b"><tr><td>in</td></tr></table>'
    outer = f"<table><tr><td>{inner}</td></tr></table>"
    second = "<TABLE><tr><td>2</td></tr></TABLE>"
    html = CONTENT.format(f'<div class="grid"><div>{outer}</div></div>{second}')
    expected = CONTENT.format(
        '<div class="grid"><div>'
        + wrapped(f"<table><tr><td>{wrapped(inner)}</td></tr></table>")
        + "</div></div>" + wrapped(second))
    assert prewrap_tables(html) == expected


@pytest.mark.parametrize("piece", [
    "<p>a</p>",
    "<table><tr><td>1</td></tr></table><p>b</p>",
    '<div class="grid"><table title="a > b"><tr><td><table><tr><td>2</td></tr></table></td></tr></table></div>',
    '<table class="ms-data"><tr><td>1</td></tr></table><!-- a note -->',
])
def test_a_closed_piece_is_wrapped_as_within_the_page(piece: str) -> None:
    """What the patch path relies on: a piece that opens and closes its own tags is wrapped alone
    exactly as within the whole page, inside the content element or outside it."""
    before, after = "<header></header>", "<table><tr><td>x</td></tr></table><footer></footer>"
    inner = CONTENT.format("<p>lead</p>" + piece + "<p>end</p>")
    at = inner.index(piece)
    assert ends_inside_content(before + inner[:at]) and not ends_inside_content(before)
    whole = prewrap_tables(before + inner + after)
    alone = prewrap_tables(before + inner[:at] + "\0" + inner[at + len(piece):] + after).split("\0")
    assert alone[0] + wrap_fragment(piece, True) + alone[1] == whole  # type: ignore[operator]
    assert wrap_fragment(piece, False) == piece
    page = before + inner + after
    offsets = sorted({0, len(before), len(before) + at, len(before) + len(inner), len(page)})
    assert inside_content(page, offsets) == [ends_inside_content(page[:o]) for o in offsets]


@pytest.mark.parametrize("piece", ["<div>open", "</div>", "<table><tr>", "</table>", "<!-- open",
                                   '<div title="unclosed>', "<!-- <div> --><div></div>"])
def test_a_piece_that_could_change_the_rest_of_the_page_is_refused(piece: str) -> None:
    assert wrap_fragment(piece, True) is None


def test_loader_replaces_the_bundle_tag_only() -> None:
    block = ('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
             '<script src="../assets/javascripts/search.js"></script>')
    out = bundle_on_demand(block, "../" + LOADER)
    assert out == (f'<script src="../{LOADER}" data-bundle="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
                   '<script src="../assets/javascripts/search.js"></script>')
    with pytest.raises(BundleTagMissing, match="BUNDLE_TAG"):
        bundle_on_demand('<script src="search.js"></script>', LOADER)


def test_materials_template_still_has_the_tag_we_rewrite() -> None:
    """Upgrading Material must not silently bring the bundle back at parse time."""
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    block = base[base.index("{% block scripts %}"):]
    block = block[:block.index("{% endblock %}")]
    src = re.search(r'<script src="\{\{ \'(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)\' \| url \}\}"></script>', block)
    assert src, block
    assert (Path(material.__file__).parent / "templates" / src[1]).is_file()
    assert BUNDLE_TAG.fullmatch(f'<script src="../{src[1]}"></script>')


def test_built_pages_load_the_bundle_on_demand(default_site: Path) -> None:
    pages = [(path, soup(path)) for path in html_files(default_site)]
    pages = [(path, page) for path, page in pages if page.find("script", id="__config")]  # Material's
    assert len(pages) > 20
    tables = 0
    for path, page in pages:
        assert not [s for s in page.find_all("script", src=True) if "/bundle." in s["src"]], path
        loader = page.find("script", src=re.compile(r"microsite-on-demand\.js$"))
        assert loader is not None, path
        src = loader["data-bundle"]  # relative, or from the site root (404 page)
        bundle = (default_site / src.lstrip("/") if src.startswith("/") else path.parent / src).resolve()
        assert bundle.is_file() and bundle.name.startswith("bundle."), (path, loader["data-bundle"])
        for table in page.select(".md-content table:not([class])"):
            tables += 1
            wrapper = table.parent.parent
            assert table.parent["class"] == ["md-typeset__table"], path
            assert wrapper["class"] == ["md-typeset__scrollwrap"] and wrapper.has_attr("data-ms-prewrap"), path
            assert not wrapper.find_parent(class_="md-typeset__scrollwrap"), path
    assert tables >= 5, "the default articles have tables"


def test_feeds_carry_no_theme_wrapper(default_site: Path) -> None:
    """Partners get the article's own HTML: the wrapper belongs to the page, not the feed."""
    feed = json.loads((default_site / "feed.json").read_text("utf-8"))
    bodies = " ".join(item.get("content_html", "") for item in feed["items"])
    assert "<table" in bodies
    assert "md-typeset__scrollwrap" not in bodies
