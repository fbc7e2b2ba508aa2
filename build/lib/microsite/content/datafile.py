"""Load an editor's YAML data file with the line of every value, or Vietnamese problems.

Data files (progress snapshots, plans, document lists) are checked like articles:
JSON Schema first, each error turned into a Problem naming the file, line and field.
The YAML handling (no implicit timestamps, line numbers, duplicate keys) is the
front-matter parser's, reused through its fenced form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .articles import read_text
from .frontmatter import FrontMatter, FrontMatterError, parse
from .problems import Problem
from .schema_errors import explain, field_name


@dataclass
class DataFile:
    """A parsed data file: its data plus where each value sits (1-based file lines)."""

    shown: str
    fm: FrontMatter

    @property
    def data(self) -> Any:
        return self.fm.data

    def line_of(self, *path: str | int) -> int | None:
        return self.fm.line_of(tuple(path))

    def problem(self, path: tuple[str | int, ...], message: str, hint: str | None = None) -> Problem:
        """A Problem on the value at ``path`` (e.g. ``("indicators", 0, "done")``)."""
        return Problem(self.shown, message, self.line_of(*path) or 1, field_name(path) or None, hint)


def _shift(fm: FrontMatter) -> FrontMatter:
    """The fenced parse counts the opening ``---`` as line 1; data files have none."""
    fm.lines = {k: v - 1 for k, v in fm.lines.items()}
    fm.duplicates = [(k, v - 1) for k, v in fm.duplicates]
    return fm


def load_data_file(text: str, shown: str) -> tuple[DataFile | None, list[Problem]]:
    """Parse ``text`` (the whole YAML file). Top level must be a mapping."""
    try:
        fm = _shift(parse(f"---\n{text.rstrip()}\n---\n"))
    except FrontMatterError as exc:
        line = exc.line - 1 if exc.line else None
        message = exc.message.replace("Phần thông tin đầu bài", "Tệp dữ liệu")
        return None, [Problem(shown, message, line, hint=exc.hint)]
    problems = [Problem(shown, f"Trường \"{key}\" được khai báo hai lần; giá trị trước sẽ bị mất.", line, key,
                        "Giữ lại một dòng và xoá dòng trùng.") for key, line in fm.duplicates]
    return DataFile(shown, fm), problems


@cache
def validator(package: str, name: str) -> Draft202012Validator:
    schema = json.loads(resources.files(package).joinpath(name).read_text("utf-8"))
    return Draft202012Validator(schema)


def schema_problems(doc: DataFile, schema: Draft202012Validator) -> list[Problem]:
    """Every schema error as a Vietnamese Problem with file, line and field."""
    out = []
    for err in sorted(schema.iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path))):
        field, message, hint = explain(err)
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties":  # point at the unknown key itself
            path += tuple(sorted(set(err.instance) - set(err.schema.get("properties", {})))[:1])
        line = doc.fm.line_of(path) or 1
        out.append(Problem(doc.shown, message, line, field or None, hint))
    return out


def read_data_file(path: Path, shown: str, schema: Draft202012Validator) -> tuple[DataFile | None, list[Problem]]:
    """Read, parse and schema-check one data file; None when it cannot be used."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    doc, problems = load_data_file(text, shown)
    if doc is None:
        return None, problems
    problems += schema_problems(doc, schema)
    return (None if problems else doc), problems
