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
import json
import os
import textwrap
import tokenize
from importlib import resources
from pathlib import Path


def _is_file(name: str) -> bool:
    return "/" in name or name.endswith((".html", ".js", ".css"))


def resolve(symbol: str) -> object:
    """The object (or, for a data file, the bytes) ``symbol`` names; raises if it is gone."""
    module_name, _, name = symbol.partition(":")
    if not name:
        raise ValueError(f"{symbol!r}: expected package.module:qualname")
    if _is_file(name):
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


def _source_file(symbol: str) -> str | None:
    """The file whose bytes decide ``symbol``'s fingerprint, or None (built in C, a value)."""
    module_name, _, name = symbol.partition(":")
    if _is_file(name):
        return str(resources.files(module_name) / name)
    target = resolve(symbol)
    if not (inspect.isclass(target) or inspect.isroutine(target)):
        return None
    try:
        return inspect.getsourcefile(target)
    except TypeError:  # built in C
        return None


class Fingerprints:
    """``fingerprint`` remembered by the source file's path, size and modification time (as
    Python's own bytecode cache is): the check at every build start reads a file's code only
    after it changed. Kept in a JSON file of the build cache between processes."""

    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self.known: dict[str, list[object]] = {}
        self.dirty = False
        if store is not None:
            try:
                self.known = json.loads(store.read_text("utf-8"))
            except (OSError, ValueError):
                self.known = {}

    def of(self, symbol: str) -> str:
        """The current fingerprint of ``symbol``; raises as ``resolve`` does when it is gone."""
        path = _source_file(symbol)
        if path is None:
            return fingerprint(symbol)
        stat = os.stat(path)
        key = [path, stat.st_size, stat.st_mtime_ns]
        seen = self.known.get(symbol)
        if seen is not None and seen[:3] == key:
            return str(seen[3])
        now = fingerprint(symbol)
        self.known[symbol], self.dirty = [*key, now], True
        return now

    def save(self) -> None:
        if self.store is None or not self.dirty:
            return
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            temp = self.store.with_name(self.store.name + ".tmp")
            temp.write_text(json.dumps(self.known, sort_keys=True), "utf-8")
            os.replace(temp, self.store)
            self.dirty = False
        except OSError:
            pass  # a read-only cache: the next build computes them again


def main() -> None:
    from .catalogue import ACCELERATORS

    for accelerator in ACCELERATORS:
        for mirror in accelerator.mirrors:
            now = fingerprint(mirror.symbol)
            flag = "" if now == mirror.sha256 else "   <- changed"
            print(f"{accelerator.name:24} {mirror.symbol:70} {mirror.sha256} {now}{flag}")


if __name__ == "__main__":
    main()
