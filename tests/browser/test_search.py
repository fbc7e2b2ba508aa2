"""Search in a real Chromium: Vietnamese typed with or without diacritics finds the article.

The site is built from a test project with three articles: one with the exact phrase
``đô thị thông minh``, one whose words only match it with tones folded
(``đồ thị thông minh``) and an unrelated one that must not show up.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

import browserkit as browser_helpers
import sitekit as site_helpers
from microsite.adapter.runner import build
from microsite.search.lookup import IndexReader
from microsite.search.hashing import fnv1a32
from microsite.search.tokens import query_terms, syllables
from microsite.search.writer import OUTPUT_DIR
from microsite.text.fold import fold

EXACT = "Đà Nẵng tăng tốc xây dựng đô thị thông minh"
FOLDED = "Cuộc thi vẽ đồ thị thông minh cho học sinh"
OTHER = "Hội nghị bàn về an sinh xã hội ở vùng ven biển"


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Path:
    project = site_helpers.copy_project(tmp_path_factory.mktemp("search") / "project", with_posts=False,
                                        warm=warm_cache)
    site_helpers.write_article(
        project, "do-thi-thong-minh", title=EXACT, date="2023-03-29 18:11",
        body="Thành phố Đà Nẵng đẩy mạnh đề án đô thị thông minh theo nghị quyết.\n\n<!-- more -->\n\n"
             "## Đôn đốc\n\nVăn phòng Thành ủy đôn đốc tiến độ thực hiện Nghị quyết 43-NQ/TW.\n")
    site_helpers.write_article(
        project, "do-thi", title=FOLDED, date="2023-04-02 09:00",
        body="Học sinh vẽ đồ thị thông minh trong cuộc thi toán.\n\n<!-- more -->\n\n## Kết quả\n\nBa giải nhất.\n")
    site_helpers.write_article(
        project, "an-sinh", title=OTHER, date="2023-04-05 09:00",
        body="Các phường bàn chính sách an sinh xã hội.\n\n<!-- more -->\n\n## Ý kiến\n\nNhiều kiến nghị.\n")
    return build(project)


@pytest.fixture(scope="module")
def server(search_site: Path):
    srv = browser_helpers.serve(search_site)
    yield srv
    srv.httpd.shutdown()


def titles_for(page, server, query: str) -> list[str]:
    page.goto(server.url + "/")
    page.fill("#ms-search-q", query)
    page.press("#ms-search-q", "Enter")
    page.wait_for_selector(".ms-search__results:not([hidden]) .ms-search__meta")
    return page.locator(".ms-search__title").all_inner_texts()


NFD = unicodedata.normalize("NFD", "đô thị thông minh")


@pytest.mark.parametrize("query", ["đô thị thông minh", "do thi thong minh", "DO THI THONG MINH", NFD,
                                   "Đô Thị Thông Minh"])
def test_smart_city_found_with_or_without_diacritics(page, server, page_watch, query: str) -> None:
    titles = titles_for(page, server, query)
    assert EXACT in titles
    assert OTHER not in titles
    assert page_watch.console_errors == []
    assert page_watch.foreign_requests == []


@pytest.mark.parametrize("query", ["nghi quyet", "da nang", "don doc", "Đà Nẵng", "đôn đốc"])
def test_other_unaccented_queries(page, server, query: str) -> None:
    assert EXACT in titles_for(page, server, query)


def test_exact_diacritics_rank_first(page, server) -> None:
    # Other pages may mention the titles (the plan page lists published articles); what
    # matters is that the exact spelling comes first and ranks above the folded one.
    titles = titles_for(page, server, "đô thị thông minh")
    assert titles[0] == EXACT and titles.index(EXACT) < titles.index(FOLDED)
    titles = titles_for(page, server, "đồ thị thông minh")
    assert titles[0] == FOLDED and titles.index(FOLDED) < titles.index(EXACT)


def test_result_shows_title_date_and_highlighted_excerpt(page, server) -> None:
    titles_for(page, server, "do thi thong minh")
    item = page.locator(".ms-search__item", has_text=EXACT)
    assert "29-3-2023" in item.locator(".ms-search__date").inner_text()
    marks = item.locator(".ms-search__excerpt mark").all_inner_texts()
    assert {m.strip(" ,.").lower() for m in marks} >= {"đô", "thị", "thông", "minh"}


def test_query_in_address_opens_results(page, server) -> None:
    page.goto(server.url + "/?q=" + quote("do thi thong minh"))
    page.wait_for_selector(".ms-search__results:not([hidden]) .ms-search__title")
    assert EXACT in page.locator(".ms-search__title").all_inner_texts()
    assert page.input_value("#ms-search-q") == "do thi thong minh"
    # Typing updates the address so results can be shared.
    page.fill("#ms-search-q", "da nang")
    page.press("#ms-search-q", "Enter")
    page.wait_for_function("location.search.includes('q=da')")


def test_result_link_opens_the_article(page, server) -> None:
    titles_for(page, server, "don doc")
    page.locator(".ms-search__title", has_text=EXACT).click()
    page.wait_for_load_state()
    assert page.locator("h1").first.inner_text() == EXACT


# -- what the client downloads -------------------------------------------------------

INDEX = "/search-index/"
ENGINE = "assets/javascripts/search-engine.js"


def index_requests(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Start recording the search files the page requests: the engine and the index files
    (paths below the index, without ?v=)."""
    seen: list[str] = []

    def note(request) -> None:  # type: ignore[no-untyped-def]
        path = urlsplit(request.url).path
        if INDEX in path:
            seen.append(path.split(INDEX, 1)[1])
        elif path.endswith(ENGINE):
            seen.append(ENGINE)

    page.on("request", note)
    return seen


