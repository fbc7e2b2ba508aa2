"""The installable package: the wheel, installed into a new virtual environment outside the
repository, makes and builds a campaign site of another organisation from nothing.

The wheel is built offline (``pip wheel --no-deps --no-build-isolation`` with the pinned
setuptools of the test extra) from a copy of the sources, so the checkout gets no ``build/``.
The new venv has no pip and no access to the checkout: its only link to this venv is a
``.pth`` line naming this venv's site-packages for the dependencies (a path in a ``.pth`` file
is added to ``sys.path`` without reading the ``.pth`` files in it, so the editable install of
the checkout stays invisible). Every command then runs from a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from microsite.adapter.decap_backend import NPM_PACKAGES, free_port
from microsite.search.lookup import IndexReader
from syndication_helpers import errors, jsonfeed_validator, ninjs_validator

ROOT = Path(__file__).resolve().parents[1]
ORGANISATION = "Sở Văn hóa tỉnh Lâm Đồng"
TITLE = "Lâm Đồng – Năm văn hóa 2026"
URL = "https://van-hoa.lamdong.example/"
CHANNELS = {
    "bao-lam-dong": ("Báo Lâm Đồng", "Báo Lâm Đồng"),
    "ltv": ("Đài Phát thanh – Truyền hình Lâm Đồng", "LTV"),
    "so-van-hoa": ("Trang thông tin điện tử Sở Văn hóa", "Trang Sở Văn hóa"),
}
ARTICLE = """---
title: "Lễ hội hoa Đà Lạt mở màn Năm văn hóa"
date: 2026-01-10 08:00
authors:
  - Minh Khang
channels:
  - ltv
categories:
  - Tin hoạt động
tags:
  - Lễ hội hoa
summary: "Lễ hội hoa mở màn chuỗi hoạt động của Năm văn hóa 2026 với nhiều chương trình nghệ thuật."
source: "Nguồn: Sở Văn hóa tỉnh Lâm Đồng"
status: approved
reviewer: Ban biên tập
---

Sáng 10-1-2026, lễ hội hoa khai mạc tại quảng trường Lâm Viên với chương trình nghệ thuật cồng chiêng.

<!-- more -->

## Chương trình

