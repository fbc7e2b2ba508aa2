"""An article's tools in a real Chromium under the production headers: share, copy link,
corrections, related articles and the withdrawn notice; axe at 1280 px and 360 px."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image

from microsite.adapter.runner import build
from microsite.text.press import TIMEZONE
from secure_server import SecureServer, production_headers, serve_with_headers
from sitekit import copy_project, write_article
from test_pages_a11y import CSP_RECORDER, PHONE, axe_violations

NOW = datetime(2023, 4, 16, 8, 0, tzinfo=TIMEZONE)
SITE_URL = "https://so-ket-giua-nhiem-ky.example/"
ARTICLE = "tin-tuc/2023/03/29/dinh-chinh-va-chia-se-bai-viet-ve-do-thi-thong-minh/"
WITHDRAWN = "tin-tuc/2023/03/30/bai-da-go-ve-do-thi-thong-minh/"
NO_CLIPBOARD_API = "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"


WIDE_BODY = ("Mở đầu bài viết về đô thị thông minh.\n\n<!-- more -->\n\n## Nội dung\n\n"
             "![Toàn cảnh trung tâm điều hành đô thị thông minh](anh/rong.png)\n\nĐoạn cuối bài viết.\n")


def corpus(project: Path) -> Path:
    tags = ["Nghị quyết 43-NQ/TW", "Đô thị thông minh"]
    images = project / "docs" / "tin-tuc" / "posts" / "anh"
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (2400, 600), (20, 60, 120)).save(images / "rong.png")
    write_article(project, "chinh", WIDE_BODY, title="Đính chính và chia sẻ bài viết về đô thị thông minh", tags=tags,
                  summary="Đà Nẵng & các sở, ngành rà soát tiến độ đô thị thông minh: 14/16 đơn vị đã xong.",
                  updates=[{"date": "2023-04-02 09:00", "kind": "dinh-chinh", "note": "Sửa số đơn vị ở đoạn đầu."}])
    for i in range(3):
        write_article(project, f"lien-quan-{i}", title=f"Tin liên quan số {i} về đô thị thông minh",
                      date=f"2023-04-0{i + 3} 08:00", tags=tags)
    write_article(project, "da-go", title="Bài đã gỡ về đô thị thông minh", date="2023-03-30 08:00", tags=tags,
                  status="withdrawn", withdrawn={"date": "2023-04-10 14:00", "reason": "Số liệu chưa được xác nhận."})
    return project


@pytest.fixture(scope="module")
def tools_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = corpus(copy_project(tmp_path_factory.mktemp("tools") / "project", with_posts=False))
    return build(project, now=NOW)


@pytest.fixture(scope="module")
def tools(tools_site: Path) -> Iterator[SecureServer]:
    server = serve_with_headers(tools_site, production_headers())
    yield server
    server.httpd.shutdown()


def open_page(page, server: SecureServer, path: str) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(CSP_RECORDER)
    response = page.goto(server.url + "/" + path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle")


def clean(page, page_watch) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("window.__csp") == []
    assert page_watch.foreign_requests == []
    assert page_watch.console_errors == []


def test_share_links_carry_the_encoded_address(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    open_page(page, tools, ARTICLE)
    url = SITE_URL + ARTICLE
    facebook = page.locator(".ms-share a", has_text="Facebook").get_attribute("href")
    assert facebook == "https://www.facebook.com/sharer/sharer.php?u=" + url.replace(":", "%3A").replace("/", "%2F")
    assert parse_qs(urlsplit(facebook).query) == {"u": [url]}
    mail = page.locator(".ms-share a", has_text="e-mail").get_attribute("href")
    assert mail.startswith("mailto:?subject=")
    fields = {k: unquote(v) for k, v in (part.split("=", 1) for part in mail.removeprefix("mailto:?").split("&"))}
    assert fields["subject"] == "Đính chính và chia sẻ bài viết về đô thị thông minh"
    summary = "Đà Nẵng & các sở, ngành rà soát tiến độ đô thị thông minh: 14/16 đơn vị đã xong."
    assert fields["body"] == summary + "\r\n\r\n" + url
    assert page.locator("#ms-share-url").input_value() == url
    # Plain links: no script of another host, no frame, no image from it; nothing was requested.
    assert page.locator("script[src*='//'], iframe, img[src*='facebook'], img[src*='zalo']").count() == 0
    clean(page, page_watch)


def test_copy_link_puts_the_address_on_the_clipboard(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tools.url)
    open_page(page, tools, ARTICLE)
    page.locator("button[data-ms-copy='ms-share-url']").click()
    page.locator(".ms-share [data-ms-copy-status]").filter(has_text="Đã sao chép liên kết").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + ARTICLE
    page.wait_for_load_state("networkidle")
    clean(page, page_watch)  # nothing requested before or after the click


def test_copy_link_fallback_without_clipboard_api(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tools.url)
    page.add_init_script(NO_CLIPBOARD_API)
    open_page(page, tools, ARTICLE)
    page.locator("button[data-ms-copy='ms-share-url']").click()
    page.locator(".ms-share [data-ms-copy-status]").filter(has_text="Đã sao chép liên kết").wait_for()
    reader = page.context.new_page()
    reader.goto(tools.url + "/" + ARTICLE)
    assert reader.evaluate("navigator.clipboard.readText()") == SITE_URL + ARTICLE
    reader.close()
    clean(page, page_watch)


def test_native_share_button_only_where_the_browser_has_one(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    open_page(page, tools, ARTICLE)
    page.locator("button[data-ms-share-native]").click()
    assert page.evaluate("window.__shared.url") == SITE_URL + ARTICLE
    other = page.context.new_page()
    other.goto(tools.url + "/" + ARTICLE)
    if other.evaluate("navigator.share === undefined"):
        assert not other.locator("button[data-ms-share-native]").is_visible()
    other.close()
    clean(page, page_watch)


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "360"])
@pytest.mark.parametrize("path", [ARTICLE, WITHDRAWN], ids=["article", "withdrawn-notice"])
def test_new_elements_pass_axe(page, tools, page_watch, viewport: dict[str, int], path: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(viewport)
    open_page(page, tools, path)
    if path == ARTICLE:
        for selector in (".ms-share", ".ms-updates", ".ms-related"):
            assert page.locator(selector).is_visible(), selector
    else:
        assert page.locator("h1").inner_text() == "Bài viết đã được gỡ"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    clean(page, page_watch)


# -- print ("In bài") -------------------------------------------------------------------------

A4_POINTS = (595, 842)
PRINTABLE_CSS_PX = round((210 - 16 - 16) / 25.4 * 96)  # A4 width inside the @page margins


def pdf_text(pdf: bytes) -> tuple[str, list[tuple[int, int]]]:
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    return unicodedata.normalize("NFC", " ".join(text.split())), sizes


def test_print_button_calls_the_print_dialog(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    open_page(page, tools, ARTICLE)
    button = page.locator("button[data-ms-print]")
    assert button.inner_text() == "In bài" and button.get_attribute("onclick") is None
    assert page.locator("script[src$='assets/javascripts/print.js']").count() == 1
    button.click()
    assert page.evaluate("window.__printed") == 1
    assert page.evaluate("[...document.querySelectorAll('article img')].every(i => i.loading !== 'lazy')")
    clean(page, page_watch)


def test_article_prints_alone_on_a4_with_its_address(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    open_page(page, tools, ARTICLE)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what the browser does before printing
    page.wait_for_load_state("networkidle")
    text, sizes = pdf_text(page.pdf(prefer_css_page_size=True, print_background=True))
    assert sizes and all(size == A4_POINTS for size in sizes), sizes
    for shown in ("Đính chính và chia sẻ bài viết về đô thị thông minh",  # title
                  "18:11, Thứ Tư, ngày 29-3-2023",  # dateline
                  "Đính chính lúc 09:00, ngày 2-4-2023",  # correction
                  "Đoạn cuối bài viết.", "THANH THẢO",  # text and byline
                  "Nguồn: Trang thông tin điện tử Đảng bộ thành phố",  # source
                  "Địa chỉ bài viết:"):
        assert shown in text, (shown, text)
    address = text.split("Địa chỉ bài viết:", 1)[1]
    assert "".join(address.split()) == SITE_URL + ARTICLE  # last on paper; a long address wraps
    for chrome in ("Chia sẻ bài viết", "Sao chép liên kết", "In bài", "Đăng lại bài viết này", "Tin liên quan",
                   "Tìm kiếm", "Số liệu – Infographic", "Dành cho báo chí", "được phép đăng lại theo giấy phép"):
        assert chrome not in text, (chrome, text)
    clean(page, page_watch)


def test_printed_images_stay_inside_the_margins(page, tools, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": PRINTABLE_CSS_PX, "height": 1000})
    open_page(page, tools, ARTICLE)
    page.emulate_media(media="print")
    # Images the print stylesheet shows (thumbnails of related news are hidden on paper); the 2400 px
    # wide body image comes as a responsive picture and must fill the printable width, not overflow it.
    rects = page.evaluate("[...document.querySelectorAll('article img')].map(i => [i.getBoundingClientRect().left,"
                          " i.getBoundingClientRect().right]).filter(([l, r]) => r > l)")
    assert rects and max(right - left for left, right in rects) >= PRINTABLE_CSS_PX - 1, rects
    assert all(left >= 0 and right <= PRINTABLE_CSS_PX + 0.5 for left, right in rects), rects
    assert page.locator(".md-header").is_hidden() and page.locator(".ms-print-url").is_visible()
    clean(page, page_watch)
