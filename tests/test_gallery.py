"""Photo stories (``::gallery FOLDER``): the check's Vietnamese errors, the published list of
figures, the captions file kept out of the site, the photos in the press kit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import yaml
from PIL import Image

from microsite.adapter.runner import project_settings
from microsite.content.site import check_site
from microsite.media.gallery import CAPTIONS

from sitekit import ROOT, soup, write_article

SAMPLE = ROOT / "docs" / "tin-tuc" / "posts" / "anh" / "chuyen-muc-bon-kenh"
ARTICLE_GLOB = "tin-tuc/2023/04/01/tu-dau-thang-4-2023-*/index.html"


def _article(site: Path) -> Path:
    [page] = site.glob(ARTICLE_GLOB)
    return page


def test_the_sample_story_is_a_list_of_figures_in_file_order(default_site: Path) -> None:
    captions = yaml.safe_load((SAMPLE / CAPTIONS).read_text("utf-8"))["photos"]
    page = _article(default_site)
    doc = soup(page)
    figures = doc.select("[data-ms-gallery] ol.ms-gallery__list > li > figure")
    assert len(figures) == len(captions) == 4
    names = sorted(p.name for p in SAMPLE.iterdir() if p.name != CAPTIONS)
    for figure, name in zip(figures, names):
        entry = next(c for c in captions if c["file"] == name)
        img, link = figure.select_one("a.ms-gallery__open picture img"), figure.select_one("a.ms-gallery__open")
        assert img["alt"] == entry["alt"] and img["loading"] == "lazy"
        original = (page.parent / link["href"]).resolve()
        assert original.name == name and original.is_file()  # the photo itself, for the viewer
        rendition = (page.parent / img["src"]).resolve()  # the responsive pipeline's, beside it
        assert rendition.parent == original.parent and rendition.name.startswith(original.stem + ".")
        with Image.open(rendition) as photo:
            assert (img["width"], img["height"]) == (str(photo.width), str(photo.height))
        assert figure.select_one("picture source[type='image/webp']")["srcset"]
        text = figure.select_one("figcaption").get_text(" ", strip=True)
        assert entry["caption"] in text and f"Ảnh: {entry['credit']}" in text
    assert doc.select_one("script[src$='gallery.js']") is not None
    assert not list(default_site.rglob(CAPTIONS))  # data, not published
    assert soup(default_site / "index.html").select_one("script[src$='gallery.js']") is None


def test_gallery_photos_are_in_the_press_kit(default_site: Path) -> None:
    with zipfile.ZipFile(_article(default_site).parent / "bai-viet.zip") as kit:
        names = set(kit.namelist())
    assert {f"anh/{p.name}" for p in SAMPLE.iterdir() if p.name != CAPTIONS} <= names


def _story(folder: Path, files: dict[str, str], captions: str | None) -> None:
    folder.mkdir(parents=True)
    for name, kind in files.items():
        if kind == "text":
            (folder / name).write_text("không phải ảnh", "utf-8")
        else:
            Image.new("RGB", (800, 600), "#a3111a").save(folder / name, kind)
    if captions is not None:
        (folder / CAPTIONS).write_text(captions, "utf-8")


def test_bad_stories_are_vietnamese_check_errors_naming_file_line_and_field(project: Path) -> None:
    posts = project / "docs" / "tin-tuc" / "posts"
    ok_entry = "  - file: {}\n    alt: Mô tả ảnh mẫu\n    caption: Chú thích ảnh mẫu\n    credit: Ảnh mẫu\n"
    _story(posts / "anh" / "khong-chu-thich", {"01.jpg": "JPEG"}, None)
    _story(posts / "anh" / "thieu", {"01.jpg": "JPEG", "02.jpg": "JPEG", "ghi-chu.txt": "text"},
           "photos:\n" + ok_entry.format("01.jpg") + ok_entry.format("03.jpg"))
    _story(posts / "anh" / "sai-truong", {"01.jpg": "JPEG"}, "photos:\n  - file: 01.jpg\n    alt: Mô tả ảnh mẫu\n")
    _story(posts / "anh" / "duoi-sai", {"01.jpg": "PNG"}, "photos:\n" + ok_entry.format("01.jpg"))
    write_article(project, "phong-su", "Mở đầu.\n\n<!-- more -->\n\n::gallery anh/khong-co\n\n"
                  "::gallery anh/khong-chu-thich\n\n::gallery anh/thieu\n\n::gallery anh/sai-truong\n\n"
                  "::gallery anh/duoi-sai\n\n::gallery ../../../../ngoai\n")
    errors = check_site(project_settings(project)).report.errors
    by_file: dict[str, list[tuple[int | None, str | None, str]]] = {}
    for e in errors:
        by_file.setdefault(e.file, []).append((e.line, e.field, e.message))
    article = sorted(by_file["docs/tin-tuc/posts/phong-su.md"])
    assert [(line, message.split('"')[0]) for line, _, message in article] == [
        (22, "Không tìm thấy thư mục ảnh "), (24, "Thư mục ảnh "), (32, "Thư mục ảnh ")]
    assert "chu-thich.yml" in article[1][2] and "ngoài thư mục docs" in article[2][2]
    thieu = " | ".join(m for _, _, m in by_file["docs/tin-tuc/posts/anh/thieu/chu-thich.yml"])
    assert "Không có ảnh \"03.jpg\"" in thieu and "Ảnh \"02.jpg\" chưa có chú thích" in thieu
    assert "\"ghi-chu.txt\"" in thieu and "không phải ảnh" in thieu
    missing = by_file["docs/tin-tuc/posts/anh/sai-truong/chu-thich.yml"]
    assert {(line, field) for line, field, _ in missing} == {(2, "photos[1].caption"), (2, "photos[1].credit")}
    assert all(message.startswith("Thiếu trường bắt buộc") for _, _, message in missing)
    [(line, field, message)] = by_file["docs/tin-tuc/posts/anh/duoi-sai/chu-thich.yml"]
    assert line == 2 and field == "photos[1].file" and "PNG" in message and "đuôi" in message


def test_a_drafts_story_is_withheld_with_its_draft(project: Path, build_site) -> None:  # type: ignore[no-untyped-def]
    posts = project / "docs" / "tin-tuc" / "posts"
    _story(posts / "anh" / "nhap", {"01.jpg": "JPEG"},
           "photos:\n  - file: 01.jpg\n    alt: Mô tả ảnh mẫu\n    caption: Chú thích ảnh mẫu\n    credit: Ảnh mẫu\n")
    write_article(project, "ban-nhap", "Mở đầu.\n\n<!-- more -->\n\n::gallery anh/nhap\n", status="draft", reviewer=...)
    site = build_site(project)
    assert not list(site.rglob("01.jpg"))
