"""Limits on what an editor's file may hold, checked before any parser or the build sees it.

A few bytes can cost a parser minutes or gigabytes: a YAML alias bomb (each line doubles the
one before) expands to billions of values, a list nested a thousand deep overflows
Python-Markdown's recursion, a run of twenty thousand ``[`` costs its link pattern time in the
square of the run, ``.inf`` or a 40-digit number breaks the press formatting of a figure, a
50 MB article is copied into every feed. None of these is something an editor means to write,
so each is refused here with the file's line and a Vietnamese message, in ``microsite check``
(and so before every build and every preview):

* ``size_problem``: a file larger than the site's limit (plugin option ``max_article_kb``), by
  its size on disk, before it is read;
* ``text_breach``: nesting of lists and quotes (markers at the start of a line), indentation,
  and the depth of ``[``, ``(`` and ``{`` within a paragraph;
* ``node_breach``: in composed YAML (before anything is constructed), any alias (``*name``:
  editors' files never need one, and refusing all is simpler and safer than a bound), and
  numbers that are not finite or too large to show.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

DEFAULT_MAX_KB = 1024  # an article of 150,000 words; plugin option max_article_kb
MAX_MARKERS = 20  # list or quote markers opening one line ("- - - x", "> > >")
MAX_INDENT = 100  # columns of indentation (a list 25 levels deep)
MAX_BRACKETS = 40  # unclosed [, ( or { within one paragraph
MAX_SHOWN = 10**15  # numbers larger than this cannot be meant (a thousand trillion)
_DIGIT_LIMIT = len(str(MAX_SHOWN))

_MARKERS = re.compile(r"^[ \t]*(?:(?:>[ \t]*|(?:[*+-]|[0-9]{1,9}[.)])[ \t]+)){%d}" % (MAX_MARKERS + 1), re.MULTILINE)
_INDENT = re.compile(r"^[ \t]{%d}" % (MAX_INDENT + 1), re.MULTILINE)
_BRACKET = re.compile(r"[\[\](){}]|\n[ \t]*\n")
_CLOSING = {"]": "[", ")": "(", "}": "{"}
_FLOAT = "tag:yaml.org,2002:float"
_INT = "tag:yaml.org,2002:int"
NESTING_HINT = "Viết thành các đoạn, danh sách ít tầng hơn; nếu dán từ phần mềm khác, xoá các ký tự thừa ở dòng đó."


@dataclass
class LimitBreach(Exception):
    """An editor's file over one of the limits; ``line`` counts from 1 in the text checked."""

    message: str
    line: int
    hint: str

    def problem(self, shown: str, offset: int = 0, field: str | None = None) -> Problem:
        return Problem(shown, self.message, self.line + offset, field, self.hint)


def size_problem(path: Path, shown: str, max_kb: int = DEFAULT_MAX_KB) -> Problem | None:
    """A file too large for the site, told by its size on disk (never read)."""
    size = path.stat().st_size
    if size <= max_kb * 1024:
        return None
    return Problem(shown, f"Tệp quá lớn: {size / 1024 / 1024:.1f} MB (tối đa {max_kb} KB cho một bài hay một tệp dữ liệu).",
                   1, None, "Chia thành nhiều bài, hoặc bỏ phần dán thừa (ảnh dạng chữ base64, bảng dài). "
                   "Quản trị có thể đổi giới hạn bằng max_article_kb trong mkdocs.yml.")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def text_breach(text: str) -> LimitBreach | None:
    """Nesting no editor writes by hand: too many list or quote markers opening a line, too
    deep an indentation, or too many brackets left open in one paragraph."""
    found = _MARKERS.search(text)
    if found:
        return LimitBreach(f"Danh sách hoặc trích dẫn lồng nhau quá sâu (hơn {MAX_MARKERS} tầng trên một dòng).",
                           _line_of(text, found.start()), NESTING_HINT)
    found = _INDENT.search(text)
    if found:
        return LimitBreach(f"Dòng thụt lề quá sâu (hơn {MAX_INDENT} dấu cách): danh sách lồng nhau quá nhiều tầng.",
                           _line_of(text, found.start()), NESTING_HINT)
    if text.count("[") + text.count("(") + text.count("{") <= MAX_BRACKETS:
        return None
    return _bracket_breach(text)


def _bracket_breach(text: str) -> LimitBreach | None:
    open_at: list[str] = []
    for match in _BRACKET.finditer(text):
        char = match.group()
        if char[0] == "\n":
            open_at.clear()  # a blank line ends the paragraph
        elif char in "[({":
            open_at.append(char)
            if len(open_at) > MAX_BRACKETS:
                return LimitBreach(f"Quá nhiều dấu ngoặc \"{char}\" mở liền nhau chưa đóng (hơn {MAX_BRACKETS}).",
                                   _line_of(text, match.start()), NESTING_HINT)
        elif open_at and open_at[-1] == _CLOSING[char]:
            open_at.pop()
    return None


def node_breach(root: yaml.Node | None) -> LimitBreach | None:
    """An alias, or a number not finite or too large, anywhere in a composed YAML document.
    The walk visits each node once (an alias is a node met twice), so a bomb costs nothing."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return LimitBreach("Tệp dùng lại một giá trị đã đặt tên (neo \"&\" và bí danh \"*\"): trang không nhận "
                               "cách viết này trong tệp của người soạn bài.", node.start_mark.line + 1,
                               "Viết lại giá trị ở mỗi chỗ cần dùng, bỏ các dấu \"&tên\" và \"*tên\".")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            breach = _number_breach(node)
            if breach:
                return breach
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
    return None


def _number_breach(node: yaml.ScalarNode) -> LimitBreach | None:
    if node.tag not in (_FLOAT, _INT):
        return None
    text = str(node.value).lower().replace("_", "").lstrip("+-")
    line = node.start_mark.line + 1
    hint = "Ghi số thật, ví dụ 1250 hoặc 7,5 (không ghi .inf, .nan hay số quá dài)."
    if node.tag == _FLOAT and ("inf" in text or "nan" in text):
        return LimitBreach(f"Giá trị \"{node.value}\" không phải một số thật (vô cực hoặc không xác định).", line, hint)
    digits = text.split("e")[0].split(".")[0].lstrip("0")
    too_long = len(digits) > _DIGIT_LIMIT
    if not too_long and node.tag == _FLOAT:
        try:
            too_long = abs(float(text)) > MAX_SHOWN
        except ValueError:
            return None
    if too_long:
        return LimitBreach(f"Số \"{str(node.value)[:40]}\" quá lớn để hiển thị (tối đa một nghìn nghìn tỷ).", line, hint)
    return None


def unexpected_problem(shown: str) -> Problem:
    """What the editor reads when checking a file failed in a way nobody foresaw (the engine's
    own English text and traceback are never shown)."""
    gc.collect()  # a failure deep in a parser can leave large cycles behind
    return Problem(shown, "Không kiểm tra được tệp này: nội dung vượt quá khả năng xử lý (lỗi không lường trước).", 1,
                   None, "Xem lại phần vừa thêm hoặc dán vào tệp (bảng, danh sách, ký tự lạ), bỏ nó rồi lưu lại; "
                   "nếu vẫn lỗi, gửi tệp cho quản trị.")
