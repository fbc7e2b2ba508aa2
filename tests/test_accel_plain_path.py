"""``MICROSITE_ACCEL=0`` (no accelerator, one process) and the default build make the same
site, file by file: the default site, and a generated corpus large enough for both forked
page loops to run (``background.min_jobs``: 64 pages).

The one difference allowed is the counter in a footnote reference's id inside blog
excerpts (``sitekit.footnote_counter``): Material converts an excerpt on the post's own
parser without resetting it, so the id counts the listings rendered before; an excerpt the
render cache reuses in another listing is not converted again, and a listing the page split's
child renders counts on the child's copy of the parser. Nothing links to these ids.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from microsite.adapter.accel.catalogue import ACCELERATORS
from microsite.adapter.accel.run import Run
from microsite.background import ENV_ACCEL, ENV_WORKERS
from microsite.forked_loop import ForkedLoop, usable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from corpus import write_corpus

import sitekit as site_helpers

CORPUS_ARTICLES = 150


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Run]:
    """Every accelerator run started, to tell which path a build took."""
    return site_helpers.recorded_runs(monkeypatch)


def _both_paths(project: Path, build_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                runs: list[Run]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    accelerated = site_helpers.site_files(build_site(project, tmp_path / "accelerated"))
    assert runs[-1].installed == [a.name for a in ACCELERATORS if a.switchable]
    monkeypatch.setenv(ENV_ACCEL, "0")
    plain = site_helpers.site_files(build_site(project, tmp_path / "plain"))
    assert runs[-1].installed == []
    return accelerated, plain


def test_default_site_is_the_same_on_the_plain_path(tmp_path: Path, build_site, runs: list[Run],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_helpers.copy_project(tmp_path / "project")
    accelerated, plain = _both_paths(project, build_site, tmp_path, monkeypatch, runs)
    assert len(plain) > 100
    assert site_helpers.site_differences(accelerated, plain) == []


@pytest.mark.skipif(not usable(), reason="the forked loops run on Linux only")
def test_generated_corpus_is_the_same_on_the_plain_path(tmp_path: Path, build_site, runs: list[Run],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_helpers.copy_project(tmp_path / "project", with_posts=False)
    corpus = write_corpus(tmp_path / "corpus", CORPUS_ARTICLES)
    posts = project / "docs" / "tin-tuc" / "posts"
    for post in (corpus.root / "docs" / "tin-tuc" / "posts").glob("*.md"):
        (posts / post.name).write_bytes(post.read_bytes())
    (project / "docs" / "tin-tuc" / "anh").mkdir(exist_ok=True)
    (project / "docs" / "tin-tuc" / "anh" / "minh-hoa.jpg").write_bytes(
        (corpus.root / "docs" / "tin-tuc" / "anh" / "minh-hoa.jpg").read_bytes())
    monkeypatch.setenv(ENV_WORKERS, "2")  # both page loops forked, whatever the machine's cores
    loops: list[ForkedLoop] = []
    finish = ForkedLoop.finish

    def recorded(self: ForkedLoop, **kwargs: Any) -> tuple[Any, str | None, list[int]]:
        loops.append(self)
        return finish(self, **kwargs)

    monkeypatch.setattr(ForkedLoop, "finish", recorded)
    accelerated, plain = _both_paths(project, build_site, tmp_path, monkeypatch, runs)
    page_loops = [loop for loop in loops if loop.count >= CORPUS_ARTICLES]
    assert len(page_loops) == 2 and all(loop.child_items for loop in page_loops)  # really forked
    assert sum(name.endswith(".html") for name in plain) > CORPUS_ARTICLES
    assert site_helpers.site_differences(accelerated, plain) == []
