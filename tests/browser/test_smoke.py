"""The default site loads in a real Chromium with no console error and no foreign request."""

from __future__ import annotations

from pathlib import Path


def test_home_page_loads_with_self_hosted_font(page, site_server, page_watch) -> None:
    page.goto(site_server.url + "/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Sơ kết giữa nhiệm kỳ" in page.title()
    # The web font is served by the site itself and actually used.
    loaded = page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Đà Nẵng')")
    assert loaded
    assert page_watch.foreign_requests == []
    assert page_watch.console_errors == []
    shots = Path(__file__).resolve().parents[1] / "_artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "home.png"), full_page=True)
