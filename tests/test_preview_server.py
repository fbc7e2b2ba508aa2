"""`microsite serve` on a copy of the default project: a saved body edit comes out of the quick
path (adapter/preview.py) byte for byte as a cold build writes it, the catch-up build leaves the
served site equal to a cold build, a title change reaches the blog index, and a broken front
matter shows the error page without losing the last good page."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import copy_project, write_article

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from workspacekit import Served, start

NAME = "sua-thu-xem-truoc"
DATE = "2026-11-30 08:00"  # the newest article: first on the blog index
BODY = "Đoạn mở đầu bài viết.\n\n<!-- more -->\n\n## Nội dung\n\nThân bài {mark}."


def save(project: Path, mark: str, title: str = "Bài thử xem trước trực tiếp") -> None:
    write_article(project, NAME, body=BODY.format(mark=mark), title=title, date=DATE)


@pytest.fixture
def served(tmp_path: Path, warm_cache: Path) -> Iterator[tuple[Served, Path]]:
    """The server, and the folder its build folders are made in (TMPDIR of the child)."""
    project = copy_project(tmp_path / "project", warm=warm_cache)
    save(project, "ban-dau")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    os.environ["TMPDIR"] = str(scratch)  # inherited by the child started below
    try:
        server = start(project, tmp_path / "serve.log")
    finally:
        del os.environ["TMPDIR"]
    try:
        yield server, scratch
    finally:
        server.stop()


def served_root(scratch: Path) -> Path:
    (base,) = scratch.glob("microsite-serve-*")
    return (base / "current").resolve()


def page_path(served: Served, root: Path) -> str:
    """The article's URL (the blog makes it from the date and the title's slug)."""
    hits = [p for p in root.rglob("index.html") if NAME in p.parent.name or "bai-thu-xem-truoc" in p.parent.name]
    assert len(hits) == 1, hits
    return "/" + hits[0].parent.relative_to(root).as_posix() + "/"


def cold_build(served: Served, out: Path) -> Path:
    """What the catch-up build writes, from nothing, in a fresh process."""
    port = served.url.rsplit(":", 1)[1]
    subprocess.run([sys.executable, "-m", "microsite.adapter.preview", str(served.project / "mkdocs.yml"), str(out),
                    f"127.0.0.1:{port}", served.url + "/"], check=True, env={**os.environ, "MICROSITE_PREVIEW": "1"},
                   stdout=subprocess.DEVNULL)
    return out


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_body_edit_is_the_cold_build_page_and_the_catch_up_is_the_cold_build(
        served: tuple[Served, Path], tmp_path: Path) -> None:
    server, scratch = served
    url = page_path(server, served_root(scratch))
    save(server.project, "moc-sua-mot")
    server.wait_for(lambda: "moc-sua-mot" in server.get(url)[1], what="the edited body on the page")
    root = served_root(scratch)
    quick = (root / url.strip("/") / "index.html").read_bytes()
    assert b"moc-sua-mot" in quick
    (tmp_path / "quick.html").write_bytes(quick)  # kept for a look when the comparison below fails
    # The catch-up build has replaced the served folder once the feeds carry the new body too.
    server.wait_for(lambda: b"moc-sua-mot" in (served_root(scratch) / "feed.json").read_bytes(),
                    timeout=180, what="the catch-up build")
    cold = tree(cold_build(server, tmp_path / "cold"))
    assert quick == cold[url.strip("/") + "/index.html"]
    got = tree(served_root(scratch))
    assert sorted(got) == sorted(cold)
    assert [name for name in cold if got[name] != cold[name]] == []


def test_title_change_reaches_the_blog_index(served: tuple[Served, Path]) -> None:
    server, _ = served
    save(server.project, "ban-dau", title="Tiêu đề mới của bài thử")
    server.wait_for(lambda: "Tiêu đề mới của bài thử" in server.get("/tin-tuc/")[1], timeout=180,
                    what="the new title on the blog index")


def page_urls(root: Path) -> list[str]:
    """Every HTML page of the served build, as the URL a reader asks for."""
    return sorted("/" + (p.parent.relative_to(root).as_posix() + "/").removeprefix("./")
                  for p in root.rglob("index.html"))


def answers(server: Served, urls: list[str]) -> dict[str, tuple[int, str]]:
    return {url: server.get(url) for url in urls}


def banner(text: str) -> str:
    found = BeautifulSoup(text, "lxml").select_one("[data-microsite-preview-error]")
    return found.get_text(" ", strip=True) if found else ""


def test_a_broken_file_breaks_only_its_own_page(served: tuple[Served, Path]) -> None:
    """The broken article's page is the error page; every other page stays up, from the last good
    build, with the banner naming the file; a broken data file (a full build that fails) takes
    no page down."""
    server, scratch = served
    url = page_path(server, served_root(scratch))
    save(server.project, "moc-tot")
    server.wait_for(lambda: "moc-tot" in server.get(url)[1], what="the good edit")
    urls = page_urls(served_root(scratch))
    write_article(server.project, NAME, raw_header="title: [chưa đóng\n", body=BODY.format(mark="moc-hong"))
    status, text = server.wait_for(lambda: (r := server.get(url))[0] == 500 and r, what="the error page")
    assert "Nội dung có lỗi" in text and f"{NAME}.md" in text
    kept = (served_root(scratch) / url.strip("/") / "index.html").read_text("utf-8")
    assert "moc-tot" in kept and "moc-hong" not in kept
    got = answers(server, urls)
    assert [u for u, (code, _) in got.items() if code == 500] == [url]
    up = {u: text for u, (code, text) in got.items() if code == 200}
    assert len(up) == len(urls) - 1 > 20
    assert all(f"docs/tin-tuc/posts/{NAME}.md" in banner(text) for text in up.values())
    assert "Bài thử xem trước trực tiếp" in up["/tin-tuc/"]  # the listing as the last good build made it
    save(server.project, "moc-da-sua")
    server.wait_for(lambda: (r := server.get(url))[0] == 200 and "moc-da-sua" in r[1], what="the page back")
    assert not banner(server.get("/")[1])
    # A data file broken: the full build fails, every page stays up with the banner naming it.
    tracker = sorted((server.project / "docs" / "_data" / "tien-do").glob("*.yml"))[-1]
    good = tracker.read_text("utf-8")
    tracker.write_text(good.replace("as_of:", "as_of: [", 1), encoding="utf-8")
    shown = tracker.relative_to(server.project).as_posix()
    server.wait_for(lambda: shown in banner(server.get("/")[1]), timeout=180, what="the banner for the data file")
    got = answers(server, urls)
    assert {code for code, _ in got.values()} == {200}
    assert all(shown in banner(text) for _, text in got.values())
    tracker.write_text(good, encoding="utf-8")
    server.wait_for(lambda: not banner(server.get("/")[1]), timeout=180, what="the site back without banner")
