"""Characters no page or feed can carry: refused by the check, where they are.

XML 1.0 (RSS, Atom, the sitemap) allows no control character but tab and line breaks, and
no U+FFFE/U+FFFF; a front matter value written with a YAML escape ("\\x07") or a body pasted
from another program can hold one, and the feed writer then stops the build. The check
names the field (or the body's line) instead.
"""

from __future__ import annotations

import re
from typing import Any

from .frontmatter import FrontMatter
from .problems import BODY, Problem
from .schema_errors import field_name

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MESSAGE = "Có ký tự điều khiển không in được (mã U+{code:04X}, thường do dán từ chương trình khác)."
HINT = "Gõ lại đoạn chữ này, hoặc xoá ký tự lạ."


def _strings(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, (*path, str(key)))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, (*path, i))]
    return []


def control_char_problems(fm: FrontMatter, shown: str) -> list[Problem]:
    """One problem per field holding such a character, and one for the body's first."""
    problems = []
    for path, text in _strings(fm.data):
        if found := _NOT_XML.search(text):
            problems.append(Problem(shown, MESSAGE.format(code=ord(found.group())), fm.line_of(path),
                                    field_name(path), HINT))
    if found := _NOT_XML.search(fm.body):
        line = fm.body_line + fm.body.count("\n", 0, found.start())
        problems.append(Problem(shown, MESSAGE.format(code=ord(found.group())), line, BODY, HINT))
    return problems
