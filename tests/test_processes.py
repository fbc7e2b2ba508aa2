"""The build's processes: no fork beside another thread, none in a preview server, a time limit
on every child, nothing left in the temporary folder, and a failed check renders nothing."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite import forked_loop
from microsite.adapter.accel.page_split import ChildShare
from microsite.adapter.runner import BuildFailed, build, load
from microsite.background import ENV_MIN_JOBS, ENV_WORKERS, run_beside
from microsite.forked_loop import ENV_CHILD_TIMEOUT, ForkedLoop, map_chunks, usable
from mkdocs.commands.build import build as mkdocs_build

pytestmark = pytest.mark.skipif(not usable(), reason="fork is only used on Linux")

ROOT = Path(__file__).resolve().parent.parent
MICROSITE = Path(sys.executable).with_name("microsite")

# Run a build with os.fork wrapped: the names of the threads alive at each fork, as JSON.
RECORD_FORKS = """
import json, os, sys, threading
from pathlib import Path
forks = []
fork = os.fork
def recorded():
    forks.append([thread.name for thread in threading.enumerate()])
    return fork()
os.fork = recorded
from microsite.adapter.runner import build
build(Path(sys.argv[1]), Path(sys.argv[2]))
Path(sys.argv[3]).write_text(json.dumps(forks))
"""


def _articles(project: Path, count: int) -> None:
    for i in range(count):
        site_helpers.write_article(project, f"bai-tien-trinh-{i:03d}", title=f"Bài kiểm tra tiến trình số {i}",
                                   date=f"2023-0{1 + i % 4}-{1 + i % 28:02d} 08:{i % 60:02d}",
                                   body=f"Mở đầu bài {i}.\n\n<!-- more -->\n\n## Nội dung\n\nThân bài số {i}.")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MICROSITE_")}
    env.update(extra)
    return env


def test_a_150_article_build_forks_only_with_one_thread_alive(project: Path, tmp_path: Path) -> None:
    """In a fresh process (no test threads), as ``microsite build`` runs: every split forks
    (check, infographics, card worker, pages, post-build), and never beside another thread."""
    _articles(project, 150)
    record = tmp_path / "forks.json"
    done = subprocess.run([sys.executable, "-c", RECORD_FORKS, str(project), str(tmp_path / "site"), str(record)],
                          env=_env(MICROSITE_WORKERS="1"), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    forks = json.loads(record.read_text(encoding="utf-8"))
    assert len(forks) >= 4, forks  # check/prewarm, body check, card worker, page split, post-build
    assert [names for names in forks if names != ["MainThread"]] == []
    assert (tmp_path / "site" / "tin-tuc" / "index.html").is_file()


def test_no_fork_beside_another_thread(caplog: pytest.LogCaptureFixture) -> None:
    """A thread holding a lock would leave it locked in the child: the work is done here."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="luong-thu")
    other.start()
    try:
        with caplog.at_level(logging.INFO, logger="microsite.processes"):
            results = map_chunks(lambda chunk: (os.getpid(), chunk), list(range(10)), chunk_size=1)
            assert ForkedLoop(3).start(lambda i: None, lambda: None) is False
    finally:
        stop.set()
        other.join()
    assert results == [(os.getpid(), [i]) for i in range(10)]
    refusals = [r.getMessage() for r in caplog.records if "luong-thu" in r.getMessage()]
    assert len(refusals) == 2, refusals  # one line per refused fork
    assert forked_loop.single_threaded()  # the thread has ended: forks are allowed again


def _forks_of_build(project: Path, site: Path, command: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Build as ``mkdocs build`` / ``mkdocs serve`` do (their startup event, then the build);
    the purposes of the forks that happened."""
    forks: list[str] = []
    fork_child = forked_loop.fork_child

    def recorded(purpose: str) -> int | None:
        pid = fork_child(purpose)
        if pid:
            forks.append(purpose)
        return pid

    monkeypatch.setattr(forked_loop, "fork_child", recorded)
    monkeypatch.setattr("microsite.background.fork_child", recorded)
    config = load(project, site_dir=str(site))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return forks


def test_serve_startup_makes_the_plugin_never_fork(project: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain ``mkdocs serve`` announces itself with ``on_startup(command="serve")``: its first
    build runs before the live-reload thread starts, and still nothing forks."""
    _articles(project, 12)
    monkeypatch.setenv(ENV_WORKERS, "2")  # every split, the Markdown one included
    monkeypatch.setenv(ENV_MIN_JOBS, "1")
    forks = []
    real_fork = os.fork

    def no_fork() -> int:
        forks.append(threading.current_thread().name)
        return real_fork()

    monkeypatch.setattr(os, "fork", no_fork)
    assert _forks_of_build(project, tmp_path / "serve", "serve", monkeypatch) == []
    assert forks == []
    assert (tmp_path / "serve" / "tin-tuc" / "index.html").is_file()
    assert forked_loop.single_threaded()  # on_shutdown lifted the rule
    # The same build under `mkdocs build` does fork (so the first half could fail).
    assert "dựng trang" in _forks_of_build(project, tmp_path / "build", "build", monkeypatch)
    assert forks


def _block_in_child(parent: int) -> None:
    if os.getpid() != parent:
        time.sleep(3600)


def test_a_blocking_child_is_killed_and_its_items_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CHILD_TIMEOUT, "1")
    parent = os.getpid()
    done: list[int] = []
    loop = ForkedLoop(20)
    assert loop.start(lambda i: (_block_in_child(parent), done.append(i)), lambda: done, reserved=1)
    child = loop._pid
    time.sleep(0.3)  # the child claims its first item (and blocks on it) before this process takes the rest
    mine = [i for i in range(20) if loop.take(i)]
    result, error, redo = loop.finish()
    assert result is None and error == "quá thời gian"
    assert sorted(mine + redo) == list(range(20)) and redo  # the child had taken items: they come back
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # killed and reaped
    results = map_chunks(lambda chunk: (_block_in_child(parent), chunk)[1], list(range(12)), chunk_size=1)
    assert results == [[i] for i in range(12)]


