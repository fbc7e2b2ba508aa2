"""Dates and numbers in Vietnamese press style, via Babel's ``vi`` locale data.

House style (as on the Party's and provincial news sites): ``Thứ Tư, ngày 29-3-2023``,
``18:11``, ``7,5%``, ``1.234.567``; years are never grouped (``2023``, not ``2.023``),
and never Babel's abbreviated month ``thg``.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "vi"
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

# Babel patterns; quoted text is literal.
DATE_PATTERN = "d-M-y"
WEEKDAY_DATE_PATTERN = "EEEE, 'ngày' d-M-y"


def _day(value: date) -> date:
    """The calendar day Babel formats: a datetime's own date, in its own time zone."""
    return value.date() if isinstance(value, datetime) else value


@lru_cache(maxsize=4096)
def _formatted_day(day: date, pattern: str) -> str:
    """Memoised: an article's date is printed on its page, in its feeds, its press kit and
    its card (5 times per article), and Babel parses the locale and pattern on every call."""
    return format_date(day, pattern, locale=LOCALE)


def short_date(value: date) -> str:
    """``29-3-2023``."""
    return _formatted_day(_day(value), DATE_PATTERN)


def long_date(value: date) -> str:
    """``Thứ Tư, ngày 29-3-2023``."""
    return _formatted_day(_day(value), WEEKDAY_DATE_PATTERN)


def time_of_day(value: datetime) -> str:
    """``18:11``."""
    return f"{value.hour:02d}:{value.minute:02d}"


def datetime_line(value: datetime) -> str:
    """``18:11, Thứ Tư, ngày 29-3-2023``: the byline form used on article pages."""
    return f"{time_of_day(value)}, {long_date(value)}"


def as_of(value: datetime) -> str:
    """``17 giờ ngày 27-3-2023``: how official reports state when figures were counted."""
    hour = f"{value.hour} giờ" if value.minute == 0 else f"{value.hour} giờ {value.minute:02d}"
    return f"{hour} ngày {short_date(value)}"


def number(value: float | int, decimals: int | None = None) -> str:
    """``1.234.567``, ``7,5``; ``decimals`` fixes the digits after the comma."""
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float, decimals: int = 1) -> str:
    """``21,5%`` for ``value`` = 21.5 (already a percentage, not a fraction)."""
    text = number(round(value, decimals), decimals)
    if decimals and text.endswith("," + "0" * decimals):
        text = text.split(",")[0]
    return f"{text}%"


def year(value: int) -> str:
    """Years are written without a thousands separator."""
    return str(int(value))
