"""Is each accelerator still right for the upstream code installed? Asked when a build starts.

An accelerator was written against given versions of MkDocs, Material, Python-Markdown or
Pillow and against the code of the symbols it declares (``catalogue``). A minor upgrade (pip
only warns about the pins) or a hand-edited library may change that code; the accelerator
would then make pages that quietly differ from the plain engine's. So before a build installs
any accelerator, each one is checked: the installed versions are the ones it was written for,
every declared symbol still exists and its fingerprint is the recorded one. Any difference
switches that accelerator off for the build, with one log line naming it and why; its part of
the build takes the plain path, whose output is the plain engine's.

Fingerprints are remembered by source file (``drift.Fingerprints``), so the check reads code
only after it changed (``bench/accelerators.py --check`` measures it: about a millisecond).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import drift
from .declaration import Accelerator

log = logging.getLogger("microsite")
STORE = "accel-fingerprints.json"  # in the build cache (settings.cache_dir)
_versions: dict[str, str | None] = {}


def installed(distribution: str) -> str | None:
    """The installed version (None: not installed); read once per process."""
    if distribution not in _versions:
        try:
            _versions[distribution] = version(distribution)
        except PackageNotFoundError:
            _versions[distribution] = None
    return _versions[distribution]


@dataclass
class Health:
    """What the check found: the reason each unfit accelerator is off, and a digest of every
    declared symbol's current fingerprint (the render cache keys on it)."""

    unfit: dict[str, str] = field(default_factory=dict)
    digest: str = ""

    def fit(self, name: str) -> bool:
        return name not in self.unfit


def reason(accelerator: Accelerator, fingerprints: drift.Fingerprints,
           version: Callable[[str], str | None] = installed) -> tuple[str | None, list[str]]:
    """Why ``accelerator`` must stay off (Vietnamese, for the log line), or None; and the
    current fingerprints of its symbols."""
    seen: list[str] = []
    why: str | None = None
    for distribution, wanted in accelerator.written_for:
        have = version(distribution)
        if have != wanted:
            why = why or (f"{distribution} {have} đã cài, bộ tăng tốc viết cho {wanted}" if have
                          else f"chưa cài {distribution} (bộ tăng tốc viết cho {wanted})")
    for mirror in accelerator.mirrors:
        try:
            now = fingerprints.of(mirror.symbol)
        except (ImportError, AttributeError, OSError, TypeError, ValueError):
            seen.append(f"{mirror.symbol}=gone")
            why = why or f"mã gốc {mirror.symbol} không còn"
            continue
        seen.append(f"{mirror.symbol}={now}")
        if now != mirror.sha256:
            why = why or f"mã gốc {mirror.symbol} đã đổi (dấu {mirror.sha256} thành {now})"
    return why, seen


_told: set[tuple[str, str]] = set()  # (accelerator, why) said in this process: once, not once a build


def _first_time(name: str, why: str) -> bool:
    if (name, why) in _told:
        return False
    _told.add((name, why))
    return True


def switched_off(name: str, why: str) -> None:
    """The accelerator ``name`` is off for this build (its upstream code differs, or its code
    cannot load or install): the build gets slower, not different."""
    if _first_time(name, why):
        log.warning("Tăng tốc %s đã tự tắt (bản dựng chậm hơn, kết quả không đổi): %s", name, why)


def cannot_switch_off(accelerator: Accelerator, why: str) -> None:
    """An always-on part (core drawing code, markup on both paths) differs: said once a process."""
    if _first_time(accelerator.name, why):
            log.warning("Phần %s dựa vào mã gốc đã khác (%s) và không tự tắt được; hãy chạy bộ kiểm thử "
                    "(tests/test_accel_registry.py) trước khi dùng bản nâng cấp.", accelerator.name, why)


def check(accelerators: Sequence[Accelerator], cache_dir: Path | None) -> Health:
    """Check every accelerator; log one line for each that switches itself off."""
    fingerprints = drift.Fingerprints(cache_dir / STORE if cache_dir is not None else None)
    health, everything = Health(), []
    for accelerator in accelerators:
        why, seen = reason(accelerator, fingerprints)
        everything += seen
        if why is not None:
            health.unfit[accelerator.name] = why
            if accelerator.switchable or accelerator.checked_on_use:
                switched_off(accelerator.name, why)
            else:
                cannot_switch_off(accelerator, why)
    fingerprints.save()
    health.digest = hashlib.sha256("\n".join(sorted(set(everything))).encode()).hexdigest()[:16]
    return health
