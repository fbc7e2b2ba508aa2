"""Read the logs in one pass, day by day across every file, plain or gzip, in any order.

Each file is time-ordered (a server appends as it goes); several servers and rotated files
are merged by day: files are taken in order of their first line's time, and every file
open at a time is read up to the end of the same day before the day after is started. So
the visitor sets of only two or three days are ever in memory. A file whose first lines are
not in the expected format is refused, naming the file and the format.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from isal import igzip
from isal.isal_zlib import error as IsalError

from .count import DAY, VN_OFFSET, Tally
from .logformat import LogFormat

MONTHS = {m.encode(): i for i, m in enumerate(calendar.month_abbr) if m}
PROBE_LINES = 50  # a file none of whose first lines match is in another format
# A gzip file cut short (compressed while written, copied half-way) or not gzip after all
DAMAGE: tuple[type[BaseException], ...] = (OSError, EOFError, cast("type[BaseException]", IsalError))


class ReachError(ValueError):
    """Input the report cannot be made from (Vietnamese message)."""


def open_log(path: Path) -> BinaryIO:
    with path.open("rb") as head:
        gz = head.read(2) == b"\x1f\x8b"
    return igzip.open(path, "rb") if gz else path.open("rb", buffering=1 << 20)


class Clock:
    """``10/Oct/2023:13:55:36 +0700`` -> seconds since 1970 (UTC); the date part memoised."""

    def __init__(self) -> None:
        self.memo: dict[bytes, int] = {}

    def epoch(self, text: bytes) -> int:
        key = text[:12] + text[20:]  # "10/Oct/2023:" + " +0700"
        base = self.memo.get(key)
        if base is None:
            if len(self.memo) > 20_000:
                self.memo.clear()
            base = self.memo[key] = _midnight(text)
        if text[14:15] != b":" or text[17:18] != b":":
            raise ValueError(text)
        return base + int(text[12:14]) * 3600 + int(text[15:17]) * 60 + int(text[18:20])


def _midnight(text: bytes) -> int:
    """The UTC second of the line's local midnight. Raises ValueError (or KeyError) on anything
    but the common log time."""
    if len(text) != 26 or text[2:3] != b"/" or text[6:7] != b"/" or text[11:12] != b":" or text[20:21] != b" ":
        raise ValueError(text)
    tz = text[21:26]
    offset = int(tz[1:3]) * 3600 + int(tz[3:5]) * 60
    if tz[:1] == b"-":
        offset = -offset
    elif tz[:1] != b"+":
        raise ValueError(text)
    return calendar.timegm((int(text[7:11]), MONTHS[text[3:6]], int(text[0:2]), 0, 0, 0)) - offset


@dataclass
class Stream:
    """One log file read forward; ``held`` is the first line of a day not yet due."""

    path: Path
    shown: str
    fmt: LogFormat
    clock: Clock
    first_day: int = 0
    handle: BinaryIO | None = None
    lines: Iterator[bytes] | None = None
    number: int = 0
    held: tuple[int, tuple[bytes, ...]] | None = None
    done: bool = False
    damaged: bool = False

    def probe(self) -> None:
        """The first well-formed line's day; a file without one in its first lines is refused."""
        seen = 0
        try:
            with open_log(self.path) as handle:
                for raw in handle:
                    if not raw.strip():
                        continue
                    seen += 1
                    found = self.fmt.fields(raw)
                    if found is not None:
                        try:
                            self.first_day = (self.clock.epoch(found[1]) + VN_OFFSET) // DAY
                            return
                        except (ValueError, KeyError):
                            pass
                    if seen >= PROBE_LINES:
                        break
        except DAMAGE:
            self.damaged = True
        if seen == 0 or self.damaged:
            self.done = True  # an empty file: nothing to count
            return
        raise ReachError(f"{self.shown}: tệp nhật ký không đúng định dạng; không đọc được dòng nào trong "
                         f"{seen} dòng đầu. Định dạng cần có: {self.fmt.label}. Nếu máy chủ ghi định dạng khác, "
                         "khai báo bằng --dinh-dang (chuỗi log_format của nginx hoặc LogFormat của Apache).")

    def run_until(self, last_day: int, tally: Tally) -> None:
        """Count every line up to the end of ``last_day`` (Vietnam time); hold the next day's."""
        if self.done:
            return
        if self.handle is None:
            self.handle = open_log(self.path)
            self.lines = iter(self.handle)
        if self.held is not None:
            day, fields = self.held
            if day > last_day:
                return
            self.held = None
            self._count(day, fields, tally)
        try:
            self._read(last_day, tally, self.number)
        except DAMAGE:
            tally.damaged.append((self.shown, self.number + 1))
            self.close()

    def _read(self, last_day: int, tally: Tally, number: int) -> None:
        split, epoch = self.fmt.fields, self.clock.epoch
        first = tally.first_day if tally.first_day is not None else -(1 << 62)
        last = tally.last_day if tally.last_day is not None else 1 << 62
        add = tally.add
        malformed = tally.malformed
        assert self.lines is not None
        for raw in self.lines:
            self.number = number = number + 1
            found = split(raw)
            if found is None:
                if raw.strip():
                    tally.lines += 1
                    malformed.add(self.shown, number)
                continue
            tally.lines += 1
            try:
                day = (epoch(found[1]) + VN_OFFSET) // DAY
            except (ValueError, KeyError):
                malformed.add(self.shown, number)
                continue
            fields = found
            if day > last_day:
                self.held = (day, fields)
                self.number = number
                return
            if day < first or day > last:
                tally.outside += 1
            elif not add(day, *fields):
                malformed.add(self.shown, number)
        self.number = number
        self.close()

    def _count(self, day: int, fields: tuple[bytes, ...], tally: Tally) -> None:
        if not tally.in_period(day):
            tally.outside += 1
        elif not tally.add(day, *fields):
            tally.malformed.add(self.shown, self.number)

    def close(self) -> None:
        """Closed and forgotten: a gzip reader keeps its buffers while anything refers to it."""
        self.done = True
        self.lines = None
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def count_logs(paths: list[Path], fmt: LogFormat, tally: Tally, shown: dict[Path, str] | None = None) -> Tally:
    """Every line of every file counted into ``tally``, day by day."""
    clock = Clock()
    streams: list[Stream] = []
    for path in paths:
        if not path.is_file():
            raise ReachError(f"{path}: không tìm thấy tệp nhật ký.")
        if not os.access(path, os.R_OK):
            raise ReachError(f"{path}: không có quyền đọc tệp nhật ký (trên máy chủ: thêm người dùng chạy lệnh "
                             "vào nhóm adm, ví dụ usermod -aG adm microsite).")
        stream = Stream(path, (shown or {}).get(path, str(path)), fmt, clock)
        stream.probe()
        if stream.damaged:
            tally.damaged.append((stream.shown, 1))
        elif not stream.done:
            streams.append(stream)
    pending = sorted(streams, key=lambda s: s.first_day)
    del streams  # a finished file is dropped from both lists, and so freed
    active: list[Stream] = []
    day = pending[0].first_day if pending else 0
    while pending or active:
        while pending and pending[0].first_day <= day:
            active.append(pending.pop(0))
        for stream in active:
            stream.run_until(day, tally)
        active = [s for s in active if not s.done]
        tally.close_before(day - 1)  # one day's grace for lines a little out of order
        upcoming = [s.held[0] for s in active if s.held is not None] + [s.first_day for s in pending[:1]]
        if not upcoming:
            break
        day = max(day + 1, min(upcoming))
    tally.close_all()
    return tally
