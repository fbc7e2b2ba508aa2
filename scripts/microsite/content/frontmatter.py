"""Split a Markdown file into YAML front matter and body, keeping line numbers.

PyYAML's constructed data forgets where each value came from, so we compose the
node tree first and record the line of every key. Timestamps are kept as strings
(the content model parses dates itself, with Vietnamese errors), and duplicate keys,
which YAML would silently collapse, are reported: nothing an editor wrote is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ..text.normalize import nfc_deep
from .limits import LimitBreach, node_breach
from .yaml_messages import explain_yaml_problem

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)

Path_ = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it: about ten times faster than the
# pure-Python one, which was the largest cost of checking a 2000-article site.
if TYPE_CHECKING:  # both have the SafeLoader interface; the stubs cannot say which one exists
    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without implicit timestamps: dates stay as the editor typed them."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


@dataclass
class FrontMatter:
    """Parsed front matter plus where each field sits in the file."""

    data: dict[str, Any]
    lines: dict[Path_, int] = field(default_factory=dict)  # 1-based file lines
    body: str = ""
    body_line: int = 1  # file line where the body starts
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """Line of the deepest known prefix of ``path``."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return self.lines.get((), None)


class FrontMatterError(Exception):
    """The front matter is missing or is not valid YAML."""

    def __init__(self, message: str, line: int | None, hint: str):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


def _walk(node: yaml.Node, path: Path_, offset: int, fm: FrontMatter) -> None:
    fm.lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                fm.duplicates.append((".".join(map(str, path + (key,))), key_node.start_mark.line + 1 + offset))
            seen.add(key)
            _walk(value_node, path + (key,), offset, fm)
            fm.lines[path + (key,)] = key_node.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), offset, fm)


def _compose_and_construct(raw: str) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree gives line numbers, the same tree gives the data."""
    loader = _Loader(raw)
    try:
        node = loader.get_single_node()
        breach = node_breach(node)  # before constructing: an alias bomb is never expanded
        if breach:
            raise breach
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _line(raw: str, mark: yaml.Mark | None) -> str:
    lines = raw.splitlines()
    return lines[mark.line] if mark is not None and mark.line < len(lines) else ""


def parse(text: str) -> FrontMatter:
    """Parse ``text`` (a whole Markdown file). Raises FrontMatterError with a line number."""
    match = _FENCE.match(text)
    if not match:
        raise FrontMatterError(
            "Bài viết không có phần thông tin đầu bài (front matter).",
            1,
            'Mở đầu tệp bằng một dòng "---", các trường (title, date, ...), rồi một dòng "---".',
        )
    raw = match.group(1) or ""
    offset = 1  # the YAML starts on file line 2
    try:
        node, data = _compose_and_construct(raw)
    except LimitBreach as exc:
        raise FrontMatterError(exc.message, exc.line + offset, exc.hint) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None)
        if context is not None and (mark is None or mark.index >= len(raw.rstrip())):
            mark = context  # an unclosed quote or bracket: point where it was opened
        line = mark.line + 1 + offset if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(
            f"Phần thông tin đầu bài không phải YAML hợp lệ: {explain_yaml_problem(problem, _line(raw, mark))}.",
            line,
            "Kiểm tra dấu hai chấm sau tên trường, thụt lề bằng dấu cách (không dùng Tab) "
            'và đặt giá trị có dấu ":" hoặc "#" trong ngoặc kép.',
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "Phần thông tin đầu bài phải là danh sách các trường dạng \"tên: giá trị\".",
            2,
            'Viết mỗi trường trên một dòng, ví dụ: title: "Tiêu đề bài".',
        )
    fm = FrontMatter(data=nfc_deep(data), body=text[match.end():])
    if node is not None:
        _walk(node, (), offset, fm)
    fm.body_line = text[: match.end()].count("\n") + 1
    return fm
