"""What an accelerator declares: what it speeds up, what upstream code it leans on, and when it runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from .run import Hooks


@dataclass(frozen=True)
class Mirror:
    """An upstream symbol the accelerator copies, replaces, wraps or relies on the shape of,
    and the fingerprint of its code when the accelerator was written (``drift.fingerprint``)."""

    symbol: str  # ``package.module:qualname`` or ``package:path/to/file``
    sha256: str


@dataclass(frozen=True)
class EventRule:
    """Our plugin's event handler must run before (or after) another plugin's for the same
    event: MkDocs runs handlers by ``event_priority``, highest first (default 0)."""

    ours: str  # e.g. ``microsite.adapter.plugin:MicrositePlugin.on_files``
    runs: str  # "before" or "after"
    theirs: str  # e.g. ``material.plugins.blog.plugin:BlogPlugin.on_files``
    why: str


@dataclass(frozen=True)
class Accelerator:
    """One speed-up, declared once (``catalogue``)."""

    name: str
    speeds_up: str  # what it makes faster, and why the output stays the same
    module: str  # where its code lives
    mirrors: tuple[Mirror, ...]
    written_for: tuple[tuple[str, str], ...]  # (distribution, version) the mirrors were read in
    # How it is switched on and off for one build: its ``Hooks`` class as ``module:qualname``
    # (imported when the build installs it, after the check: ``health``), or a factory; None
    # when it is not switched at run time (``runtime_note`` says why: core code, or markup the
    # site's output depends on).
    hooks: str | Callable[[], Hooks] | None = None
    after: tuple[str, ...] = ()  # accelerators that must be installed (and wrap) before this one
    order: tuple[str, ...] = ()  # the call-order rules, in words
    events: tuple[EventRule, ...] = ()
    runtime_note: str = ""
    # Private attributes its code reads that a declared mirror defines or sets (``Registry._data``
    # set in ``Registry.__init__``): tests/test_accel_internals.py checks they are in its code.
    names: tuple[str, ...] = ()
    # Not installed by the registry but asked by its caller before each use (``registry.unfit``):
    # it can still step aside when the upstream code differs (the patch path, the quick path).
    checked_on_use: bool = False

    @property
    def switchable(self) -> bool:
        return self.hooks is not None

    def make_hooks(self) -> Hooks:
        """This build's hooks; raises ImportError or AttributeError when its code cannot load."""
        if self.hooks is None:
            raise ValueError(f"{self.name} is not switched at run time")
        if isinstance(self.hooks, str):
            module, _, qualname = self.hooks.partition(":")
            target: Any = importlib.import_module(module)
            for part in qualname.split("."):
                target = getattr(target, part)
            return cast("Hooks", target())
        return self.hooks()
