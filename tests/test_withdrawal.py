"""Withdrawal (gỡ bài): out of every listing, feed, sitemap and search, into a notice and a canceled ninjs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import os
from datetime import datetime
from pathlib import Path

import pytest

from microsite.adapter.runner import build
from microsite.campaign.data import load_campaign
from microsite.campaign.plan import plan_status
from microsite.campaign.related import public_articles
from microsite.cli import main
from microsite.content.model import Status
from microsite.content.site import check_site
from microsite.text.press import TIMEZONE
from sitekit import ROOT, copy_project, field_shown, settings_of, soup, write_article
from syndication_helpers import errors, ninjs_validator
from test_workflow import leaks, site_texts

NOW = datetime(2023, 4, 16, 8, 0, tzinfo=TIMEZONE)
NQ43 = "Nghị quyết 43-NQ/TW"
GONE = "quebecmarker"  # unique ASCII word: found whether a file escapes Vietnamese or not
KEPT = "alphamarker"
GONE_PATH = f"tin-tuc/2023/04/05/bai-da-go-{GONE}-hoa-vang/"
WITHDRAWN = {"date": "2023-04-10 14:00", "reason": "Bài có số liệu chưa được cơ quan chủ trì xác nhận."}


def _project(root: Path) -> Path:
    project = copy_project(root / "project", with_posts=False)
    write_article(project, "con-dang", title=f"Bài còn đăng {KEPT} về Đà Nẵng", date="2023-04-06 09:00",
                  tags=[NQ43], channels=["bao-da-nang"])
    write_article(project, "da-go", title=f"Bài đã gỡ {GONE} Hòa Vang", date="2023-04-05 09:00",
                  tags=[NQ43, f"Nhãn riêng {GONE}"], channels=["bao-da-nang", "drt"],
                  categories=["Nghị quyết 43"], summary=f"Tóm tắt riêng của bài {GONE} đã gỡ.",
                  body=f"Mở đầu {GONE}.\n\n<!-- more -->\n\nThân bài.\n",
                  status="withdrawn", withdrawn=WITHDRAWN)
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("withdrawal"))


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build(project, now=NOW)


def test_withdrawn_article_leaves_every_listing_feed_sitemap_and_search(site: Path) -> None:
    allowed = {GONE_PATH + "index.html", GONE_PATH + "ninjs.json", "api/ninjs/index.json", ".nginx/withdrawn.map"}
    found = [(name, word) for name, word in leaks(site, [GONE, "hoa-vang", "hòa vang"]) if name not in allowed]
    assert found == []
    texts = site_texts(site)
    # ... while the same kinds of file do list the article still published
    for name in ("search-index/docs/*", "sitemap.xml", "feed.xml", "kenh/bao-da-nang/feed.json",
                 "nghi-quyet-43/feed.json", "nghi-quyet-43/tin-lien-quan/index.html", "tin-tuc/index.html"):
        assert KEPT in texts[name], name
    assert not (site / GONE_PATH / "bai-viet.zip").exists()  # no press kit


def test_notice_page_at_the_old_address(site: Path) -> None:
    doc = soup(site / GONE_PATH / "index.html")
    assert doc.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert doc.find("h1").get_text(strip=True) == "Bài viết đã được gỡ"
    text = " ".join(doc.get_text(" ", strip=True).split())
    assert f"Bài đã gỡ {GONE} Hòa Vang" in text
    assert "đã được gỡ lúc 14:00, Thứ Hai, ngày 10-4-2023" in text
    assert "Lý do: Bài có số liệu chưa được cơ quan chủ trì xác nhận." in text
    assert doc.find_all("script") == []
    css = doc.find("link", rel="stylesheet")["href"]
    assert (site / GONE_PATH / css).resolve().is_file()
    home = doc.select_one(".ms-notice__site a")["href"]
    assert (site / GONE_PATH / home / "index.html").resolve() == (site / "index.html").resolve()


def test_partners_get_a_canceled_ninjs(site: Path) -> None:
    doc = json.loads((site / GONE_PATH / "ninjs.json").read_text("utf-8"))
    assert errors(ninjs_validator(), doc) == []
    assert doc["pubStatus"] == "canceled"
    assert doc["uri"] == "https://so-ket-giua-nhiem-ky.example/" + GONE_PATH
    assert doc["versionCreated"] == "2023-04-10T14:00:00+07:00"
    index = json.loads((site / "api" / "ninjs" / "index.json").read_text("utf-8"))
    assert errors(ninjs_validator(), index) == []
    status = {a["uri"].removeprefix("https://so-ket-giua-nhiem-ky.example/"): a["pubStatus"]
              for a in index["associations"] if a["type"] == "text"}
    assert status[GONE_PATH] == "canceled"
    assert set(status.values()) == {"usable", "canceled"}
    assert index["versionCreated"] == "2023-04-10T14:00:00+07:00"  # the withdrawal is the newest change


def test_nginx_answers_410_with_the_notice(site: Path) -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    root = re.search(r"^\s*root\s+(\S+);", conf, re.MULTILINE).group(1)
    include = re.search(r"map \$uri \$microsite_withdrawn \{.*?include\s+(\S+);", conf, re.DOTALL).group(1)
    map_file = site / include.removeprefix(root + "/")
    assert map_file == site / ".nginx" / "withdrawn.map"
    entries = dict(re.findall(r'^"([^"]+)"\s+(\d);$', map_file.read_text("utf-8"), re.MULTILINE))
    base = "/" + GONE_PATH.rstrip("/")
    assert entries == {base: "1", base + "/": "1", base + "/index.html": "1"}
    server = conf.split("listen 443", 1)[1]
    assert re.search(r"if \(\$microsite_withdrawn\) \{\s*return 410;\s*\}", server)
    assert "error_page 410 @withdrawn;" in server
    named = re.search(r"location @withdrawn \{(.*?)\}", server, re.DOTALL).group(1)
    tries = re.search(r"try_files\s+([^;]+);", named).group(1).split()
    # nginx's try_files on each withdrawn address finds the notice page, served with the 410
    for uri in entries:
        hit = next(t.replace("$uri", uri) for t in tries[:-1] if (site / t.replace("$uri", uri).lstrip("/")).is_file())
        assert (site / hit.lstrip("/")).resolve() == (site / GONE_PATH / "index.html").resolve(), uri
    assert re.search(r"location ~ /\\\.\s*\{\s*deny all;", conf)  # the map itself is never served


def test_plan_and_public_lists_do_not_count_it(project: Path) -> None:
    content = check_site(settings_of(project))
    gone = next(a for a in content.articles if GONE in a.title)
    assert gone.status is Status.WITHDRAWN and gone.is_withdrawn() and not gone.is_public(NOW)
    assert gone not in public_articles(content.articles, NOW)
    plan = load_campaign(settings_of(project))[0].plan
    assert plan is not None
    met = [s.article for s in plan_status(plan, public_articles(content.articles, NOW), NOW) if s.article]
    assert [a.title for a in met] == [f"Bài còn đăng {KEPT} về Đà Nẵng"]  # published count: 1, not 2


def test_status_command_lists_withdrawn(project: Path) -> None:
    env = {**os.environ, "MICROSITE_NOW": NOW.isoformat()}
    out = subprocess.run([sys.executable, "-m", "microsite.cli", "status", "-d", str(project)],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert "== Đã gỡ (withdrawn): 1 bài" in out
    assert f"Bài đã gỡ {GONE} Hòa Vang — thẩm định: Tổ Biên tập — gỡ lúc 14:00, Thứ Hai, ngày 10-4-2023" in out


BAD = [
    ({"reviewer": ..., "withdrawn": WITHDRAWN}, "reviewer", ["Thiếu trường bắt buộc \"reviewer\""]),
    ({}, "withdrawn", ["Thiếu trường bắt buộc \"withdrawn\""]),
    ({"withdrawn": {**WITHDRAWN, "date": "2023-03-01 08:00"}}, "withdrawn.date", ["sớm hơn lúc đăng bài"]),
    ({"withdrawn": {**WITHDRAWN, "date": "2023-05-01 08:00"}}, "withdrawn.date", ["chưa đến"]),
    ({"withdrawn": {"date": "2023-04-10 14:00"}}, "withdrawn.reason", ["Thiếu trường bắt buộc \"reason\""]),
    ({"status": "approved", "withdrawn": WITHDRAWN}, "withdrawn", ["chỉ dùng cho bài đã gỡ"]),
]


@pytest.mark.parametrize(("fields", "field", "fragments"), BAD, ids=[f"{b[1]}-{i}" for i, b in enumerate(BAD)])
def test_bad_withdrawals_are_refused_by_file_line_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        fields: dict[str, object], field: str, fragments: list[str]) -> None:
    monkeypatch.setenv("MICROSITE_NOW", "2023-04-16T08:00")
    project = copy_project(tmp_path / "project", with_posts=False)
    path = write_article(project, "bai-go", **{"status": "withdrawn", **fields})
    code = main(["check", "-d", str(project)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1, output
    shown = field_shown("docs/tin-tuc/posts/bai-go.md", field)
    assert re.search(rf'docs/tin-tuc/posts/bai-go.md:\d+: lỗi: {re.escape(shown)}', output), output
    for fragment in fragments:
        assert fragment in output, output
    assert path.is_file()
