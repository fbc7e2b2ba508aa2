"""The campaign front page (campaign/home.py, adapter/home.py): made from content, arranged in
docs/_data/trang-chu.yml, its key figures those of the latest progress snapshot."""

from __future__ import annotations

from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from microsite.adapter.runner import project_settings
from microsite.content.site import check_site
from microsite.text.press import number, percent

from sitekit import ROOT, soup, write_article

HOME_DATA = ROOT / "docs" / "_data" / "trang-chu.yml"


def _latest_snapshot() -> dict:
    folder = ROOT / "docs" / "_data" / "tien-do"
    return yaml.safe_load(sorted(folder.glob("*.yml"))[-1].read_text("utf-8"))


def test_key_visual_says_the_campaigns_title_and_line(default_site: Path) -> None:
    data = yaml.safe_load(HOME_DATA.read_text("utf-8"))
    page = soup(default_site / "index.html")
    [h1] = page.select("h1")
    assert h1.get_text(strip=True) == data["title"]
    assert h1.find_parent(class_="ms-keyvisual") is not None
    assert page.select_one(".ms-keyvisual__line").get_text(" ", strip=True) == " ".join(data["tagline"].split())
    headings = [h.get_text(strip=True) for h in page.select(".ms-home h2")]
    assert headings == ["Tiêu điểm", "Tin mới", "Infographic", "Số liệu tiến độ", "Nghị quyết 43-NQ/TW",
                        "Kênh thông tin"]


def test_key_figures_equal_the_latest_snapshot(default_site: Path) -> None:
    snapshot = _latest_snapshot()
    shown = [(li.select_one(".ms-figure__value").get_text(strip=True),
              li.select_one(".ms-figure__label").get_text(strip=True),
              (li.select_one(".ms-figure__share") or li).get_text(strip=True) if li.select_one(".ms-figure__share")
              else None)
             for li in soup(default_site / "index.html").select(".ms-figures li")]
    expected = []
    for ind in snapshot["indicators"]:
        if "done" in ind:
            expected.append((f"{number(ind['done'])}/{number(ind['total'])}", ind["label"],
                             percent(ind["done"] / ind["total"] * 100)))
        else:
            expected.append((number(ind["total"]), ind["label"], None))
    assert shown == expected
    assert shown[0] == ("14/16", "Đảng ủy trực thuộc Thành ủy đã ban hành kế hoạch triển khai", "87,5%")


def test_stories_infographics_resolution_and_channels_link_to_real_files(default_site: Path) -> None:
    page = soup(default_site / "index.html")
    cards = page.select(".ms-home li.ms-card")
    assert len(page.select(".ms-home__tieu-diem li.ms-card")) == 3
    assert len(page.select(".ms-home__tin-moi li.ms-card")) == 6
    titles = [c.select_one("h3").get_text(strip=True) for c in cards]
    assert len(titles) == len(set(titles))  # no story twice
    for card in page.select(".ms-home__tieu-diem li.ms-card"):  # the social card: none has a lead photo
        img = card.select_one(".ms-thumb img")
        assert img["width"] and img["height"] and img["alt"]
        assert (default_site / img["src"]).is_file()
    for card in page.select(".ms-home__tin-moi li.ms-card"):  # a designed box, no bytes, same size
        box = card.select_one(".ms-thumb.ms-thumb--none")
        assert box["aria-hidden"] == "true" and box.get_text(strip=True) and card.select_one("img") is None
    for card in cards:
        assert (default_site / card.select_one("h3 a")["href"] / "index.html").is_file()
    strip = page.select(".ms-home__infographic .infographic-strip li")
    assert len(strip) == 4
    for a in page.select(".ms-home a[href]"):
        href = a["href"]
        target = default_site / href
        assert target.is_file() or (target / "index.html").is_file(), href
    channels = page.select(".ms-home-channels li")
    assert [c.select_one("strong").get_text() for c in channels][0] == "Báo Đà Nẵng"


