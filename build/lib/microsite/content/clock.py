"""The build's clock: real time, or an injected "now" for scheduled publishing.

Articles dated in the future are published by the first build after their date,
and data files may not claim figures "as of" a time that has not come. Both need
"now"; tests and editors previewing a scheduled day inject it through the plugin
option ``now`` or the environment variable ``MICROSITE_NOW`` (ISO 8601, Vietnam
time when no offset is given).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime

from ..text.press import TIMEZONE

NOW_ENV = "MICROSITE_NOW"


class ClockError(ValueError):
    """The injected time cannot be read; the message is for the editor."""


def parse_now(text: str) -> datetime:
    """``2023-04-01T08:00`` / ``2023-04-01 08:00+07:00`` -> aware datetime."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(
            f"Không đọc được thời điểm \"{text}\" ({NOW_ENV} hoặc tùy chọn now). "
            'Viết theo dạng ISO, ví dụ "2023-04-01T08:00" (giờ Việt Nam).'
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=TIMEZONE)


def injected_now(option: str | None, environ: Mapping[str, str] = os.environ) -> datetime | None:
    """The injected time: the option wins over the environment; None means real time."""
    text = (option or environ.get(NOW_ENV) or "").strip()
    return parse_now(text) if text else None


def current_time(injected: datetime | None = None) -> datetime:
    return injected or datetime.now(TIMEZONE)
