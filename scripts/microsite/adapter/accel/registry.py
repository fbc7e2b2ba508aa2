"""The registry's one entry point: the accelerators of a build, or none on the plain path.

``MICROSITE_ACCEL=0`` builds with no accelerator at all and in one process (no worker,
no fork: ``background.plain_path``): MkDocs', Material's and Python-Markdown's own code
paths, the reference the accelerated build must match byte for byte.

Otherwise every accelerator is first checked against the upstream code installed
(``health``): one that differs stays off for the build, with one log line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ...background import plain_path
from .catalogue import ACCELERATORS
from .declaration import Accelerator
from .health import Health, check
from .run import BuildInputs, Run


ENV_OFF = "MICROSITE_ACCEL_OFF"  # names of accelerators to leave off, comma-separated (bench/accelerators.py)


def left_off() -> set[str]:
    """The accelerators ``MICROSITE_ACCEL_OFF`` names: what each saves is measured without it."""
    return {name.strip() for name in os.environ.get(ENV_OFF, "").split(",") if name.strip()}


class OrderError(RuntimeError):
    """An accelerator is declared before one it must come after."""


def check_order(accelerators: Sequence[Accelerator]) -> None:
    """Every ``after`` names an accelerator declared earlier; names are unique."""
    seen: set[str] = set()
    for accelerator in accelerators:
        if accelerator.name in seen:
            raise OrderError(f"{accelerator.name}: declared twice")
        missing = [name for name in accelerator.after if name not in seen]
        if missing:
            raise OrderError(f"{accelerator.name} must be declared after {', '.join(missing)}")
        seen.add(accelerator.name)


def start(inputs: BuildInputs, accelerators: Sequence[Accelerator] = ACCELERATORS) -> Run:
    """Install the accelerators for one build, in declared order: none with ``MICROSITE_ACCEL=0``,
    and none that the check finds unfit for the upstream code installed."""
    check_order(accelerators)
    if plain_path():
        return Run((), inputs).install()
    health = check(accelerators, inputs.cache_dir)
    off = left_off()
    return Run([a for a in accelerators if health.fit(a.name) and a.name not in off], inputs, health).install()


def drifted(name: str, cache_dir: Path | None, accelerators: Sequence[Accelerator] = ACCELERATORS) -> str | None:
    """Why the accelerator ``name`` does not fit the upstream code installed (logged), or None.
    For those not installed by ``start`` but checked by their caller before each use (the
    patch path, the preview's quick path); or ``MICROSITE_ACCEL_OFF`` names it."""
    if name in left_off():
        return f"left off ({ENV_OFF})"
    accelerator = next(a for a in accelerators if a.name == name)
    return check([accelerator], cache_dir).unfit.get(name)


def unfit(name: str, cache_dir: Path | None, accelerators: Sequence[Accelerator] = ACCELERATORS) -> str | None:
    """``drifted``, or the plain path (``MICROSITE_ACCEL=0``)."""
    if plain_path():
        return "no accelerators (MICROSITE_ACCEL=0)"
    return drifted(name, cache_dir, accelerators)


__all__ = ["ENV_OFF", "Health", "OrderError", "check_order", "drifted", "left_off", "start", "unfit"]
