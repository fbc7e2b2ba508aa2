"""Pages rendered by a forked child (``adapter.accel.page_split``) make the same site as one process.

The split changes who renders a page, never what is written: every file, the search
index and the social cards are byte-identical to a build without it; a child that
fails leaves its pages to the parent; a child's warnings reach the parent's log.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.adapter.accel.page_split import ChildShare
from microsite.adapter.accel.render_cache import RenderCache
from microsite.adapter.runner import build
from microsite.adapter.search_index import SearchPages
from microsite.background import ENV_MIN_JOBS, ENV_WORKERS
from microsite.forked_loop import ForkedLoop, usable

pytestmark = pytest.mark.skipif(not usable(), reason="fork is only used on Linux")


def _write_pages(project: Path) -> Path:
    for i in range(12):
        site_helpers.write_article(project, f"bai-chia-{i}", title=f"Bài dựng song song số {i}",
                                   date=f"2023-04-{10 + i} 08:00",
                                   body=f"Mở đầu bài {i} về Đà Nẵng.\n\n<!-- more -->\n\n## Nội dung\n\nThân bài số {i}.")
    return project


@pytest.fixture
def many_pages(project: Path) -> Path:
    return _write_pages(project)


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> dict[str, bytes]:
    """The same site built by one process from its own copy (no split, no render cache of
    another build): what every split build must equal, built once for the module."""
    root = tmp_path_factory.mktemp("single")
    project = _write_pages(site_helpers.copy_project(root / "project", with_posts=False, warm=warm_cache))
    with pytest.MonkeyPatch.context() as env:
        env.setenv(ENV_WORKERS, "0")
        return site_helpers.site_files(build(project, root / "site"))


@pytest.fixture
def split_on(monkeypatch: pytest.MonkeyPatch) -> list[ForkedLoop]:
    """Split even this small site (both loops: the Markdown split wants a second worker);
    record each loop the build finished."""
    monkeypatch.setenv(ENV_WORKERS, "2")
    monkeypatch.setenv(ENV_MIN_JOBS, "1")
    loops: list[ForkedLoop] = []
    finish = ForkedLoop.finish

    def recorded(self: ForkedLoop, **kwargs):  # type: ignore[no-untyped-def]
        if self.count > 3:  # the page loops, not the task splits (runner: 2, post-build: 3)
            loops.append(self)
        return finish(self, **kwargs)

    monkeypatch.setattr(ForkedLoop, "finish", recorded)
    return loops


def test_split_build_is_identical_to_one_process(many_pages: Path, build_site, split_on: list[ForkedLoop],
                                                 single: dict[str, bytes], tmp_path: Path) -> None:
    split = site_helpers.site_files(build_site(many_pages, tmp_path / "split"))
    # Two loops were shared (Markdown, then templates) and the children really did pages.
    assert len(split_on) == 2 and all(loop.child_items for loop in split_on)
    assert set(split) == set(single)
    different = [name for name in single if split[name] != single[name]]
    assert different == []
    # Every article is in the search index (written by the parent), whichever process read it.
    indexed = [json.loads(body)["url"] for name, body in split.items() if name.startswith("search-index/docs/")]
    assert len([url for url in indexed if "bai-dung-song-song-so" in url]) == 12


def test_two_cores_start_the_markdown_child_once_the_card_worker_is_idle(
        many_pages: Path, build_site, split_on: list[ForkedLoop], monkeypatch: pytest.MonkeyPatch,
        single: dict[str, bytes], tmp_path: Path) -> None:
    """One worker (two cores): no Markdown child while the card worker is busy; once it is idle,
    a child takes its share of the pages still to convert, never one the parent has done."""
    from microsite.adapter.infographics import InfographicsGlue
    from microsite.adapter.accel.page_split import MarkdownSplit

    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setattr(MarkdownSplit, "LATE_MIN", 4)
    monkeypatch.setattr(MarkdownSplit, "LATE_EVERY", 1)
    asked: list[bool] = []

    def idle_from_the_sixth_look(self: InfographicsGlue) -> bool:
        asked.append(len(asked) >= 5)
        return asked[-1]

    monkeypatch.setattr(InfographicsGlue, "worker_idle", idle_from_the_sixth_look)
    late = site_helpers.site_files(build_site(many_pages, tmp_path / "late"))
    markdown_loop, _templates = split_on
    assert asked == [False] * 5 + [True]  # asked page by page until it said yes, then never again
    assert markdown_loop.child_items and min(markdown_loop.child_items) >= 5
    assert late == single


def test_two_cores_and_a_busy_card_worker_convert_in_one_process(
        many_pages: Path, build_site, split_on: list[ForkedLoop], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from microsite.adapter.infographics import InfographicsGlue

    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setattr(InfographicsGlue, "worker_idle", lambda self: False)
    build_site(many_pages, tmp_path / "busy")
    assert len(split_on) == 1  # the templates' split only


def test_failed_child_leaves_its_pages_to_the_parent(many_pages: Path, build_site, split_on: list[ForkedLoop],
                                                     monkeypatch: pytest.MonkeyPatch, single: dict[str, bytes],
                                                     tmp_path: Path) -> None:
    def broken(self: ChildShare) -> None:
        raise RuntimeError("tiến trình phụ hỏng")

    monkeypatch.setattr(ChildShare, "child_setup", broken)  # inherited by the forked child only
    failed = site_helpers.site_files(build_site(many_pages, tmp_path / "failed"))
    assert split_on and split_on[-1].child_items == []
    assert failed == single


def test_failed_markdown_child_leaves_its_pages_to_the_parent(many_pages: Path, build_site,
                                                              split_on: list[ForkedLoop],
                                                              monkeypatch: pytest.MonkeyPatch, single: dict[str, bytes],
                                                              tmp_path: Path) -> None:
    def broken(self: RenderCache) -> None:
        raise RuntimeError("tiến trình phụ hỏng")

    monkeypatch.setattr(RenderCache, "detach_for_child", broken)  # both children fail at once
    failed = site_helpers.site_files(build_site(many_pages, tmp_path / "failed"))
    assert len(split_on) == 2 and not any(loop.child_items for loop in split_on)
    assert failed == single


def test_child_warnings_reach_the_parent_log(many_pages: Path, build_site, split_on: list[ForkedLoop],
                                             monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
                                             tmp_path: Path) -> None:
    collect = SearchPages.collect
    pid = os.getpid()

    def noisy(self: SearchPages, dest_uri: str, html: str, title: str = "") -> str:
        where = "con" if os.getpid() != pid else "chính"
        logging.getLogger("mkdocs.plugins.test").warning("trang %s dựng ở tiến trình %s", dest_uri, where)
        return collect(self, dest_uri, html, title)

    monkeypatch.setattr(SearchPages, "collect", noisy)
    with caplog.at_level(logging.WARNING):
        build_site(many_pages, tmp_path / "site")
    messages = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.test"]
    assert any(m.endswith("tiến trình con") for m in messages)
    assert any(m.endswith("tiến trình chính") for m in messages)
    assert len(messages) == len({m.split()[1] for m in messages})  # each page once, never twice


def test_forked_loop_does_every_item_once(tmp_path: Path) -> None:
    count = 40
    loop = ForkedLoop(count)

    def work(i: int) -> None:
        (tmp_path / f"{i}.child").write_text(str(i))

    loop.start(work, lambda: "xong")
    mine = [i for i in range(count) if loop.take(i)]
    for i in mine:
        (tmp_path / f"{i}.parent").write_text(str(i))
    result, error, redo = loop.finish()
    assert (result, error, redo) == ("xong", None, [])
    children = sorted(int(p.stem) for p in tmp_path.glob("*.child"))
    assert children == loop.child_items
    assert sorted(mine + children) == list(range(count))


def test_forked_loop_returns_the_items_of_a_dead_child(tmp_path: Path) -> None:
    loop = ForkedLoop(10)

    def die(i: int) -> None:
        os._exit(3)  # killed mid-loop: no message

    loop.start(die, lambda: "xong")
    deadline = time.monotonic() + 30
    while loop.claimed_by_child == 0 and time.monotonic() < deadline:
        time.sleep(0.01)  # let the child take its first item (and die on it)
    mine = [i for i in range(10) if loop.take(i)]
    result, error, redo = loop.finish()
    assert result is None and error
    assert sorted(mine + redo) == list(range(10))


def test_templates_split_starts_before_the_page_loop(many_pages: Path, build_site, split_on: list[ForkedLoop],
                                                     monkeypatch: pytest.MonkeyPatch, single: dict[str, bytes],
                                                     tmp_path: Path) -> None:
    """The child starts at on_env, while MkDocs copies static files; if the page loop then
    gets other pages than the split started with, the split starts again and nothing is lost."""
    from microsite.adapter.accel import page_split

    started: list[bool] = []
    start = page_split.PageSplit.start

    def early(self, config, doc_files, nav, env, dirty=False):  # type: ignore[no-untyped-def]
        start(self, config, doc_files, nav, env, dirty)
        started.append(self.loop is not None)

    monkeypatch.setattr(page_split.PageSplit, "start", early)
    split = site_helpers.site_files(build_site(many_pages, tmp_path / "split"))
    assert started == [True]
    # Started on all pages but the first: the page loop notices and starts the split again.
    abandoned: list[ForkedLoop] = []
    abandon = ForkedLoop.abandon
    monkeypatch.setattr(ForkedLoop, "abandon", lambda self: (abandoned.append(self), abandon(self))[1])
    monkeypatch.setattr(page_split.PageSplit, "start", lambda self, config, doc_files, nav, env, dirty=False:
                        start(self, config, list(doc_files)[1:], nav, env, dirty))
    restarted = site_helpers.site_files(build_site(many_pages, tmp_path / "restarted"))
    assert [loop.count for loop in abandoned] == [split_on[-1].count - 1]  # the early one, one page short
    assert split == single and restarted == single
