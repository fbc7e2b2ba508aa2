"""Photos on the built site: the lead figure, thumbnails in every listing, responsive body
pictures whose ``srcset`` candidates exist at the sizes they claim, and no published image
(site or press kit) that keeps a camera's metadata. One site is built for the module.

The pictures are generated (bench/corpus.py: gradients and shapes, with a phone-like EXIF
block holding a GPS position), never photographs of anything.
"""

from __future__ import annotations

import io
import json
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

from microsite.adapter.runner import build
from microsite.photos.library import PhotoLibrary
from microsite.photos.markup import SIZES_CARD, SIZES_CARD_COMPACT, picture_html
from microsite.photos.process import Focus, crop_box
from sitekit import ROOT, copy_project, soup, write_article

sys.path.insert(0, str(ROOT / "bench"))
from corpus import camera_exif, generated_picture

SITE_URL = "https://so-ket-giua-nhiem-ky.danang.gov.vn/"
GPS_IFD = 0x8825
ORIENTATION = 0x0112
RASTER = (".jpg", ".jpeg", ".png", ".webp")


@dataclass
class Built:
    project: Path
    site: Path


def _rotated_photo(path: Path) -> None:
    """A landscape picture stored sideways (1200 x 1600 pixels) with EXIF orientation 6 (turn
    90° clockwise to show), a GPS position, a comment, XMP and an Adobe RGB-like ICC profile."""
    img = generated_picture(random.Random(5), (1600, 1200)).transpose(Image.Transpose.ROTATE_90)
    exif = camera_exif()
    exif[ORIENTATION] = 6
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    img.save(path, "JPEG", quality=85, exif=exif, icc_profile=icc, comment=b"may anh thu", xmp=xmp)


def _png_with_text(path: Path) -> None:
    img = generated_picture(random.Random(9), (1300, 800)).convert("RGBA")
    info = PngInfo()
    info.add_text("Comment", "toa do 16.05, 108.2")
    img.save(path, "PNG", pnginfo=info, exif=camera_exif())


