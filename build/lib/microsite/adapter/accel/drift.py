"""Fingerprints of the upstream code an accelerator mirrors, to notice when it changes.

A symbol is ``package.module:qualname`` (a function, class, method or constant) or
``package:path/inside/the/package`` (a template or other data file). Code is fingerprinted
by its tokens without comments and blank lines, so reformatting a comment does not count
and any change of the code does; code built in C by its ``repr`` and attribute names; other
values by their ``repr``; files by their bytes.

``python -m microsite.adapter.accel.drift`` prints every declared symbol's fingerprint
now, next to the one recorded in its declaration.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import io
import textwrap
import tokenize
from importlib import resources
from importlib.metadata import version


def resolve(symbol: str) -> object:
    """The object (or, for a data file, the bytes) ``symbol`` names; raises if it is gone."""
    module_name, _, name = symbol.partition(":")
    if not name:
        raise ValueError(f"{symbol!r}: expected package.module:qualname")
    if "/" in name or name.endswith((".html", ".js", ".css")):
        return (resources.files(module_name) / name).read_bytes()
    target: object = importlib.import_module(module_name)
    for part in name.split("."):
        target = getattr(target, part)
    return target


_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING}


def _normalised(source: str) -> str:
    """The code's tokens, one per line: the same for any spacing, comment or blank line."""
    tokens = tokenize.generate_tokens(io.StringIO(textwrap.dedent(source)).readline)
    return "\n".join(f"{tokenize.tok_name[t.type]} {t.string.strip()}" for t in tokens if t.type not in _SKIPPED)


def _text(target: object) -> str:
    if inspect.isclass(target) or inspect.isroutine(target):
        try:
            return _normalised(inspect.getsource(target))
        except (OSError, TypeError):  # built in C: its name and what it offers
            pass
    if inspect.isclass(target) or inspect.ismodule(target):
        return " ".join([getattr(target, "__name__", ""), *sorted(n for n in dir(target) if not n.startswith("__"))])
    return repr(target)


def fingerprint(symbol: str) -> str:
    """sha256 of the normalised source (or value, or bytes) of ``symbol``, first 16 hex digits."""
    target = resolve(symbol)
    if isinstance(target, bytes):
        data = target
    else:
        data = _text(target).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def installed_version(package: str) -> str:
    return version(package)


def main() -> None:
    from .catalogue import ACCELERATORS

    for accelerator in ACCELERATORS:
        for mirror in accelerator.mirrors:
            now = fingerprint(mirror.symbol)
            flag = "" if now == mirror.sha256 else "   <- changed"
            print(f"{accelerator.name:24} {mirror.symbol:70} {mirror.sha256} {now}{flag}")


if __name__ == "__main__":
    main()
