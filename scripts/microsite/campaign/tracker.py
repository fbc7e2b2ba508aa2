"""Progress of the communication plan: dated snapshots of indicators from data files.

Each file in ``docs/_data/tien-do/`` is one snapshot: the figures as of one hour,
with their source. Several snapshots make a trend. Impossible figures (done above
total, negatives, counts that do not add up, an "as of" time still to come) are
errors: a tracker that shows them would misinform the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..content.datafile import DataFile, read_data_file, validator
from ..content.dates import DATE_HINT, parse_datetime
from ..content.problems import Problem

TRACKER_DIR = "tien-do"  # docs/_data/<this>/: one file per progress snapshot

TASK_STATUS_LABELS = {
    "hoan-thanh": "Hoàn thành",
    "dang-thuc-hien": "Đang thực hiện",
    "chua-bat-dau": "Chưa bắt đầu",
}


@dataclass(frozen=True)
class TaskGroup:
    """Tasks sharing a status: one named task, or ``count`` tasks nobody has named yet."""

    status: str
    count: int = 1
    name: str | None = None
    owner: str | None = None

    @property
    def status_label(self) -> str:
        return TASK_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    total: int
    done: int | None = None  # None: a plain count (e.g. thematic reports assigned)
    done_label: str | None = None
    note: str | None = None
    tasks: tuple[TaskGroup, ...] = ()

    @property
    def ratio(self) -> float | None:
        if self.done is None or self.total <= 0:
            return None
        return self.done / self.total


@dataclass(frozen=True)
class Snapshot:
    as_of: datetime
    source: str
    indicators: tuple[Indicator, ...]
    file: str
    plan: str | None = None
    as_of_line: int | None = None  # for problems found across files

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)


def _indicator(raw: dict[str, Any]) -> Indicator:
    tasks = tuple(TaskGroup(t["status"], t.get("count", 1), t.get("name"), t.get("owner"))
                  for t in raw.get("tasks", []))
    return Indicator(raw["key"], raw["label"].strip(), raw["total"], raw.get("done"),
                     raw.get("done_label"), raw.get("note"), tasks)


def _indicator_problems(doc: DataFile, i: int, ind: Indicator) -> list[Problem]:
    at = ("indicators", i)
    out: list[Problem] = []
    if ind.total < 0:
        out.append(doc.problem(at + ("total",), f"Tổng số không được âm ({ind.total}).", "Ghi số từ 0 trở lên."))
    if ind.done is not None and ind.done < 0:
        out.append(doc.problem(at + ("done",), f"Số đã thực hiện không được âm ({ind.done}).", "Ghi số từ 0 trở lên."))
    if ind.done is not None and ind.done > ind.total:
        out.append(doc.problem(at + ("done",), f"Số đã thực hiện ({ind.done}) lớn hơn tổng số ({ind.total}).",
                               "Kiểm tra lại số liệu gốc: done phải nhỏ hơn hoặc bằng total."))
    if not ind.tasks:
        return out
    for j, task in enumerate(ind.tasks):
        if task.count < 1:
            out.append(doc.problem(at + ("tasks", j, "count"), f"Số nhiệm vụ phải từ 1 trở lên ({task.count}).",
                                   "Xoá dòng này nếu không có nhiệm vụ nào ở trạng thái đó."))
    counted = sum(t.count for t in ind.tasks)
    if counted != ind.total:
        out.append(doc.problem(at + ("tasks",), f"Các nhóm nhiệm vụ cộng lại được {counted}, khác tổng số {ind.total}.",
                               "Sửa count của từng nhóm để tổng bằng total."))
    finished = sum(t.count for t in ind.tasks if t.status == "hoan-thanh")
    if ind.done is not None and finished != ind.done:
        out.append(doc.problem(at + ("tasks",), f"Có {finished} nhiệm vụ \"hoan-thanh\" nhưng done là {ind.done}.",
                               "Sửa để số nhiệm vụ hoàn thành bằng done."))
    return out


def _snapshot(doc: DataFile, now: datetime) -> tuple[Snapshot | None, list[Problem]]:
    data = doc.data
    problems: list[Problem] = []
    as_of = parse_datetime(str(data["as_of"]))
    if as_of is None:
        problems.append(doc.problem(("as_of",), f"Không đọc được thời điểm \"{data['as_of']}\".", DATE_HINT))
    elif as_of > now:
        problems.append(doc.problem(("as_of",), f"Thời điểm số liệu \"{data['as_of']}\" chưa đến.",
                                    "Số liệu chỉ có thể tính đến một thời điểm đã qua; kiểm tra năm, tháng, ngày."))
    indicators = tuple(_indicator(raw) for raw in data["indicators"])
    seen: set[str] = set()
    for i, ind in enumerate(indicators):
        problems += _indicator_problems(doc, i, ind)
        if ind.key in seen:
            problems.append(doc.problem(("indicators", i, "key"), f"Chỉ tiêu \"{ind.key}\" xuất hiện hai lần.",
                                        "Mỗi chỉ tiêu chỉ ghi một lần trong một tệp."))
        seen.add(ind.key)
    if problems or as_of is None:
        return None, problems
    return Snapshot(as_of, data["source"].strip(), indicators, doc.shown, data.get("plan"), doc.line_of("as_of")), []


def load_snapshots(folder: Path, shown_root: Path, now: datetime) -> tuple[list[Snapshot], list[Problem]]:
    """Every ``*.yml`` snapshot in ``folder``, oldest first, plus the problems found."""
    snapshots: list[Snapshot] = []
    problems: list[Problem] = []
    schema = validator(__package__, "tracker.schema.json")
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        shown = path.relative_to(shown_root).as_posix()
        doc, found = read_data_file(path, shown, schema)
        problems += found
        if doc is None:
            continue
        snap, found = _snapshot(doc, now)
        problems += found
        if snap:
            snapshots.append(snap)
    by_time: dict[datetime, Snapshot] = {}
    for snap in snapshots:
        if snap.as_of in by_time:
            problems.append(Problem(snap.file, f"Trùng thời điểm số liệu với {by_time[snap.as_of].file}.",
                                    snap.as_of_line, "as_of", "Gộp hai tệp hoặc sửa as_of cho đúng."))
        by_time[snap.as_of] = snap
    return sorted(snapshots, key=lambda s: s.as_of), problems
