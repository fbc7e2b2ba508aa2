"""The video and audio players of the default site's sample article in Chromium, served with the
production security headers: captions load and show, nothing is fetched before play, nothing
comes from another host, and axe-core finds no WCAG 2.2 A/AA violation on the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from secure_server import SecureServer, production_headers, serve_with_headers
from test_pages_a11y import ARTIFACTS, CSP_RECORDER, axe_violations

ARTICLE = "/tin-tuc/2023/04/01/tu-lieu-mau-video-va-ban-tin-am-thanh-co-phu-de-cho-chuyen-muc-tren-drt/"

# The reader presses play (muted: headless Chromium plays no sound; twice as fast). The test
# server, like Python's, answers no range requests, so the test waits for a cue instead of seeking.
PLAY = """sel => { const player = document.querySelector(sel);
  player.muted = true; player.playbackRate = 2; return player.play(); }"""
SHOWING = """([sel, text]) => Array.from(document.querySelector(sel).textTracks[0].activeCues || [])
  .some(cue => cue.text === text)"""
SHOWN = """sel => { const track = document.querySelector(sel).textTracks[0];
  return {mode: track.mode, count: track.cues.length, active: Array.from(track.activeCues).map(c => c.text)}; }"""


@pytest.fixture(scope="module")
def secure(default_site: Path) -> Iterator[SecureServer]:
    server = serve_with_headers(default_site, production_headers())
    yield server
    server.httpd.shutdown()


def _open(page, secure: SecureServer, requests: list[str]) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(CSP_RECORDER)
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(secure.url + ARTICLE)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")


def test_captions_load_and_show_and_media_wait_for_play(page, secure, page_watch) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    _open(page, secure, requests)
    # preload="none": the page fetched neither file before the reader pressed play.
    assert not [url for url in requests if url.endswith((".mp4", ".mp3"))]
    assert page.evaluate("document.querySelector('video').canPlayType('video/mp4; codecs=\"avc1.42E01E, mp4a.40.2\"')")
    for selector, text in (("video", "Hình và tiếng trong video chỉ là tín hiệu thử, không phải phóng sự."),
                           ("audio", "Tiếng trong tệp này là âm thử, dùng để kiểm tra trình phát và phụ đề.")):
        # The default track is loaded (readyState 2) before anything plays.
        page.wait_for_function("sel => document.querySelector(sel + ' track').readyState === 2", arg=selector,
                               timeout=15_000)
        page.evaluate(PLAY, selector)
        page.wait_for_function(SHOWING, arg=[selector, text], timeout=20_000)
        assert page.evaluate(SHOWN, selector) == {"mode": "showing", "count": 3, "active": [text]}, selector
        page.evaluate("sel => document.querySelector(sel).pause()", selector)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.media-video").screenshot(path=str(ARTIFACTS / "media-video-caption.png"))
    assert page.evaluate("window.__csp") == []
    assert page_watch.foreign_requests == [] and page_watch.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_page_with_both_players_passes_axe(page, secure, page_watch, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, secure, [])
    page.locator("details.media-transcript").first.evaluate("d => d.open = true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"media-article-{width}.png"), full_page=True, animations="disabled")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    assert page_watch.foreign_requests == [] and page_watch.console_errors == []