BODY = """Đoạn mở đầu có ảnh.

<!-- more -->

## Hiện trường

![Toàn cảnh công trình ven sông Hàn](anh/ven-song.png)

Thân bài sau ảnh.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Built:
    project = copy_project(tmp_path_factory.mktemp("photos") / "project", with_posts=False, warm=warm_cache)
    images = project / "docs" / "tin-tuc" / "posts" / "anh"
    images.mkdir(parents=True)
    _rotated_photo(images / "cong-trinh.jpg")
    _png_with_text(images / "ven-song.png")
    write_article(project, "co-anh", BODY, title="Công trình ven sông Hàn hoàn thành",
                  image={"src": "anh/cong-trinh.jpg", "alt": "Công nhân hoàn thiện mặt cầu",
                         "credit": "Hoàng Hiệp", "caption": "Công trường ngày 28-3-2023.", "focus": "50% 20%"})
    write_article(project, "khong-anh", title="Hội nghị sơ kết không kèm ảnh", date="2023-03-28 08:00")
    write_article(project, "lien-quan", title="Tin liên quan có ảnh", date="2023-03-27 08:00",
                  tags=["Kế hoạch 106-KH/TU", "Nghị quyết 43-NQ/TW"],
                  image={"src": "anh/ven-song.png", "alt": "Bờ sông Hàn buổi sáng", "credit": "Ảnh: TTXVN"})
    return Built(project, build(project))


def _page(built: Built, slug: str) -> Path:
    found = [p for p in built.site.joinpath("tin-tuc").rglob("index.html") if p.parent.name.startswith(slug)]
    assert len(found) == 1, found
    return found[0]


def _open(page: Path, url: str) -> Image.Image:
    return Image.open(page.parent / url)


def _candidates(page: Path, srcset: str) -> list[tuple[Path, int | None]]:
    """Each candidate and the width it claims (None for a density: ``2x``, a fixed box's file)."""
    out: list[tuple[Path, int | None]] = []
    for part in srcset.split(","):
        url, descriptor = part.split()
        out.append((page.parent / url, int(descriptor.removesuffix("w")) if descriptor.endswith("w") else None))
    return out


def test_lead_photo_is_a_figure_above_the_text(built: Built) -> None:
    page = _page(built, "cong-trinh-ven-song-han")
    html = soup(page)
    figure = html.select_one("figure.ms-lead")
    assert figure is not None
    img = figure.find("img")
    assert isinstance(img, Tag)
    assert img["alt"] == "Công nhân hoàn thiện mặt cầu"
    assert img.get("fetchpriority") == "high" and img.get("loading") is None
    caption = figure.find("figcaption").get_text(" ", strip=True)
    assert "Công trường ngày 28-3-2023." in caption and "Ảnh: Hoàng Hiệp" in caption
    # Above the text: before the article's heading and body.
    content = page.read_text("utf-8")
    assert content.index('class="ms-lead"') < content.index("<h1")
    # Upright: the EXIF orientation was applied (stored 1200 x 1600, shown 1600 x 1200).
    with _open(page, img["src"]) as shown:
        assert shown.width > shown.height
        assert (shown.width, shown.height) == (int(img["width"]), int(img["height"]))
    assert html.select_one(".ms-credit") is None  # the credit is in the figure, once


def test_every_srcset_candidate_exists_at_the_size_it_claims(built: Built) -> None:
    checked = 0
    for page in built.site.rglob("*.html"):
        html = soup(page)
        for tag in html.select("picture source, picture img"):
            for path, width in _candidates(page, tag["srcset"]):
                with Image.open(path) as img:
                    assert width is None or img.width == width, (page, path)
                    kinds = {"image/webp": ("WEBP",)}.get(tag.get("type", ""), ("JPEG", "PNG"))
                    assert img.format in kinds, path
                checked += 1
        for img in html.select("picture img"):
            with _open(page, img["src"]) as shown:
                assert shown.size == (int(img["width"]), int(img["height"])), (page, img["src"])
    assert checked > 20


def test_a_fixed_box_on_a_phone_gets_its_one_and_two_density_files_only(tmp_path: Path) -> None:
    source = tmp_path / "anh.jpg"
    generated_picture(random.Random(3), (1600, 900)).save(source, quality=85)
    photo = PhotoLibrary(tmp_path / "cache").photo_set(source, "anh/anh.jpg")
    compact = BeautifulSoup(picture_html(photo, "Ảnh", variant="16x9", sizes=SIZES_CARD_COMPACT), "lxml")
    phone, wide = compact.select("source")
    assert phone["media"] == "(max-width: 44.984375em)" and phone["type"] == "image/webp"
    [(file, density)] = [part.split() for part in phone["srcset"].split(",")]
    width = next(r.width for r in photo.variant("16x9").webp if r.path == file)
    assert density == "1x" and 2 * 140 <= width < 640  # 140 px box at two densities; no 3x file
    assert "media" not in wide.attrs and wide["sizes"] == SIZES_CARD_COMPACT
    column = BeautifulSoup(picture_html(photo, "Ảnh", variant="16x9", sizes=SIZES_CARD), "lxml")
    assert [s.get("media") for s in column.select("source")] == [None]  # a fluid box: the widths decide


def test_body_photo_is_a_lazy_responsive_picture(built: Built) -> None:
    html = soup(_page(built, "cong-trinh-ven-song-han"))
    body = [p for p in html.select("picture")
            if p.find_parent("figure", class_="ms-lead") is None and p.find_parent(class_="ms-thumb") is None]
    assert len(body) == 1
    img = body[0].find("img")
    assert img["alt"] == "Toàn cảnh công trình ven sông Hàn"
    assert img["loading"] == "lazy" and img["width"] and img["height"] and img["sizes"]
    assert body[0].find("source")["type"] == "image/webp"


def test_every_listing_shows_thumbnails_with_alt(built: Built) -> None:
    listings = [built.site / "tin-tuc" / "index.html",
                *built.site.joinpath("tin-tuc", "luu-tru").rglob("index.html"),
                *built.site.joinpath("tin-tuc", "chuyen-muc").rglob("index.html")]
    assert len(listings) >= 3
    for page in listings:
        html = soup(page)
        posts = html.select("article.md-post--excerpt")
        assert posts, page
        for post in posts:
            thumb = post.select_one(".ms-thumb img")
            assert thumb is not None and thumb.get("alt"), (page, post.get_text()[:60])
            assert thumb.get("width") and thumb.get("height")
    index = soup(built.site / "tin-tuc" / "index.html")
    by_title = {a.get_text(strip=True): a.find_parent("article") for a in index.select("article h2 a")}
    with_photo = by_title["Công trình ven sông Hàn hoàn thành"].select_one(".ms-thumb img")
    assert with_photo["alt"] == "Công nhân hoàn thiện mặt cầu" and "-16x9-" in with_photo["src"]
    without = by_title["Hội nghị sơ kết không kèm ảnh"].select_one(".ms-thumb img")
    assert without["src"].endswith("/og.png") and without["alt"].startswith("Ảnh đại diện bài")


def _small_thumbnails(items: list[Tag], page: Path) -> dict[str, Tag]:
    """Each list item's thumbnail by the item's link text; every item has one with alt, size,
    the list's ``sizes`` and a ``srcset`` (or the social card) that exists beside the page."""
    out = {}
    for li in items:
        img = li.select_one(".ms-thumb img")
        assert img is not None and img.get("alt") and img.get("width") and img.get("height"), li
        assert (page.parent / img["src"]).is_file(), img["src"]
        out[li.select("a")[-1].get_text(strip=True)] = img
    return out


def test_tag_listing_and_resolution_news_show_thumbnails(built: Built) -> None:
    tags = built.site / "tin-tuc" / "the" / "index.html"
    items = soup(tags).select("ul.ms-tag-list > li:has(> a)")
    shown = _small_thumbnails(items, tags)
    assert {"Công trình ven sông Hàn hoàn thành", "Hội nghị sơ kết không kèm ảnh", "Tin liên quan có ảnh"} <= set(shown)
    photo = shown["Công trình ven sông Hàn hoàn thành"]
    assert photo["alt"] == "Công nhân hoàn thiện mặt cầu" and "-16x9-" in photo["src"]
    webp = soup(tags).select_one("picture source[type='image/webp']")  # a 6rem (120 px) box: its 1x file only
    assert webp.get("sizes") is None and webp["srcset"].endswith("-16x9-320.webp 1x") and "," not in webp["srcset"]
    assert shown["Hội nghị sơ kết không kèm ảnh"]["src"].endswith("/og.png")

    news = built.site / "nghi-quyet-43" / "tin-lien-quan" / "index.html"
    listed = _small_thumbnails(soup(news).select(".ms-related-list li"), news)
    assert list(listed) == ["Tin liên quan có ảnh"]  # only the resolution's tag
    assert listed["Tin liên quan có ảnh"]["alt"] == "Bờ sông Hàn buổi sáng"


def test_related_news_and_news_boxes_show_pictures(built: Built) -> None:
    related = soup(_page(built, "hoi-nghi-so-ket-khong-kem-anh")).select(".ms-related li")
    assert related and all(li.select_one(".ms-thumb img[alt]") for li in related)
    box = soup(built.site / "nhung" / "tin-moi" / "index.html")
    items = box.select(".ms-box__list li")
    assert items and all(li.select_one("img.ms-box__thumb[alt][width][height]") for li in items)


def test_the_crops_follow_the_focal_point() -> None:
    # 1600 x 1200 with the subject in the top fifth: the 16:9 box (1600 x 900) starts at the top.
    assert crop_box((1600, 1200), (16, 9), Focus.parse("50% 20%")) == (0, 0, 1600, 900)
    assert crop_box((1600, 1200), (16, 9), Focus.parse("50% 100%")) == (0, 300, 1600, 1200)
    assert crop_box((1600, 1200), (1, 1), Focus.parse("0% 50%")) == (0, 0, 1200, 1200)


def _metadata(data: bytes, name: str) -> list[str]:
    """What a published image still carries that could identify a camera or a place."""
    found = []
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        if len(exif):
            found.append(f"EXIF {dict(exif)}")
        if exif.get_ifd(GPS_IFD):
            found.append("GPS")
        for key in ("icc_profile", "comment", "xmp", "XML:com.adobe.xmp", "Comment", "exif"):
            if img.info.get(key):
                found.append(key)
    if b"Exif\x00\x00" in data or b"adobe:ns:meta" in data:
        found.append("raw EXIF/XMP bytes")
    return [f"{name}: {what}" for what in found]


def test_no_published_image_carries_metadata(built: Built) -> None:
    problems: list[str] = []
    images = [p for p in built.site.rglob("*") if p.suffix.lower() in RASTER]
    assert len(images) > 20
    for path in images:
        problems += _metadata(path.read_bytes(), str(path.relative_to(built.site)))
    kits = list(built.site.rglob("bai-viet.zip"))
    assert kits
    kit_images = 0
    for kit in kits:
        with zipfile.ZipFile(kit) as zf:
            for name in zf.namelist():
                if name.lower().endswith(RASTER):
                    kit_images += 1
                    problems += _metadata(zf.read(name), f"{kit.parent.name}/{name}")
    assert problems == []
    assert kit_images >= 3
    # The sources did carry it (the test would pass vacuously otherwise).
    source = built.project / "docs" / "tin-tuc" / "posts" / "anh" / "cong-trinh.jpg"
    assert any("GPS" in p for p in _metadata(source.read_bytes(), "source"))


def test_press_kit_holds_the_cleaned_original(built: Built) -> None:
    page = _page(built, "cong-trinh-ven-song-han")
    with zipfile.ZipFile(page.parent / "bai-viet.zip") as zf:
        names = set(zf.namelist())
        assert {"anh/cong-trinh.jpg", "anh/ven-song.png", "anh/og.png"} <= names
        published = next(built.site.rglob("cong-trinh.jpg"))
        assert zf.read("anh/cong-trinh.jpg") == published.read_bytes()
        with Image.open(io.BytesIO(zf.read("anh/cong-trinh.jpg"))) as img:
            assert img.size == (1600, 1200)  # upright, full size


def test_jsonld_offers_three_ratios(built: Built) -> None:
    html = soup(_page(built, "cong-trinh-ven-song-han"))
    data = json.loads(html.find("script", type="application/ld+json").string)
    sizes = [(i["width"], i["height"]) for i in data["image"][:3]]
    assert sizes == [(1200, 675), (1200, 900), (1200, 1200)]


def test_renditions_are_made_once_and_are_the_same_bytes(tmp_path: Path, built: Built) -> None:
    source = built.project / "docs" / "tin-tuc" / "posts" / "anh" / "cong-trinh.jpg"
    first, second = PhotoLibrary(tmp_path / "a"), PhotoLibrary(tmp_path / "b")
    one = first.photo_set(source, "anh/cong-trinh.jpg", Focus.parse("50% 20%"))
    again = first.photo_set(source, "anh/cong-trinh.jpg", Focus.parse("50% 20%"))
    other = second.photo_set(source, "anh/cong-trinh.jpg", Focus.parse("50% 20%"))
    assert first.made == 1 and one == again == other
    for rendition in one.files():
        assert first.path_of(one, rendition).read_bytes() == second.path_of(other, rendition).read_bytes()
    # The site's renditions are those bytes.
    for rendition in one.files():
        name = rendition.path.rsplit("/", 1)[1]
        published = next(built.site.rglob(name))
        assert published.read_bytes() == first.path_of(one, rendition).read_bytes()
    assert re.fullmatch(r"cong-trinh\.[0-9a-f]{8}-16x9-640\.webp", one.variant("16x9").webp[1].path.rsplit("/", 1)[1])

