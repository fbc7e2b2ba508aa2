"""Patching the search index for changed pages gives the bytes of a full rebuild."""

from __future__ import annotations

import os
import random
import shutil
import unicodedata
from pathlib import Path

import pytest

from microsite.search import writer
from microsite.search.index import build_index
from microsite.search.page_text import PageText
from microsite.search.patch import IndexState, load_state, replace_documents, save_state
from microsite.search.writer import state_of, write_index, write_state

SYLLABLES = tuple(("đô thị thì thi thông minh đà nẵng nang hải châu chầu nghị quyết quyệt thành phố phó phổ dân số sở "
             "hạ tầng xanh sạch đẹp người việt nam học sinh viên trường chính sách kinh tế tệ xã hội đường "
             "điện nước đôn đốc cầu rồng sông hàn biển mỹ khê ngũ hành sơn liên chiểu cẩm lệ hòa vang "
             "43 2019 29 3 2023 1 15").split())
BREAKS = (" ", " ", " ", " ", ", ", ". ", " - ", "; ", " (", ") ")


def words(rng: random.Random, count: int, extra: tuple[str, ...] = ()) -> str:
    """Syllables with punctuation now and then (it breaks pairs) and some capitals."""
    pool = SYLLABLES + extra
    out = []
    for _ in range(count):
        word = rng.choice(pool)
        out.append(word.capitalize() if rng.random() < 0.1 else word)
        out.append(rng.choice(BREAKS))
    return "".join(out).strip()


def page(rng: random.Random, url: str, unique: str) -> PageText:
    """A page; some hold syllables no other page has (``unique``), so a change can drop them."""
    extra = (f"riêng{unique}", f"9{unique}") if rng.random() < 0.5 else ()
    return PageText(url, words(rng, rng.randint(0, 6), extra), rng.choice(["", "18:11, Thứ Tư, ngày 29-3-2023"]),
                    words(rng, rng.randint(0, 80), extra))


def changed(rng: random.Random, old: PageText, tag: str) -> PageText:
    """A new version of ``old``: another text, none, new syllables, other frequencies or title."""
    kind = rng.choice(["fresh", "empty", "new terms", "frequencies", "title", "drop", "same", "nfd"])
    title, text = old.title, old.text
    if kind == "fresh":
        text = words(rng, rng.randint(1, 80))
    elif kind == "empty":
        title, text = rng.choice(["", title]), ""
    elif kind == "new terms":
        text = words(rng, rng.randint(1, 40), (f"mới{tag}", f"Mớí{tag}", f"7{tag}", f"mới{tag} chưa{tag}"))
    elif kind == "frequencies":
        text = " ".join([text, *rng.sample(text.split(), min(5, len(text.split())))])
    elif kind == "title":
        title = words(rng, rng.randint(0, 6), (f"tựa{tag}",))
    elif kind == "drop" and text.split():
        gone = rng.choice(text.split())
        text = " ".join(w for w in text.split() if w != gone)
    elif kind == "nfd":
        text = unicodedata.normalize("NFD", text)
    return PageText(old.url, title, rng.choice([old.date, "", "07:30, Thứ Hai, ngày 1-4-2024"]), text)


def case(seed: int) -> tuple[list[PageText], list[PageText], list[tuple[PageText, PageText]]]:
    """Random pages, the same pages after a few changes, and those changes (old, new)."""
    rng = random.Random(seed)
    pages = [page(rng, f"tin-tuc/bai-{n}/", f"{seed}x{n}") for n in rng.sample(range(100), rng.randint(1, 30))]
    rng.shuffle(pages)
    now = {p.url: p for p in pages}
    changes = []
    for n, url in enumerate(rng.sample(sorted(now), rng.randint(1, min(3, len(now))))):
        for again in range(rng.choice([1, 1, 1, 2])):  # sometimes the same page twice in one patch
            new = changed(rng, now[url], f"{seed}y{n}z{again}")
            changes.append((now[url], new))
            now[url] = new
    return pages, list(now.values()), changes


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target", [writer.SHARD_TARGET, 600])  # 600 bytes: many shards, counts that change
def test_patched_index_writes_the_bytes_of_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        target: int) -> None:
    monkeypatch.setattr(writer, "SHARD_TARGET", target)
    for seed in range(80):
        pages, new_pages, changes = case(seed)
        state = state_of(build_index(pages))
        before = IndexState(dict(state.entries), list(state.lengths), list(state.docs), list(state.urls))
        patched = replace_documents(state, changes)
        assert state == before, seed  # the old state is left as it was
        assert patched == state_of(build_index(new_pages)), seed
        write_state(patched, tmp_path / "patched")
        write_index(build_index(new_pages), tmp_path / "full")
        assert files(tmp_path / "patched") == files(tmp_path / "full"), seed


