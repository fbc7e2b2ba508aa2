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

Fork copies the parent's threads' locks but not the threads, so every fork of the package
goes through ``fork_child``, which refuses while another thread is alive (or while this
process serves a live preview, ``forbid_forks``) and leaves the work to this process.
A child gets ``time_limit`` seconds; then it is killed and its items are done here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import select
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

_SUCCESS, _FAILURE = "ok", "error"
ENV_CHILD_TIMEOUT = "MICROSITE_CHILD_TIMEOUT"  # seconds a forked child may take in all
BASE_SECONDS, SECONDS_PER_ITEM = 300.0, 2.0  # the default limit: generous, scaled from the work

log = logging.getLogger("microsite.processes")
T = TypeVar("T")
_forbidden: str | None = None  # why this process must not fork now (a live preview server)


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` in consecutive slices of at most ``size`` (order kept)."""
    size = max(1, size)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def usable() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def forbid_forks(reason: str) -> None:
    """From now on ``fork_child`` refuses (the plugin's ``on_startup`` in ``serve``: a preview
    server rebuilds beside its threads, and its first build runs before they start)."""
    global _forbidden
    _forbidden = reason


def allow_forks() -> None:
    global _forbidden
    _forbidden = None


def _other_threads() -> list[threading.Thread]:
    """The threads alive besides this one (the test suite leaves out its own servers')."""
    current = threading.current_thread()
    return [thread for thread in threading.enumerate() if thread is not current]


def single_threaded() -> bool:
    """``fork_child`` would fork now: no other thread holds a lock the child would inherit
    locked, and no preview server runs in this process."""
    return usable() and _forbidden is None and not _other_threads()


def fork_child(purpose: str) -> int | None:
    """The package's only ``os.fork``: the child's 0, the parent's child pid, or None (one log
    line) when forking is unsafe here, and the caller does the work in this process."""
    if not usable():
        return None
    if _forbidden is not None:
        log.debug("Không tách tiến trình (%s): %s; làm ở tiến trình chính.", purpose, _forbidden)
        return None
    others = _other_threads()
    if others:
        log.info("Không tách tiến trình (%s) khi còn luồng khác đang chạy (%s); làm ở tiến trình chính.",
                 purpose, ", ".join(thread.name for thread in others))
        return None
    return os.fork()


def time_limit(items: int) -> float:
    """Seconds a child doing ``items`` items may take from its fork before it is killed and
    its items are done by the parent (``MICROSITE_CHILD_TIMEOUT`` overrides the default)."""
    configured = os.environ.get(ENV_CHILD_TIMEOUT, "").strip()
    try:
        return max(0.0, float(configured))
    except ValueError:
        return BASE_SECONDS + SECONDS_PER_ITEM * items


def read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to the pipe ``fd`` until its writer closes it, or None when
    ``deadline`` (``time.monotonic``) comes first."""
    parts: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def kill(pid: int) -> None:
    """Kill and reap a child (it may have exited already)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


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
    _deadline: float = 0.0
    started: bool = False
    child_items: list[int] = field(default_factory=list)

    def start(self, work: Callable[[int], None], result: Callable[[], Any],
              child_setup: Callable[[], None] = lambda: None, reserved: int = 0,
              purpose: str = "vòng lặp chia đôi") -> bool:
        """Fork; the child runs ``work(i)`` for the items it claims, then sends ``result()``.
        The first ``reserved`` items are the parent's whatever happens. False, and no child,
        when ``fork_child`` refuses: then every item is the parent's."""
        ctx = multiprocessing.get_context("fork")
        self._lock = ctx.Lock()
        self._front, self._back = ctx.RawValue("i", reserved), ctx.RawValue("i", self.count)
        read, write = os.pipe()
        pid = fork_child(purpose)
        if pid is None:
            os.close(read)
            os.close(write)
            return False
        if pid == 0:  # the child: never returns
            os.close(read)
            self._child(write, work, result, child_setup)
        os.close(write)
        self._pid, self._read, self.started = pid, read, True
        self._deadline = time.monotonic() + time_limit(self.count - reserved)
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
        kill(self._pid)
        os.close(self._read)

    def finish(self, replay_logs: bool = True) -> tuple[Any, str | None, list[int]]:
        """Parent: wait for the child. Returns (its result, its error, items to do here).

        With a result, the last list is empty; after a failure or a crash it holds every
        item the child had taken, for the parent to do again (also when the child has not
        answered within its time limit: it is killed). The child's log records are logged
        here unless ``replay_logs`` is off (when the parent repeats the work that logs)."""
        if not self.started:
            return None, None, []
        data = read_until(self._read, self._deadline)
        os.close(self._read)
        self.started = False
        if data is None:
            kill(self._pid)
            log.warning("Tiến trình phụ quá thời gian cho phép; tiến trình chính làm lại phần việc của nó.")
            return None, "quá thời gian", list(range(self._back.value, self.count))
        os.waitpid(self._pid, 0)
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


def run_tasks(tasks: Sequence[Callable[[], None]], allowed: bool = True,
              stop: Callable[[], bool] = lambda: False) -> None:
    """Run ``tasks[0]`` here and the others in a forked child; a task the child has not begun
    when this process is free runs here, and so does any task of a child that failed.
    After each task run here, ``stop()`` true kills the child and drops the tasks left."""
    map_chunks(lambda part: part[0](), tasks, chunk_size=1, allowed=allowed, stop=stop)


def map_chunks(fn: Callable[[list[Any]], Any], items: Sequence[Any], chunk_size: int,
               allowed: bool = True, stop: Callable[[], bool] = lambda: False) -> list[Any]:
    """``[fn(chunk) for chunk in chunks of items]``, this process from the front and a forked
    child from the back. Unlike a spawned worker, the child starts at once with everything
    this process has loaded, and the items are never pickled; only results come back.
    ``stop()``, asked after each chunk done here: true ends the loop at once (the child is
    killed) and returns the results known so far."""
    parts = chunks(items, chunk_size)
    if not allowed or len(parts) < 2 or not usable():
        return _in_order(fn, parts, stop)
    done: dict[int, Any] = {}

    def work(index: int) -> None:
        done[index] = fn(parts[index])

    loop = ForkedLoop(len(parts))
    if not loop.start(work, lambda: done, reserved=1, purpose="chia việc"):
        return _in_order(fn, parts, stop)
    try:
        for index in range(len(parts)):
            if loop.take(index):
                work(index)
                if stop():
                    loop.abandon()
                    return [done[i] for i in sorted(done)]
    except BaseException:
        loop.abandon()
        raise
    from_child, _, redo = loop.finish()
    done.update(from_child or {})
    for index in redo:
        work(index)
    return [done[index] for index in range(len(parts))]


def _in_order(fn: Callable[[list[Any]], Any], parts: list[list[Any]], stop: Callable[[], bool]) -> list[Any]:
    results = []
    for part in parts:
        results.append(fn(part))
        if stop():
            break
    return results
