"""Shared fixtures: build real sites into temporary folders (helpers in sitekit.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from microsite import forked_loop
from microsite.adapter.runner import build
from microsite.adapter.infographics import InfographicsGlue
from microsite.adapter.runner import project_settings
from microsite.assets.fonts import subset_webfonts
from sitekit import copy_project


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .cache/microsite with the default site's infographics drawn and its fonts subset,
    made once per session by the code a build runs for them (``InfographicsGlue.prewarm``,
    ``subset_webfonts``). Builds of copies of the default project start from it: drawing
    them cold again in every test tested nothing the cold tests do not."""
    project = copy_project(tmp_path_factory.mktemp("warm") / "project", with_posts=False)
    settings = project_settings(project)
    InfographicsGlue.prewarm(settings)
    subset_webfonts(settings.cache_dir / "fonts")
    return settings.cache_dir


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default Đà Nẵng site, built once per test session from a copy of the repo (from a
    cold cache: one whole first build per session)."""
    project = copy_project(tmp_path_factory.mktemp("default") / "project")
    return build(project)


@pytest.fixture
def project(tmp_path: Path, warm_cache: Path) -> Path:
    """An empty copy of the default project (no articles) to add test articles to, with the
    infographics and fonts already in its cache (``warm_cache``)."""
    return copy_project(tmp_path / "project", with_posts=False, warm=warm_cache)


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
