"""Helpers for tests: copy the default project, write articles, parse built HTML.

Imported by name (``from sitekit import ...``); fixtures live in conftest.py.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from microsite.adapter.runner import project_settings
from microsite.config import SiteSettings

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "_artifacts"


# The parts of a project's .cache/microsite that depend on neither its articles nor the
# render settings a test changes: the infographics' renditions (keyed by their data and the
# site's name), the web fonts' subsets (keyed by the font files) and the photos' renditions
# (keyed by the image bytes).
WARM_KINDS = ("infographics", "fonts", "photos")


def copy_project(dest: Path, with_posts: bool = True, warm: Path | None = None) -> Path:
    """Copy the default project (config, content, theme) into ``dest``; with ``warm`` (a
    .cache/microsite folder, see conftest's ``warm_cache``), start from its drawn
    infographics and font subsets instead of a cold cache."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    ignore = None if with_posts else shutil.ignore_patterns("posts")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=ignore)
    (dest / "docs" / "tin-tuc" / "posts").mkdir(parents=True, exist_ok=True)
    if warm is not None:
        for kind in WARM_KINDS:
            if (warm / kind).is_dir():  # copies: a test may change or delete entries
                shutil.copytree(warm / kind, dest / ".cache" / "microsite" / kind)
    return dest


def settings_of(project: Path, **changes: Any) -> SiteSettings:
    """A project's settings as its mkdocs.yml gives them (channels, resolution sections...),
    with ``changes`` (e.g. ``now=``) on top."""
    return dataclasses.replace(project_settings(project), **changes)


def front_matter(**fields: object) -> dict[str, object]:
    """A valid approved article's front matter, overridable field by field."""
    base: dict[str, object] = {
        "title": "Kiểm tra, đôn đốc tiến độ Nghị quyết 43-NQ/TW Đà Nẵng",
        "date": "2023-03-29 18:11",
        "authors": ["Thanh Thảo"],
        "channels": ["dang-bo"],
        "categories": ["Sơ kết giữa nhiệm kỳ"],
        "tags": ["Kế hoạch 106-KH/TU"],
        "summary": "Bài thử nghiệm về tiến độ chuẩn bị sơ kết giữa nhiệm kỳ.",
        "source": "Nguồn: Trang thông tin điện tử Đảng bộ thành phố",
        "status": "approved",
        "reviewer": "Tổ Biên tập",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not ...}


def write_article(project: Path, name: str, body: str = "", raw_header: str | None = None,
                  **fields: object) -> Path:
    """Write ``docs/tin-tuc/posts/<name>.md``; ``raw_header`` replaces the YAML verbatim."""
    header = raw_header if raw_header is not None else yaml.safe_dump(
        front_matter(**fields), allow_unicode=True, sort_keys=False)
    body = body or "Đoạn mở đầu bài viết.\n\n<!-- more -->\n\n## Nội dung\n\nThân bài."
    path = project / "docs" / "tin-tuc" / "posts" / f"{name}.md"
    path.write_text(f"---\n{header}---\n\n{textwrap.dedent(body)}\n", encoding="utf-8")
    return path


def field_shown(file: str, field: str) -> str:
    """How a problem names its field in the check's output: ``trường "Tiêu đề" (title)``."""
    from microsite.content.problems import Problem

    return "trường " + Problem(file, "", field=field).field_text()


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")




def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path, as bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def footnote_counter(html: bytes) -> bytes:
    """Material converts an excerpt on the post's own parser without resetting it, so the
    footnote reference in a lead is ``fnref:1`` on the first listing rendered, ``fnref2:1``
    on the second, ``fnref3:1`` on the third (render order). The render cache reuses an
    excerpt rendered for one listing in another whose links read the same (relocation), so
    that listing shows the count of the first render; a listing rendered by the page split's
    forked child counts on the child's copy of the parser. Nothing links to these ids (the footnotes
    themselves are cut off with the rest of the post), so only the counter may differ."""
    return re.sub(rb'id="fnref\d*:', b'id="fnref:', html)


def site_differences(accelerated: dict[str, bytes], plain: dict[str, bytes]) -> list[str]:
    """Files missing on one side or different, footnote reference counters aside."""
    names = set(accelerated) | set(plain)
    return sorted(name for name in names if name not in accelerated or name not in plain
                  or footnote_counter(accelerated[name]) != footnote_counter(plain[name]))


def recorded_runs(monkeypatch: Any) -> list[Any]:
    """Every accelerator run (``accel.run.Run``) the builds of a test start, to tell which
    accelerators a build installed and which the check left off."""
    from microsite.adapter.accel import registry

    started: list[Any] = []
    start = registry.start

    def recorded(inputs: Any, *rest: Any) -> Any:
        started.append(start(inputs, *rest))
        return started[-1]

    monkeypatch.setattr(registry, "start", recorded)
    return started
