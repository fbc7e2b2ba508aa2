"""Shared fixtures: build real sites into temporary folders (helpers in sitekit.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
