"""The patch path (adapter/page_patch.py): body edits made without MkDocs, byte for byte a cold build.

Each test builds the default project plus a small generated corpus, edits one article's body,
builds again (``microsite build``'s own function) and compares every file with a cold build of a
copy of the same input. Feeds are cut to a few items, so that some articles are in none (as
most of a large site's are) and both kinds are tried.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.adapter import incremental, page_patch
from microsite.adapter.runner import BuildFailed, build
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


# (edit, whether the patch path can take it)
EDITS = (
    (_word, True),
    (_append("\nMột câu có ký tự <đặc biệt> & \"ngoặc kép\" trong văn bản.\n"), True),
    (_append("\n| Chỉ tiêu | Kết quả |\n| --- | ---: |\n| Tăng trưởng | 7,5% |\n"), True),
    (_append("\n## Một mục mới\n\nNội dung của mục mới.\n"), False),  # the table of contents changes
)


def test_body_edits_are_patched_as_a_cold_build_would_write(tmp_path: Path, warm_cache: Path) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    post = _unfed_post(project)
    for step, (edit, patchable) in enumerate(EDITS):
        edit(post)
        build(project, report=messages.append)
        assert messages[-1].startswith("Dựng nhanh"), messages[-1]
        assert (PATCHED in messages[-1]) is patchable, (edit.__name__, messages[-1])
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
