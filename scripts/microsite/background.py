"""Independent work on the machine's other cores while the site engine renders pages.

MkDocs renders pages on one core. Work that needs only the content model (drawing
the social card of every article, for instance) can run beside it in a worker
process and be waited for when its results are needed. Workers are spawned, not
forked: the parent may hold threads (``microsite serve``) and open files, and a
spawned child shares none of that; the ~1 s start-up is why small jobs stay in the
main process (``MIN_JOBS``).

``MICROSITE_WORKERS`` sets the number of worker processes (default: cores - 1;
``0`` runs everything in the main process, as on a one-core machine). ``MICROSITE_ACCEL=0``
(the plain path: no accelerator, ``adapter.accel``) implies it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

ENV_WORKERS = "MICROSITE_WORKERS"
ENV_MIN_JOBS = "MICROSITE_BACKGROUND_MIN_JOBS"
ENV_ACCEL = "MICROSITE_ACCEL"
MIN_JOBS = 64  # below this, spawning a worker costs more than it saves

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


def _spawnable() -> bool:
    """A spawned worker re-imports the parent's ``__main__`` from its file; a program read
    from standard input has none, so there the work stays in this process."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    return main_file is None or os.path.exists(main_file)


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` in consecutive slices of at most ``size`` (order kept)."""
    size = max(1, size)
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


@dataclass
class Job:
    """One call queued to a worker: ``fn(*args)``, run here instead if it is taken back.
    ``value`` holds its result once ``Background.finish`` has returned."""

    fn: Callable[..., Any]
    args: tuple[Any, ...]
    future: Future[Any]
    value: Any = None

    def run_here(self) -> Any:
        return self.fn(*self.args)

    def result(self) -> Any:
        """The worker's result; if the worker process died (killed, out of memory), the job is
        run here instead, so a lost helper never fails the build."""
        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.run_here()


@dataclass
class Background:
    """Jobs (one per slice of items, then any ``also`` jobs) queued to worker processes.

    ``finish`` shares the tail with the main process: jobs no worker has started yet are
    taken back and run here, from the last one backwards, while the workers finish
    theirs; so both cores stay busy to the end whichever side was faster.
    """

    executor: ProcessPoolExecutor | None = None
    jobs: list[Job] = field(default_factory=list)
    sliced: int = 0  # the first ``sliced`` jobs are the slices; ``finish`` returns their results

    @property
    def running(self) -> bool:
        return self.executor is not None

    def idle(self) -> bool:
        """True once every queued job is done (the workers wait for work): their core is free."""
        return all(job.future.done() for job in self.jobs)

    def also(self, fn: Callable[..., Any], *args: Any) -> Job | None:
        """Queue ``fn(*args)`` after the slices, for the worker to run once they are done
        (work that would otherwise wait for a core later in the build). None, and nothing
        queued, when no worker runs: the caller's later step then does the work itself.
        ``finish`` waits for it (or runs it here), re-raises its exception and sets its ``value``."""
        if self.executor is None:
            return None
        job = Job(fn, args, self.executor.submit(fn, *args))
        self.jobs.append(job)
        return job

    def finish(self) -> tuple[list[Any], int]:
        """Every slice's result in order (re-raising a job's exception), and how many jobs
        the main process took back; then the workers stop."""
        try:
            taken: dict[int, Any] = {}
            for index in range(len(self.jobs) - 1, -1, -1):
                job = self.jobs[index]
                if not job.future.cancel():
                    break  # this one and every earlier one is running or done (queue order)
                taken[index] = job.run_here()
            for i, job in enumerate(self.jobs):
                job.value = taken[i] if i in taken else job.result()
            return [job.value for job in self.jobs[:self.sliced]], len(taken)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers without running queued jobs (a failed build)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor, self.jobs, self.sliced = None, [], 0


def run_beside(fn: Callable[..., Any], items: Sequence[T], *args: Any, chunk_size: int = 16) -> Background:
    """Queue ``fn(chunk, *args)`` over ``items`` to worker processes, or nothing when there
    are too few items or no spare core (the caller then does the work itself)."""
    workers = worker_count()
    if workers < 1 or len(items) < min_jobs() or not _spawnable():
        return Background()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    jobs = [Job(fn, (chunk, *args), executor.submit(fn, chunk, *args)) for chunk in chunks(items, chunk_size)]
    return Background(executor, jobs, len(jobs))
