"""Campaign pages on a phone-sized Chromium: readable, no page-wide sideways scroll, no errors."""

from __future__ import annotations

from pathlib import Path

import pytest

PAGES = ["tien-do/", "tien-do/ke-hoach-tuyen-truyen/", "nghi-quyet-43/van-ban/", "nghi-quyet-43/tin-lien-quan/",
         "nghi-quyet-43/ket-qua/"]


@pytest.mark.parametrize("path", PAGES)
def test_campaign_page_fits_a_phone(page, site_server, page_watch, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_server.url + "/" + path)
    page.wait_for_load_state("networkidle")
    # Wide tables scroll inside their own box; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page_watch.foreign_requests == [] and page_watch.console_errors == []
    shots = Path(__file__).resolve().parents[1] / "_artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"campaign-{path.strip('/').replace('/', '-')}.png"), full_page=True)


def test_tracker_bars_have_their_width(page, site_server) -> None:
    page.goto(site_server.url + "/tien-do/")
    widths = page.evaluate(
        "[...document.querySelectorAll('article .ms-bar')].map(b => b.firstElementChild.getBoundingClientRect().width"
        " / b.getBoundingClientRect().width)")
    assert [round(w, 2) for w in widths] == [0.88, 1.0, 0.27]
