"""The preview's quick path for an edit of what listings show (adapter/preview_quick.py), in this
process on a copy of the default project: after a saved title, tag, summary or lead change, every
listing page it made again (blog index, archive, category, tag index, campaign pages) is the page
a cold build of the same sources writes, byte for byte, and the article's page is at its new URL
with its new title and tags; what it cannot make quickly (a date, a category) is a full build."""

from __future__ import annotations

import dataclasses
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from microsite.adapter.preview import Preview
from microsite.adapter.preview_quick import body_only, listing_edit
from microsite.workspace.status import WorkspaceStatus
from mkdocs.config import load_config
from sitekit import ROOT, copy_project

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generated_picture, save_photo

ADDR = "127.0.0.1:8765"  # written into the pages, never listened on
URL = f"http://{ADDR}/"


NQ43 = "nghi-quyet-43-nq-tw-muc-tieu-2030-tam-nhin-2045"  # tagged with the resolution: on its news page
OLDEST = "kiem-tra-tien-do-so-ket-giua-nhiem-ky"  # on the blog index's second page
META = re.compile(r"\A---\n(.*?)\n---\n", re.S)
RELATED = re.compile(rb'<section class="ms-related".*?</section>', re.S)


@dataclasses.dataclass
class Quick:
    project: Path
    preview: Preview
    tmp: Path

    def post(self, stem: str) -> Path:
        return self.project / "docs" / "tin-tuc" / "posts" / f"{stem}.md"

    def save(self, stem: str, body: tuple[str, str] | None = None, **fields: Any) -> None:
        """The article's front matter with ``fields`` changed (None: removed), ``body`` replaced."""
        path = self.post(stem)
        text = path.read_text("utf-8")
        match = META.match(text)
        assert match is not None
        meta = yaml.safe_load(match.group(1))
        for key, value in fields.items():
            if value is None:
                meta.pop(key)
            else:
                meta[key] = value
        rest = text[match.end():]
        if body is not None:
            assert body[0] in rest
            rest = rest.replace(*body, 1)
        path.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{rest}", "utf-8")
        time.sleep(0.01)  # a new modification time

    def meta(self, stem: str) -> dict[str, Any]:
        match = META.match(self.post(stem).read_text("utf-8"))
        assert match is not None
        return dict(yaml.safe_load(match.group(1)))

    def changed(self) -> list[str]:
        """Look at the sources; the pages the quick path served (none: it was a full build)."""
        before, built = self.preview.generation, self.preview.kept
        self.preview.changed()
        assert self.preview.generation > before, "the change was seen"
        if self.preview.kept is not built:
            return []
        return sorted(uri for uri, (gen, html) in self.preview.pending.items() if gen > before and html is not None)

    def served(self, uri: str) -> bytes:
        root = self.preview.folder.served()
        assert root is not None
        return (root / uri).read_bytes()

    def cold(self, name: str) -> Path:
        """What a preview build of the same sources writes from nothing, in a fresh process."""
        out = self.tmp / name
        subprocess.run([sys.executable, "-m", "microsite.adapter.preview", str(self.project / "mkdocs.yml"), str(out),
                        ADDR, URL], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "MICROSITE_PREVIEW": "1"})
        return out

    def differing(self, pages: list[str], cold: Path, article: str = "") -> list[str]:
        """The pages not as the cold build wrote them; on the article's page, the related list
        aside: its scores come from the titles, summaries and leads of the whole corpus, and it
        waits for the catch-up build."""
        def seen(page: str, html: bytes) -> bytes:
            return RELATED.sub(b"", html) if page == article else html
        return [page for page in pages if seen(page, self.served(page)) != seen(page, (cold / page).read_bytes())]
@pytest.fixture
def quick(tmp_path: Path, warm_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Quick]:
    project = copy_project(tmp_path / "project", warm=warm_cache)
    monkeypatch.setenv("MICROSITE_PREVIEW", "1")
    base = tmp_path / "serve"
    base.mkdir()
    config_file = project / "mkdocs.yml"
    config = load_config(config_file=str(config_file), site_dir=str(base / "current"), dev_addr=ADDR)
    config.plugins.on_startup(command="serve", dirty=False)
    preview = Preview(config_file, base, ADDR, URL, WorkspaceStatus(), lambda: None)
    preview.watched = [project / "docs", config_file]
    preview.full_build(config)
    assert preview.kept is not None
    try:
        yield Quick(project, preview, tmp_path)
    finally:
        preview.close()
        config.plugins.on_shutdown()


