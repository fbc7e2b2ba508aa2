"""Real-browser fixtures: Debian's Chromium driven by Playwright, site served on 127.0.0.1.

No test may reach any address but 127.0.0.1: every request to another host is
recorded and aborted, and tests assert the list is empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browserkit import Server, serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

playwright_sync = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def site_server(default_site: Path) -> Iterator[Server]:
    server = serve(default_site)
    yield server
    server.httpd.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/system-deps)")
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did: console errors and requests to any host but ours."""

    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@pytest.fixture
def page_watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(browser: object, page_watch: PageWatch) -> Iterator[object]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            page_watch.foreign_requests.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda msg: page_watch.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: page_watch.console_errors.append(str(exc)))
    yield pg
    context.close()
