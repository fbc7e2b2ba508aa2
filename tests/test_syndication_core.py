"""Partner reuse, core level: sanitising, read-aloud text, ninjs, JSON-LD, feeds, press kit."""

from __future__ import annotations

import io
import json
from html import escape
import zipfile
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from microsite.syndication import feeds, jsonld, ninjs, presskit
from microsite.syndication.entry import Entry, ImageAsset
from microsite.syndication.licence import LEGAL_NOTE
from microsite.content.site_config import Channel
from microsite.syndication.republish import (SanitisedHtml, attribution_html, body_html, clean_html, html_to_text,
                                             radio_script, read_aloud, republish_html)

from syndication_helpers import IDENTITY, errors, jsonfeed_validator, ninjs_validator, sample_entry

DIRTY = (
    '<p onclick="steal()" style="color:red" class="x">Mở <a href="../../khac/" onmouseover="x()">bài khác</a>'
    '<script>alert(1)</script></p>'
    '<h2 id="noi-dung">Nội dung<a class="headerlink" href="#noi-dung" title="Liên kết">&para;</a></h2>'
    '<img src="../anh/cau.jpg" alt="Cầu Rồng" onerror="x()" style="width:1px">'
    '<iframe src="https://evil.example/"></iframe><a href="javascript:alert(1)">x</a>'
)
PAGE_URL = "https://so-ket.example/tin-tuc/2023/03/29/bai/"


def test_clean_html_drops_script_handlers_style_and_makes_urls_absolute() -> None:
    html = clean_html(DIRTY, PAGE_URL)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "iframe", "style"])
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.startswith("on") or a in {"style", "class", "id"}], tag
    assert soup.find("a")["href"] == "https://so-ket.example/tin-tuc/2023/03/khac/"
    assert soup.find("img")["src"] == "https://so-ket.example/tin-tuc/2023/03/29/anh/cau.jpg"
    assert "javascript:" not in html and "¶" not in html and "alert" not in html
    assert soup.find("h2").get_text() == "Nội dung"


