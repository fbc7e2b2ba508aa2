"""The photo story's viewer (theme gallery.js) in Chromium, served with the production headers
(CSP script-src 'self'): keyboard only, announced position, focus back on close, axe clean;
and without JavaScript, the plain list of figures whose links open the photos."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from secure_server import SecureServer, production_headers, serve_with_headers
from test_pages_a11y import CSP_RECORDER, axe_violations

ARTICLE = "tin-tuc/2023/04/01/tu-dau-thang-4-2023-*/"


@pytest.fixture(scope="module")
def secure(default_site: Path) -> Iterator[SecureServer]:
    server = serve_with_headers(default_site, production_headers())
    yield server
    server.httpd.shutdown()


def _url(secure: SecureServer) -> str:
    [folder] = secure.root.glob(ARTICLE)
    return f"{secure.url}/{folder.relative_to(secure.root).as_posix()}/"


def test_the_viewer_works_with_the_keyboard_alone(page, secure, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(CSP_RECORDER)
    page.goto(_url(secure))
    page.wait_for_load_state("networkidle")
    links = page.locator(".ms-gallery__open")
    assert links.count() == 4
    links.first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.ms-viewer")
    assert dialog.evaluate("d => d.open && d.matches(':modal')")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    count = page.locator(".ms-viewer__count")
    assert count.inner_text() == "Ảnh 1/4" and count.get_attribute("aria-live") == "polite"
    page.keyboard.press("ArrowRight")
    assert count.inner_text() == "Ảnh 2/4"
    img = page.locator(".ms-viewer__img")
    assert img.get_attribute("alt") == links.nth(1).locator("img").get_attribute("alt")
    assert "Ảnh 2/4." in page.locator(".ms-viewer__caption").inner_text()
    page.keyboard.press("End")
    assert count.inner_text() == "Ảnh 4/4"
    page.keyboard.press("ArrowRight")  # round to the first
    assert count.inner_text() == "Ảnh 1/4"
    page.keyboard.press("ArrowLeft")
    assert count.inner_text() == "Ảnh 4/4"
    # Tab stays inside the modal dialog: its three buttons, in order, then round again.
    seen = set()
    for _ in range(4):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
    assert seen == {"Đóng", "Ảnh trước", "Ảnh sau"}
    img.evaluate("i => i.decode()")
    assert img.evaluate("i => i.naturalWidth") == 1200
    assert axe_violations(page) == []
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.evaluate("document.activeElement.classList.contains('ms-gallery__open')")
    assert page.evaluate("document.activeElement.href") == links.nth(3).evaluate("a => a.href")
    assert page.evaluate("window.__csp") == [] and page_watch.console_errors == [] and page_watch.foreign_requests == []


def test_without_javascript_the_story_is_a_list_of_figures(browser, secure) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(_url(secure))
        figures = page.locator(".ms-gallery__list > li > figure")
        assert figures.count() == 4
        assert page.locator("dialog").count() == 0
        first = figures.first
        assert first.locator("img").is_visible() and first.locator("figcaption").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        first.locator("a").click()
        assert page.url.endswith("/anh/chuyen-muc-bon-kenh/01-bao-da-nang.png")
    finally:
        context.close()
