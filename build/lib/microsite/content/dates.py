"""Parse the date-and-time strings editors write in front matter and data files."""

from __future__ import annotations

from datetime import datetime

from ..text.press import TIMEZONE

# Accepted forms, most specific first. ISO order (year first) avoids the
# day/month ambiguity of "3-4-2023".
_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%d %H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
)

DATE_HINT = 'Viết ngày giờ theo dạng "2023-03-29 18:11" (năm-tháng-ngày giờ:phút, giờ Việt Nam).'


# The format that matched last is tried first. No string matches two of the formats
# (each has its own separators, count of fields and offset or none, and strptime must
# consume the whole string), so the order of the tries never changes the result; it
# saves the failed tries (each a raised ValueError) when a site writes all its dates
# one way, which is 5 of 6 tries per article for "2023-03-29 18:11".
_last_match: list[str] = [_FORMATS[0]]


def parse_datetime(value: str) -> datetime | None:
    """Return an aware datetime (Vietnam time when no offset is given), or None."""
    text = value.strip()
    first = _last_match[0]
    for fmt in (first, *(f for f in _FORMATS if f != first)):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        _last_match[0] = fmt
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=TIMEZONE)
        return parsed
    return None
