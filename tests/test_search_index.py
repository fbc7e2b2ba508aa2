"""The search index: tokens, folding, hashing, postings, shards, page text, what a build ships."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sitekit as site_helpers
from microsite.adapter.runner import build
from microsite.adapter.search_index import SearchPages, page_url
from microsite.search.hashing import fnv1a32, shard_of
from microsite.search.index import TITLE_WEIGHT, build_index
from microsite.search.lookup import IndexReader
from microsite.search.page_text import CONTENT_START, PageText, page_text
from microsite.search.tokens import query_terms, syllables, term_counts
from microsite.search.writer import (OUTPUT_DIR, SHARD_TARGET, decode_postings, encode_postings, shard_count,
                                     write_index)

# -- tokens and folding -----------------------------------------------------------


def test_syllables_are_nfc_lower_case_runs_of_letters_and_digits() -> None:
    nfd = unicodedata.normalize("NFD", "ĐÔ THỊ Thông minh")
    assert syllables(nfd) == ["đô", "thị", "thông", "minh"]
    assert syllables("Nghị quyết 43-NQ/TW, ngày 24-1-2019") == ["nghị", "quyết", "43", "nq", "tw", "ngày",
                                                                "24", "1", "2019"]


def test_pairs_join_syllables_separated_only_by_white_space() -> None:
    counts, length = term_counts("Đà Nẵng. Thành phố đô  thị,\nthông_minh đô thị")
    assert length == 10
    assert counts["đô thị"] == 2 and counts["đô"] == 2 and counts["thành phố"] == 1
    # Punctuation and "_" break a run: no pair across them.
    assert "nẵng thành" not in counts and "thị thông" not in counts and "thông minh" not in counts


def test_query_terms_fold_tones_and_d_and_drop_repeats() -> None:
    expected = (["do", "thi", "thong", "minh"], ["do thi", "thi thong", "thong minh"])
    for query in ("đô thị thông minh", "do thi thong minh", "DO THI THONG MINH", "Đồ Thị Thông Minh",
                  unicodedata.normalize("NFD", "đô thị thông minh")):
        assert query_terms(query) == expected
    assert query_terms("đôn đốc, đôn đốc") == (["don", "doc"], ["don doc"])


# -- hashing ------------------------------------------------------------------------


def test_fnv1a_matches_the_published_test_vectors() -> None:
    assert fnv1a32("") == 0x811C9DC5
    assert fnv1a32("a") == 0xE40C292C
    assert fnv1a32("foobar") == 0xBF9CF968
    assert fnv1a32("đ") == fnv1a32("\u0111") != fnv1a32("d")  # UTF-8 bytes, not code points
    assert shard_of("do thi", 7) == fnv1a32("do thi") % 7


# -- postings and shards ------------------------------------------------------------


@given(st.dictionaries(st.integers(0, 5000), st.integers(1, 300)))
def test_postings_round_trip(entries: dict[int, int]) -> None:
    postings = sorted(entries.items())
    encoded = encode_postings(postings)
    assert decode_postings(encoded) == postings
    assert len(encoded) == len(postings) + sum(1 for _, tf in postings if tf > 1)


def test_postings_are_gaps_with_frequency_before_it() -> None:
    assert encode_postings([(3, 1), (4, 2), (10, 1)]) == [3, -2, 1, 6]


def test_shard_count_grows_with_the_index() -> None:
    assert shard_count(0) == 1 and shard_count(SHARD_TARGET) == 1
    assert shard_count(SHARD_TARGET + 1) == 2 and shard_count(100 * SHARD_TARGET) == 100


def doc(url: str, title: str, text: str, date: str = "") -> PageText:
    return PageText(url, title, date, text)


def test_index_keeps_each_exact_spelling_under_its_folded_term() -> None:
    index = build_index([doc("b/", "Cuộc thi", "Học sinh vẽ đồ thị thông minh."),
                         doc("a/", "Đô thị", "Đề án đô thị thông minh, đô thị xanh.")])
    assert [d.url for d in index.documents] == ["a/", "b/"]  # ids in URL order
    assert index.postings["do thi"] == {"đô thị": [(0, 2 + TITLE_WEIGHT)], "đồ thị": [(1, 1)]}
    assert index.postings["thong minh"] == {"thông minh": [(0, 1), (1, 1)]}
    assert index.lengths == [9 + 2 * TITLE_WEIGHT, 7 + 2 * TITLE_WEIGHT]


PAGES = [doc(f"tin-tuc/bai-{n}/", f"Bài {n} về đô thị thông minh", f"Nội dung số {n} của Đà Nẵng, đôn đốc "
             f"nghị quyết {n}.", "18:11, Thứ Tư, ngày 29-3-2023") for n in range(60)]


def test_written_index_is_deterministic(tmp_path: Path) -> None:
    write_index(build_index(PAGES), tmp_path / "a")
    write_index(build_index(list(reversed(PAGES))), tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 2 + len(PAGES) + json.loads((tmp_path / "a" / "meta.json").read_text())["shards"]
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_vocabulary_holds_folded_syllables_not_pairs_or_numbers(tmp_path: Path) -> None:
    write_index(build_index(PAGES), tmp_path)
    vocab = json.loads((tmp_path / "vocab.json").read_text("utf-8"))
    assert vocab == sorted(vocab)
    assert {"do", "thi", "thong", "minh", "nang", "don", "doc"} <= set(vocab)
    assert not any(" " in w or w.isdigit() for w in vocab) and "59" not in vocab


def test_every_term_sits_in_the_shard_its_hash_names(tmp_path: Path) -> None:
    index = build_index(PAGES)
    write_index(index, tmp_path)
    meta = json.loads((tmp_path / "meta.json").read_text())
    assert meta["docs"] == len(PAGES) and meta["lengths"] == index.lengths and meta["format"] == 1
    seen: set[str] = set()
    for n in range(meta["shards"]):
        shard = json.loads((tmp_path / "shards" / f"{n}.json").read_text())
        assert all(shard_of(term, meta["shards"]) == n for term in shard)
        seen |= set(shard)
    assert seen == set(index.postings)
    reader = IndexReader(tmp_path)
    assert reader.matches("DA NANG don doc nghi quyet 7") == {next(i for i, d in enumerate(index.documents)
                                                                   if d.url == "tin-tuc/bai-7/")}


# -- page text ----------------------------------------------------------------------

PAGE = f"""<html><head><title>Trang</title></head><body>
<nav class="md-nav">Dành cho báo chí</nav>
<div class="ms-banner">Bản xem trước</div>
{CONTENT_START}>
  <p class="ms-dateline"><time datetime="2023-03-29T18:11">18:11, Thứ Tư, ngày 29-3-2023</time> · <span>Báo Đà Nẵng</span></p>
  <h1 id="t">Đô thị <em>thông minh</em><a class="headerlink" href="#t">&para;</a></h1>
  <p>Đoạn một về đ<b>ô</b> thị &amp; hạ tầng<p>Đoạn hai không đóng thẻ
  <h2 id="x">Đôn đốc<a class="headerlink" href="#x">&para;</a></h2>
  <div class="ms-banner">Bài chưa đăng</div>
  <details class="ms-republish"><summary>Đăng lại bài viết này</summary><textarea>&lt;p&gt;HTML&lt;/p&gt;</textarea></details>
  <aside class="md-source-file">Cập nhật: 2023</aside>
  <script>var x = "mã";</script>
  <footer class="ms-article-footer"><p>THANH THẢO</p></footer>
