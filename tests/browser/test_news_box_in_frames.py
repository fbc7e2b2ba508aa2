"""Partners' news boxes (/nhung/...) in a real Chromium: framed by a listed partner origin,
refused by any other, no script; the rest of the site still refuses to be framed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browserkit import Server, serve
from secure_server import SecureServer, embed_overrides, production_headers, serve_with_headers
from test_article_tools import ARTICLE, clean, open_page, tools_site  # noqa: F401  (module fixture)
from test_pages_a11y import PHONE, axe_violations

BOX = "nhung/tin-moi/"
CHANNEL_BOX = "nhung/kenh/dang-bo/"


def partner_page(folder: Path, site: str, path: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Trang đối tác</title></head>'
        f'<body><main><h1>Trang đối tác</h1><iframe src="{site}/{path}" title="Tin mới" width="600" height="420">'
        f'</iframe></main></body></html>', "utf-8")


@pytest.fixture(scope="module")
def partners(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    listed, other = serve(tmp_path_factory.mktemp("listed")), serve(tmp_path_factory.mktemp("other"))
    yield listed, other
    listed.httpd.shutdown()
    other.httpd.shutdown()


@pytest.fixture(scope="module")
def boxes(tools_site: Path, partners: tuple[Server, Server]) -> Iterator[SecureServer]:  # noqa: F811
    listed, _ = partners
    server = serve_with_headers(tools_site, production_headers(), embed_overrides([listed.url]))
    for partner in partners:
        for name, path in (("box", BOX), ("channel", CHANNEL_BOX), ("article", ARTICLE)):
            partner_page(partner.root / name, server.url, path)
    yield server
    server.httpd.shutdown()


def framed(page, partner: Server, name: str):  # type: ignore[no-untyped-def]
    page.goto(f"{partner.url}/{name}/")
    page.wait_for_load_state("networkidle")
    return page.frames[1]


@pytest.mark.parametrize("name", ["box", "channel"])
def test_listed_partner_shows_the_box(page, boxes, partners, page_watch, name: str) -> None:  # type: ignore[no-untyped-def]
    frame = framed(page, partners[0], name)
    items = frame.locator(".ms-box__list li a")
    assert items.count() >= 1
    for i in range(items.count()):
        link = items.nth(i)
        assert (link.get_attribute("target"), link.get_attribute("rel")) == ("_blank", "noopener")
    assert "Tin liên quan số 2 về đô thị thông minh" in frame.locator(".ms-box__list").inner_text()
    assert "Bài đã gỡ" not in frame.locator("body").inner_text()
    assert frame.locator("script").count() == 0
    assert page_watch.foreign_requests == [] and page_watch.console_errors == []


@pytest.mark.parametrize("name", ["box", "channel"])
def test_other_origin_is_refused(page, boxes, partners, page_watch, name: str) -> None:  # type: ignore[no-untyped-def]
    frame = framed(page, partners[1], name)
    assert frame.evaluate("document.querySelectorAll('.ms-box__list li').length") == 0
    assert any("frame-ancestors" in e for e in page_watch.console_errors), page_watch.console_errors
    assert page_watch.foreign_requests == []


def test_articles_are_not_framed_even_by_a_partner(page, boxes, partners, page_watch) -> None:  # type: ignore[no-untyped-def]
    frame = framed(page, partners[0], "article")
    assert frame.evaluate("document.querySelectorAll('article').length") == 0
    assert page_watch.foreign_requests == []


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "360"])
@pytest.mark.parametrize("path", [BOX, CHANNEL_BOX, "bao-chi/"], ids=["box", "channel-box", "press-page"])
def test_box_and_press_page_pass_axe(page, boxes, page_watch, viewport: dict[str, int], path: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(viewport)
    open_page(page, boxes, path)
    if path == "bao-chi/":
        snippet = page.locator("code", has_text="<iframe").first.inner_text()
        assert f'src="https://so-ket-giua-nhiem-ky.example/{BOX}"' in snippet and 'title="' in snippet
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []
    clean(page, page_watch)
