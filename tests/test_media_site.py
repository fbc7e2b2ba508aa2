"""Video and audio in every output of the default site (its sample article, built once per
session by ``default_site``): the players, the transcript in the page and the search index,
JSON-LD, feed enclosures, ninjs associations, the podcast feed, the press kit, the radio script."""

from __future__ import annotations

import json
import re
import zipfile
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import etree
from PIL import Image

from microsite.media.podcast import PODCAST_GUID_NAMESPACE, podcast_guid
from microsite.media.poster import frame_jpeg
from microsite.search.lookup import IndexReader

from syndication_helpers import errors, jsonfeed_validator, ninjs_validator, soup

SITE_URL = "https://so-ket-giua-nhiem-ky.example/"
ARTICLE = "tin-tuc/2023/04/01/tu-lieu-mau-video-va-ban-tin-am-thanh-co-phu-de-cho-chuyen-muc-tren-drt/"
VIDEO, AUDIO = "tin-tuc/media/drt-video-mau.mp4", "tin-tuc/media/drt-ban-tin-mau.mp3"
NS = {"media": "http://search.yahoo.com/mrss/", "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
      "podcast": "https://podcastindex.org/namespace/1.0", "atom": "http://www.w3.org/2005/Atom"}
# The W3C feed validator's rules for the iTunes namespace (its itunes.py): Apple's current categories.
ITUNES_CATEGORIES = {"Arts", "Business", "Comedy", "Education", "Fiction", "Government", "History",
                     "Health & Fitness", "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality",
                     "Science", "Society & Culture", "Sports", "Technology", "True Crime", "TV & Film"}
ITUNES_FORMATS = {"m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"}


def _local(site: Path, url: str) -> Path:
    """The built file an absolute URL of the site names."""
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.lstrip("/")


def test_players_have_captions_poster_and_no_preload(default_site: Path) -> None:
    page = soup(default_site / ARTICLE / "index.html")
    base = SITE_URL + ARTICLE
    video, audio = page.find("video"), page.find("audio")
    assert video is not None and audio is not None
    assert video["preload"] == audio["preload"] == "none"
    assert video.has_attr("playsinline") and video.has_attr("controls") and audio.has_attr("controls")
    for player, media in ((video, VIDEO), (audio, AUDIO)):
        source, track = player.find("source"), player.find("track")
        assert urljoin(base, source["src"]) == SITE_URL + media
        assert (track["kind"], track["srclang"], track["label"]) == ("captions", "vi", "Phụ đề tiếng Việt")
        assert track.has_attr("default")
        assert (default_site / urlsplit(urljoin(base, track["src"])).path.lstrip("/")).read_text("utf-8").startswith("WEBVTT")
        assert (default_site / media).is_file()
    poster = default_site / urlsplit(urljoin(base, video["poster"])).path.lstrip("/")
    with Image.open(poster) as img:
        assert img.format == "JPEG"
    assert (video["width"], video["height"]) == ("320", "180")


def test_the_lead_video_stands_in_for_the_lead_photo(default_site: Path) -> None:
    """Front matter ``video:``: the player above the dateline, where the lead photo would be."""
    page = soup(default_site / ARTICLE / "index.html")
    lead = page.select_one(".ms-lead--video")
    assert lead is not None and lead.find("video") is not None and lead.find("track") is not None
    assert lead.find_next(class_="ms-dateline") is not None  # above the dateline
    assert not page.select("figure.ms-lead picture")


def test_transcript_is_on_the_page_and_in_the_search_index(default_site: Path) -> None:
    page = soup(default_site / ARTICLE / "index.html")
    transcripts = page.select("details.media-transcript")
    assert [d.summary.get_text() for d in transcripts] == ["Lời thoại của video (bản chữ)",
                                                           "Lời của bản tin âm thanh (bản chữ)"]
    assert "Quý thính giả đang nghe bản tin âm thanh mẫu." in transcripts[1].get_text()
    reader = IndexReader(default_site / "search-index")
    found = reader.matches("thính giả đang nghe bản tin âm thanh mẫu")
    assert [reader.document(doc)["url"] for doc in found] == [ARTICLE]


