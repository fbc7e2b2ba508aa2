"""The built default site: Vietnamese, ASCII URLs, self-hosted, press-style articles."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sitekit import html_files, soup, write_article
from microsite.cli import main

ASCII_SEGMENT = re.compile(r"^[a-z0-9-]+$")
ASSET_NAME = re.compile(r"^[a-z0-9._-]+$")


def test_every_page_is_vietnamese(default_site: Path) -> None:
    pages = html_files(default_site)
    assert len(pages) >= 20
    for page in pages:
        assert soup(page).html.get("lang") == "vi", page


def test_every_url_path_is_ascii(default_site: Path) -> None:
    for path in default_site.rglob("*"):
        rel = path.relative_to(default_site)
        if rel.parts[0].startswith("."):  # server files (.nginx/withdrawn.map): nginx never serves dot paths
            continue
        if path.is_dir():
            for part in rel.parts:
                assert ASCII_SEGMENT.match(part), rel
        else:
            assert ASSET_NAME.match(path.name.lower()) and path.name.isascii(), rel
            if path.name == "index.html":
                assert all(ASCII_SEGMENT.match(p) for p in rel.parts[:-1]), rel


def test_every_heading_id_is_ascii(default_site: Path) -> None:
    seen = 0
    for page in html_files(default_site):
        for heading in soup(page).find_all(re.compile(r"^h[1-6]$")):
            if heading.get("id"):
                seen += 1
                assert ASCII_SEGMENT.match(heading["id"]), (page, heading["id"])
    assert seen > 20


def _resource_urls(doc) -> list[str]:  # type: ignore[no-untyped-def]
    urls = [el.get("src") for el in doc.find_all(["script", "img", "iframe", "audio", "video", "source", "embed"])]
    urls += [el.get("href") for el in doc.find_all("link") if set(el.get("rel", [])) & {
        "stylesheet", "icon", "preload", "preconnect", "dns-prefetch", "modulepreload", "manifest"}]
    urls += [el.get("data") for el in doc.find_all("object")]
    return [u for u in urls if u]


def test_no_resource_from_another_host(default_site: Path) -> None:
    for page in html_files(default_site):
        for url in _resource_urls(soup(page)):
            assert not urlparse(url).netloc and not url.startswith("//"), (page, url)
    for css in default_site.rglob("*.css"):
        text = css.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, css
        for url in re.findall(r"url\(([^)]+)\)", text):
            assert "://" not in url or url.strip("'\"").startswith("data:"), (css, url)


def test_fonts_are_self_hosted_subsets(default_site: Path) -> None:
    from fontTools.ttLib import TTFont

    fonts = sorted((default_site / "assets" / "fonts").glob("*.woff2"))
    assert [f.name for f in fonts] == ["be-vietnam-pro-400-italic.woff2", "be-vietnam-pro-400.woff2",
                                       "be-vietnam-pro-700.woff2"]
    cmap = TTFont(fonts[1]).getBestCmap()
    for ch in "ĐđƠơƯưẠặẾễỳỹ–“”":
        assert ord(ch) in cmap, ch
    assert ord("中") not in cmap  # subset: no CJK
    css = (default_site / "assets" / "stylesheets" / "microsite.css").read_text("utf-8")
    assert css.count("font-display: swap") == 3


def _articles(site: Path) -> list[Path]:
    return sorted(site.glob("tin-tuc/[0-9]*/*/*/*/index.html"))


def test_articles_have_press_style_dates_byline_and_og_type(default_site: Path) -> None:
    articles = _articles(default_site)
    assert len(articles) >= 8
    for page in articles:
        doc = soup(page)
        assert doc.find("meta", property="og:type")["content"] == "article"
        dateline = doc.select_one(".ms-dateline time").get_text()
        assert re.fullmatch(r"\d{2}:\d{2}, Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy), ngày \d{1,2}-\d{1,2}-20\d{2}|"
                            r"\d{2}:\d{2}, Chủ Nhật, ngày \d{1,2}-\d{1,2}-20\d{2}", dateline), dateline
        assert "thg" not in doc.get_text()
        byline = doc.select_one(".ms-byline").get_text().strip()
        assert byline == byline.upper() and byline
        assert doc.select_one(".ms-source").get_text().startswith("Nguồn")
    home = soup(default_site / "index.html")
    assert home.find("meta", property="og:type")["content"] == "website"


def test_meeting_report_reads_as_published(default_site: Path) -> None:
    page = next(p for p in _articles(default_site) if "/2023/03/29/" in p.as_posix())
    doc = soup(page)
    assert doc.select_one(".ms-dateline time")["datetime"] == "2023-03-29T18:11:00+07:00"
    assert doc.select_one(".ms-dateline time").get_text() == "18:11, Thứ Tư, ngày 29-3-2023"
    assert doc.select_one(".ms-byline").get_text().strip() == "THANH THẢO"


def test_unapproved_articles_are_not_published(default_site: Path) -> None:
    text = "\n".join(p.read_text("utf-8") for p in default_site.rglob("*.html"))
    assert "ban-nhap-dieu-tra-xa-hoi-hoc" not in text
    assert "Bản nháp: kế hoạch điều tra" not in text


def test_blog_structure_categories_archive_tags(default_site: Path) -> None:
    blog = default_site / "tin-tuc"
    for slug in ("so-ket-giua-nhiem-ky", "nghi-quyet-43", "cong-tac-tuyen-truyen", "chi-dao-dieu-hanh"):
        assert (blog / "chuyen-muc" / slug / "index.html").is_file(), slug
    assert (blog / "luu-tru" / "2023" / "index.html").is_file()
    tags = soup(blog / "the" / "index.html")
    ids = [el.get("id") for el in tags.find_all(id=True) if el.get("id", "").startswith("the-")]
    assert "the-ke-hoach-106-kh-tu" in ids


def test_pagination_and_reading_time(project: Path, build_site) -> None:  # type: ignore[no-untyped-def]
    syllables = " ".join(["Đà Nẵng đẩy mạnh"] * 128)  # 512 syllables, ~520 with title and lead
    for day in range(1, 13):
        write_article(project, f"bai-{day}", title=f"Bài viết số {day} về tiến độ sơ kết",
                      date=f"2023-04-{day:02d} 08:00",
                      body=f"Mở đầu.\n\n<!-- more -->\n\n{syllables}\n")
    site = build_site(project)
    assert (site / "tin-tuc" / "trang" / "2" / "index.html").is_file()
    page = soup(site / "tin-tuc" / "2023" / "04" / "05" / "bai-viet-so-5-ve-tien-do-so-ket" / "index.html")
    # ~520 syllables at 220 per minute: 3 minutes (Material's default 265 wpm would say 2).
    assert "3 phút đọc" in page.get_text()


def test_new_creates_a_draft_that_passes_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-d", str(project), "Kiểm tra, đôn đốc tiến độ Nghị quyết 43-NQ/TW Đà Nẵng"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    path = Path(last)
    assert path.name == "kiem-tra-don-doc-tien-do-nghi-quyet-43-nq-tw-da-nang.md" and path.is_file()
    text = path.read_text("utf-8")
    for field in ("title:", "date:", "authors:", "channels:", "categories:", "tags:", "summary:",
                  "source:", "status: draft", "reviewer:", "image:"):
        assert field in text, field
    assert main(["check", "-d", str(project)]) == 0
    # A second draft with the same title gets its own file.
    assert main(["new", "-d", str(project), "Kiểm tra, đôn đốc tiến độ Nghị quyết 43-NQ/TW Đà Nẵng"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].endswith("-2.md")
