"""Independent work on the machine's other cores while the site engine renders pages.

MkDocs renders pages on one core. Work that needs only the content model (drawing
the social card of every article, for instance) can run beside it in a worker
process and be waited for when its results are needed. Workers are spawned, not
forked: the parent may hold threads (``microsite serve``) and open files, and a
spawned child shares none of that; the ~1 s start-up is why small jobs stay in the
main process (``MIN_JOBS``).

``MICROSITE_WORKERS`` sets the number of worker processes (default: cores - 1;
``0`` runs everything in the main process, as on a one-core machine).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

ENV_WORKERS = "MICROSITE_WORKERS"
ENV_MIN_JOBS = "MICROSITE_BACKGROUND_MIN_JOBS"
MIN_JOBS = 64  # below this, spawning a worker costs more than it saves

T = TypeVar("T")


def worker_count() -> int:
    configured = os.environ.get(ENV_WORKERS, "").strip()
    if configured.isdigit():
        return int(configured)
    return max(0, (os.cpu_count() or 1) - 1)


def min_jobs() -> int:
    configured = os.environ.get(ENV_MIN_JOBS, "").strip()
    return int(configured) if configured.isdigit() else MIN_JOBS


def chunks(items: Sequence[T], parts: int) -> list[list[T]]:
    """``items`` in ``parts`` interleaved slices of near-equal size (order kept within each)."""
    parts = max(1, parts)
    return [list(items[i::parts]) for i in range(parts) if items[i::parts]]


@dataclass
class Background:
    """Jobs submitted to worker processes; ``wait`` returns their results in order."""

    executor: ProcessPoolExecutor | None = None
    futures: list[Future[Any]] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.executor is not None

    def wait(self) -> list[Any]:
        """Results of every job (re-raising a worker's exception), then the workers stop."""
        try:
            return [f.result() for f in self.futures]
        finally:
            self.close()

    def close(self) -> None:
        """Stop the workers without waiting for queued jobs (a failed build)."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor, self.futures = None, []


def run_beside(fn: Callable[..., Any], items: Sequence[T], *args: Any) -> Background:
    """Start ``fn(chunk, *args)`` over ``items`` in worker processes, or nothing when there
    are too few items or no spare core (the caller then does the work itself)."""
    workers = worker_count()
    if workers < 1 or len(items) < min_jobs():
        return Background()
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    futures = [executor.submit(fn, chunk, *args) for chunk in chunks(items, workers)]
    return Background(executor, futures)
