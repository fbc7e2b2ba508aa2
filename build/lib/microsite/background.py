"""Independent work on the machine's other cores while the site engine renders pages.

MkDocs renders pages on one core. Work that needs only the content model (drawing
the social card of every article, for instance) can run beside it in a worker
process and be waited for when its results are needed.

The workers are forked (``forked_loop.fork_child``: never beside another thread, never
in a preview server; then the work stays here) and talk over plain pipes: this process
holds no thread for them, so the build's own forks later on stay safe. A worker starts
at once with everything this process has loaded, the first jobs already in its memory;
jobs queued later (``also``) are pickled to it. Jobs are claimed under a shared lock,
the workers from the front, this process from the back in ``finish``. A worker that
dies or outlives its time limit (``forked_loop.time_limit``) is killed and the jobs it
had not reported are run here. Small jobs stay in the main process (``MIN_JOBS``).

``MICROSITE_WORKERS`` sets the number of worker processes (default: cores - 1;
``0`` runs everything in the main process, as on a one-core machine). ``MICROSITE_ACCEL=0``
(the plain path: no accelerator, ``adapter.accel``) implies it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from .forked_loop import chunks, fork_child, kill, time_limit

__all__ = ["ENV_MIN_JOBS", "ENV_WORKERS", "MIN_JOBS", "Background", "Job", "chunks", "min_jobs", "run_beside",
           "worker_count"]

ENV_WORKERS = "MICROSITE_WORKERS"
ENV_MIN_JOBS = "MICROSITE_BACKGROUND_MIN_JOBS"
ENV_ACCEL = "MICROSITE_ACCEL"
MIN_JOBS = 64  # below this, a worker and its merge cost more than they save
_NO_LIMIT = 2 ** 31 - 1
_FRONT, _BACK, _COUNT = 0, 1, 2  # the shared counters: next job to claim, first taken back, jobs sent

T = TypeVar("T")


def plain_path() -> bool:
    """``MICROSITE_ACCEL=0``: build with none of the speed-ups, in one process."""
    return os.environ.get(ENV_ACCEL, "").strip() == "0"


def worker_count() -> int:
    if plain_path():
        return 0
    configured = os.environ.get(ENV_WORKERS, "").strip()
    if configured.isdigit():
        return int(configured)
    return max(0, (os.cpu_count() or 1) - 1)


def min_jobs() -> int:
    configured = os.environ.get(ENV_MIN_JOBS, "").strip()
    return int(configured) if configured.isdigit() else MIN_JOBS


@dataclass
class Job:
    """One call queued to a worker: ``fn(*args)``, run here instead if it is taken back or its
    worker is lost. ``value`` holds its result once ``Background.finish`` has returned."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    value: Any = None
    done: bool = False  # a worker reported it
    error: BaseException | None = None  # what it raised there

    def run_here(self) -> Any:
        return self.fn(*self.args)

    def result(self) -> Any:
        if not self.done:  # its worker died or was killed: this process does the job
            return self.run_here()
        if self.error is not None:
            raise self.error
        return self.value


@dataclass
class _Worker:
    pid: int
    jobs: Connection  # this process writes jobs queued after the fork
    results: Connection  # the worker writes (index, ok, value)
    open: bool = True


