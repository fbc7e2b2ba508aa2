"""The accelerator registry (``microsite.adapter.accel``): declared once, installed in order,
restored after every build, and told apart from the upstream code it mirrors.

The drift tests fail when the upstream source an accelerator copies, replaces or relies on
changes (a new MkDocs, Material, Python-Markdown or Pillow): the message names the
accelerator, the symbol and the version it was written for. Revisit the accelerator; when
it is still right, record the new fingerprint (``python -m microsite.adapter.accel.drift``
prints them) and the new version in ``catalogue.py``.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import mkdocs.commands.build as mkdocs_build
import pytest
import yaml
from material.plugins.blog import structure as blog_structure
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages

import sitekit as site_helpers
from microsite.adapter.accel import registry
from microsite.adapter.accel.catalogue import ACCELERATORS
from microsite.adapter.accel.declaration import Accelerator, EventRule, Mirror
from microsite.adapter.accel.drift import fingerprint, resolve
from microsite.adapter.accel import material_blog
from microsite.adapter.accel.material_blog import blogs
from microsite.adapter.accel.page_split import ChildShare
from microsite.adapter.accel.render_cache import RenderCache
from microsite.adapter.accel.run import BuildInputs, Hooks, Run
from microsite.adapter.accel.swaps import Swaps
from microsite.adapter.runner import BuildFailed
from microsite.background import ENV_ACCEL

MIRRORS = [(a, m) for a in ACCELERATORS for m in a.mirrors]
RULES = [(a, rule) for a in ACCELERATORS for rule in a.events]
ORIGINALS = {  # (owner, attribute): what it is when no build runs
    (mkdocs_build, "_build_page"): mkdocs_build._build_page,
    (mkdocs_build, "_populate_page"): mkdocs_build._populate_page,
    (blog_structure, "SafeLoader"): yaml.SafeLoader,
}


def _id(item: tuple[Accelerator, object]) -> str:
    accelerator, detail = item
    return f"{accelerator.name}:{getattr(detail, 'symbol', getattr(detail, 'ours', ''))}"


def test_every_accelerator_is_declared_in_full() -> None:
    names = [a.name for a in ACCELERATORS]
    assert len(names) == len(set(names))
    for accelerator in ACCELERATORS:
        assert re.fullmatch(r"[a-z_]+", accelerator.name)
        assert accelerator.speeds_up and accelerator.mirrors and accelerator.written_for, accelerator.name
        assert not re.search(r"[\u00c0-\u1ef9]", accelerator.speeds_up), accelerator.name  # English
        assert accelerator.switchable or accelerator.runtime_note, accelerator.name
        assert resolve(accelerator.module), accelerator.module
        for mirror in accelerator.mirrors:
            assert re.fullmatch(r"[A-Za-z_.]+:[A-Za-z0-9_./-]+", mirror.symbol) and len(mirror.sha256) == 16
            package = mirror.symbol.split(".")[0].split(":")[0]
            assert any(d.lower().replace("-", "_").startswith({"PIL": "pillow", "yaml": "pyyaml",
                                                              "material": "mkdocs_material"}.get(package, package))
                       for d, _ in accelerator.written_for), (accelerator.name, mirror.symbol)


@pytest.mark.parametrize("item", MIRRORS, ids=[_id(m) for m in MIRRORS])
def test_declared_symbol_exists(item: tuple[Accelerator, Mirror]) -> None:
    accelerator, mirror = item
    try:
        resolve(mirror.symbol)
    except (ImportError, AttributeError, FileNotFoundError) as error:
        pytest.fail(f"accelerator {accelerator.name!r}: upstream symbol {mirror.symbol} is gone ({error}); "
                    f"it was written for {_versions(accelerator)}, see {accelerator.module}")


@pytest.mark.parametrize("item", MIRRORS, ids=[_id(m) for m in MIRRORS])
def test_upstream_code_has_not_drifted(item: tuple[Accelerator, Mirror]) -> None:
    accelerator, mirror = item
    now = fingerprint(mirror.symbol)
    assert now == mirror.sha256, (
        f"accelerator {accelerator.name!r}: upstream {mirror.symbol} changed (fingerprint {mirror.sha256} -> "
        f"{now}). It was written for {_versions(accelerator)}; installed: {_installed(accelerator)}. "
        f"Revisit {accelerator.module} against the new code, then record the new fingerprint and "
        f"version in microsite/adapter/accel/catalogue.py.")


def _versions(accelerator: Accelerator) -> str:
    return ", ".join(f"{name} {wanted}" for name, wanted in accelerator.written_for)


def _installed(accelerator: Accelerator) -> str:
    return ", ".join(f"{name} {version(name)}" for name, _ in accelerator.written_for)


def test_fingerprints_ignore_comments_and_notice_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "upstream_fake"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    (package / "a.py").write_text("def f(x):\n    return x + 1\n")
    (package / "b.py").write_text("def f(x):  # a comment\n\n    return x + 1\n")
    (package / "c.py").write_text("def f(x):\n    return x + 2\n")
    assert fingerprint("upstream_fake.a:f") == fingerprint("upstream_fake.b:f") != fingerprint("upstream_fake.c:f")


@pytest.mark.parametrize("item", RULES, ids=[_id(r) for r in RULES])
def test_event_priorities_keep_the_declared_order(item: tuple[Accelerator, EventRule]) -> None:
    """MkDocs runs a build event's handlers highest ``event_priority`` first (default 0)."""
    accelerator, rule = item
    ours = getattr(resolve(rule.ours), "mkdocs_priority", 0)
    theirs = getattr(resolve(rule.theirs), "mkdocs_priority", 0)
    assert rule.runs in ("before", "after")
    assert (ours > theirs) if rule.runs == "before" else (ours < theirs), (
        f"{accelerator.name}: {rule.ours} ({ours}) must run {rule.runs} {rule.theirs} ({theirs}): {rule.why}")