def test_terms_come_and_go_with_the_page_that_holds_them() -> None:
    old = [PageText("a/", "Đô thị", "", "Cầu Rồng riêng"), PageText("b/", "Sông Hàn", "", "cầu rồng")]
    new = PageText("a/", "Đô thị", "", "Cầu Rồng mới, mới")
    patched = replace_documents(state_of(build_index(old)), [(old[0], new)])
    assert "rieng" not in patched.entries and "rong rieng" not in patched.entries
    assert patched.entries["moi"] == b'"moi":{"m\xe1\xbb\x9bi":[-2,0]}'
    assert patched == state_of(build_index([new, old[1]]))


def test_a_page_the_index_does_not_hold_is_refused() -> None:
    pages = [PageText("a/", "Đô thị", "", "cầu rồng")]
    state = state_of(build_index(pages))
    with pytest.raises(ValueError, match="not a page"):
        replace_documents(state, [(PageText("b/", "", "", ""), PageText("b/", "", "", "x"))])
    with pytest.raises(ValueError, match="not a page"):
        replace_documents(state, [(pages[0], PageText("c/", "", "", "x"))])
    with pytest.raises(ValueError, match="another text"):
        replace_documents(state, [(PageText("a/", "Đô thị", "", "sông hàn"), pages[0])])


def test_only_changed_rewrites_the_files_that_change_and_removes_the_rest(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "SHARD_TARGET", 600)
    rng = random.Random(7)
    pages = [page(rng, f"bai-{n}/", str(n)) for n in range(20)]
    grow = PageText(pages[3].url, "Mới", "", words(rng, 300, tuple(f"mới{n}" for n in range(300))))
    shrink = PageText(pages[3].url, "", "", "")
    counts = []
    for old_pages, new in ((pages, grow), ([*pages[:3], grow, *pages[4:]], shrink)):
        old_state = state_of(build_index(old_pages))
        write_state(old_state, tmp_path / "old")
        shutil.copytree(tmp_path / "old", tmp_path / "site")
        (tmp_path / "site" / "shards" / "stray.json.tmp").write_bytes(b"left by a crash")
        before = {rel: os.stat(tmp_path / "site" / rel).st_ino for rel in files(tmp_path / "site")}
        patched = replace_documents(old_state, [(old_pages[3], new)])
        write_state(patched, tmp_path / "site", only_changed=True)
        write_index(build_index([*old_pages[:3], new, *old_pages[4:]]), tmp_path / "full")
        old, now = files(tmp_path / "old"), files(tmp_path / "site")
        assert now == files(tmp_path / "full")
        for rel, data in now.items():  # same bytes: the same file; other bytes: a new file
            assert (old.get(rel) == data) == (os.stat(tmp_path / "site" / rel).st_ino == before.get(rel)), rel
        counts.append((len([r for r in old if r.startswith("shards/")]), len([r for r in now if r.startswith("shards/")])))
        shutil.rmtree(tmp_path / "site")
    assert counts[0][1] > counts[0][0] and counts[1][1] < counts[1][0], counts


def test_only_changed_leaves_a_hard_linked_old_copy_alone(tmp_path: Path) -> None:
    old_pages = [PageText(f"bai-{n}/", f"Bài {n}", "", f"Đô thị thông minh số {n}, cầu rồng.") for n in range(5)]
    new = PageText("bai-2/", "Bài hai", "", "Sông Hàn, biển Mỹ Khê.")
    write_index(build_index(old_pages), tmp_path / "published")
    published = files(tmp_path / "published")
    for rel in published:
        (tmp_path / "staged" / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(tmp_path / "published" / rel, tmp_path / "staged" / rel)
    patched = replace_documents(state_of(build_index(old_pages)), [(old_pages[2], new)])
    write_state(patched, tmp_path / "staged", only_changed=True)
    assert files(tmp_path / "published") == published
    write_index(build_index([*old_pages[:2], new, *old_pages[3:]]), tmp_path / "full")
    assert files(tmp_path / "staged") == files(tmp_path / "full") != published


def test_state_survives_a_round_trip_and_a_bad_file_reads_as_none(tmp_path: Path) -> None:
    pages, _, _ = case(3)
    state = state_of(build_index(pages))
    save_state(state, tmp_path / "cache" / "search.pickle")
    assert load_state(tmp_path / "cache" / "search.pickle") == state
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["search.pickle"]
    data = (tmp_path / "cache" / "search.pickle").read_bytes()
    (tmp_path / "cut.pickle").write_bytes(data[: len(data) // 2])
    (tmp_path / "junk.pickle").write_bytes(b"\x80\x05not a pickle")
    (tmp_path / "empty.pickle").write_bytes(b"")
    for name in ("cut.pickle", "junk.pickle", "empty.pickle", "missing.pickle"):
        assert load_state(tmp_path / name) is None, name
    save_state(state, tmp_path / "dir.pickle")
    (tmp_path / "dir.pickle").unlink()
    (tmp_path / "dir.pickle").mkdir()
    assert load_state(tmp_path / "dir.pickle") is None
