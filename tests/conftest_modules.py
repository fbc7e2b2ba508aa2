"""The two conftest files as importable modules, loaded by path.

Both are named ``conftest``, so ``from conftest import ...`` depends on which one
pytest imported last; tests that need their helpers (not fixtures) use these.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

TESTS = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


site_helpers = _load("site_helpers", TESTS / "conftest.py")
browser_helpers = _load("browser_helpers", TESTS / "browser" / "conftest.py")
