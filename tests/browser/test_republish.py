"""The "Đăng lại bài viết này" box in a real Chromium: keyboard-reachable copy to the clipboard."""

from __future__ import annotations

from pathlib import Path

import pytest

NO_CLIPBOARD_API = "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});"


@pytest.fixture(scope="module")
def article_path(default_site: Path) -> str:
    """URL path of a published article of the default site (any one with a press kit)."""
    kits = sorted(default_site.rglob("bai-viet.zip"))
    assert kits, "the default site has no published article"
    return "/" + kits[0].parent.relative_to(default_site).as_posix() + "/"


def _grant(page, server) -> None:  # type: ignore[no-untyped-def]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)


def test_copy_button_puts_clean_html_on_clipboard(page, site_server, page_watch, article_path) -> None:
    _grant(page, site_server)
    page.goto(site_server.url + article_path)
    box = page.locator("details#dang-lai")
    box.locator("summary").click()
    expected = box.locator("#ms-republish-html").input_value()
    assert expected.startswith("<h2>") and "<script" not in expected
    box.locator("button[data-ms-copy='ms-republish-html']").click()
    status = box.locator("[data-ms-copy-status]")
    status.filter(has_text="Đã sao chép").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page_watch.foreign_requests == []
    assert page_watch.console_errors == []
    shots = Path(__file__).resolve().parents[1] / "_artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "republish.png"), full_page=True)


def test_box_works_with_keyboard_only(page, site_server, page_watch, article_path) -> None:
    _grant(page, site_server)
    page.goto(site_server.url + article_path)
    page.locator("details#dang-lai summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("details#dang-lai").get_attribute("open") is not None
    for _ in range(20):  # Tab through the box until the text copy button has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.msCopy") == "ms-republish-text":
            break
    else:
        pytest.fail("the copy button for the plain text is not reachable with Tab")
    page.keyboard.press("Enter")
    page.locator("[data-ms-copy-status]").filter(has_text="Đã sao chép").wait_for()
    text = page.evaluate("navigator.clipboard.readText()")
    assert text == page.locator("#ms-republish-text").input_value()
    assert "<" not in text
    assert page_watch.console_errors == []


def test_fallback_without_clipboard_api(page, site_server, page_watch, article_path) -> None:
    """Older browsers: select the textarea and use execCommand('copy')."""
    _grant(page, site_server)
    page.add_init_script(NO_CLIPBOARD_API)
    page.goto(site_server.url + article_path)
    assert page.evaluate("navigator.clipboard === undefined")
    page.locator("details#dang-lai summary").click()
    page.locator("button[data-ms-copy='ms-republish-html']").click()
    page.locator("[data-ms-copy-status]").filter(has_text="Đã sao chép").wait_for()
    reader = page.context.new_page()  # a page where the Clipboard API is intact
    reader.goto(site_server.url + article_path)
    assert reader.evaluate("navigator.clipboard.readText()") == page.locator("#ms-republish-html").input_value()
    reader.close()
    assert page_watch.console_errors == []
