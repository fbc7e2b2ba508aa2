"""The patch path (adapter/page_patch.py): body edits made without MkDocs, byte for byte a cold build.

Each test builds the default project plus a small generated corpus, edits one article's body,
builds again (``microsite build``'s own function) and compares every file with a cold build of a
copy of the same input. Feeds are cut to a few items, so that some articles are in none (as
most of a large site's are) and both kinds are tried.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

import sitekit as site_helpers
from microsite.adapter import incremental, page_patch
from microsite.adapter.runner import BuildFailed, build
from microsite.adapter.search_index import SEARCH_STATE
from microsite.adapter.syndication import SyndicationAdapter
from microsite.search import patch as search_patch
from microsite.syndication import feeds
from test_incremental import _corpus_posts, _project, _same, cold_build, page_of

PATCHED = "sửa lại 1 trang"


@pytest.fixture(autouse=True)
def short_feeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "MAX_ITEMS", 4)


def _unfed_post(project: Path) -> Path:
    """A corpus article no feed carries, from the last build's manifest."""
    manifest = incremental.load(project / ".cache" / "microsite")
    assert manifest is not None and manifest.patch is not None
    for post in reversed(_corpus_posts(project)):
        if f"tin-tuc/posts/{post.name}" not in manifest.patch.feeds:
            return post
    raise AssertionError("every article is in a feed")


def _fed_post(project: Path) -> Path:
    manifest = incremental.load(project / ".cache" / "microsite")
    assert manifest is not None and manifest.patch is not None
    return project / "docs" / sorted(manifest.patch.feeds)[0]


def _append(text: str):  # type: ignore[no-untyped-def]
    def edit(path: Path) -> None:
        path.write_text(path.read_text("utf-8") + text, "utf-8")
    edit.__name__ = f"append {text[:20]!r}"
    return edit


def _word(path: Path) -> None:
    """One sentence after the lead ends in "!" instead of "." (same words, same read time)."""
    text = path.read_text("utf-8")
    at = text.rfind(".\n")
    assert at > text.index("<!-- more -->"), path.name
    path.write_text(text[:at] + "!" + text[at + 1:], "utf-8")


def _link(path: Path) -> None:
    """The last word of the body becomes a link to another article (same words)."""
    text = path.read_text("utf-8")
    end = text.rfind(".\n")
    start = text.rfind(" ", 0, end) + 1
    path.write_text(f"{text[:start]}[{text[start:end]}](bai-00003.md){text[end:]}", "utf-8")


# (edit, whether the patch path can take it; None: either, as long as the site is right)
EDITS = (
    (_word, True),
    (_append("\nMột câu có ký tự <đặc biệt> & \"ngoặc kép\" trong văn bản.\n"), True),
    (_append("\n| Chỉ tiêu | Kết quả |\n| --- | ---: |\n| Tăng trưởng | 7,5% |\n"), True),
    (_link, True),  # a link to another post: its URL as the blog set it
    (_append("\n## Một mục mới\n\nNội dung của mục mới.\n"), False),  # the table of contents changes
    (_append("\n![Ảnh minh họa tại Đà Nẵng](../anh/minh-hoa.jpg)\n"), None),  # a body image (read time may change)
)


