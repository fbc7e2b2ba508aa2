"""A failed build leaves the published site byte for byte as it was; same input, same bytes.

The site is an official voice of the city: a typo in one article, a broken theme
template or a crash half-way must never publish a half-written site.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from microsite.adapter import plugin as plugin_module
from microsite.adapter.runner import BuildFailed, build

from sitekit import copy_project, write_article


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file under ``site`` with its bytes, keyed by relative path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


def leftovers_after_removal(parent: Path, timeout: float = 60.0) -> list[str]:
    """What is left once the replaced site's removal is over: a forked child deletes it after
    the build returns (runner._remove), so a loaded machine may still be at it."""
    deadline = time.monotonic() + timeout
    while (left := leftovers(parent)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture
def published(project: Path) -> tuple[Path, dict[str, bytes]]:
    write_article(project, "bai-mot")
    site = build(project)
    return site, snapshot(site)


def test_bad_content_leaves_site_untouched(project: Path, published: tuple[Path, dict[str, bytes]]) -> None:
    site, before = published
    write_article(project, "bai-hai", date="2023-02-30 10:00")
    with pytest.raises(BuildFailed, match="bai-hai.md"):
        build(project)
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_broken_theme_template_leaves_site_untouched(project: Path, published: tuple[Path, dict[str, bytes]]) -> None:
    site, before = published
    write_article(project, "bai-hai", title="Bài thứ hai về sơ kết giữa nhiệm kỳ")
    (project / "overrides" / "article.html").write_text("{% extends 'main.html' %}{% block content %}{{ x(",
                                                        encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - any failure: what matters is the untouched site
        build(project)
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_crash_after_pages_were_written_leaves_site_untouched(
        project: Path, published: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    site, before = published
    write_article(project, "bai-hai", title="Bài thứ hai về sơ kết giữa nhiệm kỳ")
    written: list[Path] = []

    def crash(out_dir: Path, cache: Path) -> None:  # runs in on_post_build: every page is on disk
        written.extend(Path(out_dir).parents[1].rglob("*.html"))
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(plugin_module, "build_webfonts", crash)
    # An unforeseen exception reaches the editor as the Vietnamese build failure; its own text
    # goes to the details log for the site's administrator (adapter/engine_errors.py).
    with pytest.raises(BuildFailed, match="Chưa dựng được trang"):
        build(project)
    assert "mất điện giữa chừng" in (project / ".cache" / "microsite" / "loi-dung-trang.log").read_text("utf-8")
    assert written, "the crash must happen after MkDocs wrote pages"
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_interrupted_build_leaves_site_untouched(
        project: Path, published: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    site, before = published

    def interrupt(out_dir: Path, cache: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(plugin_module, "build_webfonts", interrupt)
    monkeypatch.setenv("MICROSITE_SKIP_UNCHANGED", "0")  # unchanged input: force a real build
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert snapshot(site) == before
    assert leftovers(project) == []


def test_successful_rebuild_replaces_site_and_cleans_up(project: Path,
                                                         published: tuple[Path, dict[str, bytes]]) -> None:
    site, before = published
    write_article(project, "bai-hai", title="Bài thứ hai về sơ kết giữa nhiệm kỳ")
    build(project)
    after = snapshot(site)
    assert after != before
    assert any("bai-thu-hai" in name for name in after)
    assert leftovers_after_removal(project) == []


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The clock is an input too (late plan items, scheduled articles): pin it, so the two
    # builds cannot straddle midnight.
    monkeypatch.setenv("MICROSITE_NOW", "2026-11-24T10:00")
    sites = []
    for name in ("a", "b"):
        project = copy_project(tmp_path / name / "project", with_posts=False)
        write_article(project, "bai-mot")
        write_article(project, "bai-hai", title="Bài thứ hai về sơ kết giữa nhiệm kỳ", date="2023-04-02 09:30",
                      updated="2023-04-03 08:00", tags=["Nghị quyết 43", "Đà Nẵng"])
        sites.append(snapshot(build(project)))
    first, second = sites
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert b"<lastmod>2023-04-03</lastmod>" in first["sitemap.xml"]


def test_build_date_comes_from_content_not_the_clock(project: Path) -> None:
    write_article(project, "bai-mot", date="2023-03-29 18:11")
    assert "SOURCE_DATE_EPOCH" not in os.environ
    site = build(project)
    assert b"<lastmod>2023-03-29</lastmod>" in (site / "sitemap.xml").read_bytes()
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored after the build


def test_the_installed_command_ends_with_everything_written(project: Path, tmp_path: Path) -> None:
    """``microsite`` skips the interpreter's teardown (``cli.run``: ``os._exit`` after ``main``).
    What it printed still arrives through a pipe, the site is the same as a build run in this
    process, the render cache was committed, and a failure still exits 1 with its message."""
    write_article(project, "bai-mot", "Mở đầu.\n\n<!-- more -->\n\nThân bài có 14/16 đảng ủy.\n")
    command = Path(sys.executable).parent / "microsite"
    # Block-buffered output, as when an editor's terminal pipes it (this machine sets PYTHONUNBUFFERED).
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, "MICROSITE_SKIP_UNCHANGED": "0"}
    done = subprocess.run([str(command), "build", "-d", str(project)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(str((project / "site").resolve()))
    with sqlite3.connect(project / ".cache" / "microsite" / "render-cache.sqlite") as db:
        assert db.execute("SELECT count(*) FROM render").fetchone()[0] >= 2  # the article, its excerpt
    in_process = build(project, tmp_path / "here")
    assert snapshot(project / "site") == snapshot(in_process)
    failed = subprocess.run([str(command), "check", "-d", str(tmp_path / "khong-co")], capture_output=True,
                            text=True, env=env)
    assert failed.returncode == 1 and "Không tìm thấy" in failed.stderr
