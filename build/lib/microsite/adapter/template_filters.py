"""Jinja filters exposing the core's Vietnamese formatting to theme templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..content.updates import at_time
from ..text import press
from .lazy_bundle import bundle_on_demand


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=press.TIMEZONE)


def vn_datetime(value: datetime) -> str:
    return press.datetime_line(_aware(value).astimezone(press.TIMEZONE))


def vn_date(value: date) -> str:
    return press.long_date(value)


def vn_number(value: float, decimals: int | None = None) -> str:
    return press.number(value, decimals)


def template_filters() -> dict[str, Callable[..., Any]]:
    return {"vn_datetime": vn_datetime, "vn_date": vn_date, "vn_number": vn_number,
            "vn_short_date": press.short_date,
            "vn_at_time": lambda value: at_time(_aware(value).astimezone(press.TIMEZONE)),
            "bundle_on_demand": bundle_on_demand}  # Material's bundle on first interaction
