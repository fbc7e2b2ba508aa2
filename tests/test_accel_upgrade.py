"""An upgrade under the accelerators: each one that no longer fits switches itself off, with one
log line naming it and why, and the site is the plain path's (``MICROSITE_ACCEL=0``).

Three upgrades are simulated in a real build: a newer version installed (Material), a private
name gone from MkDocs (its own code still finds it, as after a rename), and MkDocs' own
``Page.render`` changed by one line (as the issue measured it: before the check, the default
build showed the change on no page and said nothing). The undeclared-internals test is in
``test_accel_internals.py``.
"""

from __future__ import annotations

import builtins
import importlib.util
import inspect
import logging
import textwrap
from pathlib import Path
from typing import Any

import pytest
import mkdocs.commands.build as mkdocs_build
from mkdocs.structure import pages as mkdocs_pages

import sitekit as site_helpers
from microsite.adapter.accel import health
from microsite.adapter.accel.catalogue import ACCELERATORS
from microsite.adapter.accel.run import Run
from microsite.adapter.runner import build
from microsite.background import ENV_ACCEL

BODY = """\
Đoạn mở đầu có [liên kết](#noi-dung) và chú thích[^1].

<!-- more -->

## Nội dung

| Cột | Giá trị |
| --- | ------- |
| Một | 1       |

!!! note "Ghi chú"
    Đoạn trong hộp ghi chú.

[^1]: Chú thích cuối bài.
"""
MARKER = "<!-- mkdocs da nang cap -->"


@pytest.fixture(scope="module")
def upgrade_project(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Path:
    project = site_helpers.copy_project(tmp_path_factory.mktemp("upgrade") / "project", with_posts=False,
                                        warm=warm_cache)
    for i in range(4):
        site_helpers.write_article(project, f"bai-nang-cap-{i}", body=BODY, title=f"Bài nâng cấp số {i}",
                                   date=f"2023-05-1{i} 08:00", tags=["Kinh tế"])
    return project


@pytest.fixture(scope="module")
def plain_site(upgrade_project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV_ACCEL, "0")
        return site_helpers.site_files(build(upgrade_project, tmp_path_factory.mktemp("plain") / "site"))


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Run]:
    monkeypatch.setattr(health, "_told", set())  # each test hears its own lines
    return site_helpers.recorded_runs(monkeypatch)


def _off_lines(caplog: pytest.LogCaptureFixture) -> dict[str, str]:
    """The accelerators that said they switched themselves off, with their line."""
    lines = {}
    for record in caplog.records:
        if record.name == "microsite" and "đã tự tắt" in record.getMessage():
            name = str(record.args[0]) if isinstance(record.args, tuple) else ""
            assert name not in lines, f"{name}: said twice"
            lines[name] = record.getMessage()
    return lines


def _expect_off(run: Run, lines: dict[str, str], names: set[str], because: str) -> None:
    switchable = [a.name for a in ACCELERATORS if a.switchable]
    assert names, "the simulated upgrade concerns no accelerator"
    assert names <= set(lines), f"no log line for {sorted(names - set(lines))}"
    assert all(because in lines[name] for name in names), lines
    assert run.installed == [n for n in switchable if n not in names]
    assert set(run.health.unfit) >= names


def test_a_newer_material_switches_its_accelerators_off(upgrade_project: Path, plain_site: dict[str, bytes],
                                                        tmp_path: Path, runs: list[Run],
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(health, "_versions", {"mkdocs-material": "9.9.0"})
    caplog.set_level(logging.WARNING, "microsite")
    site = site_helpers.site_files(build(upgrade_project, tmp_path / "site"))
    material = {a.name for a in ACCELERATORS if any(d == "mkdocs-material" for d, _ in a.written_for)}
    _expect_off(runs[-1], _off_lines(caplog), material & {a.name for a in ACCELERATORS if a.switchable},
                "mkdocs-material 9.9.0")
    assert site_helpers.site_differences(site, plain_site) == []


def test_a_private_name_gone_from_mkdocs_switches_its_user_off(
        upgrade_project: Path, plain_site: dict[str, bytes], tmp_path: Path, runs: list[Run],
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs' own build still finds it (a renamed global: here moved to builtins, where its
    global lookup ends), the accelerator that replaces it does not."""
    name = "_populate_page"
    monkeypatch.setattr(builtins, name, getattr(mkdocs_build, name), raising=False)
    monkeypatch.delattr(mkdocs_build, name)
    caplog.set_level(logging.WARNING, "microsite")
    site = site_helpers.site_files(build(upgrade_project, tmp_path / "site"))
    users = {a.name for a in ACCELERATORS if a.switchable
             and any(m.symbol == f"mkdocs.commands.build:{name}" for m in a.mirrors)}
    assert users == {"markdown_split"}
    _expect_off(runs[-1], _off_lines(caplog), users, name)
    assert site_helpers.site_differences(site, plain_site) == []


def _upgraded_render(tmp_path: Path) -> Any:
    """MkDocs' Page.render with one line added, compiled from a file (as an upgrade would ship it)."""
    source = textwrap.dedent(inspect.getsource(mkdocs_pages.Page.render))
    source = source.replace("self.content = md.convert(self.markdown)",
                            f"self.content = md.convert(self.markdown) + {MARKER!r}")
    assert MARKER in source
    module_file = tmp_path / "upgraded_pages.py"
    module_file.write_text("from __future__ import annotations\nfrom mkdocs.structure.pages import *  # noqa\n"
                           "from mkdocs.structure.pages import _RawHTMLPreprocessor, _ExtractAnchorsTreeprocessor, "
                           "_RelativePathTreeprocessor, _ExtractTitleTreeprocessor, markdown, get_toc, log, logging\n"
                           + source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("upgraded_pages", module_file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render


def test_a_changed_page_render_switches_its_copies_off(upgrade_project: Path, tmp_path: Path, runs: list[Run],
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    accelerated_before = build(upgrade_project, tmp_path / "before")  # the render cache filled
    assert MARKER.encode() not in (accelerated_before / "index.html").read_bytes()
    monkeypatch.setattr(mkdocs_pages.Page, "render", _upgraded_render(tmp_path))
    caplog.set_level(logging.WARNING, "microsite")
    site = site_helpers.site_files(build(upgrade_project, tmp_path / "accelerated"))
    copies = {a.name for a in ACCELERATORS if a.switchable
              and any(m.symbol == "mkdocs.structure.pages:Page.render" for m in a.mirrors)}
    assert copies == {"render_cache"}
    _expect_off(runs[-1], _off_lines(caplog), copies, "Page.render")
    monkeypatch.setenv(ENV_ACCEL, "0")
    plain = site_helpers.site_files(build(upgrade_project, tmp_path / "plain"))
    changed = [name for name, data in site.items() if name.endswith(".html") and MARKER.encode() in data]
    assert len(changed) > 10  # the upgrade shows on the accelerated site, as on the plain one
    assert site_helpers.site_differences(site, plain) == []