def test_pinned_stories_lead_and_a_lead_photo_is_the_thumbnail(project: Path, build_site) -> None:  # type: ignore[no-untyped-def]
    photos = project / "docs" / "tin-tuc" / "posts" / "anh"
    photos.mkdir(parents=True)
    sample = Image.new("RGB", (1600, 900), "#c0392b")  # a generated sample, not a photograph
    ImageDraw.Draw(sample).rectangle((200, 200, 1400, 700), fill="#f4c430")
    sample.save(photos / "mau.jpg", quality=80)
    write_article(project, "bai-cu-duoc-ghim", title="Bài cũ được ghim lên trang chủ", date="2023-03-01 08:00",
                  pin=True, image={"src": "anh/mau.jpg", "alt": "Ảnh mẫu: khối màu vàng trên nền đỏ",
                                   "credit": "Ảnh mẫu"})
    for day in range(2, 6):
        write_article(project, f"bai-ngay-{day}", title=f"Tin ngày {day} tháng 3 về sơ kết giữa nhiệm kỳ",
                      date=f"2023-03-0{day} 08:00")
    home = project / "docs" / "_data" / "trang-chu.yml"
    home.write_text(home.read_text("utf-8").replace("featured: 3", "featured: 1").replace("latest: 6", "latest: 2")
                    .replace("channels: true", "channels: false")
                    + "visual:\n  src: tin-tuc/posts/anh/mau.jpg\n  alt: Ảnh mẫu làm nền trang chủ\n", "utf-8")
    site = build_site(project)
    page = soup(site / "index.html")
    visual = page.select_one(".ms-keyvisual.ms-keyvisual--photo picture img")
    assert visual["alt"] == "Ảnh mẫu làm nền trang chủ" and visual.get("fetchpriority") == "high"
    assert (site / visual["src"]).is_file() and visual.find_parent("header").select_one("h1")
    [featured] = page.select(".ms-home__tieu-diem li.ms-card")
    assert featured.select_one("h3").get_text(strip=True) == "Bài cũ được ghim lên trang chủ"
    img = featured.select_one(".ms-thumb picture img")
    assert img["alt"] == "Ảnh mẫu: khối màu vàng trên nền đỏ"
    assert int(img["width"]) * 9 == int(img["height"]) * 16  # the 16:9 rendition, its real size
    assert img.get("loading") == "lazy"  # the key visual is the page's largest content
    for candidate in featured.select_one("picture source[type='image/webp']")["srcset"].split(", "):
        assert (site / candidate.split()[0]).is_file()
    latest = [c.select_one("h3").get_text(strip=True) for c in page.select(".ms-home__tin-moi li.ms-card")]
    assert latest == ["Tin ngày 5 tháng 3 về sơ kết giữa nhiệm kỳ", "Tin ngày 4 tháng 3 về sơ kết giữa nhiệm kỳ"]
    assert page.select(".ms-home-channels") == []


def test_bad_home_data_and_a_missing_file_are_vietnamese_check_errors(project: Path) -> None:
    home = project / "docs" / "_data" / "trang-chu.yml"
    home.write_text(home.read_text("utf-8").replace("featured: 3", "featured: 9"), "utf-8")
    errors = check_site(project_settings(project)).report.errors
    [error] = [e for e in errors if e.file.endswith("trang-chu.yml")]
    assert error.field == "featured" and error.line and "4" in error.message
    home.write_text(home.read_text("utf-8").replace("featured: 9", "featured: 3")
                    + "visual:\n  src: assets/khong-co.jpg\n  alt: Ảnh nền không có\n", "utf-8")
    errors = check_site(project_settings(project)).report.errors
    [error] = [e for e in errors if e.file.endswith("trang-chu.yml")]
    assert error.field == "visual.src" and "khong-co.jpg" in error.message and error.line
    home.unlink()
    errors = check_site(project_settings(project)).report.errors
    [error] = [e for e in errors if e.file == "docs/index.md"]
    assert "trang-chu.yml" in error.message and error.line == 8
