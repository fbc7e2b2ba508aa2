"""Atomic publication: releases side by side, a ``current`` symlink swapped by rename.

Layout under the deploy folder (nginx's root is ``DIR/current``)::

    DIR/releases/20230403T080000123456Z/   one complete copy of site/ per deploy
    DIR/current -> releases/20230403T080000123456Z

A release is copied into a hidden sibling folder first and renamed only when the
copy is complete; ``current`` is then replaced with ``rename(2)``, which is atomic
on POSIX, so a reader sees either the old site or the new one, never a mix. The
previous releases stay on disk for ``rollback``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
DEFAULT_KEEP = 5


class DeployError(Exception):
    """The deploy could not be done; the message is for the editor, in Vietnamese."""


@dataclass(frozen=True)
class Deployed:
    release: Path
    previous: Path | None
    removed: tuple[Path, ...] = ()


def current_release(target: Path) -> Path | None:
    """The release ``DIR/current`` points at, or None before the first deploy."""
    link = target / CURRENT
    if not link.exists() and not link.is_symlink():
        return None
    if not link.is_symlink():
        raise DeployError(f"{link} là thư mục thật, không phải liên kết do microsite deploy tạo. "
                          "Đổi tên hoặc chuyển nó đi rồi chạy lại.")
    return (target / os.readlink(link)).resolve()


def releases(target: Path) -> list[Path]:
    """Complete releases, oldest first (names are UTC timestamps, so they sort by time)."""
    folder = target / RELEASES
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _release_name(folder: Path) -> str:
    name = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    while (folder / name).exists():  # two deploys within the same microsecond
        name += "-1"
    return name


def _point_current(target: Path, release: Path) -> None:
    """Swap ``DIR/current`` to ``release`` with one rename of a fresh relative symlink."""
    tmp = target / f".current-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(release.relative_to(target), tmp)
    try:
        os.replace(tmp, target / CURRENT)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _copy_release(site: Path, folder: Path) -> Path:
    incoming = Path(tempfile.mkdtemp(prefix=".incoming-", dir=folder))
    try:
        shutil.copytree(site, incoming, dirs_exist_ok=True)
        release = folder / _release_name(folder)
        incoming.rename(release)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    return release


def prune(target: Path, keep: int) -> tuple[Path, ...]:
    """Remove the oldest releases beyond ``keep``; never the current one or the one before it."""
    current = current_release(target)
    all_ = releases(target)
    protected = {current} | ({all_[all_.index(current) - 1]} if current in all_ and all_.index(current) else set())
    old = [r for r in all_[: max(len(all_) - keep, 0)] if r not in protected]
    for release in old:
        shutil.rmtree(release)
    return tuple(old)


def deploy(site: Path, target: Path, keep: int = DEFAULT_KEEP) -> Deployed:
    """Publish the built ``site`` folder as a new release of ``target``."""
    if not (site / "index.html").is_file():
        raise DeployError(f"{site} chưa có trang đã dựng (thiếu index.html). Chạy microsite build trước.")
    target.mkdir(parents=True, exist_ok=True)
    previous = current_release(target)
    folder = target / RELEASES
    folder.mkdir(exist_ok=True)
    release = _copy_release(site, folder)
    _point_current(target, release)
    return Deployed(release, previous, prune(target, max(keep, 2)))


def rollback(target: Path) -> Deployed:
    """Point ``current`` back at the release before it."""
    current = current_release(target)
    all_ = releases(target)
    if current is None or current not in all_ or all_.index(current) == 0:
        raise DeployError("Không có bản phát hành trước đó để quay lại.")
    previous = all_[all_.index(current) - 1]
    _point_current(target, previous)
    return Deployed(previous, current)
