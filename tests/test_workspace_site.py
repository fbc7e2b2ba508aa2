"""The workspace and the built site: /admin/ only when mkdocs.yml asks; the status and
error page the preview server shows; CMS-written files read back by our parser."""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from microsite.adapter.runner import build
from microsite.content.frontmatter import parse
from microsite.content.problems import Problem, Report
from microsite.workspace.error_page import error_page
from microsite.workspace.status import WorkspaceStatus
from sitekit import copy_project

TEAM = ("      workspace:\n        backend: gitlab\n        repo: ban-tuyen-giao/so-ket\n"
        "        base_url: https://gitlab.example.vn\n        app_id: abc123\n        publish: true\n")


def test_public_build_has_no_admin(default_site: Path) -> None:
    assert not (default_site / "admin").exists()


def test_admin_published_only_when_asked_with_the_team_backend(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", with_posts=False)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      blog_dir: tin-tuc\n", "      blog_dir: tin-tuc\n" + TEAM, 1), encoding="utf-8")
    site = build(project)
    admin = site / "admin"
    cms = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert cms["backend"]["name"] == "gitlab" and cms["publish_mode"] == "editorial_workflow"
    assert "proxy" not in (admin / "config.yml").read_text(encoding="utf-8")
    assert (admin / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    page = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html is not None and page.html["lang"] == "vi"
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert scripts == ["site.js", "decap/decap-cms.js", "guard.js", "autosave.js", "dates.js", "vietnamese.js",
                       "workspace.js"]
    assert all((admin / src).is_file() for src in scripts)
    assert '"statusUrl": ""' in (admin / "site.js").read_text(encoding="utf-8")


def test_error_page_and_status_carry_the_check_report() -> None:
    problem = Problem("docs/tin-tuc/posts/a.md", "Ngày 30-2-2025 không có thật.", 3, "date", "Viết ngày có thật.")
    report = Report([problem])
    status = WorkspaceStatus()
    status.finished(report, [])
    snapshot = status.snapshot
    assert not snapshot.ok and snapshot.report == report.format() and snapshot.version == 1
    html = error_page(snapshot).decode("utf-8")
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "docs/tin-tuc/posts/a.md, dòng 3" in text and "date" in text and "Cách sửa: Viết ngày có thật." in text
    assert report.format() in BeautifulSoup(html, "html.parser").pre.get_text()
    status.finished(None, [])
    assert status.snapshot.ok and status.snapshot.version == 2


# What Decap's YAML writer produces (js-yaml layout, as the browser test saved it).
DECAP_WRITTEN = """---
title: Đà Nẵng đẩy mạnh tuyên truyền sơ kết giữa nhiệm kỳ ở cơ sở
date: 2023-04-05 09:30
authors:
  - Thu Hà
channels:
  - bao-da-nang
  - drt
tags: []
summary: Các cấp ủy ở xã, phường mở chuyên mục riêng và tổ chức đối thoại với
  nhân dân về kết quả giữa nhiệm kỳ.
status: draft
reviewer: null
---
Đoạn mở đầu.
"""


def test_decap_layout_reads_back_with_dates_as_strings() -> None:
    data = parse(DECAP_WRITTEN).data
    assert data["date"] == "2023-04-05 09:30"  # not a YAML timestamp
    assert data["summary"].endswith("đối thoại với nhân dân về kết quả giữa nhiệm kỳ.")
    assert data["tags"] == [] and data["reviewer"] is None
