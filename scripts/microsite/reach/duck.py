"""The same report from DuckDB: every table ``microsite reach`` counts, read on every core.

For logs one machine cannot read in time with the streaming engine (several servers, years
of logs, a log store that exports files), DuckDB reads the same files (plain and gzip,
``combined`` format) itself: no line is held in Python. The rules cannot drift from the
streaming engine's because they are its own code: each *distinct* user agent is judged by
``Tally.is_bot``, each distinct request target by ``classify_target`` (page, feed, ninjs,
box, rendition, CSV, kit), each distinct referrer by ``Referrers.group`` and ``page_of``,
each page's section, categories, channels by ``SiteMap.page``; those answers go into small
mapping tables that the line table is joined with. Only the order of ``Tally.add``'s
decisions (garbage request, feed fetch, bot, error, redirect, not GET, view / box / download) is written
again below, as one ``CASE``. The result is a ``Tally``, so ``build_report`` makes the same
report from it. Visitors are hashes of address and agent with a salt made for this run only
(an in-memory database: nothing is stored). Not available here: the line numbers of the
first malformed lines, late lines (DuckDB sees every day at once, so none are late) and the
bound on free-form keys. Optional: ``pip install 'microsite[duckdb]'``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .count import DAY, VN_OFFSET, Tally
from .referrers import Group, page_of
from .sitemap import Kind, classify_target

COMBINED_RE = (r'^(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) \S+ '
               r'"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"')

# What one line counts as: Tally.add's decisions in its order.
FATE = f"""CASE
    WHEN NOT h.whole THEN 'garbage'
    WHEN t.kind IN ('{Kind.FEED.value}', '{Kind.NINJS.value}') AND h.status BETWEEN 200 AND 399 THEN 'fetch'
    WHEN a.bot THEN 'bot'
    WHEN h.status = 410 AND t.gone THEN 'withdrawn'
    WHEN h.status >= 400 THEN 'error'
    WHEN h.status BETWEEN 300 AND 399 AND h.status <> 304 THEN 'redirect'
    WHEN h.method <> 'GET' THEN 'not_get'
    WHEN t.kind = '{Kind.PAGE.value}' THEN 'view'
    WHEN t.kind = '{Kind.BOX.value}' THEN 'box'
    WHEN t.kind <> '{Kind.OTHER.value}' THEN 'download'
    ELSE 'other' END"""


def _b(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _table(con: Any, name: str, columns: dict[str, str], rows: list[tuple[Any, ...]]) -> None:
    """A mapping table from Python answers, loaded column-wise (one statement, not one per row)."""
    cols = ", ".join(f"{c} {t}" for c, t in columns.items())
    con.execute(f"CREATE TEMP TABLE {name} ({cols})")
    if rows:
        values = [list(col) for col in zip(*rows, strict=True)]
        sel = ", ".join(f"unnest(?::{t}[])" for t in columns.values())
        con.execute(f"INSERT INTO {name} SELECT {sel}", values)


def duck_tally(logs: list[Path], tally: Tally, threads: int | None = None) -> Tally:
    """Count the combined-format ``logs`` into ``tally`` (its site, referrers, period) by DuckDB:
    what ``stream.count_logs`` counts, for ``build_report``."""
    import duckdb

    first = tally.first_day if tally.first_day is not None else -(1 << 30)
    last = tally.last_day if tally.last_day is not None else 1 << 30
    con = duckdb.connect(":memory:", config={"threads": threads or os.cpu_count() or 1})
    try:
        _read(con, [str(p) for p in logs])
        _map(con, tally)
        _count(con, tally, first, last, os.urandom(16).hex())
        return tally
    finally:
        con.close()


def _read(con: Any, files: list[str]) -> None:
    con.execute("""
        CREATE TEMP TABLE raw AS
        SELECT regexp_extract(line, ?, ['addr', 'time', 'request', 'status', 'referer', 'agent']) AS f
        FROM read_csv(?, columns = {'line': 'VARCHAR'}, delim = '\x01', quote = '', escape = '',
                      header = false, auto_detect = false, compression = 'auto', null_padding = true)
        WHERE trim(coalesce(line, '')) <> ''""", [COMBINED_RE, files])
    con.execute(f"""
        CREATE TEMP TABLE hits AS
        SELECT f.addr AS addr, split_part(f.request, ' ', 1) AS method, split_part(f.request, ' ', 2) AS target,
               len(string_split(f.request, ' ')) >= 2 AS whole, TRY_CAST(f.status AS INTEGER) AS status,
               f.referer AS referer, f.agent AS agent,
               CAST(floor((epoch(try_strptime(f.time, '%d/%b/%Y:%H:%M:%S %z')) + {VN_OFFSET}) / {DAY})
                    AS INTEGER) AS day
        FROM raw WHERE f.addr <> ''""")


def _distinct(con: Any, column: str) -> list[str]:
    return [row[0] for row in con.execute(f"SELECT DISTINCT {column} FROM hits WHERE day IS NOT NULL").fetchall()]


def _map(con: Any, tally: Tally) -> None:
    """The streaming engine's own answers for each distinct agent, target, referrer and page."""
    site = tally.site
    _table(con, "agents", {"agent": "VARCHAR", "bot": "BOOLEAN"},
           [(a, bool(tally.is_bot(_b(a)))) for a in _distinct(con, "agent")])
    targets = []
    for target in _distinct(con, "target"):
        kind, path, detail = classify_target(_b(target))
        targets.append((target, kind.value, path, detail, path in site.withdrawn))
    _table(con, "targets", {"target": "VARCHAR", "kind": "VARCHAR", "path": "VARCHAR", "detail": "VARCHAR",
                            "gone": "BOOLEAN"}, targets)
    refs = []
    for referer in _distinct(con, "referer"):
        group, name = tally.referrers.group(_b(referer))
        refs.append((referer, group, name, page_of(_b(referer)) or Group.DIRECT))
    _table(con, "refs", {"referer": "VARCHAR", "grp": "VARCHAR", "name": "VARCHAR", "page": "VARCHAR"}, refs)
    dims = []
    for path in {t[2] for t in targets if t[1] == Kind.PAGE.value}:
        info = site.page(path)
        dims.append((path, "section", info.section))
        dims += [(path, "category", c) for c in info.categories]
        dims += [(path, "channel", k) for k in info.channels]
        if info.resolution:
            dims.append((path, "resolution", site.resolution))
    _table(con, "dims", {"path": "VARCHAR", "dim": "VARCHAR", "name": "VARCHAR"}, dims)


