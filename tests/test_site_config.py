"""The campaign is configuration: another organisation's site from mkdocs.yml alone.

A copy of the project gets another publisher, three channels of its own, no resolution
section, its own colours and its own pages; the build carries only its names. Each bad
campaign option is refused in Vietnamese with mkdocs.yml's line and the field.
"""

from __future__ import annotations

import html
import json
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from PIL import Image

from microsite.adapter.runner import build, project_settings
from microsite.cli import main
from microsite.content.site import check_site
from microsite.content.site_config import CampaignOptionError

from sitekit import copy_project, soup, write_article

PUBLISHER = "Sở Văn hóa và Thông tin tỉnh Lâm Viên"
SITE_NAME = "Chuyển đổi số tỉnh Lâm Viên"
PRIMARY, BACKGROUND = "#0b5394", "#f7fbff"
CHANNELS = [("bao-lam-vien", "Báo Lâm Viên", "Báo LV"),
            ("dai-lam-vien", "Đài Phát thanh – Truyền hình tỉnh Lâm Viên", "LVTV"),
            ("cong-tinh", "Cổng thông tin điện tử tỉnh", "Cổng TTĐT tỉnh")]
FOREIGN = ("Đà Nẵng", "Da Nang", "danang", "43-NQ", "nghi-quyet-43", "bao-da-nang")

MKDOCS_YML = """\
site_name: {site_name}
site_description: Trang chuyên đề về chuyển đổi số của tỉnh Lâm Viên.
site_author: {publisher}
site_url: https://chuyen-doi-so.example/
copyright: © {publisher}. Bài viết được phép đăng lại theo giấy phép CC BY 4.0.
use_directory_urls: true
theme:
  name: material
  custom_dir: overrides
  language: vi
  font: false
  logo: assets/images/logo.svg
  favicon: assets/images/logo.svg
  palette: {{scheme: default, primary: custom, accent: custom}}
  features: [navigation.tabs, navigation.indexes]
extra_css: [assets/stylesheets/microsite.css, assets/stylesheets/search.css]
extra_javascript: [assets/javascripts/search.js]
plugins:
  - microsite:
      blog_dir: tin-tuc
      publisher: {publisher}
      categories:
        - Chuyển đổi số
      channels:
        - key: bao-lam-vien
          name: Báo Lâm Viên
          short: Báo LV
        - key: dai-lam-vien
          name: Đài Phát thanh – Truyền hình tỉnh Lâm Viên
          short: LVTV
        - key: cong-tinh
          name: Cổng thông tin điện tử tỉnh
          short: Cổng TTĐT tỉnh
      identity:
        name: {site_name}
        short: Chuyển đổi số
        colours:
          primary: "{primary}"
          accent: "#7fb3e0"
          background: "{background}"
  - blog:
      blog_dir: tin-tuc
      post_date_format: "EEEE, 'ngày' d-M-y"
      post_url_format: "{{date}}/{{slug}}"
      post_slugify: !!python/name:microsite.text.slugs.slugify
      post_excerpt: required
      archive_url_format: "luu-tru/{{date}}"
      categories_url_format: "chuyen-muc/{{slug}}"
      categories_slugify: !!python/name:microsite.text.slugs.slugify
      authors: false
      pagination_url_format: "trang/{{page}}"
  - tags:
      tags_slugify: !!python/name:microsite.text.slugs.slugify
      tags_slugify_format: "the-{{slug}}"
markdown_extensions: [abbr, attr_list, admonition, footnotes, tables, md_in_html, toc]
nav:
  - Trang chủ: index.md
  - Tin tức: tin-tuc/index.md
  - Số liệu: so-lieu/index.md
  - Kế hoạch tuyên truyền: ke-hoach.md
  - Dành cho báo chí: bao-chi/index.md
exclude_docs: |
  _data/
not_in_nav: |
  /so-lieu/*/index.md
"""

