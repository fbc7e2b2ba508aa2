"""Skip a build when nothing it depends on changed since the last complete build.

Like ``make``: the build records a fingerprint of its inputs next to the cache;
the next ``microsite build`` into the same folder compares and, if equal, leaves
the published site as it is (it is exactly what a fresh build would write). The
fingerprint covers every file of the project folder (path, size, modification
time; hidden folders, the output folder and scratch folders aside), the versions of
the packages that render, preview mode, ``MICROSITE_*`` environment switches and
today's date (the sitemap carries it), and every file of the package itself (code, theme).
Scheduled articles are handled too: the stamp remembers the next publication time
and is stale from then on. ``MICROSITE_SKIP_UNCHANGED=0`` always builds.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path

from ..text.press import TIMEZONE

ENV_SWITCH = "MICROSITE_SKIP_UNCHANGED"
STAMP_NAME = "build-stamp.json"
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "lxml", "microsite")
PRUNED = {"__pycache__", "node_modules", "_out", "_artifacts"}
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # microsite/: its code, theme and templates


@dataclass
class Stamp:
    fingerprint: str
    target: str
    next_change: str | None  # ISO time of the next scheduled publication


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1") != "0"


def project_files(project_dir: Path, target: Path) -> dict[str, tuple[int, int]]:
    """Every project file (relative path, in walk order) with its size and modification time."""
    return dict(file_stats(project_dir, {target.resolve()}))


def fingerprint(project_dir: Path, target: Path, preview: bool, now: datetime,
                files: dict[str, tuple[int, int]] | None = None) -> str:
    h = hashlib.sha256()
    for rel, stat in (project_files(project_dir, target) if files is None else files).items():
        h.update(_line(rel, stat))
    h.update(settings_fingerprint(preview, now).encode())
    return h.hexdigest()


def settings_fingerprint(preview: bool, now: datetime) -> str:
    """Everything but the project's files: the package's own files, package versions, preview
    mode, the date, ``MICROSITE_*``."""
    h = hashlib.sha256()
    # The package's files: an editable install's version string stays the same when its code
    # or a template, stylesheet or script of its theme changes.
    h.update(b"package\n")
    for rel, stat in file_stats(PACKAGE_DIR, set()):
        h.update(_line(rel, stat))
    for package in PACKAGES:
        h.update(f"{package}=={metadata.version(package)}\n".encode())
    h.update(f"preview={preview}\ndate={now.astimezone(TIMEZONE).date()}\n".encode())
    # Switches such as MICROSITE_RENDER_CACHE or ones added later may change the output.
    for key in sorted(k for k in os.environ if k.startswith("MICROSITE_") and k != ENV_SWITCH):
        h.update(f"{key}={os.environ[key]}\n".encode())
    return h.hexdigest()


def _line(rel: str, stat: tuple[int, int]) -> bytes:
    return f"{rel}\0{stat[0]}\0{stat[1]}\n".encode("utf-8", "surrogatepass")


def file_stats(top: Path, skip: set[Path]) -> Iterator[tuple[str, tuple[int, int]]]:
    """Path, size and modification time of every file under ``top``."""
    for root, dirs, files in os.walk(top):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in PRUNED
                         and (here / d).resolve() not in skip)
        for name in sorted(files):
            try:
                st = (here / name).stat()
            except OSError:
                continue
            yield (here / name).relative_to(top).as_posix(), (st.st_size, st.st_mtime_ns)


def up_to_date(cache_dir: Path, target: Path, print_: str, now: datetime) -> bool:
    """True when ``target`` holds a complete build of exactly these inputs."""
    path = cache_dir / STAMP_NAME
    if not enabled() or not target.is_dir() or not path.is_file():
        return False
    try:
        stamp = Stamp(**json.loads(path.read_text("utf-8")))
    except (ValueError, TypeError):
        return False
    if stamp.fingerprint != print_ or stamp.target != str(target):
        return False
    return stamp.next_change is None or now < datetime.fromisoformat(stamp.next_change)


def record(cache_dir: Path, target: Path, print_: str, next_change: datetime | None) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp = Stamp(print_, str(target), next_change.isoformat() if next_change else None)
    (cache_dir / STAMP_NAME).write_text(json.dumps(asdict(stamp)), "utf-8")


def forget(cache_dir: Path) -> None:
    """A failed or partial build must not leave a stamp that claims the site is current."""
    (cache_dir / STAMP_NAME).unlink(missing_ok=True)