def _count(con: Any, tally: Tally, first: int, last: int, salt: str) -> None:
    def rows(sql: str, params: list[Any] | None = None) -> list[Any]:
        return con.execute(sql, params or []).fetchall()

    [(lines, malformed, outside)] = rows("""
        SELECT (SELECT count(*) FROM raw), (SELECT count(*) FROM raw WHERE f.addr = '')
               + (SELECT count(*) FROM hits WHERE day IS NULL),
               (SELECT count(*) FROM hits WHERE day NOT BETWEEN ? AND ?)""", [first, last])
    tally.lines, tally.malformed.count, tally.outside = int(lines), int(malformed), int(outside)
    tally.days_seen = {d for (d,) in rows("SELECT DISTINCT day FROM hits WHERE day BETWEEN ? AND ?", [first, last])}
    con.execute(f"""
        CREATE TEMP TABLE lines AS
        SELECT {FATE} AS fate, h.day AS day, h.status AS status, h.agent AS agent, t.kind AS kind, t.path AS path,
               t.detail AS detail, r.grp AS grp, r.name AS name, r.page AS page,
               md5(? || h.day || h.addr || chr(0) || h.agent) AS visitor
        FROM hits h JOIN agents a USING (agent) JOIN targets t USING (target) JOIN refs r USING (referer)
        WHERE h.day BETWEEN ? AND ?""", [salt, first, last])
    con.execute("DROP TABLE hits; DROP TABLE raw")  # DuckDB's memory: one table of lines at a time
    for status, n in rows("SELECT status, count(*) FROM lines WHERE fate = 'garbage' GROUP BY ALL"):
        if status >= 400:  # a garbage request line the server refused
            tally.errors[status] += n
        else:
            tally.malformed.count += n
    fates = dict(rows("SELECT fate, count(*) FROM lines GROUP BY fate"))
    tally.bots, tally.redirects, tally.not_get = (int(fates.get(k, 0)) for k in ("bot", "redirect", "not_get"))
    tally.bot_agents = {_b(a) for (a,) in rows("SELECT DISTINCT agent FROM lines WHERE fate = 'bot' LIMIT 10000")}
    for status, path, n in rows("SELECT status, path, count(*) FROM lines WHERE fate = 'error' GROUP BY ALL"):
        tally.errors[status] += n
        tally.error_paths[(status, path)] = n
    tally.withdrawn.update(dict(rows("SELECT path, count(*) FROM lines WHERE fate = 'withdrawn' GROUP BY ALL")))
    for kind, path, n, readers in rows("""
            SELECT kind, path, sum(n), sum(v) FROM (SELECT day, kind, path, count(*) AS n,
                count(DISTINCT visitor) AS v FROM lines WHERE fate = 'fetch' GROUP BY ALL) GROUP BY ALL"""):
        tally.fetches[(kind, path)], tally.readers[(kind, path)] = int(n), int(readers)
    for path, n, visitors in rows("""
            SELECT path, sum(n), sum(v) FROM (SELECT day, path, count(*) AS n, count(DISTINCT visitor) AS v
                FROM lines WHERE fate = 'view' GROUP BY ALL) GROUP BY ALL"""):
        tally.views[path], tally.uniques[path] = int(n), int(visitors)
    for day, n, visitors in rows(
            "SELECT day, count(*), count(DISTINCT visitor) FROM lines WHERE fate = 'view' GROUP BY ALL"):
        tally.day_views[day], tally.day_uniques[day] = n, visitors
    for dim, name, visitors in rows("""
            SELECT dim, name, sum(v) FROM (SELECT day, d.dim AS dim, d.name AS name,
                count(DISTINCT visitor) AS v FROM lines JOIN dims d USING (path) WHERE fate = 'view' GROUP BY ALL)
            GROUP BY ALL"""):
        tally.group_uniques[(dim, name)] = int(visitors)
    for grp, name, path, n in rows(
            "SELECT grp, name, path, count(*) FROM lines WHERE fate = 'view' AND grp <> '' GROUP BY ALL"):
        tally.entries[(grp, name)] += n
        tally.entry_pages[(grp, name, path)] = n
    for path, page, n in rows("SELECT path, page, count(*) FROM lines WHERE fate = 'box' GROUP BY ALL"):
        tally.boxes[(path, page)] = n
    for kind, path, detail, n in rows(
            "SELECT kind, path, detail, count(*) FROM lines WHERE fate = 'download' GROUP BY ALL"):
        tally.downloads[(kind, path, detail)] = n