def _block_in_worker(items: list[int]) -> list[int]:
    if os.environ.get("MICROSITE_TEST_IN_WORKER") == "1":
        time.sleep(3600)
    return items


def test_a_blocking_worker_is_killed_and_its_jobs_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CHILD_TIMEOUT, "1")
    monkeypatch.setenv(ENV_MIN_JOBS, "0")
    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setenv("MICROSITE_TEST_IN_WORKER", "1")  # inherited by the worker at its fork...
    job = run_beside(_block_in_worker, list(range(6)), chunk_size=1)
    monkeypatch.setenv("MICROSITE_TEST_IN_WORKER", "0")  # ...not by jobs run here
    time.sleep(0.2)  # the worker claims a job and blocks in it
    assert job.running
    pid = job.workers[0].pid
    results, _ = job.finish()
    assert results == [[i] for i in range(6)]
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_blocking_page_child_leaves_the_build_complete(project: Path, build_site, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The page split's child hangs: after its time limit the parent renders its pages."""
    _articles(project, 12)
    monkeypatch.setenv(ENV_WORKERS, "0")
    single = {p.relative_to(tmp_path / "single").as_posix(): p.read_bytes()
              for p in (build_site(project, tmp_path / "single")).rglob("*") if p.is_file()}
    monkeypatch.setenv(ENV_WORKERS, "1")
    monkeypatch.setenv(ENV_MIN_JOBS, "1")
    monkeypatch.setenv(ENV_CHILD_TIMEOUT, "10")
    parent, setup = os.getpid(), ChildShare.child_setup
    monkeypatch.setattr(ChildShare, "child_setup", lambda self: (_block_in_child(parent), setup(self))[1])
    split = build_site(project, tmp_path / "split")
    assert {p.relative_to(split).as_posix(): p.read_bytes() for p in split.rglob("*") if p.is_file()} == single


def test_microsite_build_leaves_nothing_in_the_temporary_folder(project: Path, tmp_path: Path) -> None:
    """Material's blog writes its listing pages into mkdtemp() and removes them in on_shutdown,
    which the runner fires after a build, whether it succeeded or failed."""
    site_helpers.write_article(project, "bai-mot")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = _env(TMPDIR=str(temporary))
    done = subprocess.run([str(MICROSITE), "build", "-d", str(project)], env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(temporary)) == []
    site_helpers.write_article(project, "bai-loi", reviewer=...)
    failed = subprocess.run([str(MICROSITE), "build", "-d", str(project)], env=env, capture_output=True,
                            text=True, timeout=600)
    assert failed.returncode == 1 and "reviewer" in failed.stderr
    assert sorted(os.listdir(temporary)) == []
    checked = subprocess.run([str(MICROSITE), "check", "-d", str(project)], env=env, capture_output=True,
                             text=True, timeout=600)
    assert checked.returncode == 1
    assert sorted(os.listdir(temporary)) == []


def test_a_failed_check_renders_no_infographic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check and the infographics' prewarm start together; errors in the content kill the
    prewarm at once. Here it would take 20 s before its first drawing: none is ever made."""
    project = site_helpers.copy_project(tmp_path / "project", with_posts=False)  # cold cache
    import microsite.adapter.infographics as glue

    prepare = glue.prepare

    def slow_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(20)
        return prepare(*args, **kwargs)

    monkeypatch.setattr(glue, "prepare", slow_prepare)
    monkeypatch.setenv(ENV_WORKERS, "1")
    site_helpers.write_article(project, "bai-loi", reviewer=...)
    with pytest.raises(BuildFailed, match="reviewer"):
        build(project)
    cache = project / ".cache" / "microsite" / "infographics"
    assert not cache.exists() or list(cache.rglob("meta.json")) == []
