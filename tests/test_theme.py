"""The package carries its theme: a project without overrides/ is themed by it, a project's own
overrides/ file wins over the package's, and a change to the package theme rebuilds."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from microsite.adapter import build_stamp
from microsite.adapter.runner import build, load
from microsite.adapter.theme import THEME_DIR
from microsite.cli import main as microsite
from microsite.text.press import TIMEZONE
from sitekit import soup

ROOT = Path(__file__).resolve().parents[1]
OWN_LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n'
OWN_SHARE = '<div class="ms-rieng" id="chia-se-rieng">Chia sẻ theo cách của Sở</div>\n'


def _init(folder: Path) -> Path:
    assert microsite(["init", str(folder), "--title", "Tuần lễ văn hóa Đà Lạt", "--organisation",
                      "Sở Văn hóa tỉnh Lâm Đồng", "--url", "https://tuan-le.example/"]) == 0
    return folder


def _article(site: Path) -> Path:
    (page,) = site.glob("tin-tuc/20*/*/*/bai-mau*/index.html")
    return page


def test_template_path_puts_the_package_theme_after_the_projects_own(tmp_path: Path) -> None:
    config = load(ROOT)
    try:
        dirs = [Path(d) for d in config.theme.dirs]
        assert dirs[0] == ROOT / "overrides" and dirs[1] == THEME_DIR and dirs[2].parts[-2:] == ("material", "templates")
        assert [Path(d) for d in load(ROOT).theme.dirs].count(THEME_DIR) == 1  # loaded again: once
    finally:
        config.plugins.on_shutdown()


def test_a_project_without_overrides_uses_the_package_theme(tmp_path: Path) -> None:
    project = _init(tmp_path / "du-an")
    shutil.rmtree(project / "overrides")
    text = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  custom_dir: overrides\n", ""), "utf-8")
    config = load(project)
    try:
        assert Path(config.theme.dirs[0]) == THEME_DIR
    finally:
        config.plugins.on_shutdown()
    site = build(project)
    assert (site / "assets/images/logo.svg").read_bytes() == (THEME_DIR / "assets/images/logo.svg").read_bytes()
    for asset in ("assets/stylesheets/microsite.css", "assets/javascripts/search.js", "assets/javascripts/share.js"):
        assert (site / asset).read_bytes() == (THEME_DIR / asset).read_bytes(), asset
    page = soup(_article(site))
    assert page.select_one("#ms-search-q") is not None  # partials/ms-search.html
    assert page.select_one(".ms-share") is not None  # partials/share.html
    assert not list(site.rglob("README*"))


def test_a_projects_own_file_wins_over_the_package_theme(tmp_path: Path) -> None:
    project = _init(tmp_path / "du-an")
    (project / "overrides/assets/images").mkdir(parents=True)
    (project / "overrides/assets/images/logo.svg").write_bytes(OWN_LOGO)
    (project / "overrides/partials").mkdir()
    (project / "overrides/partials/share.html").write_text(OWN_SHARE, "utf-8")
    site = build(project)
    assert (site / "assets/images/logo.svg").read_bytes() == OWN_LOGO
    page = soup(_article(site))
    assert page.select_one("#chia-se-rieng").get_text() == "Chia sẻ theo cách của Sở"
    assert page.select_one(".ms-share") is None  # the package's share.html is replaced
    assert page.select_one("#ms-search-q") is not None  # the package's other partials still apply
    # The theme's ids are reserved from both folders: an article may not take the project's.
    post = project / "docs/tin-tuc/posts/bai-mau-ra-mat-trang-chuyen-de.md"
    post.write_text(post.read_text("utf-8") + "\n## Mục riêng {: #chia-se-rieng }\n", "utf-8")
    assert microsite(["check", "-d", str(project)]) == 1


def test_a_change_in_the_package_theme_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theme = shutil.copytree(THEME_DIR, tmp_path / "microsite" / "theme")
    monkeypatch.setattr(build_stamp, "PACKAGE_DIR", theme.parent)
    project = _init(tmp_path / "du-an")
    now = datetime(2026, 12, 2, 9, 0, tzinfo=TIMEZONE)
    before = build_stamp.fingerprint(project, project / "site", False, now)
    assert build_stamp.fingerprint(project, project / "site", False, now) == before
    css = theme / "assets/stylesheets/microsite.css"
    css.write_text(css.read_text("utf-8") + "\n/* sửa */\n", "utf-8")
    os.utime(css, ns=(css.stat().st_atime_ns, css.stat().st_mtime_ns + 1_000_000))
    assert build_stamp.fingerprint(project, project / "site", False, now) != before
