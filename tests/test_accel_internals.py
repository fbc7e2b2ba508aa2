"""Every private upstream name the package uses, and every Material template the theme copies,
is declared in the accelerator catalogue (``adapter/accel/catalogue.py``) with its drift
fingerprint; and none is needed to import the package, so ``MICROSITE_ACCEL=0`` and the
fallback work whatever upstream removed.

A private upstream name is found in the package's code (AST, type annotations aside: they are
never evaluated): an attribute ``x._name`` (not a dunder) whose ``x`` is a name imported from an
installed package, or whose name the package defines nowhere itself (no module-level or
class-level definition, no ``self._name =``); a ``from package import _name``; a
``getattr(x, "_name")``. Declared means named by a mirror (``package.module:Qual._name``) or
listed in an accelerator's ``names`` (an attribute a declared mirror defines or sets: the test
checks that its source holds the name).
"""

from __future__ import annotations

import ast
import inspect
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import microsite
from microsite.adapter.accel.catalogue import ACCELERATORS
from microsite.adapter.accel.drift import resolve

PACKAGE = Path(microsite.__file__).resolve().parent
THEME = PACKAGE / "theme"
STDLIB = set(sys.stdlib_module_names)


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"), str(path))) for path in sorted(PACKAGE.rglob("*.py"))]


