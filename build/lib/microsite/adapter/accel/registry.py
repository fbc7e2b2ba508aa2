"""The registry's one entry point: the accelerators of a build, or none on the plain path.

``MICROSITE_ACCEL=0`` builds with no accelerator at all and in one process (no worker,
no fork: ``background.plain_path``): MkDocs', Material's and Python-Markdown's own code
paths, the reference the accelerated build must match byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...background import plain_path
from .catalogue import ACCELERATORS
from .declaration import Accelerator
from .run import BuildInputs, Run


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


def enabled() -> bool:
    return not plain_path()


def start(inputs: BuildInputs, accelerators: Sequence[Accelerator] = ACCELERATORS) -> Run:
    """Install the accelerators for one build (none with ``MICROSITE_ACCEL=0``), in declared order."""
    check_order(accelerators)
    return Run(accelerators if enabled() else (), inputs).install()
