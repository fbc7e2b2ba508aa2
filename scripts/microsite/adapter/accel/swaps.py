"""Attributes of other libraries replaced for one build, and put back when it ends.

Every global replacement the accelerators make (a module's function, a class the blog
imported, a plugin's list) goes through ``Swaps.replace``, which remembers what was
there; ``restore`` puts everything back, newest first, so a wrapper installed over
another comes off before the one it wraps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

_MISSING = object()


@dataclass
class _Swap:
    owner: object
    attribute: str
    original: object
    undo: Callable[[], None] | None = None


@dataclass
class Swaps:
    """The replacements one build has made, in the order it made them."""

    done: list[_Swap] = field(default_factory=list)

    def replace(self, owner: object, attribute: str, value: object,
                undo: Callable[[], None] | None = None, create: bool = False) -> object:
        """Set ``owner.attribute`` to ``value``; return what was there. ``undo`` restores
        instead of putting the original back (for a list the owner may have grown).

        An attribute that is not there raises AttributeError unless ``create``: upstream
        removed or renamed what the accelerator replaces, and setting it would only make a
        name nobody reads (the accelerator would do nothing, silently)."""
        original = getattr(owner, attribute, _MISSING)
        if original is _MISSING and not create:
            raise AttributeError(f"{getattr(owner, '__name__', type(owner).__name__)}.{attribute} không còn")
        self.done.append(_Swap(owner, attribute, original, undo))
        setattr(owner, attribute, value)
        return original

    def restore(self, down_to: int = 0) -> None:
        """Everything back as it was (or the swaps after the first ``down_to``), newest first;
        safe to call twice."""
        while len(self.done) > down_to:
            swap = self.done.pop()
            if swap.undo is not None:
                swap.undo()
            elif swap.original is _MISSING:
                delattr(swap.owner, swap.attribute)
            else:
                setattr(swap.owner, swap.attribute, swap.original)