PAGES = {
    "index.md": "# Chuyển đổi số tỉnh Lâm Viên\n\nTrang chuyên đề của sở về chuyển đổi số.\n",
    "tin-tuc/index.md": "# Tin tức\n\nTin bài về chuyển đổi số.\n",
    "so-lieu/index.md": "# Số liệu\n\n::infographics\n",
    "ke-hoach.md": "# Kế hoạch tuyên truyền\n\n<!-- microsite:ke-hoach-tuyen-truyen -->\n",
    "bao-chi/index.md": "# Dành cho báo chí\n\n<!-- microsite:hop-tin -->\n",
    "_data/ke-hoach-tuyen-truyen.yml": """\
        start: 2023-04-01
        items:
          - channel: bao-lam-vien
            title: Mở chuyên mục chuyển đổi số
            due: 2023-04-15
          - channel: cong-tinh
            title: Đăng tin về dịch vụ công trực tuyến
            due: 2023-04-20
        """,
    "_data/infographics/dich-vu-cong.yml": """\
        title: Dịch vụ công trực tuyến toàn trình
        kind: progress
        as_of: "2023-03-27"
        source: "Nguồn: Sở Văn hóa và Thông tin tỉnh Lâm Viên"
        figures:
          - label: Thủ tục đã đưa lên cổng
            done: 120
            total: 200
        """,
}


