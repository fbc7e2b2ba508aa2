"""The front matter of a page that is not an article: what the theme reads, checked.

MkDocs and the theme read a page's ``title``, ``template``, ``hide``... as they are: a title
that is a list or a template that does not exist stops the build with an engine error. The
check refuses them first, by the same rules (``page.schema.json``); the theme's folders
(``SiteSettings.theme_dirs``) say which templates and icons exist.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .frontmatter import FrontMatter
from .problems import Problem
from .schema_errors import explain

SCHEMA = Path(__file__).with_name("page.schema.json")


@cache
def page_validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def page_meta_problems(fm: FrontMatter, shown: str, theme_dirs: tuple[Path, ...]) -> list[Problem]:
    """Problems of a page's front matter (none: the theme can use it as it is)."""
    problems = []
    for err in page_validator().iter_errors(fm.data):
        field, message, hint = explain(err)
        line = fm.line_of(tuple(err.absolute_path)) or fm.lines.get((), 2)
        problems.append(Problem(shown, message, line, field or None, hint))
    if problems:
        return problems
    return [*_missing(fm, shown, theme_dirs, "template", "{}", "mẫu trang"),
            *_missing(fm, shown, theme_dirs, "icon", ".icons/{}.svg", "biểu tượng")]


def _missing(fm: FrontMatter, shown: str, theme_dirs: tuple[Path, ...], key: str, pattern: str,
             what: str) -> list[Problem]:
    name: Any = fm.data.get(key)
    if name is None or not theme_dirs:
        return []
    if any((folder / pattern.format(name)).is_file() for folder in theme_dirs):
        return []
    return [Problem(shown, f"Không có {what} \"{name}\" trong giao diện của trang.", fm.line_of((key,)), key,
                    f"Xoá dòng {key}: để dùng mặc định, hoặc ghi tên một {what} có trong thư mục overrides/.")]
