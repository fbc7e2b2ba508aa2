"""What the workspace's API may read and write: the collections' folders and nothing else.

decap-server (the local backend) checks only that a path stays inside ``docs/``. Through it,
one request could move every article out of its folder (a rename with ``hasSubfolders`` moves
the whole folder), overwrite another page with a rename, upload an HTML page or a script as a
"photo", or delete any file of ``docs/``. Every request the preview server relays is screened
here first, against the Decap configuration the workspace itself was given:

* reads and writes of entries only in a collection's folder (with its extension) or its file;
* a new entry or a renamed one keeps the file name rule (``[a-z0-9-]``, as ``microsite new``),
  a rename stays in its folder and never lands on an existing file; the folder's other files
  never move (``hasSubfolders`` is forced off);
* uploads only into the media folder, only a kind of ``media/kinds.py`` judged by content,
  with the extension of that kind, and for images what the check would accept (size, pixels);
* nothing through a symbolic link.

A refused request raises ``ApiRefused`` with a Vietnamese sentence for the editor.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..media.kinds import accepted_labels, extension_lies, sniff
from ..validation.images import facts_of, image_problem

ENTRY_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")  # the stem of an entry file: ASCII slug
MEDIA_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)?")
PASSED = frozenset({"info", "getDeployPreview"})


class ApiRefused(ValueError):
    """A request the workspace's API does not carry out; the message is for the editor."""


@dataclass(frozen=True)
class Areas:
    """Where the collections of the Decap configuration keep their files (relative to docs/)."""

    folders: Mapping[str, tuple[str, bool]]  # folder -> (extension, new entries allowed)
    files: frozenset[str]
    media: frozenset[str]

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Areas:
        folders: dict[str, tuple[str, bool]] = {}
        files: set[str] = set()
        media = {str(config["media_folder"]).strip("/")}
        for coll in config.get("collections", []):
            if "folder" in coll:
                folder = str(coll["folder"]).strip("/")
                folders[folder] = (str(coll.get("extension", "md")), bool(coll.get("create", False)))
                if coll.get("media_folder"):
                    media.add(posixpath.normpath(posixpath.join(folder, str(coll["media_folder"]))))
            files.update(str(f["file"]).strip("/") for f in coll.get("files", []))
        return cls(folders, frozenset(files), frozenset(media))


