"""Every page of the built default site is valid HTML for the Nu HTML Checker (vnu.jar from
npm, package-lock.json; Java from .ci/system-deps), errors only, checked in one JVM run.

Material's markup is made valid by the package theme's copies of three of its templates
(``base.html``, ``partials/nav-item.html``, ``partials/toc.html``), declared with their
upstream fingerprints in ``adapter/accel/catalogue.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitekit import ROOT, html_files

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site: Path) -> tuple[int, list[str]]:
    """(pages checked, "page:line: message" for every error the checker reports)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install Debian's default-jre-headless (see .ci/system-deps)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test` (npm ci installs vnu-jar from package-lock.json)")
    pages = [str(p) for p in html_files(site)]
    done = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(done.stderr)["messages"]
    errors = []
    for m in messages:
        where = Path(m.get("url", "").removeprefix("file:")).resolve()
        page = where.relative_to(site.resolve()).as_posix() if where.is_relative_to(site.resolve()) else where
        errors.append(f"{page}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:120]}]")
    return len(pages), errors


def test_every_page_of_the_default_site_passes_the_nu_html_checker(default_site: Path) -> None:
    checked, errors = vnu_errors(default_site)
    assert checked >= 47  # every page: articles, listings, campaign pages, news boxes, 404
    assert errors == []


def test_the_checker_reports_what_material_writes_unchanged(tmp_path: Path) -> None:
    """The test above can fail: Material's own toggles and an empty tabindex are errors."""
    page = tmp_path / "material.html"
    page.write_text('<!doctype html><html lang="vi"><head><title>x</title></head><body>'
                    '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
                    '<label for="__nav_2" tabindex="">Tin tức</label></body></html>', "utf-8")
    _, errors = vnu_errors(tmp_path)
    assert len(errors) == 3, errors  # autocomplete on a checkbox, tabindex="", for= with no control