def _line(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` containing ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _config_text() -> str:
    return MKDOCS_YML.format(site_name=SITE_NAME, publisher=PUBLISHER, primary=PRIMARY, background=BACKGROUND)


def _other_project(root: Path, config: str | None = None) -> Path:
    project = copy_project(root / "project", with_posts=False)
    shutil.rmtree(project / "docs")
    for rel, text in PAGES.items():
        path = project / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (project / "docs" / "tin-tuc" / "posts").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(config or _config_text(), encoding="utf-8")
    return project


def _article(project: Path, **fields: object) -> Path:
    base: dict[str, object] = dict(
        title="Tỉnh Lâm Viên mở chuyên mục chuyển đổi số", channels=["bao-lam-vien", "cong-tinh"],
        categories=["Chuyển đổi số"], tags=["Dịch vụ công"],
        summary="Các kênh thông tin của tỉnh mở chuyên mục riêng về chuyển đổi số.",
        source=f"Nguồn: {PUBLISHER}")
    base.update(fields)
    return write_article(project, "chuyen-muc-chuyen-doi-so", **base)


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _other_project(tmp_path_factory.mktemp("other"))
    _article(project, date="2023-04-02 08:00")
    return build(project)


def test_another_organisation_builds_with_only_its_names(other_site: Path) -> None:
    outputs = [p for p in other_site.rglob("*") if p.suffix in {".html", ".xml", ".json"}]
    assert len(outputs) > 20
    for path in outputs:
        text = path.read_text("utf-8")
        for word in FOREIGN:
            assert word not in text, f"{path.relative_to(other_site)} contains {word!r}"
    # no resolution section: no folder, no feed, no link to one
    assert not (other_site / "nghi-quyet-43").exists()
    home = other_site / "index.html"
    assert PUBLISHER in home.read_text("utf-8")


def test_channels_show_where_channels_show(other_site: Path) -> None:
    article = next((other_site / "tin-tuc").rglob("tinh-lam-vien-mo-chuyen-muc-chuyen-doi-so/index.html"))
    assert soup(article).select_one(".ms-channels").get_text() == "Báo LV, Cổng TTĐT tỉnh"
    for key, name, _ in CHANNELS:  # one feed per configured channel, titled with its name
        feed = json.loads((other_site / "kenh" / key / "feed.json").read_text("utf-8"))
        assert feed["title"] == f"{SITE_NAME} – {name}"
    assert sorted(p.name for p in (other_site / "kenh").iterdir()) == sorted(k for k, _, _ in CHANNELS)
    plan = soup(other_site / "ke-hoach" / "index.html")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in plan.select("h2")]
    assert "Báo Lâm Viên" in headings and "Cổng thông tin điện tử tỉnh" in headings
    ninjs = json.loads(next((other_site / "api" / "ninjs").rglob("*.json")).read_text("utf-8"))
    assert PUBLISHER in json.dumps(ninjs, ensure_ascii=False)


def test_cards_and_infographics_use_the_identity_colours(other_site: Path) -> None:
    card = next((other_site / "tin-tuc").rglob("tinh-lam-vien-mo-chuyen-muc-chuyen-doi-so/og.png"))
    with Image.open(card) as image:
        rgb = image.convert("RGB")
        assert rgb.getpixel((10, 300)) == (0x0b, 0x53, 0x94)  # the primary bar
        assert rgb.getpixel((600, 20)) == (0xf7, 0xfb, 0xff)  # the background
    rendition = next((other_site / "so-lieu" / "dich-vu-cong").glob("*-web.png"))
    with Image.open(rendition) as image:
        assert image.convert("RGB").getpixel((2, 2)) == (0xf7, 0xfb, 0xff)


# -- bad configuration ---------------------------------------------------------------------
def _refused(tmp_path: Path, config: str, capsys: pytest.CaptureFixture[str]) -> str:
    project = _other_project(tmp_path, config)
    assert main(["check", "-d", str(project)]) == 1
    checked = capsys.readouterr().err
    assert main(["build", "-d", str(project)]) == 1
    built = capsys.readouterr().err
    assert not (project / "site").exists()
    assert checked in built
    with pytest.raises(CampaignOptionError):
        project_settings(project)
    return checked


BAD = {  # case: (change to mkdocs.yml, (line holding this, which occurrence), field, message)
    "channel without a name": (
        lambda t: t.replace("          name: Báo Lâm Viên\n", "          name: \"\"\n"),
        ('name: ""', 1), "channels[1].name", "Thiếu trường \"name\""),
    "colour that is not a colour": (
        lambda t: t.replace(f'primary: "{PRIMARY}"', 'primary: "đỏ tươi"'),
        ('primary: "đỏ tươi"', 1), "identity.colours.primary", "\"đỏ tươi\" không phải là một màu"),
    "two channels with one key": (
        lambda t: t.replace("- key: cong-tinh", "- key: bao-lam-vien"),
        ("- key: bao-lam-vien", 2), "channels[3].key", "Mã kênh \"bao-lam-vien\" bị trùng với kênh thứ 1"),
    "resolution missing a field": (
        lambda t: t.replace("      identity:\n", "      resolutions:\n        - number: 12-NQ/TU\n"
                            "          date: 2021-06-05\n          issuer: Ban Thường vụ Tỉnh ủy\n"
                            "          title: Về chuyển đổi số\n          dir: nghi-quyet-12\n      identity:\n"),
        ("- number: 12-NQ/TU", 1), "resolutions[1].tag", "Thiếu trường \"tag\""),
    "no channel at all": (
        lambda t: t[:t.index("      channels:\n")] + t[t.index("      identity:\n"):],
        ("  - microsite:", 1), "channels", "Chưa khai báo kênh truyền thông nào"),
    "channel written as a bare word": (
        lambda t: t.replace("        - key: bao-lam-vien\n          name: Báo Lâm Viên\n          short: Báo LV\n",
                            "        - bao-lam-vien\n"),
        ("        - bao-lam-vien", 1), "channels[1]", "Mục thứ 1 của \"channels\" phải gồm các trường"),
    "colour without quotes": (
        lambda t: t.replace(f'primary: "{PRIMARY}"', f"primary: {PRIMARY}"),
        (f"primary: {PRIMARY}", 1), "identity.colours.primary", "Chưa ghi màu \"primary\""),
    "identity that is not a group of fields": (
        lambda t: t.replace("      identity:\n        name", "      identity: xanh\n      identity_old:\n        name"),
        ("identity: xanh", 1), "identity", "Trường \"identity\" phải gồm các trường name, short, colours"),
    "channel key with accents": (
        lambda t: t.replace("- key: cong-tinh", "- key: cổng-tỉnh"),
        ("- key: cổng-tỉnh", 1), "channels[3].key", "Mã kênh \"cổng-tỉnh\" không hợp lệ"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_configuration_names_file_line_and_field(case: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    change, (needle, occurrence), field, says = BAD[case]
    config = change(_config_text())
    lines = [i for i, text in enumerate(config.splitlines(), 1) if needle in text]
    assert len(lines) >= occurrence
    out = _refused(tmp_path, config, capsys)
    assert f"mkdocs.yml:{lines[occurrence - 1]}: lỗi: trường \"{field}\": {says}" in out, out
    assert "Cách sửa" in out


def _error_page(project: Path, log: Path) -> str:
    """``microsite serve`` on ``project``: the preview's answer once its first build is done."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "microsite.cli", "serve", "-d", str(project),
                                "--addr", f"127.0.0.1:{port}"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                with urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
                    return f"{answer.status}\n" + answer.read().decode("utf-8")
            except HTTPError as exc:
                return f"{exc.code}\n" + exc.read().decode("utf-8")
            except (URLError, ConnectionError):
                time.sleep(0.5)
        raise AssertionError("microsite serve never answered:\n" + log.read_text(errors="replace"))
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_preview_shows_a_configuration_error(tmp_path: Path) -> None:
    change, (needle, occurrence), field, says = BAD["two channels with one key"]
    config = change(_config_text())
    line = [i for i, text in enumerate(config.splitlines(), 1) if needle in text][occurrence - 1]
    answer = _error_page(_other_project(tmp_path, config), tmp_path / "serve.log")
    status, page = answer.split("\n", 1)
    text = html.unescape(page)
    assert status == "500"
    assert f"mkdocs.yml, dòng {line}" in text and f"mkdocs.yml:{line}: lỗi: trường \"{field}\": {says}" in text, text


def test_unknown_channel_in_an_article_names_the_article_and_line(tmp_path: Path) -> None:
    project = _other_project(tmp_path)
    path = _article(project, channels=["cong-tinh", "bao-da-nang"], date="2023-04-02 08:00")
    text = path.read_text("utf-8")
    line = _line(text, "- bao-da-nang")
    problems = check_site(project_settings(project)).report.errors
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("docs/tin-tuc/posts/chuyen-muc-chuyen-doi-so.md", line, "channels[2]")]
    assert "\"bao-da-nang\" không hợp lệ" in problems[0].message
    assert problems[0].hint and "bao-lam-vien (Báo Lâm Viên)" in problems[0].hint


def test_plan_item_on_an_unknown_channel_is_refused(tmp_path: Path) -> None:
    project = _other_project(tmp_path)
    plan = project / "docs" / "_data" / "ke-hoach-tuyen-truyen.yml"
    plan.write_text(plan.read_text("utf-8").replace("channel: cong-tinh", "channel: drt"), encoding="utf-8")
    problems = check_site(project_settings(project)).report.errors
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("docs/_data/ke-hoach-tuyen-truyen.yml", _line(plan.read_text("utf-8"), "channel: drt"), "items[2].channel")]


def test_related_news_block_needs_a_resolution_section(tmp_path: Path) -> None:
    project = _other_project(tmp_path)
    (project / "docs" / "tin-tuc" / "index.md").write_text("# Tin tức\n\n<!-- microsite:tin-lien-quan -->\n",
                                                          encoding="utf-8")
    problems = check_site(project_settings(project)).report.errors
    assert [(p.file, p.line) for p in problems] == [("docs/tin-tuc/index.md", 3)]
    assert "cần một mục nghị quyết" in problems[0].message and "resolutions" in (problems[0].hint or "")


def test_resolution_without_its_folder_is_a_warning_with_the_line(tmp_path: Path) -> None:
    change = BAD["resolution missing a field"][0]
    config = change(_config_text()).replace("          dir: nghi-quyet-12\n",
                                            "          tag: Nghị quyết 12-NQ/TU\n          dir: nghi-quyet-12\n")
    project = _other_project(tmp_path, config)
    report = check_site(project_settings(project)).report
    assert report.ok
    assert [(p.file, p.line, p.field) for p in report.warnings] == [
        ("mkdocs.yml", _line(config, "dir: nghi-quyet-12"), "resolutions.dir")]
    assert "docs/nghi-quyet-12/index.md" in report.warnings[0].message


def test_default_site_configuration_is_written_out() -> None:
    """The default site's campaign reads from its mkdocs.yml, with today's values."""
    root = Path(__file__).resolve().parent.parent
    site = project_settings(root).site
    assert [c.key for c in site.channels] == ["bao-da-nang", "dang-bo", "drt", "cong-ttdt"]
    assert [(r.number, r.dir, r.tag) for r in site.resolutions] == [
        ("43-NQ/TW", "nghi-quyet-43", "Nghị quyết 43-NQ/TW")]
    assert site.identity.short == "Sơ kết giữa nhiệm kỳ"
    assert site.identity.colours.primary == "#a3111a"
