"""The render cache changes build time, never output: HTML is byte-identical with and without it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.adapter.accel.render_cache import DB_NAME, ENV_SWITCH, RenderCache
from microsite.text.fingerprint import stable_repr

BODY = """\
Đoạn mở đầu có chú thích[^1] và [liên kết tới trang Nghị quyết 43](../../nghi-quyet-43/index.md).

<!-- more -->

## Số liệu {: #so-lieu }

| Quận | Việc |
|---|---:|
| Hải Châu | 3 |

![Ảnh minh họa](../anh/minh-hoa.png){ width="40" height="20" loading=lazy }

[^1]: Chú thích cuối bài.
"""


def html_outputs(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.suffix in {".html", ".xml"} and p.name != "sitemap.xml.gz"}


def reuse_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each build's count of excerpt renders that stood for another listing, in order."""
    reused: list[int] = []
    close = RenderCache.close
    monkeypatch.setattr(RenderCache, "close", lambda self, complete: (reused.append(self.reused), close(self, complete)))
    return reused


@pytest.fixture
def cached_project(project: Path) -> Path:
    from PIL import Image

    (project / "docs" / "tin-tuc" / "anh").mkdir(parents=True)
    Image.new("RGB", (40, 20), (200, 0, 0)).save(project / "docs" / "tin-tuc" / "anh" / "minh-hoa.png")
    for i in range(4):
        site_helpers.write_article(project, f"bai-{i}", BODY, title=f"Bài thử bộ nhớ đệm số {i}",
                                   date=f"2023-03-2{i} 08:00")
    return project


def test_output_identical_without_cache_cold_and_warm(cached_project: Path, build_site, monkeypatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_SWITCH, "0")
    plain = html_outputs(build_site(cached_project, tmp_path / "plain"))
    assert not (cached_project / ".cache" / "microsite" / DB_NAME).exists()
    monkeypatch.setenv(ENV_SWITCH, "1")
    reused = reuse_counts(monkeypatch)
    cold = html_outputs(build_site(cached_project, tmp_path / "cold"))
    # The archive year and the category list the same posts at the same depth: their
    # excerpts (with a relative link and a footnote anchor each) are rendered once.
    assert reused == [4]
    db = cached_project / ".cache" / "microsite" / DB_NAME
    with sqlite3.connect(db) as conn:
        entries = conn.execute("SELECT COUNT(*) FROM render").fetchone()[0]
    assert entries >= 4 + 4  # every article page and at least one excerpt each
    warm = html_outputs(build_site(cached_project, tmp_path / "warm"))
    assert reused == [4, 4]
    assert set(plain) == set(cold) == set(warm)
    assert cold == warm
    assert not site_helpers.site_differences(cold, plain)  # footnote reference counters aside


def test_changed_article_is_rendered_again_and_stale_entries_go(cached_project: Path, build_site,
                                                                tmp_path: Path) -> None:
    build_site(cached_project, tmp_path / "one")
    db = cached_project / ".cache" / "microsite" / DB_NAME
    with sqlite3.connect(db) as conn:
        before = {k for (k,) in conn.execute("SELECT key FROM render")}
    path = cached_project / "docs" / "tin-tuc" / "posts" / "bai-1.md"
    path.write_text(path.read_text("utf-8").replace("Chú thích cuối bài.", "Chú thích đã sửa."), "utf-8")
    site = build_site(cached_project, tmp_path / "two")
    page = next(site.glob("tin-tuc/2023/03/21/*/index.html"))
    assert "Chú thích đã sửa." in page.read_text("utf-8")
    with sqlite3.connect(db) as conn:
        after = {k for (k,) in conn.execute("SELECT key FROM render")}
    assert after != before and len(after) == len(before)


def test_stable_repr_ignores_memory_addresses() -> None:
    class Ext:
        def __init__(self) -> None:
            self.option = 1

        def getConfigs(self) -> dict[str, object]:
            return {"slugify": test_stable_repr_ignores_memory_addresses, "permalink": True}

    assert stable_repr([Ext(), {"b": 1, "a": {2, 1}}]) == stable_repr([Ext(), {"a": {1, 2}, "b": 1}])
    assert "0x" not in stable_repr(Ext())


PLAIN_LEAD = """\
Đoạn mở đầu chỉ có chữ và một chú thích[^1], không có liên kết nào.

<!-- more -->

## Thân bài

Xem [trang Nghị quyết 43](../../nghi-quyet-43/index.md).

[^1]: Chú thích cuối bài.
"""


def test_excerpts_are_relinked_for_listings_at_other_depths(project: Path, build_site, monkeypatch,
                                                           tmp_path: Path) -> None:
    """The blog index (``tin-tuc/``) and the archive and category (two levels deeper) show
    the same four posts; with the headline and footnote links respelled, each excerpt is
    converted once for the three listings, and every page is what it was without this (the
    counters of footnote references in excerpts aside: ``sitekit.footnote_counter``)."""
    for i in range(4):
        site_helpers.write_article(project, f"bai-{i}", PLAIN_LEAD, title=f"Bài thử dẫn lại số {i}",
                                   date=f"2023-03-2{i} 08:00")
    monkeypatch.setenv(ENV_SWITCH, "0")
    plain = html_outputs(build_site(project, tmp_path / "plain"))
    monkeypatch.setenv(ENV_SWITCH, "1")
    reused = reuse_counts(monkeypatch)
    cold = html_outputs(build_site(project, tmp_path / "cold"))
    assert reused == [8]
    assert not site_helpers.site_differences(cold, plain)  # footnote reference counters aside
    index = plain["tin-tuc/index.html"].decode()
    assert 'href="2023/03/23/' in index and '#fn:1"' in index  # the links that were respelled


def test_a_photo_story_caption_edit_shows_on_the_next_build(project: Path, build_site, tmp_path: Path) -> None:
    """The article's Markdown is unchanged; the captions file beside the story's photos is not."""
    from PIL import Image

    folder = project / "docs" / "tin-tuc" / "posts" / "anh" / "phong-su"
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), "#a3111a").save(folder / "01.jpg", "JPEG")
    captions = folder / "chu-thich.yml"
    captions.write_text("photos:\n  - file: 01.jpg\n    alt: Mô tả ảnh mẫu\n    caption: Chú thích lần đầu\n"
                        "    credit: Ảnh mẫu\n", "utf-8")
    site_helpers.write_article(project, "phong-su", "Mở đầu.\n\n<!-- more -->\n\n::gallery anh/phong-su\n",
                               title="Phóng sự ảnh thử bộ nhớ đệm")
    page = next(build_site(project, tmp_path / "one").glob("tin-tuc/2023/03/29/*/index.html"))
    assert "Chú thích lần đầu" in page.read_text("utf-8")
    captions.write_text(captions.read_text("utf-8").replace("lần đầu", "đã sửa"), "utf-8")
    page = next(build_site(project, tmp_path / "two").glob("tin-tuc/2023/03/29/*/index.html"))
    assert "Chú thích đã sửa" in page.read_text("utf-8")