def _own_names(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """What the package itself defines that can be reached as an attribute."""
    own: set[str] = set()
    for _, tree in trees:
        bodies = [tree.body] + [node.body for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
        for body in bodies:
            for node in body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    own.add(node.name)
                for target in getattr(node, "targets", None) or [getattr(node, "target", None)]:
                    if isinstance(target, ast.Name):
                        own.add(target.id)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                    and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                own.add(node.attr)
    return own


def _upstream_bound(tree: ast.Module) -> set[str]:
    """Names a module binds to something imported from an installed, non-standard package."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in STDLIB | {"microsite"}:
                    bound.add(alias.asname or alias.name.split(".")[0])
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
              and node.module.split(".")[0] not in STDLIB | {"microsite"}):
            bound.update(alias.asname or alias.name for alias in node.names)
    return bound


def _private(name: str) -> bool:
    """Private and not ours (the package marks what it sets on upstream objects ``_microsite``)."""
    return name.startswith("_") and not name.startswith("__") and not name.startswith("_microsite")


def _stdlib_bound(tree: ast.Module) -> set[str]:
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound.update(alias.asname or alias.name.split(".")[0] for alias in node.names
                         if alias.name.split(".")[0] in STDLIB)
    return bound


def _in_annotations(tree: ast.Module) -> set[int]:
    """Nodes inside type annotations: never evaluated (every module has ``from __future__ import
    annotations``), so a private type named there (``etree._Element``) cannot break a build."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(inner) for root in roots for inner in ast.walk(root)}


def used_private_names() -> dict[str, list[str]]:
    """Each private upstream name the package uses (outside type annotations), with where."""
    trees = _modules()
    own = _own_names(trees)
    found: dict[str, list[str]] = {}
    for path, tree in trees:
        bound, where = _upstream_bound(tree), path.relative_to(PACKAGE.parent).as_posix()
        stdlib, annotations = _stdlib_bound(tree), _in_annotations(tree)
        for node in ast.walk(tree):
            if id(node) in annotations:
                continue
            name = None
            if isinstance(node, ast.Attribute) and _private(node.attr):
                base = node.value.id if isinstance(node.value, ast.Name) else None
                if base in bound or (base not in stdlib and node.attr not in own):
                    name = node.attr
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] not in STDLIB | {"microsite"}:
                    for alias in node.names:
                        if _private(alias.name):
                            found.setdefault(alias.name, []).append(f"{where}:{node.lineno}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) > 1
                  and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                  and _private(node.args[1].value) and node.args[1].value not in own):
                name = node.args[1].value
            if name is not None:
                found.setdefault(name, []).append(f"{where}:{node.lineno}")
    return found


def declared_names() -> set[str]:
    names: set[str] = set()
    for accelerator in ACCELERATORS:
        for mirror in accelerator.mirrors:
            names.update(mirror.symbol.partition(":")[2].split("."))
        names.update(accelerator.names)
    return names


def test_every_private_upstream_name_used_is_declared() -> None:
    undeclared = {name: where for name, where in used_private_names().items() if name not in declared_names()}
    assert not undeclared, (
        "private upstream names used but declared by no accelerator in microsite/adapter/accel/catalogue.py: "
        + "; ".join(f"{name} ({', '.join(where)})" for name, where in sorted(undeclared.items()))
        + ". Declare each as a Mirror (package.module:Qual.name, fingerprint from "
          "`python -m microsite.adapter.accel.drift`) or, for an attribute a declared mirror sets, in `names`.")


def test_declared_attribute_names_are_in_their_mirrors_code() -> None:
    for accelerator in ACCELERATORS:
        sources = []
        for mirror in accelerator.mirrors:
            target = resolve(mirror.symbol)
            try:
                sources.append(target.decode("utf-8") if isinstance(target, bytes) else inspect.getsource(target))  # type: ignore[arg-type]
            except (OSError, TypeError):
                continue
        for name in accelerator.names:
            assert any(name in source for source in sources), (
                f"{accelerator.name}: `{name}` is in no declared mirror's code; declare the symbol that defines it")


def test_every_copied_material_template_is_declared() -> None:
    material = resources.files("material") / "templates"
    copied = sorted(path.relative_to(THEME).as_posix() for path in THEME.rglob("*.html")
                    if (material / path.relative_to(THEME).as_posix()).is_file())
    assert copied, "the theme overrides no Material template any more: this test needs revisiting"
    mirrored = {m.symbol for a in ACCELERATORS for m in a.mirrors}
    missing = [rel for rel in copied if f"material:templates/{rel}" not in mirrored]
    assert not missing, (f"the theme copies Material's {missing} with no drift fingerprint: declare each as "
                         f"Mirror('material:templates/<path>', ...) in microsite/adapter/accel/catalogue.py")


_GONE = """
import importlib, os, pkgutil, sys
sys.path.insert(0, {tests!r})
from microsite.adapter.accel.catalogue import ACCELERATORS
removed = set()
for accelerator in ACCELERATORS:
    for mirror in accelerator.mirrors:
        module_name, _, qualname = mirror.symbol.partition(":")
        parts = qualname.split(".")
        if "/" in qualname or not any(p.startswith("_") and not p.startswith("__") for p in parts):
            continue
        owner = importlib.import_module(module_name)
        for part in parts:
            if part.startswith("_") and not part.startswith("__"):
                if hasattr(owner, part):
                    delattr(owner, part)
                    removed.add(mirror.symbol)
                break
            owner = getattr(owner, part)
import microsite
for info in pkgutil.walk_packages(microsite.__path__, "microsite."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
from pathlib import Path
from mkdocs.config.defaults import MkDocsConfig
from microsite.adapter.accel import registry
from microsite.adapter.accel.run import BuildInputs
inputs = BuildInputs(MkDocsConfig(), Path({cache!r}), False, lambda: False, lambda cache: None)
os.environ["MICROSITE_ACCEL"] = "0"
assert registry.start(inputs).installed == []
os.environ["MICROSITE_ACCEL"] = "1"
run = registry.start(inputs)
users = {{a.name for a in ACCELERATORS if a.switchable and any(m.symbol in removed for m in a.mirrors)}}
assert users and not users & set(run.installed), (users, run.installed)
assert users <= set(run.health.unfit), run.health.unfit
run.end(complete=False)
print(len(removed), sorted(users))
"""


def test_the_package_imports_and_the_plain_path_starts_with_every_private_name_gone(tmp_path: Path) -> None:
    """Every declared private upstream symbol deleted (as an upgrade could): the whole package
    still imports, the plain path installs nothing, and the accelerated start leaves off (and
    logs) every accelerator that declared one."""
    script = _GONE.format(tests=str(Path(__file__).parent), cache=str(tmp_path))
    env = {**os.environ, "PYTHONPATH": str(PACKAGE.parent)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "đã tự tắt" in done.stderr