def test_registry_order_is_enforced() -> None:
    registry.check_order(ACCELERATORS)
    for accelerator in ACCELERATORS:  # each name in `after` is declared, and earlier
        earlier = [a.name for a in ACCELERATORS[:ACCELERATORS.index(accelerator)]]
        assert set(accelerator.after) <= set(earlier), accelerator.name
    late = next(a for a in ACCELERATORS if a.after)
    with pytest.raises(registry.OrderError, match=late.name):
        registry.check_order([late, *[a for a in ACCELERATORS if a is not late]])


class _Recorder(Hooks):
    """Hooks that note every event they get and swap an attribute of a shared object."""

    calls: ClassVar[list[str]] = []
    target = SimpleNamespace(value="original")

    def __init__(self, name: str) -> None:
        self.name = name

    def install(self, run: Run) -> None:
        run.swaps.replace(self.target, "value", f"{self.name}({self.target.value})")
        self.calls.append(f"install {self.name}")

    def files(self, run: Run, files: object) -> None:  # type: ignore[override]
        self.calls.append(f"files {self.name}")

    def end(self, run: Run, complete: bool) -> None:
        self.calls.append(f"end {self.name}")


def _no_share(cache: RenderCache | None) -> ChildShare:
    raise AssertionError("no page split in this test")


def test_run_installs_in_declared_order_and_restores_newest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_ACCEL, raising=False)
    _Recorder.calls = []
    inner = Accelerator("inner", "Wrapped first.", "microsite.adapter.accel.run:Run", (), (),
                        hooks=lambda: _Recorder("inner"))
    outer = Accelerator("outer", "Wraps inner.", "microsite.adapter.accel.run:Run", (), (),
                        hooks=lambda: _Recorder("outer"), after=("inner",))
    inputs = BuildInputs(MkDocsConfig(), Path("."), False, lambda: False, _no_share)
    run = registry.start(inputs, (inner, outer))
    assert run.installed == ["inner", "outer"]
    assert _Recorder.target.value == "outer(inner(original))"  # outer wraps inner
    run.files(None)  # type: ignore[arg-type]
    run.end(complete=True)
    run.end(complete=False)  # the build's error and shutdown events may follow: nothing twice
    assert _Recorder.calls == ["install inner", "install outer", "files inner", "files outer",
                               "end outer", "end inner"]
    assert _Recorder.target.value == "original"
    monkeypatch.setenv(ENV_ACCEL, "0")
    assert registry.start(inputs, (inner, outer)).installed == []  # the plain path: none at all
    assert _Recorder.target.value == "original"


