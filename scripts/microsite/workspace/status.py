"""What the admin page shows beside the CMS: the last check's result and the appraisal queue.

The preview server records each build's outcome in a :class:`WorkspaceStatus`; the admin
page polls its JSON (``/_workspace/status.json``) and shows a banner naming the files
with errors and the articles waiting for appraisal (what ``microsite status`` lists).
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..content.model import Article, Status
from ..content.problems import Problem, Report
from ..text.press import datetime_line


@dataclass(frozen=True)
class Snapshot:
    """One build's outcome, as plain data for JSON."""

    ok: bool = True
    building: bool = False
    report: str = ""  # Report.format(): the same text as `microsite check`
    errors: tuple[dict[str, Any], ...] = ()
    waiting: tuple[dict[str, Any], ...] = ()
    version: int = 0
    finished: float = 0.0  # time.time() of the last finished build

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def problem_json(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "field": problem.field, "label": problem.label,
            "message": problem.message, "hint": problem.hint}


def waiting_json(articles: list[Article]) -> tuple[dict[str, Any], ...]:
    """Articles in review, oldest first: the appraisal queue."""
    queue = sorted((a for a in articles if a.status is Status.REVIEW), key=lambda a: a.date)
    return tuple({"title": a.title, "file": a.rel_path, "date": datetime_line(a.date)} for a in queue)


@dataclass
class WorkspaceStatus:
    """Thread-safe holder: the build loop writes, request threads read."""

    _snapshot: Snapshot = field(default_factory=Snapshot)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def building(self) -> None:
        with self._lock:
            self._snapshot = Snapshot(**{**asdict(self._snapshot), "building": True})

    def finished(self, report: Report | None, articles: list[Article], failure: str = "") -> None:
        """Record a build: ``report`` is the content check's (None when the build failed
        before it), ``failure`` the message of a build that stopped for another reason."""
        errors = tuple(problem_json(p) for p in report.errors) if report else ()
        text = report.format() if report and not report.ok else failure
        with self._lock:
            self._snapshot = Snapshot(ok=not text, report=text, errors=errors, waiting=waiting_json(articles),
                                      version=self._snapshot.version + 1, finished=time.time())

    @property
    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot
