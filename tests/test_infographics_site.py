"""The built site: pages, embeds, downloads, catalogue, cache, social cards."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

import jsonschema
from PIL import Image

from microsite.infographics.alt import alt_text
from microsite.infographics.cache import RenderCache
from microsite.infographics.publish import Identity, RenderStats, prepare
from microsite.infographics.renditions import CHANNELS
from infographic_helpers import default_infographics
from sitekit import html_files, soup, write_article


SITE_URL = "https://so-ket-giua-nhiem-ky.example/"

CATALOGUE_SCHEMA = {
    "type": "object", "required": ["items"], "additionalProperties": False,
    "properties": {"items": {"type": "array", "minItems": 6, "items": {
        "type": "object", "additionalProperties": False,
        "required": ["id", "title", "alt", "as_of", "source", "data", "page", "renditions"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "title": {"type": "string"}, "alt": {"type": "string"}, "source": {"type": "string"},
            "as_of": {"type": "string", "format": "date-time"},
            "data": {"type": "string", "pattern": r"^https://.*\.csv$"},
            "page": {"type": "string", "pattern": "^https://.*/$"},
            "renditions": {"type": "array", "minItems": 4, "maxItems": 4, "items": {
                "type": "object", "additionalProperties": False,
                "required": ["channel", "url", "width", "height"],
                "properties": {"channel": {"enum": ["web", "square", "tv", "print"]},
                               "url": {"type": "string", "pattern": r"^https://.*\.png$"},
                               "width": {"type": "integer"}, "height": {"type": "integer"}}}},
        }}}},
}


def local(site: Path, url: str) -> Path:
    path = urlparse(url).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def test_catalogue_matches_the_issue_and_points_at_real_files(default_site: Path) -> None:
    data = json.loads((default_site / "api" / "infographics.json").read_text("utf-8"))
    jsonschema.validate(data, CATALOGUE_SCHEMA, format_checker=jsonschema.FormatChecker())
    sizes = {c.name: (c.width, c.height) for c in CHANNELS}
    for item in data["items"]:
        assert item["page"] == f"{SITE_URL}so-lieu/{item['id']}/"
        assert local(default_site, item["page"]).is_file()
        assert local(default_site, item["data"]).is_file()
        for r in item["renditions"]:
            with Image.open(local(default_site, r["url"])) as image:
                assert image.size == (r["width"], r["height"]) == sizes[r["channel"]]


def test_alt_text_states_every_figure_in_vietnamese_style() -> None:
    by_id = {i.id: i for i in default_infographics()}
    for info in by_id.values():
        alt = alt_text(info)
        assert info.as_of_text() in alt and info.source in alt
        for f in info.fractions:
            assert f.text() in alt and f.percent_text() in alt
        for f in info.figures + ((info.target,) if info.target else ()):
            assert f.quantity.text() in alt
        for m in info.milestones:
            assert m.date_text() in alt and m.label in alt
    assert "9,8%/năm" in alt_text(by_id["nen-tang-nghi-quyet-43"])
    assert "1,55%" in alt_text(by_id["nen-tang-nghi-quyet-43"])
    assert "14/16 (87,5%)" in alt_text(by_id["tien-do-ke-hoach-106"])
    assert "03/11" in alt_text(by_id["tien-do-ke-hoach-106"])
    assert "5.000–5.500 USD" in alt_text(by_id["co-cau-kinh-te-dai-hoi-xxii"])
    assert "3,48%/năm" in alt_text(by_id["muc-tieu-tang-truong-grdp"])


def test_infographic_page_has_picture_table_and_downloads(default_site: Path) -> None:
    page = default_site / "so-lieu" / "tien-do-ke-hoach-106" / "index.html"
    doc = soup(page)
    figure = doc.select_one("figure.infographic")
    img = figure.select_one("img")
    assert img["width"] == "1200" and img["height"] == "630" and img["loading"] == "lazy"
    assert "1200w" in img["srcset"] and "2480w" in img["srcset"]
    assert "14/16" in img["alt"] and "56/56" in img["alt"] and "03/11" in img["alt"]
    table = figure.select_one("table")
    assert "tính đến 17 giờ ngày 27-3-2023" in table.caption.get_text()
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 4
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert rows[0][1:] == ["14", "16", "87,5%"]
    links = [a["href"] for a in figure.select("a[download]")]
    assert {Path(h).name for h in links} == {f"tien-do-ke-hoach-106-{c.name}.png" for c in CHANNELS} | {
        "tien-do-ke-hoach-106.csv"}
    for href in links:
        assert (page.parent / href).is_file()
    for srcset in (img["srcset"], *(s["srcset"] for s in figure.select("source"))):
        for part in srcset.split(","):
            assert (page.parent / part.split()[0]).is_file()


def test_every_published_webp_is_offered_by_a_page(default_site: Path) -> None:
    """WebP only where the responsive picture can use it: beside the web and print renditions,
    both or neither; the square and TV renditions are downloads, offered as PNG."""
    offered = set()
    for page in html_files(default_site):
        for source in soup(page).select("picture source[type='image/webp']"):
            offered |= {(page.parent / part.split()[0]).resolve() for part in source["srcset"].split(",")}
    infographics = (default_site / "so-lieu").resolve()
    offered = {path for path in offered if path.is_relative_to(infographics)}  # photos have their own WebP
    published = {p.resolve() for p in infographics.rglob("*.webp")}
    assert published == offered
    for folder in (default_site / "so-lieu").iterdir():
        webps = {p.name.rsplit("-", 1)[1] for p in folder.glob("*.webp")}
        assert webps in (set(), {"web.webp", "print.webp"}), folder


def test_csv_has_the_figures_and_their_provenance(default_site: Path) -> None:
    text = (default_site / "so-lieu" / "so-ket-5-nam-nghi-quyet-43" / "so-ket-5-nam-nghi-quyet-43.csv").read_text(
        "utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["Giá trị"] for r in rows] == ["525", "390", "113"]
    assert all(r["Tính đến"].startswith("2024-03-13") and "13-3-2024" in r["Nguồn"] for r in rows)


def test_gallery_lists_every_infographic(default_site: Path) -> None:
    doc = soup(default_site / "so-lieu" / "index.html")
    links = {a["href"] for a in doc.select(".infographic-gallery a")}
    assert links == {f"{i.id}/" for i in default_infographics()}
    assert not (default_site / "_data").exists()


def test_article_embed_links_relative_to_the_article(project: Path, build_site) -> None:
    write_article(project, "bai-co-so-lieu", "Mở đầu.\n\n<!-- more -->\n\n::infographic tien-do-theo-cap\n\nHết.")
    site = build_site(project)
    [page] = list((site / "tin-tuc" / "2023").rglob("index.html"))
    figure = soup(page).select_one("figure.infographic")
    assert figure is not None
    assert figure.select_one("img")["alt"].startswith("Infographic: Các cấp triển khai")
    assert figure.select_one("table caption")
    assert len(figure.select("a[download]")) == 5
    for a in figure.select("a[download]"):
        assert (page.parent / a["href"]).resolve().is_file()
    assert (page.parent / figure.select_one("figcaption a")["href"]).resolve().joinpath("index.html").is_file()


def test_second_build_renders_nothing(project: Path, build_site, tmp_path: Path) -> None:
    build_site(project)
    cache = project / ".cache" / "microsite"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("meta.json")}
    assert len([p for p in before if "infographics" in str(p)]) == 4 * len(default_infographics())
    assert [p for p in before if "/cards/" in str(p)]
    build_site(project)
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("meta.json")}
    assert after == before


def test_cache_rerenders_only_what_changed(tmp_path: Path) -> None:
    infos = default_infographics()[:2]
    cache, ident = RenderCache(tmp_path), Identity("Sơ kết giữa nhiệm kỳ", "Sơ kết")
    first, second = RenderStats(), RenderStats()
    for info in infos:
        prepare(info, cache, ident, first)
    for info in infos:
        prepare(info, cache, ident, second)
    assert (first.rendered, first.reused) == (8, 0)
    assert (second.rendered, second.reused) == (0, 8)
    third = RenderStats()
    prepare(infos[0], cache, Identity("Tên trang khác", "Khác"), third)
    assert third.rendered == 4


def test_every_page_has_a_social_card(default_site: Path) -> None:
    pages = html_files(default_site)
    assert len(pages) > 10
    for page in pages:
        if page.name != "index.html" or page.parent.name == "search":
            continue
        if page.parent.relative_to(default_site).parts[:1] == ("nhung",):
            # News boxes are framed by partner portals, never shared: no card, no og:image.
            assert not soup(page).select_one('meta[property="og:image"]'), page
            continue
        card = page.parent / "og.png"
        with Image.open(card) as image:
            assert image.size == (1200, 630), card
        meta = soup(page).select_one('meta[property="og:image"]')
        rel = page.parent.relative_to(default_site).as_posix()
        expected = urljoin(SITE_URL, "" if rel == "." else rel + "/") + "og.png"
        assert meta and meta["content"] == expected
