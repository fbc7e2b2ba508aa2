"""Stable text fingerprints of configuration values, for cache keys.

``repr`` of functions and extension objects contains memory addresses, which
change on every run; a cache keyed on it would never hit. Callables become their
dotted name, objects their class name plus their public state.
"""

from __future__ import annotations

from typing import Any


def stable_repr(value: Any) -> str:
    """A repr that is equal across runs for equal configuration."""
    if isinstance(value, dict):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [stable_repr(v) for v in value]
        if isinstance(value, (set, frozenset)):
            parts.sort()
        return "[" + ", ".join(parts) + "]"
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return repr(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '?')}.{value.__qualname__}"
    cls = type(value)
    name = f"{cls.__module__}.{cls.__qualname__}"
    configs = getattr(value, "getConfigs", None)  # Python-Markdown extensions
    state = configs() if callable(configs) else {
        k: v for k, v in vars(value).items() if not k.startswith("_")} if hasattr(value, "__dict__") else {}
    return f"{name}({stable_repr(state)})"
