"""ARCHITECTURE.md's module map names every module of the package, so a newcomer can trust it.

The rule: a module ``scripts/microsite/<folder>/<name>.py`` is named in the "Module map" section
as `` `<name>.py` `` (or with the part of its path below the folder) in the block under the
nearest folder heading (`` `<folder>/`: ``), or by its whole path anywhere in the section. A
folder row (`` `charts/` ``) covers the modules of a folder none of whose modules has a row.
"""

from __future__ import annotations

import re
from pathlib import Path

import microsite

PACKAGE = Path(microsite.__file__).resolve().parent
ARCHITECTURE = PACKAGE.parents[1] / "ARCHITECTURE.md"
HEADING = re.compile(r"^`([a-z_/]+/)`(?: \([^)]*\))?:", re.MULTILINE)


def _section() -> str:
    text = ARCHITECTURE.read_text("utf-8")
    start = text.index("## Module map")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _blocks(section: str) -> dict[str, str]:
    """The text under each folder heading (`` `adapter/`: ``), and "" for the rest."""
    marks = [(m.start(), m.group(1)) for m in HEADING.finditer(section)]
    blocks = {"": section}
    for (start, folder), (end, _) in zip(marks, marks[1:] + [(len(section), "")]):
        blocks[folder] = blocks.get(folder, "") + section[start:end]  # a folder given twice: both
    return blocks


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"`([^`\s]+)`", text))


def _modules() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                  if path.name not in ("__init__.py", "__main__.py") and "templates" not in path.parts)


def unmapped() -> list[str]:
    section = _section()
    blocks = _blocks(section)
    everywhere = _tokens(section)
    named = set()
    missing = []
    for module in _modules():
        folders = [f for f in blocks if f and module.startswith(f)]
        folder = max(folders, key=len) if folders else ""
        if module in everywhere or module.removeprefix(folder) in _tokens(blocks[folder]):
            named.add(module)
    for module in _modules():
        if module in named:
            continue
        parent = module.rsplit("/", 1)[0] + "/" if "/" in module else ""
        covered = parent and (parent in everywhere or any(parent.endswith("/" + t) or parent == t
                                                          for t in everywhere if t.endswith("/")))
        if covered and not any(m.startswith(parent) for m in named):
            continue
        missing.append(module)
    return missing


def test_the_module_map_names_every_module() -> None:
    missing = unmapped()
    assert not missing, (
        "ARCHITECTURE.md's module map does not name: "
        + ", ".join(f"scripts/microsite/{m}" for m in missing)
        + ". Add a row `| `<name>.py` | <its job> |` to the table under the module's folder heading "
          "(`<folder>/`:) in the \"Module map\" section, for each.")
