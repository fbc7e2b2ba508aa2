"""Corrections and updates after publication (front matter ``updates:``).

A newsroom never silently rewrites a published article: each change is a dated
note, shown to readers ("Đính chính lúc 09:00, ngày 2-4-2023: …") and announced to
partners as the article's modified time (JSON-LD ``dateModified``, Atom
``updated``, JSON Feed ``date_modified``, ninjs ``versionCreated``). The schema
checks the shape (kind, non-empty note); this module checks the dates, which need
the publication date and the build's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from ..text.press import datetime_line, time_of_day, short_date
from ..validation.dates import explain_datetime
from .dates import DATE_HINT, parse_datetime
from .model import Update, UpdateKind

# (field path for the line lookup, shown field name, message, hint)
Report = Callable[[tuple[str | int, ...], str, str, str], None]


def at_time(value: datetime) -> str:
    """``09:00, ngày 2-4-2023``: when a note was added, as press notes say it."""
    return f"{time_of_day(value)}, ngày {short_date(value)}"


def update_line(update: Update) -> str:
    """``Đính chính lúc 09:00, ngày 2-4-2023: …``."""
    return f"{update.label} lúc {at_time(update.date)}: {update.note}"


def dated_after(text: str, path: tuple[str | int, ...], shown: str, published: datetime, now: datetime,
                report: Report) -> datetime | None:
    """A time an editor records for something done to a published article (an update, a
    withdrawal): readable, not before publication, not still to come."""
    when = parse_datetime(text)
    if when is None:
        report(path, shown, explain_datetime(text) or f"Không đọc được ngày giờ \"{text}\".", DATE_HINT)
        return None
    if when < published:
        report(path, shown, f"Thời điểm {datetime_line(when)} sớm hơn lúc đăng bài ({datetime_line(published)}).",
               "Ghi thời điểm sau thời điểm đăng bài (trường date).")
        return None
    if when > now:
        report(path, shown, f"Thời điểm {datetime_line(when)} chưa đến (bây giờ là {datetime_line(now)}).",
               "Ghi thời điểm đã thực hiện việc này, không ghi trước.")
        return None
    return when


def _one(index: int, raw: dict[str, Any], published: datetime, now: datetime,
         report: Report) -> Update | None:
    when = dated_after(str(raw["date"]), ("updates", index, "date"), f"updates[{index + 1}].date",
                       published, now, report)
    return None if when is None else Update(when, UpdateKind(raw["kind"]), str(raw["note"]).strip())


def parse_updates(raw: object, published: datetime, now: datetime, report: Report) -> list[Update]:
    """The schema-valid ``updates`` list as ``Update`` objects, oldest first; bad dates reported."""
    if not isinstance(raw, list):
        return []
    found = [_one(i, item, published, now, report) for i, item in enumerate(raw) if isinstance(item, dict)]
    return sorted((u for u in found if u is not None), key=lambda u: (u.date, u.kind.value, u.note))
