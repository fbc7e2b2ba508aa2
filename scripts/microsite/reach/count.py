"""The counts of one pass over the logs: views, daily unique visitors, entries, downloads.

A visitor is a hash of address and user agent keyed by a random salt made for that day
and dropped as soon as the day is counted: the same reader on two days is two daily
visitors, and nothing kept can be traced back to an address. Lines come day by day
(``stream.py`` merges the files), so only the open days' visitor sets are in memory:
memory grows with one day's readers, never with the number of lines.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from hashlib import blake2b

from crawleruseragents import is_crawler

from .referrers import Group, Referrers, page_of
from .sitemap import Kind, SiteMap

DAY = 86_400
VN_OFFSET = 7 * 3600  # Vietnam time, UTC+7, no daylight saving
SAMPLE_LINES = 5  # malformed lines named in the report
PREFETCH = (b"prefetch", b"prerender")
DISTINCT = 20_000  # keys kept per table of free-form values (referrer hosts, partner pages, error paths)
OTHERS = "(các mục khác)"


@dataclass
class Malformed:
    count: int = 0
    first: list[tuple[str, int]] = field(default_factory=list)  # (file, line)

    def add(self, name: str, line: int) -> None:
        self.count += 1
        if len(self.first) < SAMPLE_LINES:
            self.first.append((name, line))


@dataclass
class Tally:
    """Everything counted; the day sets are emptied as days close."""

    site: SiteMap
    referrers: Referrers
    first_day: int | None = None  # period, Vietnam days since 1970-01-01, inclusive
    last_day: int | None = None
    lines: int = 0
    malformed: Malformed = field(default_factory=Malformed)
    damaged: list[tuple[str, int]] = field(default_factory=list)  # gzip cut short: (file, line read up to)
    outside: int = 0  # lines outside the period
    bots: int = 0
    bot_agents: set[bytes] = field(default_factory=set)
    prefetches: int = 0
    not_get: int = 0  # HEAD, POST ... (monitoring, forms)
    redirects: int = 0
    errors: Counter[int] = field(default_factory=Counter)  # status -> requests
    error_paths: Counter[tuple[int, str]] = field(default_factory=Counter)
    withdrawn: Counter[str] = field(default_factory=Counter)  # 410 at a withdrawn article's path
    late: int = 0  # lines of a day already closed (views counted, visitors not)
    views: Counter[str] = field(default_factory=Counter)
    uniques: Counter[str] = field(default_factory=Counter)  # path -> sum of daily uniques
    group_uniques: Counter[tuple[str, str]] = field(default_factory=Counter)  # (dimension, name)
    day_views: Counter[int] = field(default_factory=Counter)
    day_uniques: Counter[int] = field(default_factory=Counter)
    entries: Counter[tuple[str, str]] = field(default_factory=Counter)  # (group, name) -> views
    entry_pages: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    boxes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (box path, partner page)
    fetches: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, path)
    readers: Counter[tuple[str, str]] = field(default_factory=Counter)  # sum of daily distinct readers
    downloads: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (kind, path, rendition)
    days_seen: set[int] = field(default_factory=set)
    _open: dict[int, tuple[bytes, set[tuple[bytes, str]], set[tuple[bytes, str, str]]]] = field(
        default_factory=dict, repr=False)
    _closed: set[int] = field(default_factory=set, repr=False)
    _bot_memo: dict[bytes, bool] = field(default_factory=dict, repr=False)

    def in_period(self, day: int) -> bool:
        return ((self.first_day is None or day >= self.first_day)
                and (self.last_day is None or day <= self.last_day))

    def is_bot(self, agent: bytes) -> bool:
        found = self._bot_memo.get(agent)
        if found is None:
            if len(self._bot_memo) > 50_000:
                self._bot_memo.clear()
            text = agent.decode("utf-8", "replace")
            found = self._bot_memo[agent] = not text.strip() or text == "-" or is_crawler(text)
        return found

    def _day(self, day: int) -> tuple[bytes, set[tuple[bytes, str]], set[tuple[bytes, str, str]]]:
        found = self._open.get(day)
        if found is None:
            found = self._open[day] = (os.urandom(16), set(), set())
            self.days_seen.add(day)
        return found

    def add(self, day: int, addr: bytes, _time: bytes, request: bytes, status_text: bytes,
            referer: bytes, agent: bytes, purpose: bytes) -> bool:
        """Count one well-formed line already known to be in the period; False: malformed."""
        parts = request.split(b" ")
        try:
            status = int(status_text)
        except ValueError:
            return False
        if len(parts) < 2:
            if status >= 400:  # a garbage request line the server refused
                self.errors[status] += 1
                return True
            return False
        # the memos are read here first: this runs once per line
        found = self.site._memo.get(parts[1])
        kind, path, detail = found if found is not None else self.site.classify(parts[1])
        closed = day in self._closed
        if (kind is Kind.FEED or kind is Kind.NINJS) and 200 <= status < 400:  # programs read them: any agent
            self.fetches[(kind.value, path)] += 1
            if closed:
                self.late += 1
            else:
                salt, _, readers = self._day(day)
                readers.add((_visitor(salt, addr, agent), kind.value, path))
            return True
        bot = self._bot_memo.get(agent)
        if bot is None:
            bot = self.is_bot(agent)
        if bot:
            self.bots += 1
            if len(self.bot_agents) < 10_000:
                self.bot_agents.add(agent)
            return True
        if status >= 400:
            if status == 410 and path in self.site.withdrawn:
                self.withdrawn[path] += 1
            else:
                self.errors[status] += 1
                _bump(self.error_paths, (status, path), (status, OTHERS))
            return True
        if 300 <= status < 400 and status != 304:
            self.redirects += 1
            return True
        if parts[0] != b"GET":
            self.not_get += 1
            return True
        if purpose and any(p in purpose.lower() for p in PREFETCH):
            self.prefetches += 1
            return True
        if kind is Kind.PAGE:
            self.views[path] += 1
            self.day_views[day] += 1
            group, name = self.referrers.group(referer)
            if group:
                if group == Group.OTHER:  # any host at all: bounded
                    _bump(self.entries, (group, name), (group, OTHERS))
                    _bump(self.entry_pages, (group, name, path), (group, OTHERS, OTHERS))
                else:  # the configured channels and partners, the closed lists
                    self.entries[(group, name)] += 1
                    self.entry_pages[(group, name, path)] += 1
            if closed:
                self.late += 1
            else:
                salt, pairs, _ = self._open.get(day) or self._day(day)
                pairs.add((blake2b(addr + b"\0" + agent, key=salt, digest_size=8).digest(), path))
        elif kind is Kind.BOX:
            _bump(self.boxes, (path, page_of(referer) or Group.DIRECT), (path, OTHERS))
        elif kind is not Kind.OTHER:
            self.downloads[(kind.value, path, detail)] += 1
        return True

    def close_before(self, day: int) -> None:
        """Count and forget the visitors of every open day before ``day`` (its salt too)."""
        for old in sorted(d for d in self._open if d < day):
            self._close(old)

    def close_all(self) -> None:
        self.close_before(1 << 62)

    def _close(self, day: int) -> None:
        _, pairs, readers = self._open.pop(day)
        self._closed.add(day)
        self.day_uniques[day] = len({v for v, _ in pairs})
        groups: set[tuple[bytes, str, str]] = set()
        for visitor, path in pairs:
            self.uniques[path] += 1
            info = self.site.page(path)
            groups.add((visitor, "section", info.section))
            for cat in info.categories:
                groups.add((visitor, "category", cat))
            for key in info.channels:
                groups.add((visitor, "channel", key))
            if info.resolution:
                groups.add((visitor, "resolution", self.site.resolution))
        for _, dimension, name in groups:
            self.group_uniques[(dimension, name)] += 1
        for _, kind, path in readers:
            self.readers[(kind, path)] += 1


def _bump(counter: Counter[Any], key: Any, overflow: Any) -> None:
    """Count ``key``; past ``DISTINCT`` keys a new one counts under ``overflow`` (spam referrers
    and scanners' paths are endless: memory must not grow with the lines)."""
    if key in counter or len(counter) < DISTINCT:
        counter[key] += 1
    else:
        counter[overflow] += 1


def _visitor(salt: bytes, addr: bytes, agent: bytes) -> bytes:
    return blake2b(addr + b"\0" + agent, key=salt, digest_size=8).digest()


def group_views(site: SiteMap, views: Counter[str]) -> dict[tuple[str, str], int]:
    """Views per section, category, channel and the resolution section, from views per path."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    for path, n in views.items():
        info = site.page(path)
        out[("section", info.section)] += n
        for cat in info.categories:
            out[("category", cat)] += n
        for key in info.channels:
            out[("channel", key)] += n
        if info.resolution:
            out[("resolution", site.resolution)] += n
    return out
