"""Partner reuse on a real built site: feeds, ninjs, metadata, republish box, press kits."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from microsite.adapter.runner import BuildFailed, build

from syndication_helpers import copy_project, errors, jsonfeed_validator, ninjs_validator, soup, write_article

SITE_URL = "https://so-ket-giua-nhiem-ky.example/"
NS = {"content": "http://purl.org/rss/1.0/modules/content/", "media": "http://search.yahoo.com/mrss/",
      "atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/"}
NQ43_URL = SITE_URL + "tin-tuc/2023/03/29/nghi-quyet-43-va-so-ket-giua-nhiem-ky/"
PLAN_URL = SITE_URL + "tin-tuc/2023/03/30/ke-hoach-106-kh-tu-duoc-cu-the-hoa/"
NQ43_BODY = """\
Chiều 29-3-2023, HĐND và UBND thành phố làm việc về tiến độ.

<!-- more -->

## Kết quả

![Cầu Rồng về đêm](anh/cau-rong.png)

- 14/16 đảng ủy trực thuộc đã ban hành kế hoạch;
- tỷ lệ đạt 21,5% <b>nổi bật</b>.

Xem thêm [kế hoạch](ke-hoach.md).
"""


@dataclass
class Built:
    project: Path
    site: Path
    again: Path


def _project(root: Path, warm: Path) -> Path:
    project = copy_project(root / "project", with_posts=False, warm=warm)
    images = project / "docs" / "tin-tuc" / "posts" / "anh"
    images.mkdir(parents=True)
    Image.new("RGB", (1600, 900), (20, 60, 120)).save(images / "cau-rong.png")
    write_article(project, "nq43", NQ43_BODY, title="Nghị quyết 43 và sơ kết giữa nhiệm kỳ",
                  channels=["dang-bo", "drt"], tags=["Nghị quyết 43-NQ/TW", "Kinh tế & xã hội"],
                  image={"src": "anh/cau-rong.png", "alt": "Cầu Rồng bắc qua sông Hàn", "credit": "Hoàng Hiệp"})
    write_article(project, "ke-hoach", title="Kế hoạch 106-KH/TU được cụ thể hóa", date="2023-03-30 08:30",
                  updated="2023-04-02 09:00", channels=["cong-ttdt"], tags=["Kế hoạch 106-KH/TU"])
    write_article(project, "nhap", title="Bản nháp chưa thẩm định", status="draft", reviewer=None)
    write_article(project, "tuong-lai", title="Bài hẹn giờ đăng năm 2099", date="2099-01-01 08:00")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Built:
    root = tmp_path_factory.mktemp("syndication")
    project = _project(root, warm_cache)
    return Built(project, build(project), build(project, site_dir=root / "again"))


FEED_DIRS = ["", "kenh/dang-bo/", "kenh/drt/", "kenh/cong-ttdt/", "kenh/bao-da-nang/", "nghi-quyet-43/"]


def _rss(site: Path, folder: str) -> etree._Element:
    return etree.fromstring((site / folder / "feed.xml").read_bytes())


def test_every_feed_is_clean_and_valid(built: Built) -> None:
    for folder in FEED_DIRS:
        for name in ("feed.xml", "atom.xml", "feed.json"):
            text = (built.site / folder / name).read_text("utf-8")
            assert "None" not in text, folder + name
        etree.fromstring((built.site / folder / "atom.xml").read_bytes())  # well-formed
        doc = json.loads((built.site / folder / "feed.json").read_text("utf-8"))
        assert errors(jsonfeed_validator(), doc) == [], folder


def _items(site: Path, folder: str) -> list[str]:
    return [i.findtext("link") for i in _rss(site, folder).iter("item")]


def test_only_public_articles_and_right_selection(built: Built) -> None:
    assert _items(built.site, "") == [PLAN_URL, NQ43_URL]  # newest first; no draft, no scheduled
    assert _items(built.site, "nghi-quyet-43/") == [NQ43_URL]
    assert _items(built.site, "kenh/drt/") == [NQ43_URL]
    assert _items(built.site, "kenh/cong-ttdt/") == [PLAN_URL]
    assert _items(built.site, "kenh/bao-da-nang/") == []
    json_ids = [i["id"] for i in json.loads((built.site / "feed.json").read_text("utf-8"))["items"]]
    assert json_ids == [PLAN_URL, NQ43_URL]
    atom = etree.fromstring((built.site / "atom.xml").read_bytes())
    assert [e.findtext("atom:id", namespaces=NS) for e in atom.iterfind("atom:entry", NS)] == [PLAN_URL, NQ43_URL]
    assert not list(built.site.rglob("nhap*")) and "ban-nhap" not in (built.site / "feed.xml").read_text("utf-8")


def test_rss_item_fields(built: Built) -> None:
    channel = _rss(built.site, "").find("channel")
    assert channel.findtext("link") == SITE_URL
    assert channel.find("atom:link", NS).get("href") == SITE_URL + "feed.xml"
    # The feed's time is the newest article change (2-4-2023 09:00), not the build clock.
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")).isoformat() == "2023-04-02T09:00:00+07:00"
    item = next(i for i in channel.iter("item") if i.findtext("link") == NQ43_URL)
    html = item.findtext("content:encoded", namespaces=NS)
    body = BeautifulSoup(html, "html.parser")
    assert body.find("figcaption").get_text() == "Ảnh: Hoàng Hiệp"
    assert all(img["src"].startswith(SITE_URL) for img in body.find_all("img"))
    assert all(a["href"].startswith(SITE_URL) for a in body.find_all("a"))
    # Hostile markup never reaches a build (the check refuses it; clean_html's own tests
    # cover it); here: safe inline markup survives, Material's ids/classes do not.
    assert "<b>nổi bật</b>" in html and ' class="' not in html and ' id="' not in html
    # Partners get the lead photo's 1200 px JPEG rendition (no metadata), not the editor's file.
    enclosure = item.find("enclosure")
    assert re.fullmatch(re.escape(SITE_URL) + r"tin-tuc/anh/cau-rong\.[0-9a-f]{8}-1200\.jpg", enclosure.get("url"))
    image_file = built.site / enclosure.get("url").removeprefix(SITE_URL)
    assert enclosure.get("length").isdigit() and int(enclosure.get("length")) == image_file.stat().st_size
    assert enclosure.get("type") == "image/jpeg"
    media = item.find("media:content", NS)
    assert media.get("fileSize") == enclosure.get("length")
    assert (media.get("width"), media.get("height")) == ("1200", "675")
    assert media.findtext("media:credit", namespaces=NS) == "Ảnh: Hoàng Hiệp"
    assert [c.text for c in item.iter("category")] == [
        "Sơ kết giữa nhiệm kỳ", "Nghị quyết 43-NQ/TW", "Kinh tế & xã hội"]
    assert b"Kinh t\xe1\xba\xbf &amp; x\xc3\xa3 h\xe1\xbb\x99i" in (built.site / "feed.xml").read_bytes()
    assert item.findtext("dc:creator", namespaces=NS) == "Thanh Thảo"
    assert item.find("guid").get("isPermaLink") == "true"


def test_outputs_are_deterministic(built: Built) -> None:
    names = ["feed.xml", "atom.xml", "feed.json", "api/ninjs/index.json", "nghi-quyet-43/feed.xml",
             "tin-tuc/2023/03/29/nghi-quyet-43-va-so-ket-giua-nhiem-ky/bai-viet.zip",
             "tin-tuc/2023/03/29/nghi-quyet-43-va-so-ket-giua-nhiem-ky/ninjs.json"]
    for name in names:
        assert (built.site / name).read_bytes() == (built.again / name).read_bytes(), name


def _article_dir(site: Path, url: str) -> Path:
    return site / url[len(SITE_URL):]


def test_ninjs_documents_and_index(built: Built) -> None:
    index = json.loads((built.site / "api" / "ninjs" / "index.json").read_text("utf-8"))
    assert errors(ninjs_validator(), index) == []
    hrefs = [a["renditions"][0]["href"] for a in index["associations"]]
    articles = [h for h in hrefs if "/api/ninjs/infographic/" not in h]
    assert articles == [NQ43_URL + "ninjs.json", PLAN_URL + "ninjs.json"]
    assert len(hrefs) - len(articles) >= 6  # the default infographics are indexed too
    for url in (NQ43_URL, PLAN_URL):
        folder = _article_dir(built.site, url)
        doc = json.loads((folder / "ninjs.json").read_text("utf-8"))
        assert errors(ninjs_validator(), doc) == [], url
        assert doc["uri"] == url and doc["language"] == "vi"
        page = soup(folder / "index.html")
        link = page.find("link", rel="alternate", type="application/ninjs+json")
        assert link["rel"] == ["alternate"]  # the exact partner interface, no extra tokens
        assert urljoin(url, link["href"]) == url + "ninjs.json"
    plan = json.loads((_article_dir(built.site, PLAN_URL) / "ninjs.json").read_text("utf-8"))
    assert plan["versionCreated"] == "2023-04-02T09:00:00+07:00"


def _jsonld(page: BeautifulSoup) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_article_metadata(built: Built) -> None:
    for url, title in ((NQ43_URL, "Nghị quyết 43 và sơ kết giữa nhiệm kỳ"),
                       (PLAN_URL, "Kế hoạch 106-KH/TU được cụ thể hóa")):
        page = soup(_article_dir(built.site, url) / "index.html")
        assert page.find("link", rel="canonical")["href"] == url
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description == "Bài thử nghiệm về tiến độ chuẩn bị sơ kết giữa nhiệm kỳ."

        def prop(key: str, attr: str = "property") -> list[str]:
            return [m["content"] for m in page.find_all("meta", attrs={attr: key})]

        assert prop("og:title") == [title] and prop("og:url") == [url]
        assert prop("og:type") == ["article"] and prop("og:description") == [description]
        assert prop("og:image") == [url + "og.png"]
        assert prop("twitter:card", "name") == ["summary_large_image"]
        assert prop("twitter:image", "name") == [url + "og.png"]
        data = _jsonld(page)
        assert data["@type"] == "NewsArticle" and data["headline"] == title
        assert data["inLanguage"] == "vi" and data["isAccessibleForFree"] is True
        assert data["author"] == [{"@type": "Person", "name": "Thanh Thảo"}]
        assert data["publisher"]["logo"]["url"] == SITE_URL + "assets/images/logo.svg"
        assert data["datePublished"].startswith(url.split("/tin-tuc/")[1][:10].replace("/", "-"))
        for image in data["image"]:
            assert image["license"].startswith("https://creativecommons.org/licenses/by/4.0")
            assert image["creditText"] and image["copyrightNotice"].startswith("©")
            assert image["acquireLicensePage"] == url + "#dang-lai"
    nq = _jsonld(soup(_article_dir(built.site, NQ43_URL) / "index.html"))
    assert nq["image"][0]["creditText"] == "Hoàng Hiệp"
    # The lead photo cropped 16:9, 4:3 and 1:1 (1200 px wide), then the social card.
    crops = [(image["width"], image["height"]) for image in nq["image"][:3]]
    assert crops == [(1200, 675), (1200, 900), (900, 900)]  # 1:1 of a 900 px tall photo: never enlarged
    for image in nq["image"][:3]:
        assert image["url"].startswith(SITE_URL + "tin-tuc/anh/cau-rong.")
        with Image.open(built.site / image["url"].removeprefix(SITE_URL)) as img:
            assert img.size == (image["width"], image["height"])
    plan = _jsonld(soup(_article_dir(built.site, PLAN_URL) / "index.html"))
    assert plan["dateModified"] == "2023-04-02T09:00:00+07:00"


def _alternates(site: Path, url: str) -> dict[str, str]:
    """Absolute href -> type of every <link rel="alternate …"> with a type (hrefs are relative)."""
    page = soup(site / url[len(SITE_URL):] / "index.html")
    return {urljoin(url, link["href"]): link["type"] for link in page.find_all("link", rel="alternate") if link.get("type")}


def test_feeds_announced_on_home_and_section(built: Built) -> None:
    hrefs = _alternates(built.site, SITE_URL)
    assert hrefs[SITE_URL + "feed.xml"] == "application/rss+xml"
    assert hrefs[SITE_URL + "atom.xml"] == "application/atom+xml"
    assert hrefs[SITE_URL + "feed.json"] == "application/feed+json"
    assert hrefs[SITE_URL + "kenh/drt/feed.xml"] == "application/rss+xml"
    section_hrefs = _alternates(built.site, SITE_URL + "nghi-quyet-43/")
    assert SITE_URL + "nghi-quyet-43/feed.xml" in section_hrefs
    assert SITE_URL + "nghi-quyet-43/feed.json" in section_hrefs
    for href in hrefs:
        assert (built.site / href[len(SITE_URL):]).is_file(), href


def test_every_alternate_link_has_a_sitemap_beside_it(built: Built) -> None:
    """Material fetches sitemap.xml beside each <link rel="alternate">: it must never 404."""
    checked = 0
    for page in built.site.rglob("index.html"):
        url = SITE_URL + page.parent.relative_to(built.site).as_posix().strip(".") + "/"
        url = url.replace(SITE_URL + "/", SITE_URL)
        for link in soup(page).find_all("link", rel="alternate"):
            assert link["rel"] == ["alternate"], (page, link)
            sitemap = urljoin(urljoin(url, link["href"]), "sitemap.xml")
            path = built.site / sitemap[len(SITE_URL):]
            assert path.is_file(), (page, link["href"], sitemap)
            checked += 1
    assert checked > 20
    home = soup(built.site / "index.html")
    assert home.find("meta", property="og:url")["content"] == SITE_URL
    assert home.find("meta", property="og:image")["content"] == SITE_URL + "og.png"
    assert home.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert not home.find_all("script", type="application/ld+json")  # NewsArticle is for articles only


def test_republish_box(built: Built) -> None:
    page = soup(_article_dir(built.site, NQ43_URL) / "index.html")
    box = page.find("details", id="dang-lai")
    assert box.find("summary").get_text(strip=True) == "Đăng lại bài viết này"
    html = box.find("textarea", id="ms-republish-html").get_text()
    clean = BeautifulSoup(html, "html.parser")
    assert not clean.find_all(["script", "style", "iframe"])
    for tag in clean.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on") or a == "style"], tag
    closing = clean.find_all("p")[-1]
    assert closing.find("a")["href"] == NQ43_URL and "CC BY 4.0" in closing.get_text()
    assert clean.find("figcaption").get_text() == "Ảnh: Hoàng Hiệp"
    text = box.find("textarea", id="ms-republish-text").get_text()
    assert "<" not in text
    assert "Hội đồng nhân dân và Ủy ban nhân dân" in text
    assert "14 trên 16" in text and "21,5 phần trăm" in text
    assert NQ43_URL in text
    buttons = box.find_all("button", attrs={"data-ms-copy": True})
    assert [b["data-ms-copy"] for b in buttons] == ["ms-republish-html", "ms-republish-text"]
    status = box.find(attrs={"aria-live": "polite"})
    assert status is not None and status.get("role") == "status"
    assert "Điều 15" in box.get_text()
    assert box.find("a", href="bai-viet.zip") is not None
    script = page.find("script", src=lambda s: bool(s and s.endswith("assets/javascripts/republish.js")))
    assert script is not None and (built.site / "assets" / "javascripts" / "republish.js").is_file()


def test_press_kit(built: Built) -> None:
    folder = _article_dir(built.site, NQ43_URL)
    with zipfile.ZipFile(folder / "bai-viet.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert {"bai-viet.md", "bai-viet.html", "bai-viet-phat-thanh.txt", "ninjs.json",
                "NGUON-VA-GIAY-PHEP.txt", "anh/cau-rong.png"} <= set(names)
        source = (built.project / "docs" / "tin-tuc" / "posts" / "nq43.md").read_text("utf-8")
        assert zf.read("bai-viet.md").decode("utf-8") == source
        assert zf.read("anh/cau-rong.png") == (built.site / "tin-tuc/anh/cau-rong.png").read_bytes()
        # The social card, read from the cards' cache: the same bytes as the page's og.png.
        assert zf.read("anh/og.png") == (folder / "og.png").read_bytes()
        assert json.loads(zf.read("ninjs.json")) == json.loads((folder / "ninjs.json").read_text("utf-8"))
        html = BeautifulSoup(zf.read("bai-viet.html").decode("utf-8"), "html.parser")
        assert html.find("link", rel="canonical")["href"] == NQ43_URL
        credits = zf.read("NGUON-VA-GIAY-PHEP.txt").decode("utf-8")
        assert "Hoàng Hiệp" in credits and NQ43_URL in credits


def test_preview_build_keeps_drafts_out_of_feeds(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    site = build(project, preview=True)
    draft = site / "tin-tuc" / "2023" / "03" / "29" / "ban-nhap-chua-tham-dinh"
    assert (draft / "index.html").is_file()  # editors see it in preview...
    assert not (draft / "ninjs.json").exists() and not (draft / "bai-viet.zip").exists()
    assert "ban-nhap" not in (site / "feed.xml").read_text("utf-8")  # ...partners never do
    box = soup(draft / "index.html").find("details", id="dang-lai")
    assert box is not None and box.find("a", href="bai-viet.zip") is None


def test_missing_site_url_is_explained_in_vietnamese(tmp_path: Path, warm_cache: Path) -> None:
    project = copy_project(tmp_path / "p", with_posts=False, warm=warm_cache)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(f"site_url: {SITE_URL}\n", ""), "utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(project)
    assert "Thiếu site_url trong mkdocs.yml" in str(failed.value)
    assert "Abort" not in str(failed.value) and "BuildError" not in str(failed.value)


def test_atom_has_required_elements(built: Built) -> None:
    """RFC 4287: feed and entries have id, title, updated; entries an author and an alternate link."""
    for folder in FEED_DIRS:
        feed = etree.fromstring((built.site / folder / "atom.xml").read_bytes())
        for key in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
            assert feed.findtext(key, namespaces=NS), (folder, key)
        self_link = feed.find("atom:link[@rel='self']", NS).get("href")
        assert self_link == SITE_URL + folder + "atom.xml"
        for entry in feed.iterfind("atom:entry", NS):
            for key in ("atom:id", "atom:title", "atom:updated", "atom:published", "atom:author/atom:name",
                        "atom:summary"):
                assert entry.findtext(key, namespaces=NS), (folder, key)
            assert entry.find("atom:content", NS).get("type") == "html"
            links = entry.findall("atom:link", NS)  # one alternate link per entry (no duplicate)
            assert [link.get("href") for link in links] == [entry.findtext("atom:id", namespaces=NS)]
            if links[0].get("href") == NQ43_URL:
                assert entry.findtext("media:content/media:credit", namespaces=NS) == "Ảnh: Hoàng Hiệp"


def test_every_default_article_has_metadata_and_valid_ninjs(default_site: Path) -> None:
    """The real default content: every published article page carries the full set."""
    docs = sorted(default_site.rglob("ninjs.json"))
    docs = [d for d in docs if d.parent != default_site / "api" / "ninjs"]
    feed = json.loads((default_site / "feed.json").read_text("utf-8"))
    assert errors(jsonfeed_validator(), feed) == []
    assert len(docs) == len(feed["items"]) >= 1
    for doc_path in docs:
        assert "None" not in doc_path.read_text("utf-8")
        doc = json.loads(doc_path.read_text("utf-8"))
        assert errors(ninjs_validator(), doc) == [], doc_path
        page = soup(doc_path.parent / "index.html")
        data = _jsonld(page)
        assert data["url"] == doc["uri"] and data["headline"] == doc["headlines"][0]["value"]
        for key in ("og:url", "og:description", "og:image", "og:title", "og:type"):
            assert page.find("meta", attrs={"property": key})["content"], (doc_path, key)
        assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert page.find("details", id="dang-lai") is not None
        assert zipfile.is_zipfile(doc_path.parent / "bai-viet.zip")
