"""Incremental builds are byte-identical to cold builds of the same input, after any edit.

A generated corpus (``bench/corpus.py``) is added to the default project; seeded random
sequences of edits (body, title, tag, status, date, image, delete, rename, a data file) are
applied, each followed by an ordinary ``microsite build`` of the project (which takes the
incremental path when it may) and by a cold build of a copy of the same input (fresh output,
fresh cache but for the article-independent infographics and fonts), compared file by file.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import sitekit as site_helpers
from microsite.adapter import incremental
from microsite.adapter.runner import build

sys.path.insert(0, str(site_helpers.ROOT / "bench"))
from corpus import write_corpus

CORPUS = 24
POSTS = ("docs", "tin-tuc", "posts")
INCREMENTAL = "Dựng nhanh"


def _project(tmp: Path, warm: Path) -> Path:
    project = site_helpers.copy_project(tmp / "project", warm=warm)
    corpus = write_corpus(tmp / "corpus", CORPUS, seed=7)
    shutil.copytree(corpus.root / "docs" / "tin-tuc" / "posts", project.joinpath(*POSTS), dirs_exist_ok=True)
    shutil.copytree(corpus.root / "docs" / "tin-tuc" / "anh", project / "docs" / "tin-tuc" / "anh",
                    dirs_exist_ok=True)
    return project


def _corpus_posts(project: Path) -> list[Path]:
    return sorted(project.joinpath(*POSTS).glob("bai-*.md"))


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text("utf-8")
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


def _join(path: Path, meta: dict[str, object], body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, "utf-8")


def edit_body(path: Path, rng: random.Random) -> None:
    """One word of the body after the lead, same word count: nothing another page shows."""
    text = path.read_text("utf-8")
    lead_end = text.index("<!-- more -->")
    for old, new in (("tiếp tục", "tập trung"), ("tập trung", "tiếp tục"), ("rà soát", "đánh giá")):
        at = text.rfind(old)
        if at > lead_end:
            path.write_text(text[:at] + new + text[at + len(old):], "utf-8")
            return
    path.write_text(text + "\nCác đơn vị tiếp tục rà soát.\n", "utf-8")


def edit_longer_body(path: Path, rng: random.Random) -> None:
    path.write_text(path.read_text("utf-8") + "\n" + " ".join(["Người dân đồng tình."] * rng.randint(1, 60)) + "\n",
                    "utf-8")


def _change_front_matter(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    meta, body = _split(path)
    change(meta)
    _join(path, meta, body)


def edit_title(path: Path, rng: random.Random) -> None:
    _change_front_matter(path, lambda meta: meta.update(title=f"{meta['title']} – cập nhật {rng.randint(1, 99)}"))


def edit_tags(path: Path, rng: random.Random) -> None:
    tags = sorted(rng.sample(["Chuyển đổi số", "Khởi nghiệp", "Đô thị thông minh", "Tổ Biên tập"], 2))
    _change_front_matter(path, lambda meta: meta.update(tags=tags))


def edit_status(path: Path, rng: random.Random) -> None:
    _change_front_matter(path, lambda meta: meta.update(status="draft" if meta["status"] == "approved" else "approved"))


def edit_date(path: Path, rng: random.Random) -> None:
    date = f"2022-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 0{rng.randint(0, 9)}:30"
    _change_front_matter(path, lambda meta: meta.update(date=date))


def edit_image(path: Path, rng: random.Random) -> None:
    alt = f"Ảnh minh họa số {rng.randint(1, 99)} tại Đà Nẵng"
    _change_front_matter(path, lambda meta: meta.update(image={**meta["image"], "alt": alt}))  # type: ignore[dict-item]


def delete(path: Path, rng: random.Random) -> None:
    path.unlink()


def rename(path: Path, rng: random.Random) -> None:
    path.rename(path.with_name(f"{path.stem}-{rng.randint(1, 99)}.md"))


def edit_data_file(path: Path, rng: random.Random) -> None:
    """A campaign data file: the label of a document's link on the "Văn bản" page."""
    path = path.parents[3] / "docs" / "_data" / "van-ban.yml"  # any article's project
    text = path.read_text("utf-8")
    at = text.index("    url_label: ") + len("    url_label: ")
    path.write_text(f"{text[:at]}Bản {rng.randint(1, 99)} – {text[at:]}", "utf-8")


