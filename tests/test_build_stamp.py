"""A rebuild with nothing changed keeps the published site; any change builds again."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import sitekit as site_helpers
from microsite.adapter import build_stamp
from microsite.text.press import TIMEZONE


def _marker(site: Path) -> Path:
    """A file only a previous build could have left: a fresh build replaces the folder."""
    marker = site / "marker-from-previous-build.txt"
    marker.write_text("x", "utf-8")
    return marker


def test_unchanged_project_is_not_rebuilt(project: Path, build_site) -> None:
    site_helpers.write_article(project, "bai", title="Bài viết kiểm tra dựng lại")
    site = build_site(project)
    marker = _marker(site)
    assert build_site(project) == site
    assert marker.exists()  # the site was kept, not rebuilt


def test_any_change_rebuilds(project: Path, build_site) -> None:
    article = site_helpers.write_article(project, "bai", title="Bài viết kiểm tra dựng lại")
    site = build_site(project)
    marker = _marker(site)
    article.write_text(article.read_text("utf-8").replace("Thân bài.", "Thân bài đã sửa."), "utf-8")
    build_site(project)
    assert not marker.exists()
    assert "Thân bài đã sửa." in next(site.glob("tin-tuc/2023/**/index.html")).read_text("utf-8")
    # A file outside docs/ (data, templates) counts too.
    marker = _marker(site)
    (project / "overrides" / "partials").mkdir(parents=True, exist_ok=True)
    (project / "overrides" / "partials" / "extra.html").write_text("<!-- -->", "utf-8")
    build_site(project)
    assert not marker.exists()


def test_preview_and_switch_off_rebuild(project: Path, build_site, monkeypatch) -> None:
    site_helpers.write_article(project, "bai", title="Bài viết kiểm tra dựng lại")
    site = build_site(project)
    marker = _marker(site)
    build_site(project, preview=True)
    assert not marker.exists()
    marker = _marker(site)
    monkeypatch.setenv(build_stamp.ENV_SWITCH, "0")
    build_site(project, preview=True)
    assert not marker.exists()


def test_scheduled_article_makes_the_stamp_expire(project: Path, build_site) -> None:
    soon = datetime.now(TIMEZONE) + timedelta(days=2)
    site_helpers.write_article(project, "hen-gio", title="Bài hẹn giờ đăng sau", date=soon.strftime("%Y-%m-%d %H:%M"))
    site = build_site(project)
    stamp = json.loads((project / ".cache" / "microsite" / build_stamp.STAMP_NAME).read_text("utf-8"))
    assert stamp["next_change"] is not None
    assert datetime.fromisoformat(stamp["next_change"]).strftime("%Y-%m-%d %H:%M") == soon.strftime("%Y-%m-%d %H:%M")
    cache = project / ".cache" / "microsite"
    fp = stamp["fingerprint"]
    assert build_stamp.up_to_date(cache, site, fp, datetime.now(TIMEZONE))
    assert not build_stamp.up_to_date(cache, site, fp, soon + timedelta(minutes=1))


def test_failed_build_leaves_no_stamp(project: Path, build_site) -> None:
    import pytest

    from microsite.adapter.runner import BuildFailed

    site_helpers.write_article(project, "bai", title="Bài viết kiểm tra dựng lại")
    build_site(project)
    stamp = project / ".cache" / "microsite" / build_stamp.STAMP_NAME
    assert stamp.exists()
    site_helpers.write_article(project, "hong", raw_header="title: [không đóng ngoặc\n")
    with pytest.raises(BuildFailed):
        build_site(project)
    assert not stamp.exists()
    os.remove(project / "docs" / "tin-tuc" / "posts" / "hong.md")