@dataclass
class ApiPolicy:
    """Screens one relayed request body; see the module docstring. The areas are read from the
    workspace's configuration at each request (an option in error is said, not fatal)."""

    areas_of: Callable[[], Areas]
    docs_dir: Path
    areas: Areas = field(default_factory=lambda: Areas({}, frozenset(), frozenset()))

    def screen(self, body: bytes) -> bytes:
        """The body to forward (options rewritten where needed); ``ApiRefused`` if refused."""
        try:
            self.areas = self.areas_of()
        except ValueError as exc:  # the campaign's options in error: the error page says which
            raise ApiRefused(f"Cấu hình của trang có lỗi, khu soạn bài chưa lưu được: {exc}") from None
        try:
            request = json.loads(body)
        except (ValueError, RecursionError):
            raise ApiRefused("Yêu cầu hỏng: nội dung không phải JSON hợp lệ.") from None
        if not isinstance(request, dict) or not isinstance(request.get("params", {}), dict):
            raise ApiRefused("Yêu cầu hỏng: thiếu thao tác hoặc tham số.")
        action, params = str(request.get("action", "")), request.get("params") or {}
        if action in PASSED:
            return body
        handler = getattr(self, "_" + action, None) if re.fullmatch(r"[a-zA-Z]+", action) else None
        if handler is None:
            raise ApiRefused(f"Khu soạn bài trên máy này không làm thao tác \"{action[:40]}\".")
        handler(params)
        return json.dumps(request, ensure_ascii=False).encode("utf-8")

    # -- paths -------------------------------------------------------------------------------

    def _clean(self, value: object) -> PurePosixPath:
        """A relative path inside docs/, with no link on the way; refused otherwise."""
        text = str(value or "")
        norm = posixpath.normpath(text)
        if (not text or "\\" in text or "\x00" in text or text.startswith("/") or norm.startswith("..")
                or any(part.startswith(".") for part in PurePosixPath(norm).parts)):
            raise ApiRefused(f"Đường dẫn \"{text[:80]}\" không hợp lệ trong khu soạn bài.")
        path = PurePosixPath(norm)
        here = self.docs_dir
        for part in path.parts:
            here = here / part
            if here.is_symlink():
                raise ApiRefused(f"\"{norm}\" là liên kết (symlink): khu soạn bài không đọc, không ghi qua liên kết.")
        return path

    def _entry_area(self, path: PurePosixPath) -> tuple[str, bool] | None:
        """(extension, creatable) of the folder collection that holds ``path`` directly."""
        area = self.areas.folders.get(path.parent.as_posix())
        return area if area and path.suffix == "." + area[0] else None

    def _entry(self, value: object, writing: bool = False) -> PurePosixPath:
        path = self._clean(value)
        if path.as_posix() in self.areas.files:
            return path
        area = self._entry_area(path)
        if area is None:
            raise ApiRefused(f"\"{path}\" không thuộc mục nào của khu soạn bài.")
        if writing and not (self.docs_dir / path).exists():
            if not area[1]:
                raise ApiRefused(f"Mục chứa \"{path}\" không cho tạo tệp mới.")
            self._name_rule(path)
        return path

    @staticmethod
    def _name_rule(path: PurePosixPath) -> None:
        if not ENTRY_NAME.fullmatch(path.stem):
            raise ApiRefused(f"Tên tệp \"{path.name}\" không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch "
                             "(như microsite new đặt).")

    def _media_file(self, value: object) -> PurePosixPath:
        path = self._clean(value)
        if path.parent.as_posix() not in self.areas.media:
            raise ApiRefused(f"\"{path}\" không nằm trong thư mục ảnh của khu soạn bài.")
        if not MEDIA_NAME.fullmatch(path.name):
            raise ApiRefused(f"Tên tệp \"{path.name}\" không hợp lệ: chỉ chữ không dấu, số, dấu gạch và một đuôi tệp.")
        return path

    # -- reads -------------------------------------------------------------------------------

    def _entriesByFolder(self, params: dict[str, Any]) -> None:
        folder = self._clean(params.get("folder")).as_posix()
        if folder not in self.areas.folders and folder not in self.areas.media:
            raise ApiRefused(f"\"{folder}\" không phải thư mục của khu soạn bài.")
        params["depth"] = 1  # the collections have no subfolders

    def _entriesByFiles(self, params: dict[str, Any]) -> None:
        for item in params.get("files") or []:
            self._entry(item.get("path") if isinstance(item, dict) else None)

    def _getEntry(self, params: dict[str, Any]) -> None:
        self._entry(params.get("path"))

    def _getMedia(self, params: dict[str, Any]) -> None:
        folder = self._clean(params.get("mediaFolder")).as_posix()
        if folder not in self.areas.media and folder not in self.areas.folders:  # Decap lists entries' folders too
            raise ApiRefused(f"\"{folder}\" không phải thư mục ảnh của khu soạn bài.")

    def _getMediaFile(self, params: dict[str, Any]) -> None:
        self._media_file(params.get("path"))

    # -- writes ------------------------------------------------------------------------------

    def _persistEntry(self, params: dict[str, Any]) -> None:
        files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        for item in files:
            if not isinstance(item, dict):
                raise ApiRefused("Yêu cầu hỏng: tệp lưu không hợp lệ.")
            path = self._entry(item.get("path"), writing=True)
            if item.get("newPath") is not None:
                self._rename(path, item["newPath"])
        for asset in params.get("assets") or []:
            self._upload(asset)
        options = params.setdefault("options", {})
        if isinstance(options, dict):
            options["hasSubfolders"] = False  # a rename moves this file, never its folder's others

    def _rename(self, path: PurePosixPath, new: object) -> None:
        target = self._entry(new, writing=True)
        if target.parent != path.parent or path.as_posix() in self.areas.files:
            raise ApiRefused(f"Không đổi tên \"{path}\" sang thư mục khác (\"{target.parent}\").")
        self._name_rule(target)
        if target != path and (self.docs_dir / target).exists():
            raise ApiRefused(f"Không đổi tên \"{path.name}\" thành \"{target.name}\": tệp này đã có, "
                             "đổi tên sẽ ghi đè bài khác.")

    def _persistMedia(self, params: dict[str, Any]) -> None:
        self._upload(params.get("asset"))

    def _upload(self, asset: object) -> None:
        if not isinstance(asset, dict):
            raise ApiRefused("Yêu cầu hỏng: thiếu tệp tải lên.")
        path = self._media_file(asset.get("path"))
        try:
            data = base64.b64decode(str(asset.get("content", "")), validate=True)
        except (binascii.Error, ValueError):
            raise ApiRefused("Yêu cầu hỏng: nội dung tệp tải lên không đọc được.") from None
        problem = upload_problem(path, data)
        if problem:
            raise ApiRefused(problem)

    def _deleteFile(self, params: dict[str, Any]) -> None:
        self._deletable(params.get("path"))

    def _deleteFiles(self, params: dict[str, Any]) -> None:
        for item in params.get("paths") or []:
            self._deletable(item)

    def _deletable(self, value: object) -> None:
        path = self._clean(value)
        if path.parent.as_posix() in self.areas.media:
            self._media_file(value)
            return
        area = self._entry_area(path)
        if area is None or not area[1]:
            raise ApiRefused(f"Khu soạn bài không xoá \"{path}\": chỉ xoá được bài trong mục của nó và ảnh đã tải lên.")


def upload_problem(path: PurePosixPath, data: bytes) -> str | None:
    """Why an uploaded file cannot be published (None: it can): judged by its bytes."""
    kind = sniff(data[:64])
    if kind is None:
        return (f"Tệp \"{path.name}\" không phải ảnh {accepted_labels('image')} (xét theo nội dung tệp, "
                "không theo tên): khu soạn bài không nhận.")
    if kind.family == "image":
        problem = image_problem(path, len(data), facts_of(io.BytesIO(data)), str(path), None, "ảnh", path.name)
        return f"{problem.message} {problem.hint or ''}".strip() if problem else None
    if extension_lies(path.name, kind):
        return f"Tệp \"{path.name}\" là {kind.label} nhưng tên có đuôi \"{path.suffix}\": đổi đuôi thành {kind.extensions[0]}."
    return None
