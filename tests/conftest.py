"""Shared fixtures: build real sites into temporary folders (helpers in sitekit.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from microsite import forked_loop
from microsite.adapter.runner import build
from sitekit import copy_project


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default Đà Nẵng site, built once per test session from a copy of the repo."""
    project = copy_project(tmp_path_factory.mktemp("default") / "project")
    return build(project)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty copy of the default project (no articles) to add test articles to."""
    return copy_project(tmp_path / "project", with_posts=False)


@pytest.fixture
def build_site() -> Callable[..., Path]:
    return build


@pytest.fixture(autouse=True)
def threads_of_earlier_tests_not_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Session fixtures (the browser tests' HTTP servers) leave threads running for the rest of
    the session. The build's rule, no fork beside another thread, is about the threads the
    build runs beside; those started before this test are the suite's, and are not counted."""
    earlier = set(threading.enumerate())
    other_threads = forked_loop._other_threads
    monkeypatch.setattr(forked_loop, "_other_threads",
                        lambda: [thread for thread in other_threads() if thread not in earlier])