def titled(html: bytes) -> str:
    h1 = BeautifulSoup(html, "lxml").find("h1")
    assert h1 is not None
    return h1.get_text(" ", strip=True)


def article_page(quick: Quick, pages: list[str], title: str) -> str:
    """The one page made again whose <h1> is ``title``."""
    (found,) = [page for page in pages if titled(quick.served(page)) == title]
    return found


def test_title_and_tags_reach_every_listing_as_a_cold_build_writes_them(quick: Quick) -> None:
    title = "Nghị quyết 43-NQ/TW: tiêu đề viết lại cho bản xem trước"
    search = quick.preview.kept.plugins["microsite"].search_pages  # type: ignore[union-attr]
    texts = len(search.pages)
    old = "tin-tuc/2024/01/24/nghi-quyet-43-nq-tw-dinh-huong-phat-trien-da-nang-den-nam-2030-tam-nhin-den-nam-2045/index.html"
    assert titled(quick.served(old)) == quick.meta(NQ43)["title"]
    quick.save(NQ43, title=title, tags=[*quick.meta(NQ43)["tags"], "Thẻ thử hoàn toàn mới"])
    pages = quick.changed()
    assert pages, "a title and tag change is a quick edit"
    article = article_page(quick, pages, title)
    assert article.startswith("tin-tuc/2024/01/24/nghi-quyet-43-nq-tw-tieu-de-viet-lai"), article
    assert {"tin-tuc/index.html", "tin-tuc/the/index.html", "nghi-quyet-43/tin-lien-quan/index.html"} <= set(pages)
    assert any(page.startswith("tin-tuc/luu-tru/2024/") for page in pages)
    assert any(page.startswith("tin-tuc/chuyen-muc/nghi-quyet-43/") for page in pages)
    cold = quick.cold("cold-title")
    assert quick.differing(pages, cold, article) == []
    assert not (quick.preview.folder.served() / old).exists() and not (cold / old).exists()  # type: ignore[operator]
    assert title in quick.served("tin-tuc/index.html").decode("utf-8")
    tags = BeautifulSoup(quick.served("tin-tuc/the/index.html"), "lxml")
    assert tags.find(id="the-the-thu-hoan-toan-moi") is not None
    assert "Thẻ thử hoàn toàn mới" in BeautifulSoup(quick.served(article), "lxml").get_text()

    # The next edit starts from the state the quick path left: the tag goes, the summary changes.
    quick.save(NQ43, tags=quick.meta(NQ43)["tags"][:-1], summary="Tóm tắt viết lại cho bản xem trước.")
    pages = quick.changed()
    assert article in pages and "tin-tuc/the/index.html" in pages
    assert quick.differing(pages, quick.cold("cold-tag"), article) == []
    tags = BeautifulSoup(quick.served("tin-tuc/the/index.html"), "lxml")
    assert tags.find(id="the-the-thu-hoan-toan-moi") is None
    assert len(search.pages) == texts  # what the build kept does not grow with the edits


def test_a_catch_up_that_read_the_old_sources_loses_the_old_address(quick: Quick) -> None:
    """The catch-up build started before the title edit writes the old URL; when it is published,
    the quick pages saved after it started go in, and the address they moved from goes out."""
    preview = quick.preview
    preview._start_catch_up()
    catch_up = preview.catch_up
    assert catch_up is not None
    assert catch_up.proc.wait(timeout=300) == 0  # done, not yet published: built from the old sources
    old = next(path.relative_to(catch_up.folder) for path in catch_up.folder.rglob("index.html")
               if titled(path.read_bytes()) == quick.meta(NQ43)["title"])
    title = "Nghị quyết 43-NQ/TW: tiêu đề viết lại khi bản dựng nền đã xong"
    quick.save(NQ43, title=title)
    article = article_page(quick, quick.changed(), title)
    preview.tick()  # publishes the catch-up's folder
    assert preview.catch_up is None and preview.folder.served() == catch_up.folder.resolve()
    assert not (catch_up.folder / old).exists()
    assert titled((catch_up.folder / article).read_bytes()) == title


def test_a_lead_edit_on_a_later_listing_page(quick: Quick) -> None:
    quick.save(OLDEST, body=("<!-- more -->", "Một câu thêm vào phần mở đầu.\n\n<!-- more -->"))
    pages = quick.changed()
    assert any(page.startswith("tin-tuc/trang/") for page in pages), pages
    assert "tin-tuc/index.html" not in pages  # the first page does not show it
    article = article_page(quick, pages, quick.meta(OLDEST)["title"])
    assert "Một câu thêm vào phần mở đầu." in quick.served(article).decode("utf-8")
    assert quick.differing(pages, quick.cold("cold-lead"), article) == []


@pytest.mark.parametrize("change", [{"date": "2022-01-24 08:00"}, {"categories": ["Sơ kết giữa nhiệm kỳ"]},
                                    {"pin": True}])
def test_what_moves_an_article_between_listings_is_a_full_build(quick: Quick, change: dict[str, Any]) -> None:
    quick.save(NQ43, **change)
    assert quick.changed() == []


def test_a_title_taking_another_articles_address_is_reported_by_a_full_build(quick: Quick) -> None:
    quick.save("tien-do-so-ket-tinh-den-27-3-2023", title=quick.meta("ke-hoach-106-kh-tu-so-ket-giua-nhiem-ky")["title"])
    assert quick.changed() == []
    assert quick.preview.kept is None  # the build failed: the error page is served, the last site kept
    assert "Trùng địa chỉ bài viết" in quick.preview.status.snapshot.report


def test_what_counts_as_a_listing_edit(quick: Quick) -> None:
    plugin = quick.preview.kept.plugins["microsite"]  # type: ignore[union-attr]
    article = next(a for a in plugin.content.articles if a.tags)
    same = dataclasses.replace(article)
    assert body_only(article, same, "<!-- more -->") and listing_edit(article, same)
    for change in ({"title": "Khác", "slug": "khac", "meta": {**article.meta, "title": "Khác"}},
                   {"tags": ["Khác"], "meta": {**article.meta, "tags": ["Khác"]}},
                   {"summary": "Khác"}):
        edited = dataclasses.replace(article, **change)  # type: ignore[arg-type]
        assert listing_edit(article, edited) and not body_only(article, edited, "<!-- more -->"), change
    for change in ({"categories": ["Khác"]}, {"date": article.date.replace(year=2020)}, {"pin": not article.pin},
                   {"channels": []}, {"meta": {**article.meta, "hide": ["toc"]}}):
        assert not listing_edit(article, dataclasses.replace(article, **change)), change  # type: ignore[arg-type]


def test_a_new_photo_and_the_line_that_shows_it_are_a_quick_edit_as_a_cold_build_writes_it(quick: Quick) -> None:
    """An editor adds a picture file and a line showing it to an article's body: the picture's
    renditions are made and served at once and the article's page is a quick page, the same
    bytes as a cold build's (renditions included), not a full build."""
    picture = quick.project / "docs" / "tin-tuc" / "posts" / "anh" / "anh-moi-them.jpg"
    picture.parent.mkdir(exist_ok=True)
    save_photo(generated_picture(random.Random(7)), picture)
    line = "![Ảnh mới thêm vào bài, hình khối màu](anh/anh-moi-them.jpg)"
    quick.save(NQ43, body=("<!-- more -->", f"<!-- more -->\n\n{line}\n"))
    pages = quick.changed()
    assert pages, "a new photo with its line is a quick edit"
    article = article_page(quick, [p for p in pages if p.endswith(".html")], quick.meta(NQ43)["title"])
    html = BeautifulSoup(quick.served(article), "lxml")
    [img] = [i for i in html.select("picture img") if i.get("alt", "").startswith("Ảnh mới thêm")]
    root = quick.preview.folder.served()
    assert root is not None
    shown = [c.split()[0] for tag in img.parent.select("source, img") for c in tag["srcset"].split(", ")]
    assert shown and all((root / os.path.dirname(article) / url).resolve().is_file() for url in shown)
    assert "tin-tuc/anh/anh-moi-them.jpg" in pages  # the cleaned original, at the source's address
    assert quick.differing(pages, quick.cold("cold-photo"), article) == []
