"""Problems found in editors' files, reported in Vietnamese with file, line and fix.

Editors are not programmers: every message says where (file and line), what
(the field), and how to fix it, in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


BODY = "body"  # the field of a problem in the text below the front matter (the form's "Nội dung")


class Severity(str, Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file."""

    file: str  # path as the editor knows it, relative to the project
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def label(self) -> str | None:
        """The field as the workspace form names it ("Số liệu tính đến"), when the form has it."""
        from ..workspace.problem_labels import field_label  # the workspace's labels import the core

        return field_label(self.file, self.field) if self.field else None

    def field_text(self) -> str:
        """The field for the editor: the form's label, then the key a text editor shows."""
        if not self.field:
            return ""
        label = self.label
        if label is None:
            return f'"{self.field}"'
        return f'"{label}"' if self.field == BODY else f'"{label}" ({self.field})'

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"trường {self.field_text()}: " if self.field else ""
        text = f"{where}: {self.severity.value}: {what}{self.message}"
        if self.hint:
            text += f"\n    → Cách sửa: {self.hint}"
        return text


@dataclass
class Report:
    """All problems from one check run, errors and warnings apart."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def format(self) -> str:
        ordered = sorted(self.problems, key=lambda p: (p.file, p.line or 0, p.severity.value))
        lines = [p.format() for p in ordered]
        lines.append(
            f"Tổng cộng: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo."
        )
        return "\n".join(lines)


class ContentError(Exception):
    """Raised when content cannot be used; carries the report for the editor."""

    def __init__(self, report: Report):
        super().__init__(report.format())
        self.report = report
