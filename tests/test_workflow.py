"""Appraisal workflow: nothing unapproved or scheduled leaks into any file of the public build."""

from __future__ import annotations

import gzip
import html
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from sitekit import soup, write_article
from microsite.adapter.runner import BuildFailed
from microsite.text.press import TIMEZONE

NQ43 = "Nghị quyết 43-NQ/TW"
BEFORE = datetime(2023, 5, 1, 8, 0, tzinfo=TIMEZONE)
AFTER = datetime(2023, 6, 2, 8, 0, tzinfo=TIMEZONE)

# Unique ASCII words: found whether a file escapes Vietnamese or not.
HIDDEN = {
    "draft": ("zulumarker", "draft"),
    "review": ("yankeemarker", "review"),
}
SCHEDULED = "xraymarker"
PUBLIC = "alphamarker"


def _png(path: Path, colour: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 675), colour).save(path)  # a lead photo is at least 1200 px wide


def _image(src: str) -> dict[str, str]:
    return {"src": src, "alt": "Ảnh minh họa bài thử", "credit": "NGỌC PHÚ"}


def _withheld_project(project: Path) -> Path:
    """A public article, a draft, a review item and a scheduled article, all tagged for NQ 43."""
    anh = project / "docs" / "tin-tuc" / "posts" / "anh"
    for name in ("chung", f"{PUBLIC}-anh", "zulumarker-anh", "zulumarker-trong-bai",
                 "yankeemarker-anh", "xraymarker-anh"):
        _png(anh / f"{name}.png", "red")
    write_article(project, "cong-khai", title=f"Bài công khai {PUBLIC} về Đà Nẵng", date="2023-04-05 09:00",
                  tags=[NQ43], channels=["bao-da-nang"], image=_image(f"anh/{PUBLIC}-anh.png"),
                  body="Mở đầu.\n\n<!-- more -->\n\n![Ảnh chung](anh/chung.png)\n")
    for marker, status in HIDDEN.values():
        fields = {"status": status, "reviewer": None if status == "draft" else ...}
        write_article(project, marker, title=f"Bài chưa duyệt {marker} Sơn Trà", date="2023-04-06 09:00",
                      tags=[NQ43, f"Nhãn riêng {marker}"], channels=["bao-da-nang", "drt"],
                      image=_image(f"anh/{marker}-anh.png"), summary=f"Tóm tắt riêng của bài {marker} chưa duyệt.",
                      body=(f"Mở đầu {marker}.\n\n<!-- more -->\n\n![Ảnh](anh/chung.png)\n\n"
                            f"![Ảnh trong bài](anh/{marker}-trong-bai.png)\n" if marker == "zulumarker"
                            else f"Mở đầu {marker}.\n\n<!-- more -->\n\nThân bài.\n"),
                      **fields)
    write_article(project, SCHEDULED, title=f"Bài hẹn giờ {SCHEDULED} Ngũ Hành Sơn", date="2023-06-01 07:00",
                  tags=[NQ43], channels=["cong-ttdt"], image=_image(f"anh/{SCHEDULED}-anh.png"),
                  summary=f"Tóm tắt bài hẹn giờ {SCHEDULED} đã thẩm định.")
    return project


