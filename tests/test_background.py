"""Work beside the page rendering: article cards drawn by a worker process are the same
files, and a build with no spare core draws them itself."""

from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.background import ENV_MIN_JOBS, ENV_WORKERS, chunks, run_beside
from microsite.forked_loop import ForkedLoop, map_chunks


def _double(items: list[int], offset: int) -> list[int]:
    return [2 * i + offset for i in items]


def _double_slowly(items: list[int], offset: int) -> list[int]:
    time.sleep(0.005)  # a forked worker starts at once: give it time to claim a job
    return _double(items, offset)


def _slow(items: list[int]) -> list[int]:
    time.sleep(0.05)
    return items


def test_chunks_cover_every_item_once() -> None:
    assert chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunks([1], 4) == [[1]]
    assert chunks([], 4) == []


def test_worker_results_in_order_and_inline_fallback(monkeypatch) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    job = run_beside(_double_slowly, list(range(40)), 1, chunk_size=2)
    assert job.running
    results, taken_back = job.finish()
    assert [x for part in results for x in part] == [2 * i + 1 for i in range(40)]
    assert 0 <= taken_back < 20
    assert not job.running
    monkeypatch.setenv(ENV_WORKERS, "0")
    assert not run_beside(_double, [1, 2, 3], 1).running  # the caller does the work


def test_main_process_takes_back_queued_jobs(monkeypatch) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    job = run_beside(_slow, list(range(30)), chunk_size=1)
    results, taken_back = job.finish()  # asked at once: the worker cannot have run them all
    assert results == [[i] for i in range(30)]
    assert taken_back > 0


def test_worker_failure_reaches_the_build(monkeypatch) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    job = run_beside(_double, ["x"], None)  # "x" * 2 + None fails in the worker
    with pytest.raises(TypeError):
        job.finish()


def _touch(path: str, text: str) -> str:
    Path(path).write_text(text, encoding="utf-8")
    return f"{text}:{os.getpid()}"


def test_also_runs_after_the_slices_and_finish_waits_for_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    job = run_beside(_double, list(range(10)), 0, chunk_size=5)
    target = tmp_path / "also.txt"
    extra = job.also(_touch, str(target), "xong")
    assert extra is not None
    results, _ = job.finish()
    assert results == [[0, 2, 4, 6, 8], [10, 12, 14, 16, 18]]  # the slices' results only
    assert target.read_text(encoding="utf-8") == "xong"
    assert extra.value.startswith("xong:")  # its result, from the worker (or from here)
    monkeypatch.setenv(ENV_WORKERS, "0")
    inline = run_beside(_double, list(range(10)), 0)
    assert inline.also(_touch, str(tmp_path / "never.txt"), "x") is None  # the caller's later step does it
    assert not (tmp_path / "never.txt").exists()


