"""No silent overwrite: a save or delete from the workspace is refused when the file changed
on disk since the editor opened it.

decap-server writes whatever it is sent, so two tabs, two editors, or an editor and a text
editor on the same file each overwrite the other without a word. The preview server's relay
asks this guard first. Every entry the CMS reads goes out with its *version* (a hash of the
text the editor was shown); ``admin/guard.js`` sends back, with a save or a delete, the
version each file had when the editor opened it (``microsite_bases``). A file whose text
on disk has another version now, or a new entry whose file already exists, is refused
with a Vietnamese message saying when the other save happened; nothing is written and the
typed text stays in the form. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..text.press import TIMEZONE, short_date, time_of_day

BASES_KEY = "microsite_bases"  # request: {path: version the editor opened, null: a new file}
VERSION_KEY = "microsite_version"  # reply: added to every entry's "file"
VERSIONS_KEY = "microsite_versions"  # reply to a save: {path: version now on disk}
CONFLICT_KEY = "microsite_conflict"  # refusal: {path, saved_at, deleted}
READS = ("entriesByFolder", "entriesByFiles", "getEntry")
GUARDED = ("persistEntry", "deleteFiles", "deleteFile")


def version(text: str) -> str:
    """The version of a file's text: what the editor saw, not when it was written."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Refusal:
    """A save or delete that would overwrite someone else's work."""

    path: str
    message: str
    saved_at: str = ""  # press-style time of the other save ("21:05 ngày 6-12-2026")
    deleted: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"error": self.message,
                CONFLICT_KEY: {"path": self.path, "saved_at": self.saved_at, "deleted": self.deleted}}


@dataclass(frozen=True)
class SaveGuard:
    """Checks requests to decap-server against the files under ``root`` (the site's docs/)."""

    root: Path

    def _file(self, rel: str) -> Path | None:
        path = (self.root / rel).resolve()
        return path if path.is_relative_to(self.root.resolve()) else None

    def _current(self, rel: str) -> tuple[str | None, float]:
        """(version on disk or None when there is no file, modification time)."""
        path = self._file(rel)
        if path is None or not path.is_file():
            return None, 0.0
        try:
            return version(path.read_text(encoding="utf-8")), path.stat().st_mtime
        except (OSError, UnicodeDecodeError):
            return None, 0.0

    def split(self, body: bytes) -> tuple[dict[str, Any] | None, bytes]:
        """The request as data, and the body to forward (without the workspace's bases:
        decap-server validates its parameters)."""
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return None, body
        if not isinstance(request, dict) or BASES_KEY not in request:
            return (request if isinstance(request, dict) else None), body
        forwarded = {k: v for k, v in request.items() if k != BASES_KEY}
        return request, json.dumps(forwarded, ensure_ascii=False).encode("utf-8")

    def refusal(self, request: dict[str, Any] | None) -> Refusal | None:
        """Why this save or delete must not happen, or None."""
        if not request or request.get("action") not in GUARDED:
            return None
        bases = request.get(BASES_KEY) or {}
        params = request.get("params") or {}
        new_entry = bool((params.get("options") or {}).get("newEntry"))
        for rel in _paths(request):
            current, mtime = self._current(rel)
            if request["action"] == "persistEntry" and new_entry and current is not None and rel not in bases:
                return Refusal(rel, f"Không lưu được: đã có tệp {rel} (cùng tiêu đề với một bài khác). "
                               "Đổi tiêu đề rồi lưu lại; nội dung bạn gõ vẫn còn trong khung soạn.",
                               _when(mtime))
            if rel not in bases or bases[rel] == current:
                continue
            if current is None:
                return Refusal(rel, f"Không lưu được: tệp {rel} đã bị xóa hoặc đổi tên ở nơi khác sau khi bạn "
                               "mở nó. Nội dung bạn gõ vẫn còn trong khung soạn: chép lại phần cần giữ.",
                               deleted=True)
            what = "xóa" if request["action"] != "persistEntry" else "lưu"
            return Refusal(rel, f"Không {what} được: người khác (hoặc bạn ở một thẻ, một trình soạn thảo "
                           f"khác) đã lưu {rel} lúc {_when(mtime)}, sau khi bạn mở nó. Để không ghi đè "
                           "lên bản đó, lần này chưa lưu gì; nội dung bạn gõ vẫn còn trong khung soạn. "
                           "Chép lại phần cần giữ rồi bấm \"Tải bản mới\".", _when(mtime))
        return None

    def annotate(self, request: dict[str, Any] | None, status: int, reply: bytes) -> bytes:
        """Add versions to what decap-server answered: each entry read, each file saved."""
        if not request or status != 200:
            return reply
        action = request.get("action")
        if action in READS:
            try:
                data = json.loads(reply)
            except ValueError:
                return reply
            for entry in data if isinstance(data, list) else [data]:
                if isinstance(entry, dict) and isinstance(entry.get("file"), dict) and isinstance(entry.get("data"), str):
                    entry["file"][VERSION_KEY] = version(entry["data"])
            return json.dumps(data, ensure_ascii=False).encode("utf-8")
        if action == "persistEntry":
            versions = {rel: self._current(rel)[0] for rel in _paths(request)}
            try:
                data = json.loads(reply)
            except ValueError:
                data = {}
            if isinstance(data, dict):
                data[VERSIONS_KEY] = versions
                return json.dumps(data, ensure_ascii=False).encode("utf-8")
        return reply


def _paths(request: dict[str, Any]) -> list[str]:
    params = request.get("params") or {}
    if request.get("action") == "persistEntry":
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        return [str(f["path"]) for f in files if isinstance(f, dict) and f.get("path")]
    if request.get("action") == "deleteFiles":
        return [str(p) for p in params.get("paths") or []]
    return [str(params["path"])] if params.get("path") else []


def _when(mtime: float) -> str:
    if not mtime:
        return ""
    moment = datetime.fromtimestamp(mtime, TIMEZONE)
    return f"{time_of_day(moment)} ngày {short_date(moment)}"