def test_clean_html_resolves_against_each_calls_own_base_url() -> None:
    """One sanitiser serves every article: the base URL is the call's, never the previous one's,
    in this thread or another."""
    import threading

    html = '<p><a href="../khac/">x</a><img src="anh.jpg" alt="a"></p>'
    first = clean_html(html, PAGE_URL)
    other = clean_html(html, "https://so-ket.example/nghi-quyet-43/tong-quan/")
    assert 'href="https://so-ket.example/tin-tuc/2023/03/29/khac/"' in first
    assert 'href="https://so-ket.example/nghi-quyet-43/khac/"' in other
    assert 'src="https://so-ket.example/nghi-quyet-43/tong-quan/anh.jpg"' in other
    results: dict[str, str] = {}

    def clean_in_thread(base: str) -> None:
        for _ in range(50):
            results[base] = clean_html(html, base)

    bases = [f"https://so-ket.example/tin-tuc/{i}/" for i in range(4)]
    threads = [threading.Thread(target=clean_in_thread, args=(base,)) for base in bases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for base in bases:
        assert f'src="{base}anh.jpg"' in results[base]


@pytest.mark.parametrize(("written", "spoken"), [
    ("đạt 21,5% kế hoạch", "đạt 21,5 phần trăm kế hoạch"),
    ("14/16 đảng ủy", "14 trên 16 đảng ủy"),
    ("03/11 nhiệm vụ", "3 trên 11 nhiệm vụ"),
    ("NQ của BCH TW", "Nghị quyết của Ban Chấp hành Trung ương"),
    ("Chủ tịch HĐND, UBND thành phố", "Chủ tịch Hội đồng nhân dân, Ủy ban nhân dân thành phố"),
    ("ngày 24-1-2019", "ngày 24 tháng 1 năm 2019"),
    ("cuối tháng 3-2023", "cuối tháng 3 năm 2023"),
    ("nhiệm kỳ 2020–2025", "nhiệm kỳ 2020 đến 2025"),
    # Document numbers are read as written: no expansion inside a code, no fraction in a date.
    ("Nghị quyết số 43-NQ/TW", "Nghị quyết số 43-NQ/TW"),
    ("Kế hoạch 106-KH/TU", "Kế hoạch 106-KH/TU"),
    ("ngày 29/3/2023", "ngày 29/3/2023"),
    ("TP.HCM và TP Đà Nẵng", "TP.HCM và thành phố Đà Nẵng"),
    ("UBND TP. Đà Nẵng", "Ủy ban nhân dân thành phố Đà Nẵng"),
])
def test_read_aloud(written: str, spoken: str) -> None:
    assert read_aloud(written) == spoken


def test_radio_script_is_plain_text_with_attribution() -> None:
    entry = sample_entry(clean_html(DIRTY + "<ul><li>Một</li><li>Hai 50%</li></ul>"
                                    "<figure><img src='a.jpg'><figcaption>Ảnh: X</figcaption></figure>",
                                    PAGE_URL))
    text = radio_script(entry, IDENTITY)
    assert "<" not in text and ">" not in text
    assert "Hai 50 phần trăm" in text.splitlines()
    assert "Ảnh: X" not in text  # pictures are not read on air
    assert entry.url in text and "CC BY 4.0" in text
    assert text.startswith(entry.title)


def test_republish_html_has_credit_and_attribution_link(tmp_path: Path) -> None:
    photo = tmp_path / "cau.jpg"
    Image.new("RGB", (64, 48), "navy").save(photo)
    entry = sample_entry(clean_html(DIRTY, PAGE_URL))
    entry.image = ImageAsset.from_file(photo, IDENTITY.absolute("tin-tuc/posts/anh/cau.jpg"),
                                       "Cầu Rồng về đêm", "Hoàng Hiệp")
    html = republish_html(entry, IDENTITY)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("figcaption").get_text() == "Ảnh: Hoàng Hiệp"
    img = soup.find("img")
    assert (img["width"], img["height"]) == ("64", "48")
    last = soup.find_all("p")[-1]
    assert last.find("a")["href"] == entry.url
    assert "THANH THẢO" in last.get_text() and "29-3-2023" in last.get_text()
    assert not soup.find_all("script") and "onclick" not in html and "style=" not in html


BODIES = [
    "", DIRTY, "<p>Thân bài có 14/16 đảng ủy.</p>\n\n\n<p>Đoạn hai</p>",
    "<table><tr><td>Quận</td><td>14/16</td></tr></table><p>Sau bảng</p>",
    "<ul><li>Một<li>Hai</ul><p>Chưa đóng <em>nghiêng", "Chữ trơn, không thẻ & dấu <3",
    '<figure><img src="../anh/a.png" alt="Ảnh"><figcaption>Ảnh: X</figcaption></figure>\n\n',
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("with_image", [False, True])
@pytest.mark.parametrize("byline", [True, False])
def test_republish_html_is_one_pass_over_the_assembled_document(tmp_path: Path, body: str, with_image: bool,
                                                                 byline: bool) -> None:
    """A sanitised body (what a build has) is passed through and the rest sanitised around it:
    the bytes are those of sanitising the whole assembled document once more (what
    republish_html did before). A body that is not yet sanitised is sanitised on its own."""
    fields = {} if byline else {"authors": [], "source": ""}
    clean = clean_html(body, PAGE_URL)
    assert isinstance(clean, SanitisedHtml) and clean_html(clean, PAGE_URL) == clean
    raw = sample_entry(body, **fields)
    html = republish_html(raw, IDENTITY)
    assert "<script" not in html and "onclick" not in html and clean in html
    # An unclosed tag in the body stays in the body: the attribution is a paragraph of its own.
    assert BeautifulSoup(html, "html.parser").find_all("p")[-1].find("a")["href"] == raw.url
    entry = sample_entry(clean, **fields)
    if with_image:
        photo = tmp_path / "cau.jpg"
        Image.new("RGB", (64, 48), "navy").save(photo)
        entry.image = ImageAsset.from_file(photo, IDENTITY.absolute("anh/cau.jpg"), "Cầu <Rồng>", "Hoàng & Hiệp")
    assert republish_html(entry, IDENTITY) == _sanitised_at_once(entry)


def _sanitised_at_once(entry: Entry) -> str:
    """The copy-ready HTML as republish_html made it before: assembled, then sanitised once."""
    parts = [f"<h2>{escape(entry.title)}</h2>", f"<p><strong>{escape(entry.article.summary)}</strong></p>",
             body_html(entry)]
    if entry.article.byline:
        parts.append(f"<p><strong>{escape(entry.article.byline)}</strong></p>")
    if entry.article.source:
        parts.append(f"<p>{escape(entry.article.source)}</p>")
    parts.append(attribution_html(entry, IDENTITY))
    return clean_html("\n".join(parts), entry.url)


def test_article_ninjs_is_valid_and_carries_rights(tmp_path: Path) -> None:
    photo = tmp_path / "cau.png"
    Image.new("RGB", (40, 30), "red").save(photo)
    entry = sample_entry()
    entry.image = ImageAsset.from_file(photo, IDENTITY.absolute("anh/cau.png"), "Cầu Rồng", "Hoàng Hiệp")
    doc = ninjs.article_ninjs(entry, IDENTITY)
    assert errors(ninjs_validator(), doc) == []
    assert doc["by"] == "THANH THẢO"
    assert doc["copyrightNotice"] == "© 2023 Ban Tuyên giáo Thành ủy Đà Nẵng"
    assert "CC BY 4.0" in doc["usageTerms"] and "Điều 15" in doc["usageTerms"]
    assert doc["rightsInfo"] == {"linkedRights": IDENTITY.licence_url}
    assert {r["name"] for r in doc["renditions"]} == {"web", "presskit", "card"}
    pic = doc["associations"][0]
    assert pic["renditions"][0]["sizeInBytes"] == photo.stat().st_size
    assert (pic["renditions"][0]["width"], pic["renditions"][0]["height"]) == (40, 30)
    assert pic["by"] == "Ảnh: Hoàng Hiệp"


def test_ninjs_index_is_valid() -> None:
    entry = sample_entry()
    doc = ninjs.article_ninjs(entry, IDENTITY)
    index = ninjs.index_ninjs([(entry.ninjs_url, doc)], IDENTITY, entry.modified)
    assert errors(ninjs_validator(), index) == []
    assert index["associations"][0]["renditions"][0]["href"] == entry.ninjs_url


def test_json_ld_news_article() -> None:
    entry = sample_entry()
    data = jsonld.news_article(entry, IDENTITY)
    assert data["@type"] == "NewsArticle" and data["inLanguage"] == "vi"
    assert data["isAccessibleForFree"] is True
    assert data["publisher"]["logo"]["url"] == IDENTITY.logo_url
    image = data["image"][0]
    assert image["url"] == entry.card_url
    for key in ("creditText", "copyrightNotice", "license", "acquireLicensePage"):
        assert image[key]
    script = jsonld.script_json({"x": "</script><script>alert(1)</script>"})
    assert "</script>" not in script and json.loads(script)["x"].startswith("</script>")


def test_rss_escapes_categories_and_uses_article_time() -> None:
    entry = sample_entry()
    spec = feeds.feed_specs(IDENTITY)[0]
    root = etree.fromstring(feeds.rss(spec, [entry], IDENTITY, entry.published))
    assert "Kinh tế & xã hội" in [c.text for c in root.iter("category")]
    assert root.findtext("channel/lastBuildDate") == "Wed, 29 Mar 2023 18:11:00 +0700"
    assert root.findtext("channel/link") == IDENTITY.url
    doc = feeds.json_feed(spec, [entry], IDENTITY)
    assert errors(jsonfeed_validator(), doc) == []


def test_section_and_channel_specs_select_articles() -> None:
    section = feeds.Section("nghi-quyet-43", "Nghị quyết 43-NQ/TW", "nghi-quyet-43/",
                            frozenset({"nghị quyết 43-nq/tw"}))  # tags match by slug, like the tags plugin
    channels = (Channel("drt", "Đài Phát thanh – Truyền hình", "DRT"),)
    specs = {s.key: s for s in feeds.feed_specs(IDENTITY, (section,), channels)}
    nq = sample_entry()
    other = sample_entry(tags=["Kế hoạch 106-KH/TU"], channels=["drt"])
    assert feeds.select(specs["nghi-quyet-43"], [nq, other]) == [nq]
    assert feeds.select(specs["kenh-drt"], [nq, other]) == [other]
    assert specs["nghi-quyet-43"].file("rss") == "nghi-quyet-43/feed.xml"
    assert specs["kenh-drt"].file("json") == "kenh/drt/feed.json"


def test_press_kit_zip_is_deterministic_and_complete(tmp_path: Path) -> None:
    photo = tmp_path / "cau.png"
    Image.new("RGB", (10, 10), "red").save(photo)
    entry = sample_entry()
    doc = ninjs.article_ninjs(entry, IDENTITY)
    files = presskit.kit_files(entry, IDENTITY, doc, [photo, tmp_path / "missing.png"])
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    presskit.write_zip(first, files)
    presskit.write_zip(second, list(reversed(files)))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert set(names) == {"NGUON-VA-GIAY-PHEP.txt", "anh/cau.png", "bai-viet-phat-thanh.txt",
                              "bai-viet.html", "bai-viet.md", "ninjs.json"}
        assert {i.date_time for i in zf.infolist()} == {presskit.FIXED_TIME}
        assert zf.read("anh/cau.png") == photo.read_bytes()
        assert json.loads(zf.read("ninjs.json")) == doc
        credits = zf.read("NGUON-VA-GIAY-PHEP.txt").decode("utf-8")
        assert entry.url in credits and LEGAL_NOTE in credits
        with Image.open(io.BytesIO(zf.read("anh/cau.png"))) as img:
            assert img.size == (10, 10)


def test_html_to_text_keeps_table_cells_apart() -> None:
    text = html_to_text("<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>A</td><td>7,5%</td></tr></table>")
    assert text.splitlines() == ["Chỉ tiêu, Kết quả", "", "A, 7,5%"]


def test_html_to_text_reads_a_rendered_table_row_as_a_list() -> None:
    """Python-Markdown writes a line break between cells; a presenter reads "A, B", never
    ", A , B" (the white space between cells is not a cell)."""
    table = markdown.markdown("| Quận | Việc |\n|---|--:|\n| Hải Châu | 3 |\n|  | 4 |", extensions=["tables"])
    assert "\n<td" in table
    assert html_to_text(table).split("\n\n") == ["Quận, Việc", "Hải Châu, 3", "4"]


def test_html_to_text_skips_figures_comments_and_scripts_but_not_what_follows() -> None:
    html = ('<p>Một <em>hai</em> <!-- ghi chú --> ba &amp; bốn</p><figure><img src="a.png">'
            '<figcaption>Ảnh: TTXVN</figcaption></figure>sau ảnh<script>var p = "<p>";</script>'
            '<p>Năm<br>sáu</p>')
    assert html_to_text(html).split("\n\n") == ["Một hai ba & bốn", "sau ảnh", "Năm", "sáu"]
    assert html_to_text("") == html_to_text("  \n") == ""


def test_press_kit_image_names_never_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tmp_path / "a" / "anh.png", tmp_path / "b" / "anh.png"
    for path, colour in ((first, "red"), (second, "blue")):
        Image.new("RGB", (4, 4), colour).save(path)
    names = presskit.image_names([first, second, first, tmp_path / "missing.png"])
    assert names == {"anh/anh.png": first.resolve(), "anh/anh-2.png": second.resolve()}


def test_feeds_carry_the_newest_items_only() -> None:
    """A feed is polled: it lists the newest MAX_ITEMS articles, not the whole archive."""
    from datetime import timedelta

    base = sample_entry()
    entries = [sample_entry(date=base.published + timedelta(days=i), slug=f"bai-{i}")
               for i in range(feeds.MAX_ITEMS + 7)]
    spec = feeds.feed_specs(IDENTITY)[0]
    chosen = feeds.select(spec, entries)
    assert len(chosen) == feeds.MAX_ITEMS
    assert chosen[0] is entries[-1] and chosen[-1] is entries[7]  # newest first, oldest dropped
    root = etree.fromstring(feeds.rss(spec, entries, IDENTITY, base.published))
    assert len(root.findall("channel/item")) == feeds.MAX_ITEMS
    assert len(feeds.json_feed(spec, entries, IDENTITY)["items"]) == feeds.MAX_ITEMS


def test_memoised_texts_are_dropped_between_builds() -> None:
    """The adapter calls republish.forget() per build; nothing of an earlier build stays."""
    from microsite.syndication import republish

    radio_script(sample_entry(html="<p>Bài trước.</p>"), IDENTITY)
    assert republish.html_to_text.cache_info().currsize > 0
    republish.forget()
    assert republish.html_to_text.cache_info().currsize == 0
    assert republish._spoken.cache_info().currsize == 0


SANITISED_BITS = [
    "<p>", "</p>", "<h2>Tiêu đề</h2>", "<table><tr><th>A</th><td>1</td></tr><tr><td> </td><td>b <b>c</b></td></tr></table>",
    "<figure><img src='a.png' alt='x > y'><figcaption>Ảnh: TTXVN</figcaption></figure>", "<br>", "<br/>", "<hr>",
    '<a href="https://x.example/?a=1&amp;b=2" title="a > b">liên kết</a>', "<ul><li>một</li><li>hai</li></ul>",
    "&amp; &lt; &gt; &quot; &nbsp; &#39; &copy;", "<!-- ghi chú -->", "<script>x()</script>", "<style>p{}</style>",
    "<div>", "</div>", "<blockquote>trích</blockquote>", "<em>nghiêng</em>", "\n", "  ", "Đà Nẵng 14/16", "<", ">", "'", '"',
    "<svg><text>vẽ</text></svg>", "<caption>Bảng</caption>", "<span>", "</span>", "<td>", "</tr>",
]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.sampled_from(SANITISED_BITS),
                         st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=6)), max_size=25))