def test_swaps_refuse_a_missing_attribute_restore_created_ones_and_custom_undo() -> None:
    owner = type("Owner", (), {"grown": []})()
    swaps, undone = Swaps(), []
    with pytest.raises(AttributeError, match="gone"):  # upstream removed it: never created silently
        swaps.replace(owner, "gone", 1)
    assert not hasattr(owner, "gone") and swaps.done == []
    swaps.replace(owner, "new", 1, create=True)
    swaps.replace(owner, "grown", [1], undo=lambda: undone.append(True))
    swaps.restore()
    assert not hasattr(owner, "new") and undone == [True]


def _current() -> dict[tuple[object, str], object]:
    return {key: getattr(*key) for key in ORIGINALS}


def test_the_render_cache_wraps_page_render_and_the_lead_only_excerpts(
        project: Path, build_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The declared wrapping order, seen in a real build: every page conversion (MkDocs'
    Page.render, seen where it reads the table of contents: patching Page.render itself would
    change its fingerprint and switch the render cache off) and every lead-only excerpt
    conversion happens inside a render-cache lookup (the outer wrapper), so a cache hit skips both."""
    for i in range(3):
        site_helpers.write_article(project, f"bai-boc-{i}", title=f"Bài kiểm tra thứ tự bọc {i}",
                                   date=f"2023-04-1{i} 08:00")
    depth = [0]
    cached = RenderCache._cached

    def in_cache(self: RenderCache, *args: Any) -> Any:
        depth[0] += 1
        try:
            return cached(self, *args)
        finally:
            depth[0] -= 1

    pages: list[bool] = []
    excerpts: list[bool] = []
    toc = mkdocs_pages.get_toc
    lead = material_blog.excerpt_source

    def page_toc(tokens: Any) -> Any:
        pages.append(depth[0] > 0)
        return toc(tokens)

    def lead_source(full: str, separator: str) -> str | None:
        excerpts.append(depth[0] > 0)
        return lead(full, separator)

    monkeypatch.setattr(RenderCache, "_cached", in_cache)
    monkeypatch.setattr(mkdocs_pages, "get_toc", page_toc)
    monkeypatch.setattr(material_blog, "excerpt_source", lead_source)
    build_site(project, tmp_path / "site")
    assert pages and all(pages) and excerpts and all(excerpts)


def test_a_build_swaps_upstream_code_and_restores_all_of_it(project: Path, build_site, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site_helpers.write_article(project, "bai-khoi-phuc", title="Bài kiểm tra khôi phục")
    seen: list[dict[tuple[object, str], object]] = []
    runs: list[Run] = []
    env = Run.env

    def watched(self: Run, *args: object) -> None:
        seen.append(_current())
        runs.append(self)
        env(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Run, "env", watched)
    build_site(project, tmp_path / "site")
    assert runs[-1].installed == [a.name for a in ACCELERATORS if a.switchable]
    assert all(seen[-1][key] is not original for key, original in ORIGINALS.items()), "swapped during the build"
    assert _current() == ORIGINALS
    posts = [blog.posts for blog in blogs(runs[-1].inputs.config.plugins)]
    assert posts and all(type(p) is list and p for p in posts)  # the blog's own list type again, posts kept
    # A build that fails half-way restores everything too.
    monkeypatch.setattr(Run, "env", lambda self, *args: (_ for _ in ()).throw(RuntimeError("hỏng giữa chừng")))
    with pytest.raises((BuildFailed, RuntimeError)):
        build_site(project, tmp_path / "failed")
    assert _current() == ORIGINALS