def test_also_is_taken_back_and_its_failure_reaches_the_build(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    job = run_beside(_slow, list(range(20)), chunk_size=1)
    late = job.also(_touch, str(tmp_path / "late.txt"), "muộn")
    results, taken_back = job.finish()  # asked at once: the extra job, queued last, comes back here
    assert results == [[i] for i in range(20)] and taken_back > 0
    assert late is not None and late.value == f"muộn:{os.getpid()}"  # run by this process
    assert (tmp_path / "late.txt").read_text(encoding="utf-8") == "muộn"
    job = run_beside(_double, list(range(4)), 0, chunk_size=2)
    job.also(_touch, str(tmp_path / "khong-co" / "x.txt"), "x")  # no such folder
    with pytest.raises(FileNotFoundError):
        job.finish()


def _fonts(site: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*.woff2"))}


def _cards(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("og.png"))}


def test_cards_drawn_beside_the_build_are_identical(project: Path, build_site, monkeypatch, tmp_path: Path,
                                                    caplog) -> None:
    for i in range(3):
        site_helpers.write_article(project, f"bai-{i}", "Mở đầu bài.\n\n<!-- more -->\n\nThân bài.\n",
                                   title=f"Bài thử vẽ ảnh chia sẻ số {i}", date=f"2023-03-2{i} 08:00")
    monkeypatch.setenv(ENV_WORKERS, "0")
    inline = _cards(build_site(project, tmp_path / "inline"))
    inline_fonts = _fonts(tmp_path / "inline")
    for cache in (project / ".cache").rglob("cards"):
        for entry in cache.iterdir():
            for f in entry.iterdir():
                f.unlink()
            entry.rmdir()
    for subset in (project / ".cache").rglob("*.woff2"):  # the worker subsets them again
        subset.unlink()
    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.microsite.infographics"):
        beside = _cards(build_site(project, tmp_path / "beside"))
    assert inline == beside and len(beside) > 3
    assert _fonts(tmp_path / "beside") == inline_fonts and len(inline_fonts) == 3
    assert any("(3 vẽ song song)" in r.getMessage() for r in caplog.records), \
        [r.getMessage() for r in caplog.records]


def _die(items: list[int]) -> list[int]:
    import os as _os
    if _os.environ.get("MICROSITE_TEST_IN_WORKER") == "1":
        _os._exit(3)  # the worker process dies without a word
    return items


def test_dead_worker_means_the_main_process_does_the_job(monkeypatch) -> None:
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setenv("MICROSITE_TEST_IN_WORKER", "1")  # inherited by the spawned worker only...
    job = run_beside(_die, [1, 2, 3], chunk_size=1)
    monkeypatch.setenv("MICROSITE_TEST_IN_WORKER", "0")  # ...not by jobs run here
    results, _ = job.finish()
    assert results == [[1], [2], [3]]


def test_check_with_a_worker_reports_the_same_problems(project: Path, monkeypatch) -> None:
    """Body checks split between processes: same problems, same order, file and line kept."""
    from microsite.adapter.runner import project_settings

    for i in range(40):
        body = "Mở đầu bài.\n\n<!-- more -->\n\nThân bài.\n"
        if i % 7 == 0:
            body += f"\n<script>alert({i})</script>\n\n[Liên kết hỏng](../khong-co-{i}.md)\n"
        site_helpers.write_article(project, f"bai-{i:02d}", body, title=f"Bài kiểm tra song song số {i}",
                                   date=f"2023-03-{1 + i % 28:02d} 08:00")
    from microsite.content.site import check_site

    settings = project_settings(project)
    monkeypatch.setenv(ENV_WORKERS, "0")
    alone = check_site(settings).report.format()
    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    children: list[list[int]] = []
    finish = ForkedLoop.finish

    def finish_and_note(self: ForkedLoop, **kw: bool) -> tuple:
        outcome = finish(self, **kw)
        children.append(self.child_items)
        return outcome

    monkeypatch.setattr(ForkedLoop, "finish", finish_and_note)
    # Other tests may leave threads behind (browser fixtures' servers); the build forks from
    # the main thread only, which is what this test stands for.
    monkeypatch.setattr("microsite.content.site.single_threaded", lambda: True)
    shared = check_site(settings).report.format()
    assert children and children[0], "a forked child checked some of the bodies"
    assert alone == shared
    assert alone.count("script") >= 6 and "khong-co-7" in alone


def test_map_chunks_keeps_order_and_shares_the_work() -> None:
    """This process from the front, a forked child from the back; results in item order."""
    results = map_chunks(lambda chunk: (os.getpid(), [x * 2 for x in chunk]), list(range(100)), chunk_size=3)
    assert [y for _, part in results for y in part] == [x * 2 for x in range(100)]
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids
    assert map_chunks(lambda chunk: chunk, list(range(5)), chunk_size=2, allowed=False) == [[0, 1], [2, 3], [4]]


def test_map_chunks_redoes_what_a_failing_child_took() -> None:
    """A chunk that fails in the child is done again here, so its exception is raised here."""
    parent = os.getpid()

    def fn(chunk: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("hỏng ở tiến trình con")
        return chunk

    assert map_chunks(fn, list(range(40)), chunk_size=1) == [[i] for i in range(40)]
    with pytest.raises(ValueError):
        map_chunks(lambda chunk: int("x") if 7 in chunk else chunk, list(range(20)), chunk_size=1)
