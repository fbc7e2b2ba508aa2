"""One loop, two processes: this one takes items from the front, a forked child from the back.

A site engine renders its pages in one loop, on one core, and every page needs the
whole in-memory site (navigation, every other page's title and URL). A forked child
has all of it for free, so it can render pages too, as long as it reports back what
the parent needs afterwards. The two processes claim items under a shared lock, the
parent from the front and the child from the back, and meet wherever the work leads
them: neither waits for the other, whichever part of the loop is slower.

The child never returns into the caller's code: when no item is left it sends one
message (its result and the log records it held back) and leaves with ``os._exit``,
skipping every exit handler it inherited. If it fails or dies, the parent learns
which items the child had taken and does them itself, so the loop still completes.

Fork copies the parent's threads' locks but not the threads; this is only used where
the child touches nothing but the loop's own objects, and only on Linux (``usable``).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .background import chunks

_SUCCESS, _FAILURE = "ok", "error"


def usable() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def single_threaded() -> bool:
    """Forking is safe here: no other thread holds a lock the child would inherit locked
    (``microsite serve`` runs a server thread; a plain build runs one thread)."""
    return usable() and threading.active_count() == 1


class _HoldBack(logging.Filter):
    """In the child: keep log records for the parent instead of printing them twice."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict[str, Any]] = []
        self._seen: set[int] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if id(record) not in self._seen:
            self._seen.add(id(record))
            self.records.append({"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                                 "msg": record.getMessage(), "args": None, "pathname": record.pathname,
                                 "lineno": record.lineno, "funcName": record.funcName})
        return False


def _hold_back_logs() -> _HoldBack:
    hold = _HoldBack()
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            handler.addFilter(hold)
    return hold


@dataclass
class ForkedLoop:
    """Shares the items ``0 .. count-1`` of a loop with one forked child."""

    count: int
    _lock: Any = None
    _front: Any = None  # next item the parent takes
    _back: Any = None   # lowest item the child has taken
    _pid: int = 0
    _read: int = -1
    started: bool = False
    child_items: list[int] = field(default_factory=list)

    def start(self, work: Callable[[int], None], result: Callable[[], Any],
              child_setup: Callable[[], None] = lambda: None, reserved: int = 0) -> bool:
        """Fork; the child runs ``work(i)`` for the items it claims, then sends ``result()``.
        The first ``reserved`` items are the parent's whatever happens."""
        ctx = multiprocessing.get_context("fork")
        self._lock = ctx.Lock()
        self._front, self._back = ctx.RawValue("i", reserved), ctx.RawValue("i", self.count)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            self._child(write, work, result, child_setup)
        os.close(write)
        self._pid, self._read, self.started = pid, read, True
        return True

    @property
    def claimed_by_child(self) -> int:
        """How many items the child has taken so far."""
        return self.count - self._back.value if self._back is not None else 0

    def take(self, index: int) -> bool:
        """Parent: claim item ``index`` (items come in order); False when the child has it."""
        if not self.started:
            return True
        with self._lock:
            if index < self._back.value:
                self._front.value = index + 1
                return True
            return False

    def _claim_back(self) -> int | None:
        with self._lock:
            if self._back.value - 1 >= self._front.value:
                self._back.value -= 1
                return self._back.value
            return None

    def _child(self, write: int, work: Callable[[int], None], result: Callable[[], Any],
               child_setup: Callable[[], None]) -> None:
        status = 1
        try:
            hold = _hold_back_logs()
            message: tuple[str, Any, list[dict[str, Any]]]
            try:
                child_setup()
                while (index := self._claim_back()) is not None:
                    work(index)
                message = (_SUCCESS, result(), hold.records)
                status = 0
            except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises
                message = (_FAILURE, "".join(traceback.format_exception(error)), hold.records)
            data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(status)

    def abandon(self) -> None:
        """Parent, when the build failed: stop the child and reap it."""
        if not self.started:
            return
        self.started = False
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        os.waitpid(self._pid, 0)
        os.close(self._read)

    def finish(self, replay_logs: bool = True) -> tuple[Any, str | None, list[int]]:
        """Parent: wait for the child. Returns (its result, its error, items to do here).

        With a result, the last list is empty; after a failure or a crash it holds every
        item the child had taken, for the parent to do again. The child's log records are
        logged here unless ``replay_logs`` is off (when the parent repeats the work that
        logs)."""
        if not self.started:
            return None, None, []
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        self.started = False
        taken = list(range(self._back.value, self.count))
        try:
            status, payload, records = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a child killed mid-write sends nothing usable
            return None, "tiến trình phụ dừng giữa chừng", taken
        if status != _SUCCESS:  # the parent does these items again and logs what they log
            return None, payload, taken
        for record in records if replay_logs else ():
            logging.getLogger(record["name"]).handle(logging.makeLogRecord(record))
        self.child_items = taken
        return payload, None, []


def run_tasks(tasks: Sequence[Callable[[], None]], allowed: bool = True) -> None:
    """Run ``tasks[0]`` here and the others in a forked child; a task the child has not begun
    when this process is free runs here, and so does any task of a child that failed."""
    map_chunks(lambda part: part[0](), tasks, chunk_size=1, allowed=allowed)


def map_chunks(fn: Callable[[list[Any]], Any], items: Sequence[Any], chunk_size: int,
               allowed: bool = True) -> list[Any]:
    """``[fn(chunk) for chunk in chunks of items]``, this process from the front and a forked
    child from the back. Unlike a spawned worker, the child starts at once with everything
    this process has loaded, and the items are never pickled; only results come back."""
    parts = chunks(items, chunk_size)
    if not allowed or len(parts) < 2 or not usable():
        return [fn(part) for part in parts]
    done: dict[int, Any] = {}

    def work(index: int) -> None:
        done[index] = fn(parts[index])

    loop = ForkedLoop(len(parts))
    loop.start(work, lambda: done, reserved=1)
    try:
        for index in range(len(parts)):
            if loop.take(index):
                work(index)
    except BaseException:
        loop.abandon()
        raise
    from_child, _, redo = loop.finish()
    done.update(from_child or {})
    for index in redo:
        work(index)
    return [done[index] for index in range(len(parts))]