SEARCH_RECORDS = "search-index/docs/*"


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as searchable text: gzip opened, JSON unescaped, HTML unescaped."""
    out = {}
    records = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="ignore")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if path.parent.name == "docs" and path.parent.parent.name == "search-index":
            records.append(text)
        out[path.relative_to(site).as_posix()] = html.unescape(text).lower()
    out[SEARCH_RECORDS] = html.unescape("\n".join(records)).lower()  # every page the search knows
    return out


def leaks(site: Path, words: list[str]) -> list[tuple[str, str]]:
    found = []
    for name, text in site_texts(site).items():
        found += [(name, w) for w in words if w in text or w in name.lower()]
    return found


@pytest.fixture
def withheld_project(project: Path) -> Path:
    return _withheld_project(project)


def test_public_build_has_no_trace_of_unpublished_articles(withheld_project: Path, build_site, tmp_path: Path) -> None:
    site = build_site(withheld_project, tmp_path / "site", now=BEFORE)
    hidden_words = [m for m, _ in HIDDEN.values()] + [SCHEDULED, "son-tra", "ngu-hanh-son", "sơn trà", "ngũ hành sơn"]
    assert leaks(site, hidden_words) == []
    # The search reaches every kind of file the hidden words were looked for in:
    texts = site_texts(site)
    for name in (SEARCH_RECORDS, "sitemap.xml", "sitemap.xml.gz", "nghi-quyet-43/feed.json",
                 "nghi-quyet-43/tin-lien-quan/index.html", "tin-tuc/index.html"):
        assert PUBLIC in texts[name], name
    assert any(PUBLIC in name for name in texts), "the public article's own image is published"
    assert "tin-tuc/anh/chung.png" in texts, "an image also used by a public article stays"
    tag_pages = [n for n, t in texts.items() if "tags" in n or "the-" in n]
    assert all("zulumarker" not in t for t in tag_pages)


def test_preview_shows_unpublished_articles_with_banner(withheld_project: Path, build_site, tmp_path: Path) -> None:
    site = build_site(withheld_project, tmp_path / "preview", preview=True, now=BEFORE)
    pages = {p: soup(p) for p in (site / "tin-tuc").rglob("index.html")}

    def page_of(marker: str):
        hits = [s for p, s in pages.items() if marker in p.as_posix() and s.select_one("article")]
        assert len(hits) == 1, marker
        return hits[0]

    for marker, _ in HIDDEN.values():
        banner = page_of(marker).select_one(".ms-banner")
        assert banner is not None and "chưa được thẩm định" in banner.get_text()
        assert (site / "tin-tuc" / "anh" / f"{marker}-anh.png").is_file()
    scheduled = page_of(SCHEDULED).select_one(".ms-banner")
    assert scheduled is not None and "hẹn giờ" in scheduled.get_text()
    assert page_of(PUBLIC).select_one(".ms-banner") is None
    # Feeds are for the public: even a preview's section feed lists public articles only.
    feed = (site / "nghi-quyet-43" / "feed.json").read_text("utf-8")
    assert PUBLIC in feed and "zulumarker" not in feed and SCHEDULED not in feed


def test_scheduled_article_appears_in_first_build_after_its_date(withheld_project: Path, build_site,
                                                                  tmp_path: Path) -> None:
    before = build_site(withheld_project, tmp_path / "before", now=BEFORE)
    assert leaks(before, [SCHEDULED]) == []
    after = build_site(withheld_project, tmp_path / "after", now=AFTER)
    texts = site_texts(after)
    assert any(SCHEDULED in name for name in texts), "its page and image are published"
    for name in ("nghi-quyet-43/feed.json", "nghi-quyet-43/tin-lien-quan/index.html", SEARCH_RECORDS,
                 "sitemap.xml"):
        assert SCHEDULED in texts[name], name
    page = next(p for p in after.rglob("index.html") if SCHEDULED in p.parent.name)
    assert soup(page).select_one(".ms-banner") is None
    assert leaks(after, [m for m, _ in HIDDEN.values()]) == []


def test_clock_from_environment(withheld_project: Path, build_site, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MICROSITE_NOW", "2023-06-02T08:00")
    site = build_site(withheld_project, tmp_path / "env")
    assert SCHEDULED in (site / "nghi-quyet-43" / "feed.json").read_text("utf-8")
    monkeypatch.setenv("MICROSITE_NOW", "2023-05-01 08:00")
    site = build_site(withheld_project, tmp_path / "env2")
    assert SCHEDULED not in (site / "nghi-quyet-43" / "feed.json").read_text("utf-8")


def test_bad_clock_is_a_vietnamese_error(project: Path, build_site, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("MICROSITE_NOW", "mai")
    with pytest.raises(BuildFailed, match='Không đọc được thời điểm "mai"'):
        build_site(project, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_status_lists_articles_by_status_and_reviewer(withheld_project: Path) -> None:
    env = {**os.environ, "MICROSITE_NOW": BEFORE.isoformat()}
    out = subprocess.run([sys.executable, "-m", "microsite.cli", "status", "-d", str(withheld_project)],
                         capture_output=True, text=True, check=True, env=env).stdout
    sections = out.split("== ")
    draft = next(s for s in sections if s.startswith("Bản nháp"))
    review = next(s for s in sections if s.startswith("Chờ thẩm định"))
    approved = next(s for s in sections if s.startswith("Đã thẩm định"))
    assert "zulumarker" in draft and "yankeemarker" in review
    assert PUBLIC in approved and SCHEDULED in approved and "thẩm định: Tổ Biên tập" in approved
    scheduled_line = next(line for line in approved.splitlines() if SCHEDULED in line)
    assert scheduled_line.endswith("hẹn giờ, chưa đăng")
    assert not next(line for line in approved.splitlines() if PUBLIC in line).endswith("chưa đăng")


def test_local_refs_cover_markdown_html_and_reference_links() -> None:
    from microsite.content.publication import local_refs

    text = ('![a](anh/mot.png "Tiêu đề") [tệp](../tep/bao-cao.pdf#trang-2)\n'
            '[ref]: anh/hai.jpg\n<img src="anh/ba.webp" srcset="anh/bon.webp 2x, anh/nam.webp 3x">\n'
            '[ngoài](https://example.com/x.png) [neo](#muc) ![sp](anh/co%20dau.png)\n')
    assert local_refs(text) == ["anh/mot.png", "../tep/bao-cao.pdf", "anh/hai.jpg", "anh/ba.webp",
                                "anh/bon.webp", "anh/nam.webp", "anh/co dau.png"]
