"""Write a new project from ``templates/`` (package data), like Hugo's archetypes.

``templates/base/`` is every project's skeleton, ``templates/resolution/`` the optional
resolution section; ``${name}`` in a file is replaced by the answer (``string.Template``; ``${name_q}``
escaped for a YAML double-quoted string),
``__today__`` and ``__resolution__`` in a path by the date and the section's folder,
``gitignore`` becomes ``.gitignore``. Everything is rendered in memory first, so a refused
folder or a bad template leaves nothing behind.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from ..text.press import TIMEZONE, short_date
from .config_file import config_text
from .spec import InitError, ProjectSpec

TEMPLATES = resources.files(__package__) / "templates"


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            out += _walk(entry, rel + "/")
        else:
            out.append((rel, entry.read_text("utf-8")))
    return out


def answers(spec: ProjectSpec, now: datetime) -> dict[str, str]:
    """Every ``${name}`` the templates use."""
    now = now.astimezone(TIMEZONE).replace(second=0, microsecond=0)
    values = {
        "title": spec.title, "organisation": spec.organisation, "summary": spec.summary,
        "channel_names": ", ".join(c.name for c in spec.channels),
        "channel_keys": " | ".join(c.key for c in spec.channels),
        "first_channel": spec.channels[0].key, "first_category": spec.categories[0],
        "article_date": now.strftime("%Y-%m-%d %H:%M"), "as_of": now.strftime("%Y-%m-%d %H:%M"),
        "today": now.date().isoformat(), "due": (now.date() + timedelta(days=30)).isoformat(),
    }
    if spec.resolution:
        r = spec.resolution
        values |= {
            "resolution_tag": r.tag, "resolution_number": r.number, "resolution_date": r.date,
            "resolution_date_vi": short_date(date.fromisoformat(r.date)),
            "resolution_issuer": r.issuer, "resolution_title": r.title,
        }
    # Inside YAML double-quoted scalars (data files, front matter): JSON's escapes are YAML's.
    values |= {f"{key}_q": json.dumps(value, ensure_ascii=False)[1:-1] for key, value in list(values.items())}
    return values


def render(spec: ProjectSpec, now: datetime) -> dict[str, str]:
    """Relative path → text of every file of the new project."""
    values = answers(spec, now)
    parts = [TEMPLATES / "base"] + ([TEMPLATES / "resolution"] if spec.resolution else [])
    files = {"mkdocs.yml": config_text((TEMPLATES / "mkdocs.yml").read_text("utf-8"), spec)}
    for part in parts:
        for rel, text in _walk(part):
            rel = rel.replace("__today__", values["today"])
            if spec.resolution:
                rel = rel.replace("__resolution__", spec.resolution.folder)
            if rel == "gitignore":
                rel = ".gitignore"
            files[rel] = Template(text).substitute(values)
    return files


def refuse_non_empty(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"Thư mục {target} đã có nội dung: microsite init chỉ tạo dự án trong thư mục "
                        "trống hoặc chưa có. Chọn thư mục khác.")


def create_project(target: Path, spec: ProjectSpec, now: datetime | None = None) -> list[Path]:
    """Write the project into ``target`` (absent or empty); return the files written."""
    refuse_non_empty(target)
    files = render(spec, now or datetime.now(TIMEZONE))
    written = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    return written
