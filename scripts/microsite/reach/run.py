"""One report from a set of logs: read, count, write; refuse to write over an earlier one."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..text.press import TIMEZONE
from .count import Tally
from .logformat import FormatError, parse_format
from .referrers import Referrers
from .report import VIEWS_NAME, Report, build_report, date_day, day_date, views_file, write_report
from .sitemap import SiteMap
from .stream import ReachError, count_logs


@dataclass(frozen=True)
class Branding:
    """What the charts print: the site's name, its short name, its colours."""

    name: str = ""
    short: str = ""
    colours: Any = None


def parse_day(text: str | None, flag: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ReachError(f"{flag} \"{text}\": không đọc được ngày. Viết theo dạng năm-tháng-ngày, "
                         "ví dụ 2023-04-01.") from None


def refuse_overwrite(folder: Path, overwrite: bool) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())) and not overwrite:
        raise ReachError(f"{folder}: thư mục báo cáo đã có nội dung, không ghi đè. Chọn thư mục khác bằng -o, "
                         "hoặc thêm --ghi-de để thay báo cáo cũ.")


def default_folder(reports: Path, start: date, end: date) -> Path:
    return reports / f"{start.isoformat()}_{end.isoformat()}"


def make_report(logs: list[Path], site: SiteMap, *, start: date | None = None, end: date | None = None,
                out: Path | None = None, reports: Path | None = None, overwrite: bool = False,
                log_format: str | None = None, branding: Branding = Branding(),
                now: datetime | None = None, duckdb: bool = False) -> tuple[Report, Path]:
    """Count ``logs`` for the period and write the report into ``out`` (default: a folder named
    by the period under ``reports``); the views of its articles go to ``reports/luot-xem.json``
    for the next build. ``duckdb``: the same counts by DuckDB on every core (``duck.py``)."""
    if not logs:
        raise ReachError("Chưa chỉ tệp nhật ký nào. Ví dụ: microsite reach /var/log/nginx/access.log*")
    if start and end and end < start:
        raise ReachError(f"--to {end.isoformat()} trước --from {start.isoformat()}.")
    try:
        fmt = parse_format(log_format)
    except FormatError as exc:
        raise ReachError(str(exc)) from None
    if out is not None:
        refuse_overwrite(out, overwrite)
    elif start and end and reports is not None:
        refuse_overwrite(default_folder(reports, start, end), overwrite)
    referrers = Referrers(site.host, {site.channels.get(k, k): hosts for k, hosts in site.channel_domains.items()},
                          site.partners)
    tally = Tally(site, referrers, date_day(start) if start else None, date_day(end) if end else None)
    if duckdb:
        duck_count(logs, tally, log_format)
    else:
        count_logs(logs, fmt, tally)
    seen = tally.days_seen | set(tally.day_views)
    first = start or (day_date(min(seen)) if seen else (end or datetime.now(TIMEZONE).date()))
    last = end or (day_date(max(seen)) if seen else first)
    made = now or datetime.now(TIMEZONE)
    report = build_report(tally, (first, last), made, branding.name)
    if out is None:
        if reports is None:
            raise ReachError("Chưa chỉ thư mục báo cáo (-o).")
        out = default_folder(reports, first, last)
        refuse_overwrite(out, overwrite)
    write_report(report, out, branding.name, branding.short, branding.colours)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)
        latest = reports / VIEWS_NAME
        tmp = latest.with_suffix(".tmp")
        tmp.write_text(json.dumps(views_file(report), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        tmp.replace(latest)
    return report, out


def duck_count(logs: list[Path], tally: Tally, log_format: str | None) -> Tally:
    if log_format:
        raise ReachError("--duckdb chỉ đọc nhật ký định dạng combined (mặc định của nginx, Apache); "
                         "bỏ --dinh-dang, hoặc đếm không có --duckdb.")
    if importlib.util.find_spec("duckdb") is None:
        raise ReachError("Chưa cài DuckDB. Cài bằng: pip install 'microsite[duckdb]'")
    from .duck import duck_tally

    return duck_tally(logs, tally)


def read_views(reports: Path) -> dict[str, int]:
    """Article path -> views of the latest report; {} when there is none or it cannot be read
    (a build never waits for, nor fails on, the report)."""
    try:
        data = json.loads((reports / VIEWS_NAME).read_text(encoding="utf-8"))
        views = data["views"]
        return {str(k): int(v) for k, v in views.items()} if isinstance(views, dict) else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
