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


def parse_datetime(value: str) -> datetime | None:
    """Return an aware datetime (Vietnam time when no offset is given), or None."""
    text = value.strip()
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=TIMEZONE)
        return parsed
    return None