def test_json_ld_carries_video_and_audio_objects(default_site: Path) -> None:
    page = soup(default_site / ARTICLE / "index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    (video,), (audio,) = data["video"], data["audio"]
    assert video["@type"] == "VideoObject" and audio["@type"] == "AudioObject"
    for obj, media in ((video, VIDEO), (audio, AUDIO)):
        assert {"name", "description", "thumbnailUrl", "uploadDate", "duration", "contentUrl", "transcript"} <= set(obj)
        assert obj["contentUrl"] == SITE_URL + media and obj["uploadDate"].startswith("2023-04-01T09:00")
        assert obj["caption"]["encodingFormat"] == "text/vtt"
    assert (video["duration"], audio["duration"]) == ("PT8S", "PT10S")
    assert video["thumbnailUrl"] == SITE_URL + "tin-tuc/media/drt-video-mau.jpg"
    assert "Xin chào quý vị." in video["transcript"]


def test_feed_items_carry_the_media_as_enclosure(default_site: Path) -> None:
    for folder in ("", "kenh/drt/"):
        rss = etree.fromstring((default_site / folder / "feed.xml").read_bytes())
        item = next(i for i in rss.iter("item") if i.findtext("link") == SITE_URL + ARTICLE)
        (enclosure,) = item.findall("enclosure")  # RSS allows one
        assert enclosure.get("url") == SITE_URL + VIDEO and enclosure.get("type") == "video/mp4"
        assert int(enclosure.get("length")) == _local(default_site, enclosure.get("url")).stat().st_size
        contents = {c.get("medium"): c for c in item.findall("media:content", NS)}
        assert contents["audio"].get("url") == SITE_URL + AUDIO and contents["audio"].get("duration") == "10"
        assert contents["video"].find("media:subTitle", NS).get("type") == "text/vtt"
    feed = json.loads((default_site / "feed.json").read_text("utf-8"))
    assert errors(jsonfeed_validator(), feed) == []
    item = next(i for i in feed["items"] if i["url"] == SITE_URL + ARTICLE)
    assert [a["mime_type"] for a in item["attachments"]] == ["video/mp4", "audio/mpeg"]


def test_ninjs_associations_carry_renditions_and_captions(default_site: Path) -> None:
    doc = json.loads((default_site / ARTICLE / "ninjs.json").read_text("utf-8"))
    assert errors(ninjs_validator(), doc) == []
    by_type = {a["type"]: a for a in doc["associations"]}
    video, audio = by_type["video"], by_type["audio"]
    assert video["renditions"][0] == {"name": "original", "href": SITE_URL + VIDEO, "contentType": "video/mp4",
                                      "sizeInBytes": (default_site / VIDEO).stat().st_size, "duration": 8.0,
                                      "width": 320, "height": 180, "videoCodec": "h264"}
    names = {r["name"]: r for r in video["renditions"]}
    assert names["captions-vi"]["contentType"] == "text/vtt" and names["poster"]["contentType"] == "image/jpeg"
    assert audio["bodies"][0]["value"].startswith("Quý thính giả đang nghe")


def test_podcast_feed_follows_the_feed_validators_rules(default_site: Path) -> None:
    rss = etree.fromstring((default_site / "podcast.xml").read_bytes())
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    for tag in ("title", "link", "description", "language"):
        assert channel.findtext(tag)
    assert channel.find("atom:link", NS).get("href") == SITE_URL + "podcast.xml"
    assert channel.find("itunes:category", NS).get("text") in ITUNES_CATEGORIES
    assert channel.findtext("itunes:explicit", namespaces=NS) in ("true", "false")
    cover = channel.find("itunes:image", NS).get("href")
    assert cover.endswith((".jpg", ".png"))
    with Image.open(_local(default_site, cover)) as img:
        assert img.size[0] == img.size[1] >= 1400
    assert channel.findtext("podcast:guid", namespaces=NS) == podcast_guid(SITE_URL + "podcast.xml")
    assert str(PODCAST_GUID_NAMESPACE) == "ead4c236-bf58-58c6-a2c6-a0b28ba3f6ff"
    (item,) = channel.findall("item")
    enclosure = item.find("enclosure")
    assert enclosure.get("url").rsplit(".", 1)[1] in ITUNES_FORMATS
    assert int(enclosure.get("length")) == _local(default_site, enclosure.get("url")).stat().st_size
    assert re.fullmatch(r"\d+", item.findtext("itunes:duration", namespaces=NS))
    assert item.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert item.find("guid").get("isPermaLink") == "false"
    parsedate_to_datetime(item.findtext("pubDate"))
    transcript = item.find("podcast:transcript", NS)
    assert transcript.get("type") == "text/vtt" and _local(default_site, transcript.get("url")).is_file()


def test_press_page_links_the_podcast(default_site: Path) -> None:
    page = soup(default_site / "bao-chi" / "index.html")
    link = page.find("a", href=re.compile(r"podcast\.xml$"))
    assert link is not None and link["type"] == "application/rss+xml"
    assert (default_site / urlsplit(urljoin(SITE_URL + "bao-chi/", link["href"])).path.lstrip("/")).is_file()


def test_press_kit_lists_media_with_captions_and_links_the_files(default_site: Path) -> None:
    with zipfile.ZipFile(default_site / ARTICLE / "bai-viet.zip") as kit:
        names = set(kit.namelist())
        credits = kit.read("NGUON-VA-GIAY-PHEP.txt").decode("utf-8")
        radio = kit.read("bai-viet-phat-thanh.txt").decode("utf-8")
        assert kit.read("media/drt-ban-tin-mau.vi.vtt") == (default_site / "tin-tuc/media/drt-ban-tin-mau.vi.vtt").read_bytes()
        assert kit.read("media/drt-video-mau-loi-thoai.txt").decode("utf-8").startswith("Xin chào quý vị.")
    assert not any(name.endswith((".mp4", ".mp3")) for name in names)  # large files by link
    assert "anh/drt-video-mau.jpg" in names
    assert f"Tải tệp (không kèm trong ZIP vì dung lượng lớn): {SITE_URL}{VIDEO}" in credits
    assert f"Âm thanh kèm bài: Bản tin âm thanh mẫu của chuyên mục (dài 10 giây), tệp: {SITE_URL}{AUDIO}" in radio
    assert "Quý thính giả đang nghe bản tin âm thanh mẫu." in radio  # the transcript is read
    assert "bản chữ)" not in radio  # not the disclosure's label


def test_a_poster_frame_is_taken_when_none_is_given(default_site: Path, tmp_path: Path) -> None:
    frame = frame_jpeg(default_site / VIDEO, 8.0, tmp_path)
    assert frame is not None and frame[:3] == b"\xff\xd8\xff"
    assert list(tmp_path.glob("*.jpg")) and frame_jpeg(default_site / VIDEO, 8.0, tmp_path) == frame  # cached


@pytest.mark.parametrize("name", ["drt-video-mau.mp4", "drt-ban-tin-mau.mp3"])
def test_sample_media_stay_small(name: str) -> None:
    path = Path(__file__).resolve().parent.parent / "docs" / "tin-tuc" / "posts" / "media" / name
    assert path.stat().st_size < 150_000
