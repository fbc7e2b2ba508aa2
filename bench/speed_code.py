"""Lines of the speed-only code: per module and in total, at the working tree or a git revision.

Usage, from the repository root::

    .venv/bin/python bench/speed_code.py              # the working tree
    .venv/bin/python bench/speed_code.py --rev main   # any revision (read with ``git show``)

"Code" counts the lines that hold Python tokens, blank lines, comments and docstrings (any
statement that is a bare string) left out; "raw" counts every line. Speed-only code is what
exists only to make builds or the editor loop faster: the accelerators and their registry,
the Markdown shortcuts, the forked loops, the incremental and patch paths, the preview's quick
path and the unchanged-build skip (``SPEED_ONLY``). ``APART`` lists modules with a speed part
that are not counted: each says why. A module absent at the revision counts 0.
"""

from __future__ import annotations

import argparse
import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "scripts/microsite"
ACCEL_DIR = f"{PACKAGE}/adapter/accel"  # every module in it counts

SPEED_ONLY = (
    f"{PACKAGE}/markdown/plain_text.py",
    f"{PACKAGE}/markdown/plain_paragraph.py",
    f"{PACKAGE}/markdown/switched_off.py",  # merged into adapter/accel/health.py
    f"{PACKAGE}/markdown/excerpt_source.py",
    f"{PACKAGE}/forked_loop.py",
    f"{PACKAGE}/adapter/page_patch.py",
    f"{PACKAGE}/adapter/preview_quick.py",
    f"{PACKAGE}/adapter/incremental.py",
    f"{PACKAGE}/adapter/build_stamp.py",
    f"{PACKAGE}/content/check_memo.py",
    f"{PACKAGE}/search/patch.py",
)
APART = {
    f"{PACKAGE}/adapter/lazy_bundle.py": "page weight (the bundle loads on first use), not build speed",
    f"{PACKAGE}/background.py": "the card worker beside the build: also bounds memory and time of drawing",
    f"{PACKAGE}/memory.py": "garbage-collector settings, and memory released after a failed preview build",
    f"{PACKAGE}/content/paths.py": "one resolved path per file: the check's identity of files, memoised",
    f"{PACKAGE}/adapter/upstream.py": ("declared uses of upstream internals that are not speed-ups (moved out of "
                                       "the catalogue), and the versions and mirrors shared with the accelerators"),
}


def _git(rev: str, *args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def modules(rev: str | None) -> list[str]:
    """The speed-only modules: every file of ``adapter/accel`` at ``rev`` plus ``SPEED_ONLY``."""
    if rev is None:
        accel = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / ACCEL_DIR).glob("*.py"))
    else:
        accel = sorted(p for p in _git(rev, "ls-tree", "--name-only", f"{rev}:{ACCEL_DIR}").split()
                       if p.endswith(".py"))
        accel = [f"{ACCEL_DIR}/{p}" for p in accel]
    return [*accel, *SPEED_ONLY]


def source(path: str, rev: str | None) -> str | None:
    """The file's text at ``rev`` (None: the working tree), or None when it does not exist."""
    if rev is None:
        file = ROOT / path
        return file.read_text("utf-8") if file.is_file() else None
    try:
        return _git(rev, "show", f"{rev}:{path}")
    except subprocess.CalledProcessError:
        return None


def _docstring_lines(tree: ast.AST) -> set[int]:
    """Lines of every statement that is a bare string (docstrings, attribute notes)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


_NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
             tokenize.ENCODING, tokenize.ENDMARKER}


def count(text: str) -> tuple[int, int]:
    """(code lines, raw lines) of a Python module's text."""
    docstrings = _docstring_lines(ast.parse(text))
    code: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in _NOT_CODE:
            continue
        code.update(line for line in range(token.start[0], token.end[0] + 1) if line not in docstrings)
    return len(code), len(text.splitlines())


def _short(path: str) -> str:
    return path.removeprefix(f"{PACKAGE}/")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="a git revision (default: the working tree)")
    args = parser.parse_args()
    label = args.rev or "working tree"
    if args.rev:
        label += f" ({_git(args.rev, 'rev-parse', '--short', args.rev).strip()})"
    print(f"speed-only code at {label}")
    print(f"{'module':40} {'code':>6} {'raw':>6}")
    total_code = total_raw = 0
    for path in modules(args.rev):
        text = source(path, args.rev)
        code, raw = count(text) if text is not None else (0, 0)
        total_code, total_raw = total_code + code, total_raw + raw
        print(f"{_short(path):40} {code:6} {raw:6}" + ("" if text is not None else "  (absent)"))
    print(f"{'total':40} {total_code:6} {total_raw:6}")
    print("\nlisted apart (not in the total)")
    for path, why in APART.items():
        text = source(path, args.rev)
        code, raw = count(text) if text is not None else (0, 0)
        print(f"{_short(path):40} {code:6} {raw:6}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