def test_sanitised_html_reads_the_same_without_a_tree(bits: list[str]) -> None:
    """The radio text of sanitised HTML, read from its tokens, is what lxml's walk reads.
    (Control characters are left out: lxml refuses them, the token reader does not.)"""
    sanitised = clean_html("".join(bits), "https://so-ket.example/tin-tuc/bai/")
    assert isinstance(sanitised, SanitisedHtml)
    from microsite.syndication.republish import _sanitised_text

    fast = _sanitised_text(sanitised)
    assert fast is not None, sanitised
    assert fast == html_to_text.__wrapped__(str(sanitised)), sanitised  # a plain str: the lxml walk


def test_feeds_carry_a_bounded_body() -> None:
    """A huge article goes into the six feeds as its summary and a link, not copied whole."""
    huge = sample_entry("<p>" + "Một đoạn văn dài. " * 20_000 + "</p>")
    small = sample_entry()
    spec = feeds.feed_specs(IDENTITY)[0]
    rss = feeds.rss(spec, [huge], IDENTITY, huge.published)
    assert len(rss) < 20_000 and len(huge.html) > 300_000
    root = etree.fromstring(rss)
    encoded = root.findtext("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded")
    assert huge.article.summary in encoded and huge.url in encoded
    doc = feeds.json_feed(spec, [huge, small], IDENTITY)
    assert errors(jsonfeed_validator(), doc) == []
    assert len(doc["items"][0]["content_html"]) < feeds.FEED_BODY_LIMIT
    assert "Thân bài có 14/16 đảng ủy." in doc["items"][1]["content_html"]