Edit = Callable[[Path, random.Random], None]
KINDS: tuple[Edit, ...] = (edit_longer_body, edit_title, edit_tags, edit_status, edit_date, edit_image, delete,
                           rename, edit_data_file)
SEEDS = (1, 2, 3)
# Every kind of edit in one of the sequences (three each), the order and the articles random.
SPREAD = random.Random(0).sample(KINDS, len(KINDS))


def page_of(project: Path, post: Path) -> Path:
    """The published page of an article, as the last build recorded it."""
    manifest = incremental.load(project / ".cache" / "microsite")
    assert manifest is not None and manifest.patch is not None
    src_uri = post.relative_to(project / "docs").as_posix()
    url = next(r.url for r in manifest.patch.files if r.src_uri == src_uri)
    return project / "site" / manifest.pages[url].dest_uri


def cold_build(project: Path, scratch: Path, warm: Path) -> dict[str, bytes]:
    """The same input built from nothing (infographics and fonts from the warm cache)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    copy = site_helpers.copy_project(scratch, warm=warm)
    shutil.rmtree(copy / "docs")
    shutil.copytree(project / "docs", copy / "docs")
    return site_helpers.site_files(build(copy))


def _same(incremental: dict[str, bytes], cold: dict[str, bytes]) -> list[str]:
    names = set(incremental) | set(cold)
    return sorted(n for n in names if incremental.get(n) != cold.get(n))


def test_every_kind_of_edit_is_tried() -> None:
    assert sorted(k.__name__ for k in SPREAD[:3 * len(SEEDS)]) == sorted(k.__name__ for k in KINDS)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_edits_match_cold_builds(tmp_path: Path, warm_cache: Path, seed: int) -> None:
    rng = random.Random(seed)
    mine = [*SPREAD[3 * (seed - 1):3 * seed], rng.choice((edit_body, *KINDS))]
    rng.shuffle(mine)
    steps: list[Edit] = [edit_body, *mine]  # every sequence starts with a plain body edit
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)  # the first build is a full one and records the manifest
    assert messages[-1].startswith("Dựng toàn bộ")
    took_incremental = 0
    for step, edit in enumerate(steps):
        edit(rng.choice(_corpus_posts(project)), rng)
        label = edit.__name__
        build(project, report=messages.append)
        if edit is edit_body:
            assert messages[-1].startswith(INCREMENTAL), (label, messages[-1])
            took_incremental += 1
        elif edit is not edit_longer_body:
            assert messages[-1].startswith("Dựng toàn bộ"), (label, messages[-1])
        site = site_helpers.site_files(project / "site")
        cold = cold_build(project, tmp_path / f"cold-{step}", warm_cache)
        assert _same(site, cold) == [], f"seed {seed}, step {step}: {label}"
    assert took_incremental >= 1


def test_body_edit_keeps_other_pages_and_can_be_switched_off(tmp_path: Path, warm_cache: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, warm_cache)
    messages: list[str] = []
    build(project, report=messages.append)
    post = _corpus_posts(project)[3]
    # Its published page edited by hand: no patch (adapter/page_patch.py), the incremental build instead.
    page = page_of(project, post)
    page.write_text(page.read_text("utf-8") + "<!-- sửa tay -->", "utf-8")
    edit_body(post, random.Random(0))
    build(project, report=messages.append)
    assert messages[-1].startswith(INCREMENTAL)
    counts = re.search(r"dựng lại (\d+) trang, giữ nguyên (\d+) trang", messages[-1])
    assert counts and 1 <= int(counts[1]) < int(counts[2])
    monkeypatch.setenv("MICROSITE_INCREMENTAL", "0")
    edit_body(post, random.Random(1))
    build(project, report=messages.append)
    assert messages[-1] == "Dựng toàn bộ: đã tắt bằng MICROSITE_INCREMENTAL=0."
