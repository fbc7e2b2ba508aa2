"""Key pages in a real Chromium, served with the production security headers.

For each page: no console error, no request to another host, no CSP violation,
no axe-core WCAG 2.2 A/AA violation, keyboard reachability of menu and search,
and a usable layout 360 px wide. Screenshots go to tests/_artifacts/ for a look.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from secure_server import SecureServer, production_headers, serve_with_headers

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "_artifacts" / "pages"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The republish box is a <details class="ms-republish">; data-ms-republish also accepted.
REPUBLISH = "[data-ms-republish], .ms-republish"
PHONE = {"width": 360, "height": 740}

CSP_RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _article_path(site: Path) -> str:
    posts = sorted(p for p in (site / "tin-tuc").glob("20*/**/index.html"))
    assert posts, "the default site must publish at least one article"
    return "/" + posts[0].parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="module")
def secure(default_site: Path) -> Iterator[SecureServer]:
    server = serve_with_headers(default_site, production_headers())
    yield server
    server.httpd.shutdown()


def pages(site: Path) -> dict[str, str]:
    return {
        "home": "/",
        "article": _article_path(site),
        "nghi-quyet-43": "/nghi-quyet-43/",
        "so-lieu": "/so-lieu/",
        "tin-tuc": "/tin-tuc/",
    }


PAGE_NAMES = ["home", "article", "nghi-quyet-43", "so-lieu", "tin-tuc"]


def _open(page, secure: SecureServer, name: str) -> str:  # type: ignore[no-untyped-def]
    path = pages(secure.root)[name]
    page.add_init_script(CSP_RECORDER)
    response = page.goto(secure.url + path)
    assert response is not None and response.status == 200, path
    assert response.headers.get("content-security-policy") == secure.headers["Content-Security-Policy"]
    page.wait_for_load_state("networkidle")
    return path


def _clean(page, page_watch) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("window.__csp") == []
    assert page_watch.foreign_requests == []
    assert page_watch.console_errors == []


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    assert AXE.is_file(), f"{AXE} is missing: run `make test` (npm ci installs axe-core from package-lock.json)"
    # add_script_tag(path=...) inserts an inline <script>, which the site's CSP refuses
    # (see test_csp_blocks_injected_inline_script); DevTools evaluation is not subject to it.
    page.evaluate(AXE.read_text("utf-8") + "\n;0")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(f"{n['target'][0]} [{n.get('failureSummary', '')[-160:]}]" for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def test_csp_blocks_injected_inline_script(page, secure, page_watch) -> None:  # type: ignore[no-untyped-def]
    _open(page, secure, "home")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.__injected = 1")
    assert page.evaluate("window.__injected") is None
    assert page.evaluate("window.__csp") == ["script-src-elem inline"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_loads_clean_and_passes_axe(page, secure, page_watch, name: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, secure, name)
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True, animations="disabled")
    assert axe_violations(page) == []
    _clean(page, page_watch)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_fits_a_360px_phone(page, secure, page_watch, name: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    _open(page, secure, name)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.evaluate("window.scrollTo(10000, 0)")
    assert page.evaluate("window.scrollX") == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-360.png"), full_page=True, animations="disabled")
    assert axe_violations(page) == []
    _clean(page, page_watch)


def _tab_through(page, limit: int = 250) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Press Tab until focus has gone round the whole page once (back to <body>)."""
    seen: list[dict[str, object]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if seen and seen[-1]["tag"] == "body":
            break
        seen.append(page.evaluate("""() => {
            const el = document.activeElement;
            const st = getComputedStyle(el);
            return {tag: el.tagName.toLowerCase(), text: (el.innerText || '').trim(),
                    ring: st.outlineStyle !== 'none',
                    tab: !!el.closest('.md-tabs'), search: el.matches('#ms-search-q'),
                    republish: !!el.closest('[data-ms-republish], .ms-republish')};
        }"""))
    return seen


@pytest.mark.parametrize("name", ["home", "article"])
def test_keyboard_reaches_menu_search_and_republish(page, secure, page_watch, name: str) -> None:  # type: ignore[no-untyped-def]
    _open(page, secure, name)
    seen = _tab_through(page)
    assert any(s["tab"] for s in seen), "Tab never reached the section menu"
    assert {"Nghị quyết 43", "Tin tức"} <= {str(s["text"]) for s in seen if s["tab"]}
    assert any(s["search"] for s in seen), "Tab never reached the search box"
    if page.locator(REPUBLISH).count():
        assert any(s["republish"] for s in seen), "Tab never reached the republish box"
    # Every stop of the keyboard shows a focus ring (Material's default is invisible on red).
    assert [s for s in seen if not s["ring"] and s["tag"] != "body"] == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".md-tabs__link").nth(1).focus()
    page.screenshot(path=str(ARTIFACTS / f"{name}-focus-tab.png"), clip={"x": 0, "y": 0, "width": 800, "height": 110},
                    animations="disabled")
    _clean(page, page_watch)


def search(page, query: str) -> int:  # type: ignore[no-untyped-def]
    """Type ``query`` into the site's search bar (index loaded on first focus) like a
    reader, press Enter, and return how many results it lists."""
    box = page.locator("#ms-search-q")
    box.focus()
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    results = page.locator(".ms-search__item")
    results.first.wait_for(state="visible", timeout=15000)
    return results.count()


def test_search_answers_from_the_local_index(page, secure, page_watch) -> None:  # type: ignore[no-untyped-def]
    _open(page, secure, "home")
    assert search(page, "nghị quyết") >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop.png"), animations="disabled")
    assert axe_violations(page) == []
    _clean(page, page_watch)


def test_search_on_a_phone(page, secure, page_watch) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    _open(page, secure, "home")
    page.locator("#ms-search-q").wait_for(state="visible")
    assert search(page, "Đà Nẵng") >= 1
    page.screenshot(path=str(ARTIFACTS / "search-360.png"), animations="disabled")
    # Results must not make the page scroll sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.evaluate("window.scrollTo(10000, 0)")
    assert page.evaluate("window.scrollX") == 0
    _clean(page, page_watch)


def test_wide_table_on_a_phone_is_reachable_by_keyboard(page, page_watch, project, build_site) -> None:  # type: ignore[no-untyped-def]
    from sitekit import write_article

    header = "| " + " | ".join(f"Chỉ tiêu số {i}" for i in range(1, 9)) + " |\n"
    rule = "|" + "---|" * 8 + "\n"
    row = "| " + " | ".join(f"{i},5%" for i in range(1, 9)) + " |\n"
    write_article(project, "bang-rong", "Mở đầu.\n\n<!-- more -->\n\n## Bảng\n\n" + header + rule + row)
    site = build_site(project)
    server = serve_with_headers(site, production_headers())
    try:
        page.set_viewport_size(PHONE)
        page.add_init_script(CSP_RECORDER)
        post = next(site.glob("tin-tuc/20*/**/index.html"))  # the only article
        page.goto(server.url + "/" + post.parent.relative_to(site).as_posix() + "/")
        page.wait_for_load_state("networkidle")
        wrap = page.locator(".md-typeset__scrollwrap")
        assert wrap.count() == 1
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
        assert wrap.get_attribute("tabindex") == "0"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert axe_violations(page) == []
        _clean(page, page_watch)
    finally:
        server.httpd.shutdown()
