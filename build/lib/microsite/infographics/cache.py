"""Content-addressed render cache: same data + same template code + same font = no render.

The key hashes the data file's parsed content, the channel, the site name drawn in
the footer, every source file of this package (the "template code") and the font
files. A rebuild with nothing changed copies cached files and renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..assets.fonts import ttf_path
from .typography import WEIGHTS

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of this package's code and schema: any template change invalidates renders."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".json"}:
            h.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def font_digest() -> str:
    h = hashlib.sha256()
    for name in sorted(WEIGHTS.values()):
        h.update(ttf_path(name).read_bytes())
    return h.hexdigest()


def key(*parts: Any) -> str:
    """Stable digest of JSON-serialisable parts plus code and font digests."""
    payload = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    h = hashlib.sha256(payload.encode())
    h.update(code_digest().encode())
    h.update(font_digest().encode())
    return h.hexdigest()[:24]


class RenderCache:
    """Folder of finished files, one sub-folder per key."""

    def __init__(self, root: Path):
        self.root = root

    def entry(self, digest: str) -> Path:
        return self.root / digest

    def has(self, digest: str) -> bool:
        return (self.entry(digest) / "meta.json").is_file()

    def meta(self, digest: str) -> dict[str, Any]:
        return json.loads((self.entry(digest) / "meta.json").read_text("utf-8"))

    def store(self, digest: str, files: dict[str, bytes], meta: dict[str, Any]) -> None:
        """Write files then meta.json last, so a crash never leaves a half entry marked done."""
        folder = self.entry(digest)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")

    def copy_out(self, digest: str, dest_dir: Path) -> list[Path]:
        dest_dir.mkdir(parents=True, exist_ok=True)
        out = []
        for name in self.meta(digest)["files"]:
            target = dest_dir / name
            shutil.copyfile(self.entry(digest) / name, target)
            out.append(target)
        return out
