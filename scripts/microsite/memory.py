"""Garbage-collector settings for one long build.

A build keeps every page, its HTML and its table of contents alive until the end; with
CPython's default thresholds the cyclic collector re-scans that growing heap again and
again (9% of the CPU time of a 500-article build, more per article as the site grows).
Nothing built before the pages (modules, the checked content) becomes garbage during
the build, so it is frozen out of the collector's sight, and young collections run
less often. Everything is restored afterwards: tests and ``microsite serve`` build many
times in one process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager, suppress

YOUNG_THRESHOLD = 20_000  # CPython's default is 700 allocations


@contextmanager
def build_heap() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, previous[1], previous[2])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def release_memory() -> None:
    """Free what a failed build left (cycles, then glibc's free lists back to the system): the
    preview server lives on after it, and must not keep a failed build's gigabyte."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        with suppress(OSError, AttributeError):
            ctypes.CDLL(name).malloc_trim(0)