@dataclass
class Background:
    """Jobs (one per slice of items, then any ``also`` jobs) queued to worker processes.

    ``finish`` shares the tail with the main process: jobs no worker has started yet are
    taken back and run here, from the last one backwards, while the workers finish
    theirs; so both cores stay busy to the end whichever side was faster.
    """

    workers: list[_Worker] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    sliced: int = 0  # the first ``sliced`` jobs are the slices; ``finish`` returns their results
    _lock: Any = None
    _counters: Any = None
    _deadline: float = 0.0

    @property
    def running(self) -> bool:
        return bool(self.workers)

    def idle(self) -> bool:
        """True once every queued job is done (the workers wait for work): their core is free."""
        self._collect(timeout=0)
        return all(job.done for job in self.jobs)

    def also(self, fn: Callable[..., Any], *args: Any) -> Job | None:
        """Queue ``fn(*args)`` after the slices, for a worker to run once they are done
        (work that would otherwise wait for a core later in the build). None, and nothing
        queued, when no worker runs: the caller's later step then does the work itself.
        ``finish`` waits for it (or runs it here), re-raises its exception and sets its ``value``."""
        if not self.workers:
            return None
        job, index = Job(fn, args), len(self.jobs)
        try:
            message = pickle.dumps((index, fn, args), pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError):  # e.g. a lambda: done later, here
            return None
        self.jobs.append(job)
        for worker in self.workers:  # each worker's reader thread takes it at once
            with contextlib.suppress(OSError):  # a worker that has died: ``finish`` does its jobs here
                worker.jobs.send_bytes(message)
        with self._lock:
            self._counters[_COUNT] = len(self.jobs)
        return job

    def finish(self) -> tuple[list[Any], int]:
        """Every slice's result in order (re-raising a job's exception), and how many jobs
        the main process took back; then the workers stop."""
        try:
            taken: dict[int, Any] = {}
            if self.workers:
                while (index := self._take_back()) is not None:
                    taken[index] = self.jobs[index].run_here()
                self._collect(timeout=None)
            for i, job in enumerate(self.jobs):
                job.value = taken[i] if i in taken else job.result()
            return [job.value for job in self.jobs[:self.sliced]], len(taken)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers without running queued jobs (a failed build): no worker starts
        another job, and the one it is doing is waited for (within its time limit)."""
        if self.workers:
            with self._lock:
                self._counters[_BACK] = self._counters[_FRONT]
            self._collect(timeout=None)
            for worker in self.workers:
                worker.jobs.close()
        self.workers, self.jobs, self.sliced = [], [], 0

    def _take_back(self) -> int | None:
        with self._lock:
            back = min(self._counters[_BACK], self._counters[_COUNT])
            if back - 1 >= self._counters[_FRONT]:
                self._counters[_BACK] = back - 1
                return back - 1
            self._counters[_BACK] = back
            return None

    def _collect(self, timeout: float | None) -> None:
        """Read what the workers have reported: what is there (``timeout=0``), or everything
        until each worker has stopped (None; after ``_take_back`` or ``close`` they stop once
        their last job is reported). A worker past its time limit is killed."""
        while True:
            open_: dict[object, _Worker] = {worker.results: worker for worker in self.workers if worker.open}
            if not open_:
                return
            left = 0.0 if timeout == 0 else max(0.0, self._deadline - time.monotonic())
            ready = wait([worker.results for worker in open_.values()], left)
            if not ready:
                if timeout == 0:
                    return
                for worker in open_.values():  # past the limit: their jobs are done here
                    self._stop(worker, killed=True)
                return
            for conn in ready:
                self._receive(open_[conn])

    def _receive(self, worker: _Worker) -> None:
        try:
            index, ok, value = pickle.loads(worker.results.recv_bytes())
        except (EOFError, OSError):  # the worker has left (or died): reap it
            self._stop(worker, killed=False)
            return
        job = self.jobs[index]
        job.done = True
        if ok:
            job.value = value
        else:
            job.error = value

    @staticmethod
    def _stop(worker: _Worker, killed: bool) -> None:
        worker.open = False
        worker.results.close()
        if killed:
            kill(worker.pid)
        else:
            os.waitpid(worker.pid, 0)


def run_beside(fn: Callable[..., Any], items: Sequence[T], *args: Any, chunk_size: int = 16) -> Background:
    """Queue ``fn(chunk, *args)`` over ``items`` to worker processes, or nothing when there
    are too few items, no spare core or no safe fork (the caller then does the work itself)."""
    count = worker_count()
    if count < 1 or len(items) < min_jobs():
        return Background()
    ctx = multiprocessing.get_context("fork")
    jobs = [Job(fn, (chunk, *args)) for chunk in chunks(items, chunk_size)]
    background = Background(jobs=jobs, sliced=len(jobs), _lock=ctx.Lock(),
                            _counters=ctx.RawArray("i", [0, _NO_LIMIT, len(jobs)]),
                            _deadline=time.monotonic() + time_limit(len(jobs)))
    for _ in range(count):
        worker = _fork_worker(background)
        if worker is None:
            break
        background.workers.append(worker)
    if not background.workers:
        return Background()
    return background


def _fork_worker(background: Background) -> _Worker | None:
    jobs_read, jobs_write = multiprocessing.Pipe(duplex=False)
    results_read, results_write = multiprocessing.Pipe(duplex=False)
    pid = fork_child("vẽ song song")
    if pid is None:
        for conn in (jobs_read, jobs_write, results_read, results_write):
            conn.close()
        return None
    if pid == 0:  # the worker: never returns
        for conn in [jobs_write, results_read] + [c for w in background.workers for c in (w.jobs, w.results)]:
            conn.close()
        _work(background, jobs_read, results_write)
    jobs_read.close()
    results_write.close()
    return _Worker(pid, jobs_write, results_read)


class _Inbox:
    """In a worker: a thread takes the jobs queued after the fork off the pipe as they come,
    so the main process never waits to send one."""

    def __init__(self, conn: Connection, known: dict[int, tuple[Callable[..., Any], tuple[Any, ...]]]) -> None:
        self.conn, self.jobs, self.changed = conn, known, threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = self.conn.recv_bytes()
            except (EOFError, OSError):
                return
            index, fn, args = pickle.loads(data)
            with self.changed:
                self.jobs[index] = (fn, args)
                self.changed.notify_all()

    def get(self, index: int) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        with self.changed:
            self.changed.wait_for(lambda: index in self.jobs)
            return self.jobs[index]


def _work(background: Background, jobs: Connection, results: Connection) -> None:
    """A worker's life: claim the next job, run it, report it; leave once ``finish`` or
    ``close`` has stopped the queue and nothing is left to claim."""
    status, parent = 1, os.getppid()
    try:
        inbox = _Inbox(jobs, {i: (job.fn, job.args) for i, job in enumerate(background.jobs)})
        lock, counters = background._lock, background._counters
        while True:
            with lock:
                index = counters[_FRONT]
                claimed = index < min(counters[_BACK], counters[_COUNT])
                if claimed:
                    counters[_FRONT] = index + 1
                stopped = counters[_BACK] != _NO_LIMIT
            if not claimed:
                if stopped or os.getppid() != parent:  # done, or the main process has gone
                    break
                time.sleep(0.02)  # waiting for ``also`` or ``finish``
                continue
            fn, args = inbox.get(index)
            try:
                data = pickle.dumps((index, True, fn(*args)), pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # noqa: BLE001 - raised again in the main process
                data = pickle.dumps((index, False, _picklable(error)), pickle.HIGHEST_PROTOCOL)
            results.send_bytes(data)
        status = 0
    finally:
        os._exit(status)


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - any exception becomes one the main process can read
        return RuntimeError("".join(traceback.format_exception(error)))
