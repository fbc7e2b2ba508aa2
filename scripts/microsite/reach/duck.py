"""The same counts from DuckDB: page views and daily unique visitors per page and per day.

For logs one machine cannot read in time with ``microsite reach`` (several servers, years
of logs, a log store that exports files), DuckDB reads the same files (plain and gzip) on
every core. The rules are the report's: GET requests answered 2xx or 304 for a page
(path ending in ``/`` or ``.html``, the news boxes aside), bots left out by the same list
of user agents (each distinct agent classified once in Python), days in Vietnam time, a
visitor a hash of address and agent with a salt made for this run only (an in-memory
database: nothing is stored). Optional: ``pip install 'microsite[duckdb]'``.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crawleruseragents import is_crawler

from .count import DAY, VN_OFFSET
from .report import date_day, day_date
from .sitemap import Kind, classify_target

COMBINED_RE = (r'^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+)[^"]*" (\d{3}) \S+ '
               r'"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"')


@dataclass
class DuckCounts:
    views: Counter[str] = field(default_factory=Counter)  # path -> views
    visitors: Counter[str] = field(default_factory=Counter)  # path -> sum of daily unique visitors
    day_views: Counter[date] = field(default_factory=Counter)
    day_visitors: Counter[date] = field(default_factory=Counter)
    bots: int = 0


def duck_counts(logs: list[Path], start: date | None = None, end: date | None = None,
                threads: int | None = None) -> DuckCounts:
    """Views and daily visitors of the combined-format ``logs`` (plain or .gz) by DuckDB."""
    import duckdb

    con = duckdb.connect(":memory:", config={"threads": threads or os.cpu_count() or 1})
    try:
        files = [str(p) for p in logs]
        con.execute(f"""
            CREATE TEMP TABLE hits AS
            WITH raw AS (
                SELECT regexp_extract(line, ?, ['addr', 'time', 'method', 'target', 'status', 'referer', 'agent'])
                       AS f
                FROM read_csv(?, columns = {{'line': 'VARCHAR'}}, delim = '\x01', quote = '', escape = '',
                              header = false, auto_detect = false, compression = 'auto', null_padding = true))
            SELECT f.addr AS addr, f.method AS method, f.target AS target, CAST(f.status AS INTEGER) AS status,
                   f.agent AS agent,
                   CAST(floor((epoch(strptime(f.time, '%d/%b/%Y:%H:%M:%S %z')) + {VN_OFFSET}) / {DAY})
                        AS INTEGER) AS day
            FROM raw WHERE f.addr <> ''""", [COMBINED_RE, files])
        agents = [row[0] for row in con.execute("SELECT DISTINCT agent FROM hits").fetchall()]
        con.execute("CREATE TEMP TABLE agents (agent VARCHAR, bot BOOLEAN)")
        con.executemany("INSERT INTO agents VALUES (?, ?)",
                        [(a, not a.strip() or a == "-" or bool(is_crawler(a))) for a in agents])
        targets = [row[0] for row in con.execute("SELECT DISTINCT target FROM hits").fetchall()]
        con.execute("CREATE TEMP TABLE targets (target VARCHAR, kind VARCHAR, path VARCHAR)")
        kinds = ((t, classify_target(t.encode("utf-8", "surrogateescape"))) for t in targets)
        con.executemany("INSERT INTO targets VALUES (?, ?, ?)", [(t, c[0].value, c[1]) for t, c in kinds])
        first = date_day(start) if start else -(1 << 30)
        last = date_day(end) if end else 1 << 30
        salt = os.urandom(16).hex()
        con.execute("""
            CREATE TEMP TABLE views AS
            SELECT h.day AS day, p.path AS path, md5(? || h.day || h.addr || chr(0) || h.agent) AS visitor
            FROM hits h JOIN agents a USING (agent) JOIN targets p USING (target)
            WHERE p.kind = ? AND NOT a.bot AND h.method = 'GET' AND ((h.status BETWEEN 200 AND 299) OR h.status = 304)
              AND h.day BETWEEN ? AND ?""", [salt, Kind.PAGE.value, first, last])
        out = DuckCounts()
        for path, views, visitors in con.execute("""
                SELECT path, sum(n), sum(v) FROM (
                    SELECT day, path, count(*) AS n, count(DISTINCT visitor) AS v FROM views GROUP BY day, path)
                GROUP BY path""").fetchall():
            out.views[path], out.visitors[path] = int(views), int(visitors)
        for day, views, visitors in con.execute(
                "SELECT day, count(*), count(DISTINCT visitor) FROM views GROUP BY day").fetchall():
            out.day_views[day_date(day)], out.day_visitors[day_date(day)] = int(views), int(visitors)
        # as the report counts them: feeds and ninjs are read by programs, counted as fetches instead
        row = con.execute("""
            SELECT count(*) FROM hits h JOIN agents a USING (agent) JOIN targets t USING (target)
            WHERE a.bot AND h.day BETWEEN ? AND ?
              AND NOT (t.kind IN (?, ?) AND h.status BETWEEN 200 AND 399)""",
            [first, last, Kind.FEED.value, Kind.NINJS.value]).fetchone()
        out.bots = int(row[0]) if row else 0
        return out
    finally:
        con.close()
