"""PyYAML's parser errors, said in Vietnamese.

PyYAML reports problems such as "mapping values are not allowed here"; editors need
to know what they typed wrong. Unknown messages keep PyYAML's text in brackets.
"""

from __future__ import annotations

# (fragment of PyYAML's "problem" text, Vietnamese explanation); first match wins.
_KNOWN = (
    ("mapping values are not allowed", 'có dấu ":" ở chỗ không được phép; giá trị có dấu ":" phải đặt trong ngoặc kép'),
    ("could not find expected ':'", 'thiếu dấu ":" sau tên trường'),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép hoặc ngoặc đóng ở cuối giá trị"),
    ("expected <block end>", "các dòng thụt lề không thẳng hàng"),
    ("expected ',' or ']'", 'danh sách trong ngoặc vuông thiếu dấu "," hoặc "]"'),
    ("expected ',' or '}'", 'nhóm trong ngoặc nhọn thiếu dấu "," hoặc "}"'),
    ("found undefined alias", 'giá trị bắt đầu bằng "*"; hãy đặt trong ngoặc kép'),
    ("found character '@'", 'giá trị bắt đầu bằng "@"; hãy đặt trong ngoặc kép'),
    ("found character '`'", 'giá trị bắt đầu bằng "`"; hãy đặt trong ngoặc kép'),
    ("found unknown escape character", 'dấu "\\" trong ngoặc kép; dùng ngoặc đơn hoặc viết "\\\\"'),
    ("special characters are not allowed", "có ký tự điều khiển không in được (thường do dán từ Word); gõ lại dòng này"),
    ("control characters are not allowed", "có ký tự điều khiển không in được (thường do dán từ Word); gõ lại dòng này"),
)


TAB = "có ký tự Tab; YAML chỉ chấp nhận thụt lề bằng dấu cách"


def explain_yaml_problem(problem: str, line_text: str = "") -> str:
    """Vietnamese description of a PyYAML ``problem`` string.

    ``line_text`` is the offending line: the C parser (libyaml) does not name the Tab
    character in its message, so a Tab in the line itself is the surer signal.
    """
    if "\t" in line_text:
        return TAB
    for fragment, vietnamese in _KNOWN:
        if fragment in problem:
            return vietnamese
    return f"lỗi cú pháp: {problem}"
