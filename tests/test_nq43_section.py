"""The Resolution 43 section: its pages, documents, related news and section feed."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import yaml
from jsonschema import Draft7Validator

from campaignkit import article as _article
from sitekit import ROOT, settings_of, soup, write_article
from microsite.campaign.related import articles_for_tag
from microsite.content.site import check_site
from microsite.text.press import TIMEZONE

NOW = datetime(2023, 6, 1, 8, 0, tzinfo=TIMEZONE)
SECTION = ["", "muc-tieu", "van-ban", "lo-trinh", "ket-qua", "hoi-dap", "tin-lien-quan"]
CITATION = "Nghị quyết số 43-NQ/TW ngày 24-1-2019 của Bộ Chính trị (khóa XII)"
FEED_SCHEMA = json.loads(Path("/work/shared/schemas/jsonfeed-1.1.schema.json").read_text("utf-8"))


def _page(site: Path, name: str) -> Path:
    return site / "nghi-quyet-43" / name / "index.html" if name else site / "nghi-quyet-43" / "index.html"


def test_section_pages_exist_in_nav_and_cite_the_right_resolution(default_site: Path) -> None:
    home = soup(_page(default_site, ""))
    nav_links = {a["href"].rstrip("/").split("/")[-1] for a in home.select("nav.md-nav a[href]")}
    for name in SECTION:
        path = _page(default_site, name)
        assert path.is_file(), name
        text = soup(path).select_one("article").get_text(" ", strip=True)
        if name:
            assert name in nav_links
        assert "24-1-2019" in text or name == "tin-lien-quan", name
        # The other 43-NQ/TW (24-11-2023) only ever appears to tell them apart.
        if "24-11-2023" in text:
            assert "không" in text.lower() and name in ("", "hoi-dap"), name
    assert CITATION in soup(_page(default_site, "")).get_text(" ", strip=True)
    assert not (default_site / "_data").exists(), "data files are read by the plugin, never published"


def test_documents_page_lists_every_document_from_the_data_file(default_site: Path) -> None:
    data = yaml.safe_load((ROOT / "docs" / "_data" / "van-ban.yml").read_text("utf-8"))["documents"]
    page = soup(_page(default_site, "van-ban"))
    headings = page.select("article h2")
    assert len(headings) == len(data)
    for heading, doc in zip(headings, sorted(data, key=lambda d: str(d["date"]))):
        block = heading.find_next("ul")
        text = block.get_text(" ", strip=True)
        assert doc["number"] in heading.get_text()
        y, m, d = (int(x) for x in str(doc["date"]).split("-"))
        assert f"Ngày ban hành: {d}-{m}-{y}" in text
        assert f"Cơ quan ban hành: {doc['issuer']}" in text
        href = block.select_one("a[href]")["href"]
        if doc["url"].startswith("https://"):
            assert href == doc["url"]
        else:  # internal page: MkDocs resolved the .md link to a real page
            assert (_page(default_site, "van-ban").parent / href / "index.html").resolve().is_file()


def test_results_page_has_the_five_year_figures(default_site: Path) -> None:
    table = soup(_page(default_site, "ket-qua")).select_one("table.ms-results")
    cells = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    assert ["Nhiệm vụ đã hoàn thành", "113", "21,5%"] in cells
    assert ["Nhiệm vụ đang thực hiện", "390", "74,3%"] in cells
    assert "13-3-2024" in table.caption.get_text()


def _related_project(project: Path) -> Path:
    tag = "Nghị quyết 43-NQ/TW"
    write_article(project, "mot", title="Tin thứ nhất về Nghị quyết", date="2023-04-02 08:00", tags=[tag])
    write_article(project, "hai", title="Tin thứ hai về Nghị quyết", date="2023-05-02 08:00",
                  tags=["nghị quyết 43-nq/tw"], channels=["drt"])
    write_article(project, "ba", title="Tin thứ ba về Nghị quyết", date="2023-04-20 08:00", tags=[tag, "Khác"])
    write_article(project, "khong-gan", title="Tin không gắn nhãn", date="2023-04-21 08:00", tags=["Khác"])
    write_article(project, "nhap", title="Bản nháp có nhãn", date="2023-04-22 08:00", tags=[tag],
                  status="review", reviewer=...)
    write_article(project, "hen-gio", title="Bài hẹn giờ có nhãn", date="2023-07-01 08:00", tags=[tag])
    return project


def test_related_news_and_feed_follow_the_tagged_public_articles(project: Path, build_site, tmp_path: Path) -> None:
    site = build_site(_related_project(project), tmp_path / "site", now=NOW)
    page = soup(_page(site, "tin-lien-quan"))
    links = page.select("article li > a, article li p > a")
    titles = [a.get_text(strip=True) for a in links]
    assert titles == ["Tin thứ hai về Nghị quyết", "Tin thứ ba về Nghị quyết", "Tin thứ nhất về Nghị quyết"]
    for a in links:
        assert (_page(site, "tin-lien-quan").parent / a["href"] / "index.html").resolve().is_file()

    feed = json.loads((site / "nghi-quyet-43" / "feed.json").read_text("utf-8"))
    Draft7Validator(FEED_SCHEMA).validate(feed)
    assert [i["title"] for i in feed["items"]] == titles
    assert feed["feed_url"] == "https://so-ket-giua-nhiem-ky.example/nghi-quyet-43/feed.json"
    for item in feed["items"]:
        local = item["url"].removeprefix("https://so-ket-giua-nhiem-ky.example/")
        assert (site / local / "index.html").is_file()
        assert item["date_published"].endswith("+07:00")
    assert page.select_one(".ms-feed-link a")["href"] == "../feed.json"


def test_articles_for_tag_is_the_shared_selection() -> None:
    arts = [_article("a", 3, ["drt"], ["Nghị quyết 43-NQ/TW"]), _article("b", 9, ["drt"], ["NGHỊ QUYẾT 43-NQ/TW"]),
            _article("c", 5, ["drt"], ["Kế hoạch 106-KH/TU"])]
    assert [a.slug for a in articles_for_tag(arts, "Nghị quyết 43-NQ/TW", NOW)] == ["b", "a"]
    assert articles_for_tag(arts, "Nghị quyết 43-NQ/TW", datetime(2023, 4, 4, tzinfo=TIMEZONE))[0].slug == "a"


def test_bad_documents_file_and_unknown_marker_are_errors(project: Path) -> None:
    docs = project / "docs" / "_data" / "van-ban.yml"
    docs.write_text("documents:\n  - kind: Nghị quyết\n    number: 43-NQ/TW\n    date: 24-1-2019\n"
                    "    issuer: Bộ Chính trị\n    summary: Một đoạn tóm tắt đủ dài để hợp lệ.\n"
                    "    url: http://example.com\n", encoding="utf-8")
    page = project / "docs" / "nghi-quyet-43" / "van-ban.md"
    page.write_text("# Văn bản\n\n<!-- microsite:van-ban -->\n<!-- microsite:van-bang -->\n", encoding="utf-8")
    report = check_site(settings_of(project, now=NOW)).report
    found = {(p.file, p.line, p.field) for p in report.errors}
    assert ("docs/_data/van-ban.yml", 7, "documents[1].url") in found
    assert ("docs/nghi-quyet-43/van-ban.md", 4, None) in found
    marker = next(p for p in report.errors if p.file.endswith("van-ban.md"))
    assert "van-bang" in marker.message and "tin-lien-quan" in marker.hint
    docs.write_text(docs.read_text("utf-8").replace("http://example.com", "https://example.com"), encoding="utf-8")
    report = check_site(settings_of(project, now=NOW)).report
    date_problem = next(p for p in report.errors if p.field == "documents[1].date")
    assert date_problem.line == 4 and "24-1-2019" in date_problem.message