def test_body_edits_are_patched_as_a_cold_build_would_write(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    post = _unfed_post(project)
    for step, (edit, patchable) in enumerate(EDITS):
        edit(post)
        build(project, report=messages.append)
        assert patchable is None or messages[-1].startswith("Dựng nhanh"), messages[-1]
        assert patchable is None or (PATCHED in messages[-1]) is patchable, (edit.__name__, messages[-1])
        site = site_helpers.site_files(project / "site")
        cold = cold_build(project, tmp_path / f"cold-{step}", warm_cache)
        assert _same(site, cold) == [], f"step {step}: {edit.__name__}"


def test_an_article_a_feed_carries_is_patched_with_its_feeds(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    _word(_fed_post(project))
    build(project, report=messages.append)
    assert PATCHED in messages[-1], messages[-1]
    assert _same(site_helpers.site_files(project / "site"), cold_build(project, tmp_path / "cold", warm_cache)) == []


def test_a_hand_edited_page_is_built_not_patched(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    post = _unfed_post(project)
    page = page_of(project, post)
    page.write_text(page.read_text("utf-8").replace("</body>", "<!-- sửa tay --></body>"), "utf-8")
    _word(post)
    build(project, report=messages.append)
    assert PATCHED not in messages[-1], messages[-1]
    assert _same(site_helpers.site_files(project / "site"), cold_build(project, tmp_path / "cold", warm_cache)) == []


def test_a_failed_patch_leaves_the_published_site_as_it_was(tmp_path: Path, warm_cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, warm_cache)
    build(project)
    before = site_helpers.site_files(project / "site")

    def broken(*args: object) -> None:
        raise OSError("đĩa đầy")

    monkeypatch.setattr(page_patch, "_patch_search", broken)
    _word(_unfed_post(project))
    with pytest.raises((OSError, BuildFailed)):
        build(project)
    assert site_helpers.site_files(project / "site") == before
    assert not list(project.glob(".site.build-*"))


def test_a_drafts_body_edit_publishes_nothing(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    before = site_helpers.site_files(project / "site")
    _word(project / "docs" / "tin-tuc" / "posts" / "ban-nhap-dieu-tra-xa-hoi-hoc.md")
    build(project, report=messages.append)
    assert "sửa lại 0 trang" in messages[-1], messages[-1]
    assert site_helpers.site_files(project / "site") == before


def test_a_search_index_kept_by_another_build_is_not_patched(tmp_path: Path, warm_cache: Path) -> None:
    """``microsite serve`` keeps its preview's index in the same cache: never patched into the public one."""
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    cache = project / ".cache" / "microsite"
    state = search_patch.load_state(cache / SEARCH_STATE)
    assert state is not None
    search_patch.save_state(replace(state, lengths=[n + 1 for n in state.lengths]), cache / SEARCH_STATE)
    _word(_unfed_post(project))
    build(project, report=messages.append)
    assert PATCHED not in messages[-1], messages[-1]
    assert _same(site_helpers.site_files(project / "site"), cold_build(project, tmp_path / "cold", warm_cache)) == []


def test_an_output_added_to_the_patch_path_never_writes_into_the_published_site(
        tmp_path: Path, warm_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The patch's folder is made of hard links to the published files. A writer added to the
    patch path that writes its file in place (as the feed and JSON writers do) is handed a new
    folder (``page_patch.staged_outputs``): its output is in the new site, the published files
    keep their bytes."""
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    published = tmp_path / "published"  # the published files themselves: a write through a link shows
    for path in (project / "site").rglob("*"):
        if path.is_file():
            (published / path.relative_to(project / "site")).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, published / path.relative_to(project / "site"))
    before = site_helpers.site_files(published)
    assert "sitemap.xml" in before and "404.html" in before
    write_article = SyndicationAdapter.write_article

    def with_more_outputs(self: SyndicationAdapter, key: str, site_dir: Path) -> dict[str, Any]:
        doc = write_article(self, key, site_dir)
        (site_dir / "sitemap.xml").write_bytes(b"<urlset/>")  # in place, as a naive writer would
        with open(site_dir / "404.html", "ab") as page:  # appended to, whatever is there
            page.write(b"<!-- them -->")
        return doc

    monkeypatch.setattr(SyndicationAdapter, "write_article", with_more_outputs)
    _word(_unfed_post(project))
    build(project, report=messages.append)
    assert PATCHED in messages[-1], messages[-1]
    assert (project / "site" / "sitemap.xml").read_bytes() == b"<urlset/>"
    assert (project / "site" / "404.html").read_bytes() == b"<!-- them -->"  # a new file, not the old one's
    assert site_helpers.site_files(published) == before


def test_a_patched_build_hands_nothing_to_the_next_build_in_the_process(tmp_path: Path, warm_cache: Path) -> None:
    """MkDocs keeps one plugin instance per process; a patched build never starts MkDocs, so what
    the runner hands the plugin for a build (the checked content, the plan) must not wait there for
    the next build: here plain ``mkdocs build`` of another project, whose new article must be read
    from its own check (with another project's content, the blog read it unstaged and stopped)."""
    project = _project(tmp_path / "a", warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    _word(_unfed_post(project))
    build(project, report=messages.append)
    assert PATCHED in messages[-1], messages[-1]
    other = site_helpers.copy_project(tmp_path / "b" / "project", warm=warm_cache)
    site_helpers.write_article(other, "chi-co-o-du-an-khac", title="Bài chỉ có ở dự án thứ hai",
                               date="2026-12-01 08:00")
    config = load_config(config_file=str(other / "mkdocs.yml"), site_dir=str(tmp_path / "b" / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    pages = [page for page in site_helpers.html_files(tmp_path / "b" / "site")
             if "Bài chỉ có ở dự án thứ hai" in page.read_text("utf-8")]
    assert any(page.parent.name == "bai-chi-co-o-du-an-thu-hai" for page in pages), pages
