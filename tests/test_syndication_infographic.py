"""Infographic reuse kit against a catalogue item of the issue-3 shape (no real catalogue needed)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from microsite.syndication.infographic import (Infographic, citation_long, citation_short, embed_snippet,
                                               reuse_kit)
from microsite.syndication.ninjs import infographic_ninjs

from syndication_helpers import IDENTITY, errors, ninjs_validator

ITEM = {
    "id": "tien-do-ke-hoach-106",
    "title": "Tiến độ triển khai Kế hoạch 106-KH/TU",
    "alt": "Biểu đồ: 14/16 đảng ủy trực thuộc và 56/56 xã, phường đã ban hành kế hoạch.",
    "as_of": "2023-03-27T17:00:00+07:00",
    "source": "Báo cáo tại buổi làm việc ngày 29-3-2023",
    "data": "https://so-ket.example/so-lieu/tien-do-ke-hoach-106/du-lieu.csv",
    "page": "https://so-ket.example/so-lieu/tien-do-ke-hoach-106/",
    "renditions": [
        {"channel": "print", "url": "https://so-ket.example/so-lieu/x/in.png", "width": 3508, "height": 2480},
        {"channel": "square", "url": "https://so-ket.example/so-lieu/x/vuong.png", "width": 1080, "height": 1080},
        {"channel": "web", "url": "https://so-ket.example/so-lieu/x/web.png", "width": 1200, "height": 800},
        {"channel": "tv", "url": "https://so-ket.example/so-lieu/x/tv.png", "width": 1920, "height": 1080},
    ],
}


def test_renditions_are_ordered_by_channel() -> None:
    info = Infographic.from_item(ITEM)
    assert [r.channel for r in info.renditions] == ["web", "square", "tv", "print"]
    assert info.primary.url.endswith("web.png")


def test_citations_carry_date_source_and_licence() -> None:
    info = Infographic.from_item(ITEM)
    short = citation_short(info, IDENTITY)
    assert short == "Đồ họa: Ban Tuyên giáo Thành ủy Đà Nẵng; số liệu tính đến 17 giờ ngày 27-3-2023."
    long = citation_long(info, IDENTITY)
    for part in (ITEM["title"], "17 giờ ngày 27-3-2023", ITEM["source"], ITEM["page"], "CC BY 4.0"):
        assert part in long
    date_only = Infographic.from_item({**ITEM, "as_of": "2023-03-27"})
    assert date_only.as_of_text == "27-3-2023"


def test_embed_snippet_links_back_with_credit() -> None:
    info = Infographic.from_item(ITEM)
    soup = BeautifulSoup(embed_snippet(info, IDENTITY), "html.parser")
    assert soup.find("a")["href"] == ITEM["page"]
    img = soup.find("img")
    assert (img["src"], img["width"], img["height"], img["alt"]) == (
        "https://so-ket.example/so-lieu/x/web.png", "1200", "800", ITEM["alt"])
    assert "Đồ họa: Ban Tuyên giáo Thành ủy Đà Nẵng" in soup.find("figcaption").get_text()
    assert not soup.find_all("script")


def test_reuse_kit_lists_every_rendition_and_csv() -> None:
    kit = reuse_kit(Infographic.from_item(ITEM), IDENTITY)
    assert len(kit.renditions) == 4 and kit.csv_url == ITEM["data"]
    assert [r.label for r in kit.renditions][0] == "Bản cho web"
    assert any("Điều 15" in rule for rule in kit.rules)


def test_infographic_ninjs_is_valid() -> None:
    doc = infographic_ninjs(Infographic.from_item(ITEM), IDENTITY)
    assert errors(ninjs_validator(), doc) == []
    assert doc["type"] == "graphic"
    names = [r["name"] for r in doc["renditions"]]
    assert names == ["page", "web", "square", "tv", "print", "data"]
    assert doc["uri"] == IDENTITY.absolute("api/ninjs/infographic/tien-do-ke-hoach-106.json")
    assert doc["renditions"][0]["href"] == ITEM["page"]
    assert doc["renditions"][-1]["contentType"] == "text/csv"
    assert doc["copyrightHolder"] == IDENTITY.publisher and "CC BY 4.0" in doc["usageTerms"]


def test_reuse_partial_renders_every_part() -> None:
    """The theme partial the lead wires into the infographic page renders the kit, escaped."""
    from jinja2 import Environment, FileSystemLoader

    from microsite.adapter.theme import THEME_DIR

    env = Environment(loader=FileSystemLoader(str(THEME_DIR)))
    env.filters["url"] = lambda value: "../" + value
    info = Infographic.from_item(ITEM)
    html = env.get_template("partials/infographic-reuse.html").render(info=info, reuse=reuse_kit(info, IDENTITY))
    soup = BeautifulSoup(html, "html.parser")
    box = soup.find("details", id=f"dang-lai-{ITEM['id']}")
    hrefs = [a["href"] for a in box.find_all("a", download=True)]
    assert hrefs == [r.url for r in info.renditions] + [ITEM["data"]]
    embed = box.find("textarea", id=f"ms-embed-{ITEM['id']}").get_text()
    assert embed == embed_snippet(info, IDENTITY)
    for button in box.find_all("button", attrs={"data-ms-copy": True}):
        assert box.find("textarea", id=button["data-ms-copy"]) is not None
    assert box.find(attrs={"aria-live": "polite"}) is not None


def test_every_infographic_gets_ninjs_index_entry_and_reuse_box(tmp_path, warm_cache) -> None:
    """The real wiring: the catalogue feeds the syndication adapter (ninjs, index, reuse box)."""
    from urllib.parse import urljoin

    from microsite.adapter.runner import build

    from syndication_helpers import copy_project, soup

    site = build(copy_project(tmp_path / "project", with_posts=False, warm=warm_cache))
    catalogue = json.loads((site / "api" / "infographics.json").read_text("utf-8"))["items"]
    index = json.loads((site / "api" / "ninjs" / "index.json").read_text("utf-8"))
    assert errors(ninjs_validator(), index) == []
    indexed = {a["uri"] for a in index["associations"]}
    assert len(catalogue) >= 6
    for item in catalogue:
        doc = json.loads((site / "api" / "ninjs" / "infographic" / f"{item['id']}.json").read_text("utf-8"))
        assert errors(ninjs_validator(), doc) == [] and doc["type"] == "graphic"
        assert doc["uri"] in indexed
        page_dir = site / item["page"].split("/", 3)[3]
        page = soup(page_dir / "index.html")
        link = page.find("link", type="application/ninjs+json")
        assert link["rel"] == ["alternate"] and urljoin(item["page"], link["href"]) == doc["uri"]
        box = page.select_one(f"details#dang-lai-{item['id']}")
        assert box is not None and item["data"].rsplit("/", 1)[-1] in str(box)
        assert len(box.select(".ms-republish__renditions a")) == len(item["renditions"]) + 1  # + CSV