Các đơn vị nghệ thuật biểu diễn cồng chiêng Tây Nguyên và trưng bày hoa suốt một tuần.
"""


@dataclass(frozen=True)
class Installed:
    bin: Path
    work: Path  # a folder with no checkout above or in it
    env: dict[str, str]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(self.bin / "microsite"), *args], cwd=self.work, env=self.env,
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done


def _wheel(tmp: Path) -> Path:
    src = tmp / "src"
    shutil.copytree(ROOT / "scripts", src / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(tmp / "dist"), str(src)], check=True, timeout=300)
    (wheel,) = (tmp / "dist").glob("microsite-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("package")
    wheel = _wheel(tmp)
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "-q", str(wheel)], check=True, timeout=300)
    work = tmp / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "MICROSITE_NODE_MODULES")}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    return Installed(venv / "bin", work, env)


@pytest.fixture(scope="module")
def project(installed: Installed) -> Path:
    channels = [f"--channel={key}={name}|{short}" for key, (name, short) in CHANNELS.items()]
    installed.run("init", "lam-dong", "--title", TITLE, "--organisation", ORGANISATION, "--url", URL,
                  "--category", "Tin hoạt động", "--category", "Di sản", *channels)
    posts = installed.work / "lam-dong" / "docs" / "tin-tuc" / "posts"
    (posts / "le-hoi-hoa-da-lat.md").write_text(ARTICLE, "utf-8")
    return installed.work / "lam-dong"


@pytest.fixture(scope="module")
def site(installed: Installed, project: Path) -> Path:
    installed.run("check", "-d", "lam-dong")
    installed.run("build", "-d", "lam-dong")
    return installed.work / "lam-dong" / "site"


def test_the_installed_package_is_not_the_checkout(installed: Installed) -> None:
    where = subprocess.run([str(installed.bin / "python"), "-c", "import microsite; print(microsite.__file__)"],
                           cwd=installed.work, env=installed.env, capture_output=True, text=True, check=True)
    path = Path(where.stdout.strip())
    assert not path.is_relative_to(ROOT) and path.is_relative_to(installed.bin.parent), path
    theme = path.parent / "theme"
    assert (theme / "main.html").is_file() and (theme / "assets" / "images" / "logo.svg").is_file()
    assert (path.parent / "project" / "templates" / "mkdocs.yml").is_file()


def test_the_site_carries_only_the_new_names(site: Path) -> None:
    """Depends on the campaign configuration (channels, publisher, resolution sections from
    mkdocs.yml): with the Đà Nẵng constants in the package this fails on their feeds."""
    written = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert len(written) > 30
    leaking = [str(p.relative_to(site)) for p in written if "Đà Nẵng" in p.read_text("utf-8")]
    assert leaking == []
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    assert home.title is not None and TITLE in home.title.get_text()
    assert ORGANISATION in home.get_text()


def test_feeds_parse_and_validate(site: Path) -> None:
    for folder in ["", *(f"kenh/{key}/" for key in CHANNELS)]:
        etree.fromstring((site / folder / "feed.xml").read_bytes())
        etree.fromstring((site / folder / "atom.xml").read_bytes())
        doc = json.loads((site / folder / "feed.json").read_text("utf-8"))
        assert errors(jsonfeed_validator(), doc) == [], folder
    titles = [item["title"] for item in json.loads((site / "feed.json").read_text("utf-8"))["items"]]
    assert "Lễ hội hoa Đà Lạt mở màn Năm văn hóa" in titles
    ltv = json.loads((site / "kenh" / "ltv" / "feed.json").read_text("utf-8"))
    assert [item["title"] for item in ltv["items"]] == ["Lễ hội hoa Đà Lạt mở màn Năm văn hóa"]


def _article_dir(site: Path) -> Path:
    (found,) = site.glob("tin-tuc/2026/01/10/le-hoi-hoa-da-lat*/")
    return found


def test_ninjs_index_card_and_search(site: Path) -> None:
    article = _article_dir(site)
    ninjs = json.loads((article / "ninjs.json").read_text("utf-8"))
    assert errors(ninjs_validator(), ninjs) == []
    index = json.loads((site / "api" / "ninjs" / "index.json").read_text("utf-8"))
    assert errors(ninjs_validator(), index) == []
    assert any(a["uri"].endswith(article.relative_to(site).as_posix() + "/") for a in index["associations"])
    with Image.open(article / "og.png") as card:
        card.load()
        assert card.size == (1200, 630)
    reader = IndexReader(site / "search-index")
    urls = {reader.document(doc)["url"] for doc in reader.matches("cong chieng")}
    assert any(url.rstrip("/").endswith(article.name) for url in urls), urls


def test_the_sample_infographic_page_has_its_images(site: Path) -> None:
    page = site / "so-lieu" / "mau-tien-do" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    images = [img["src"] for img in soup.select("main img")] + [
        s["srcset"].split()[0] for s in soup.select("main picture source")]
    assert images
    for src in images:
        assert (page.parent / src).resolve().is_file(), src
    gallery = (site / "so-lieu" / "index.html").read_text("utf-8")
    assert "mau-tien-do/" in gallery


def test_serve_without_node_modules_explains_the_workspace(installed: Installed, project: Path) -> None:
    port = free_port()
    log = installed.work / "serve.log"
    process = subprocess.Popen([str(installed.bin / "microsite"), "serve", "-d", "lam-dong", "--addr",
                                f"127.0.0.1:{port}"], cwd=installed.work, env=installed.env,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log.read_text("utf-8", errors="replace")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_workspace/status.json", timeout=10) as r:
                    if json.loads(r.read())["version"] >= 1:
                        break
            except (OSError, ValueError):
                pass
            assert time.monotonic() < deadline, log.read_text("utf-8", errors="replace")
            time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as reply:
            assert TITLE in reply.read().decode("utf-8")
        with pytest.raises(urllib.error.HTTPError) as admin:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/", timeout=30)
        assert admin.value.code == 503
        text = admin.value.read().decode("utf-8")
        assert "Khu soạn bài chưa được cài đặt" in text
        assert f"npm install --no-audit --no-fund {' '.join(NPM_PACKAGES)}" in text
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_the_workspace_hint_installs_the_versions_package_json_pins() -> None:
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]
    assert tuple(f"{name}@{version}" for name, version in pinned.items()) == NPM_PACKAGES