def shown_doc_ids(page, server, reader: IndexReader) -> set[int]:  # type: ignore[no-untyped-def]
    by_url = {server.url + "/" + reader.document(n)["url"]: n for n in range(reader.meta()["docs"])}
    return {by_url[href] for href in page.eval_on_selector_all(".ms-search__title", "els => els.map(e => e.href)")}


def test_nothing_loads_before_focus_and_a_query_fetches_exactly_its_files(page, server, search_site) -> None:
    reader = IndexReader(search_site / OUTPUT_DIR)
    seen = index_requests(page)
    page.goto(server.url + "/")
    page.wait_for_load_state("networkidle")
    assert seen == []
    with page.expect_response(lambda r: r.url.endswith(INDEX + "meta.json")):
        page.focus("#ms-search-q")
    assert seen == [ENGINE, "meta.json"]
    query = "do thi thong minh"
    page.fill("#ms-search-q", query)
    page.press("#ms-search-q", "Enter")
    page.wait_for_selector(".ms-search__results:not([hidden]) .ms-search__title")
    page.wait_for_load_state("networkidle")
    shown = shown_doc_ids(page, server, reader)
    assert shown <= reader.matches(query) and len(shown) == min(10, len(reader.matches(query)))
    expected = [ENGINE, "meta.json"] + reader.shard_files(query) + [f"docs/{n}.json" for n in shown]
    assert sorted(seen) == sorted(expected)


def findable_query(reader: IndexReader, doc_id: int) -> str:
    """The body's rarest syllables, as few as make the page one of at most 10 matches."""
    words = sorted({w for w in syllables(reader.document(doc_id)["text"]) if len(w) > 1},
                   key=lambda w: (len(reader.matches(w)), w))  # the box ignores one-letter queries
    query = []
    for word in words:
        query.append(word)
        if len(reader.matches(" ".join(query))) <= 10:
            break
    return fold(" ".join(query))


def test_every_indexed_page_is_found_in_the_browser(page, server, search_site) -> None:
    reader = IndexReader(search_site / OUTPUT_DIR)
    page.goto(server.url + "/")
    for doc_id in range(reader.meta()["docs"]):
        query = findable_query(reader, doc_id)
        page.fill("#ms-search-q", query)
        page.press("#ms-search-q", "Enter")
        page.wait_for_function("q => document.querySelector('.ms-search__meta')?.textContent.includes(q)",
                               arg=f"“{query}”")
        assert doc_id in shown_doc_ids(page, server, reader), (query, reader.document(doc_id)["url"])


def test_search_works_on_a_sub_path(tmp_path: Path, page, search_site, page_watch) -> None:
    (tmp_path / "chuyen-de").symlink_to(search_site, target_is_directory=True)
    srv = browser_helpers.serve(tmp_path)
    try:
        page.goto(srv.url + "/chuyen-de/tin-tuc/?q=" + quote("don doc"))
        page.wait_for_selector(".ms-search__results:not([hidden]) .ms-search__title")
        link = page.locator(".ms-search__title", has_text=EXACT)
        assert link.get_attribute("href").startswith(srv.url + "/chuyen-de/tin-tuc/2023/")
        link.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == EXACT
    finally:
        srv.httpd.shutdown()
    assert page_watch.console_errors == []


# Known divergence, left out: Python's casefold maps "ß" to "ss", JS's toLowerCase keeps it.
TRICKY = ["Đô thị  thông-minh", unicodedata.normalize("NFD", "ĐÀ NẴNG_2025 Hòa Vang"), "43-NQ/TW, ngày 24-1-2019",
          "Hồ Chí Minh\tViệt Nam", "naïve café Ǆ", "ĐỒ THỊ… THÔNG MINH!", "  ", "Ngũ Hành Sơn. Cẩm Lệ"]


def test_browser_reads_a_query_like_the_index_writer(page, server) -> None:
    """Same syllables, pairs and shard numbers in Chromium (search-engine.js) as in Python."""
    page.goto(server.url + "/")
    got = page.evaluate("""async ([url, inputs]) => {
        const engine = await import(url);
        return inputs.map(q => { const a = engine.analyse(q);
            return [a.sylls.map(t => t.folded), a.pairs.map(t => t.folded), a.sylls.map(t => engine.fnv1a(t.folded))]; });
    }""", [server.url + "/" + ENGINE, TRICKY])
    for query, (sylls, pairs, hashes) in zip(TRICKY, got):
        assert [sylls, pairs] == list(map(list, query_terms(query))), query
        assert hashes == [fnv1a32(s) for s in sylls], query


def test_an_unfinished_last_word_is_completed(page, server, search_site) -> None:
    reader = IndexReader(search_site / OUTPUT_DIR)
    assert reader.matches("do thi thong min") == set()  # "min" is no syllable of the index
    seen = index_requests(page)
    titles = titles_for(page, server, "do thi thong min")
    assert EXACT in titles and OTHER not in titles
    assert "vocab.json" in seen
    marks = page.locator(".ms-search__item", has_text=EXACT).locator(".ms-search__excerpt mark").all_inner_texts()
    assert "minh" in {m.lower() for m in marks}
    # A finished word (a space after it) is taken as typed: nothing starts with it.
    assert titles_for(page, server, "do thi thong min ") == []


def test_vocabulary_lists_folded_syllables_only(search_site) -> None:
    vocab = json.loads((search_site / OUTPUT_DIR / "vocab.json").read_text("utf-8"))
    assert vocab == sorted(vocab) and {"minh", "thong", "do", "dan"} <= set(vocab)
    assert not any(" " in w or w.isdigit() or w != fold(w) for w in vocab)
