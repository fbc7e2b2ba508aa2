"""The search index: which pages go in, what text and metadata they carry, what ships."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.adapter.search_index import CONTENT_TAG, OUTPUT_DIR, SearchPages

FRAGMENT_MAGIC = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's per-page records (gzip, magic prefix, JSON), keyed by URL."""
    out = {}
    for path in (site / OUTPUT_DIR / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_MAGIC)
        record = json.loads(data[len(FRAGMENT_MAGIC):])
        out[record["url"]] = record
    return out


def test_blog_listings_are_left_out() -> None:
    pages = SearchPages("tin-tuc")
    pages.note("tin-tuc/posts/bai.md", "tin-tuc/2023/03/29/bai/index.html", is_article=True)
    pages.note("tin-tuc/index.md", "tin-tuc/index.html", is_article=False)
    pages.note("tin-tuc/luu-tru/2023.md", "tin-tuc/luu-tru/2023/index.html", is_article=False)
    pages.note("tin-tuc-khac/index.md", "tin-tuc-khac/index.html", is_article=False)
    pages.note("nghi-quyet-43/index.md", "nghi-quyet-43/index.html", is_article=False)
    assert pages.files == {"tin-tuc/2023/03/29/bai/index.html", "tin-tuc-khac/index.html",
                           "nghi-quyet-43/index.html"}


def test_only_recorded_pages_are_marked_for_the_index() -> None:
    pages = SearchPages("tin-tuc")
    pages.note("nghi-quyet-43/index.md", "nghi-quyet-43/index.html", is_article=False)
    html = f"<body>{CONTENT_TAG}><h1>Nghị quyết</h1></article></body>"
    assert "data-pagefind-body" in pages.mark("nghi-quyet-43/index.html", html)
    assert pages.mark("tin-tuc/index.html", html) == html


@pytest.fixture
def indexed_site(project: Path, build_site) -> Path:
    site_helpers.write_article(project, "bai-mot", title="Đà Nẵng xây dựng đô thị thông minh",
                  body="Đoạn mở đầu về đô thị thông minh.\n\n<!-- more -->\n\n## Đôn đốc\n\nThân bài.")
    site_helpers.write_article(project, "nhap", title="Bài nháp chưa thẩm định", status="draft", reviewer=...,
                  date="2023-03-30 08:00")
    return build_site(project)


def test_index_holds_articles_and_pages_only(indexed_site: Path) -> None:
    records = fragments(indexed_site)
    article = "/tin-tuc/2023/03/29/da-nang-xay-dung-do-thi-thong-minh/"
    assert article in records
    assert {"/", "/nghi-quyet-43/", "/bao-chi/"} <= set(records)
    # Blog listings, drafts and the 404 page are not searchable.
    assert not any(url.startswith(("/tin-tuc/luu-tru", "/tin-tuc/chuyen-muc", "/tin-tuc/trang"))
                   for url in records)
    assert "/tin-tuc/" not in records and "/404.html" not in records
    assert not any("Bài nháp" in r["meta"].get("title", "") for r in records.values())


def test_record_has_title_date_and_body_text_without_chrome(indexed_site: Path) -> None:
    record = fragments(indexed_site)["/tin-tuc/2023/03/29/da-nang-xay-dung-do-thi-thong-minh/"]
    assert record["meta"]["title"] == "Đà Nẵng xây dựng đô thị thông minh"
    assert "29-3-2023" in record["meta"]["date"]
    assert "đô thị thông minh" in record["content"]
    # Navigation, header and permalink marks stay out of the text.
    assert "Dành cho báo chí" not in record["content"]
    assert "¶" not in record["content"]


def test_bundle_ships_library_and_index_not_unused_uis(indexed_site: Path) -> None:
    bundle = indexed_site / OUTPUT_DIR
    assert (bundle / "pagefind.js").is_file()
    assert (bundle / "pagefind-worker.js").is_file()
    assert list(bundle.glob("wasm.*.pagefind"))
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["vi"]["page_count"] == len(fragments(indexed_site))
    assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-highlight.js").exists()


def test_pages_load_the_search_script_not_materials_lunr(indexed_site: Path) -> None:
    html = site_helpers.soup(indexed_site / "index.html")
    form = html.select_one("form.ms-search__form")
    assert form is not None and form.select_one("input[name=q]") is not None
    scripts = [s.get("src", "") for s in html.find_all("script")]
    assert any(src.endswith("assets/javascripts/search.js") for src in scripts)
    assert not (indexed_site / "search" / "search_index.json").exists()
