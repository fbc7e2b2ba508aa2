"""Impossible calendar dates (30-2-2023, 2023-13-01) in front matter and in body text.

A wrong date in an official article is a factual error; ``datetime`` only says
"day is out of range", so this module explains *why* in Vietnamese.
"""

from __future__ import annotations

import calendar
import re

from ..content.problems import Problem
from .source import BodySource

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}))?")
# Vietnamese press order: 29-3-2023, 29/3/2023, 29.3.2023; or ISO 2023-03-29; or "ngày 29 tháng 3 năm 2023".
# Each starts with a look-ahead for the character every match begins with: same matches,
# about twice as fast over a long article (re skips the other positions).
_TEXT_PATTERNS = (
    (re.compile(r"(?=\d)(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d{2})(?![\d/-])"), (1, 3, 4)),
    (re.compile(r"(?=\d)(?<![\d/.-])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d/-])"), (3, 2, 1)),
    (re.compile(r"(?=n)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.IGNORECASE), (1, 2, 3)),
)


def why_impossible(day: int, month: int, year: int) -> str | None:
    """Vietnamese reason the date does not exist, or None if it does."""
    if not 1 <= month <= 12:
        return f"không có tháng {month} (chỉ có tháng 1 đến tháng 12)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tháng {month} năm {year} chỉ có {last} ngày"
    return None


def explain_datetime(raw: str) -> str | None:
    """For a front-matter value that failed to parse: why, if the date or time is impossible."""
    match = _ISO.match(raw)
    if not match:
        return None
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    reason = why_impossible(day, month, year)
    if reason:
        return f"Ngày {day}-{month}-{year} không có thật: {reason}."
    if match.group(4) is not None:
        hour, minute = int(match.group(4)), int(match.group(5))
        if hour > 23 or minute > 59:
            return f"Giờ {hour}:{minute:02d} không có thật (giờ từ 0 đến 23, phút từ 0 đến 59)."
    return None


def check_text_dates(src: BodySource) -> list[Problem]:
    """Dates written in the body text that do not exist on the calendar."""
    problems = []
    for pattern, (d, m, y) in _TEXT_PATTERNS:
        for match in pattern.finditer(src.text):
            day, month, year = int(match.group(d)), int(match.group(m)), int(match.group(y))
            reason = why_impossible(day, month, year)
            if reason:
                line = src.first_line + src.text.count("\n", 0, match.start())
                problems.append(Problem(
                    src.shown, f"Ngày \"{match.group(0)}\" không có thật: {reason}.", line, "nội dung",
                    "Đối chiếu với văn bản gốc và sửa lại ngày, tháng."))
    return problems