</article>
<footer>Chân trang</footer></body></html>"""


def test_page_text_reads_the_content_element_only() -> None:
    text = page_text("tin-tuc/bai/", PAGE)
    assert text == PageText("tin-tuc/bai/", "Đô thị thông minh", "18:11, Thứ Tư, ngày 29-3-2023",
                            "Đoạn một về đô thị & hạ tầng Đoạn hai không đóng thẻ Đôn đốc THANH THẢO")


def test_page_text_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", PAGE)
    assert page_text("tin-tuc/bai/", nfd) == page_text("tin-tuc/bai/", PAGE)


def test_page_without_content_element_gives_nothing() -> None:
    assert page_text("x/", "<html><body><p>Không có nội dung</p></body></html>") is None


def test_page_url_is_relative_to_the_site_root() -> None:
    assert page_url("index.html") == ""
    assert page_url("tin-tuc/bai/index.html") == "tin-tuc/bai/"
    assert page_url("404.html") == "404.html"


def test_blog_listings_are_left_out() -> None:
    pages = SearchPages("tin-tuc")
    pages.note("tin-tuc/posts/bai.md", "tin-tuc/2023/03/29/bai/index.html", is_article=True)
    pages.note("tin-tuc/index.md", "tin-tuc/index.html", is_article=False)
    pages.note("tin-tuc/luu-tru/2023.md", "tin-tuc/luu-tru/2023/index.html", is_article=False)
    pages.note("tin-tuc-khac/index.md", "tin-tuc-khac/index.html", is_article=False)
    pages.note("nghi-quyet-43/index.md", "nghi-quyet-43/index.html", is_article=False)
    assert pages.files == {"tin-tuc/2023/03/29/bai/index.html", "tin-tuc-khac/index.html",
                           "nghi-quyet-43/index.html"}
    assert pages.collect("tin-tuc/index.html", PAGE) == PAGE and pages.pages == []
    assert pages.collect("nghi-quyet-43/index.html", PAGE) == PAGE
    assert [p.url for p in pages.pages] == ["nghi-quyet-43/"]


# -- a built site ---------------------------------------------------------------------

ARTICLE_URL = "tin-tuc/2023/03/29/da-nang-xay-dung-do-thi-thong-minh/"


@pytest.fixture(scope="module")
def indexed_site(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Path:
    """One article, one draft; built once for the module (its tests only read the site)."""
    project = site_helpers.copy_project(tmp_path_factory.mktemp("indexed") / "project", with_posts=False,
                                        warm=warm_cache)
    site_helpers.write_article(project, "bai-mot", title="Đà Nẵng xây dựng đô thị thông minh",
                  body="Đoạn mở đầu về đô thị thông minh.\n\n<!-- more -->\n\n## Đôn đốc\n\nThân bài.")
    site_helpers.write_article(project, "nhap", title="Bài nháp chưa thẩm định", status="draft", reviewer=...,
                  date="2023-03-30 08:00")
    return build(project)


def records(site: Path) -> dict[str, dict]:
    reader = IndexReader(site / OUTPUT_DIR)
    return {d["url"]: d for d in map(reader.document, range(reader.meta()["docs"]))}


def test_index_holds_articles_and_pages_only(indexed_site: Path) -> None:
    found = records(indexed_site)
    assert ARTICLE_URL in found
    assert {"", "nghi-quyet-43/", "bao-chi/"} <= set(found)
    # Blog listings, drafts and the 404 page are not searchable.
    assert not any(url.startswith(("tin-tuc/luu-tru", "tin-tuc/chuyen-muc", "tin-tuc/trang")) for url in found)
    assert "tin-tuc/" not in found and "404.html" not in found
    assert not any("Bài nháp" in r["title"] for r in found.values())


def test_record_has_title_date_and_body_text_without_chrome(indexed_site: Path) -> None:
    record = records(indexed_site)[ARTICLE_URL]
    assert record["title"] == "Đà Nẵng xây dựng đô thị thông minh"
    assert "29-3-2023" in record["date"]
    assert "đô thị thông minh" in record["text"] and "Đôn đốc Thân bài." in record["text"]
    # Navigation, header, permalink marks and the partner-reuse box stay out of the text.
    for chrome in ("Dành cho báo chí", "¶", "Đăng lại bài viết này", "29-3-2023"):
        assert chrome not in record["text"]


def test_every_indexed_page_is_findable_by_a_word_of_its_body(indexed_site: Path) -> None:
    reader = IndexReader(indexed_site / OUTPUT_DIR)
    for doc_id in range(reader.meta()["docs"]):
        record = reader.document(doc_id)
        words = syllables(record["text"])
        assert words, record["url"]
        # The body's rarest syllable, typed without diacritics, finds the page.
        rarest = min(words, key=lambda w: (len(reader.matches(w)), w))
        assert doc_id in reader.matches(rarest.upper())


def test_pages_load_the_search_script_and_no_other_engine(indexed_site: Path) -> None:
    html = site_helpers.soup(indexed_site / "index.html")
    form = html.select_one("form.ms-search__form")
    assert form is not None and form.select_one("input[name=q]") is not None
    scripts = [s.get("src", "") for s in html.find_all("script")]
    assert any(src.endswith("assets/javascripts/search.js") for src in scripts)
    assert not (indexed_site / "search" / "search_index.json").exists()  # Material's lunr
    assert not (indexed_site / "pagefind").exists()
    assert (indexed_site / OUTPUT_DIR / "meta.json").is_file()
