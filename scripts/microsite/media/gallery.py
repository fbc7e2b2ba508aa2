"""Photo stories (phóng sự ảnh): the photos of one folder, in file-name order, with the
captions, credits and descriptions of the ``chu-thich.yml`` beside them.

An article shows one with a line ``::gallery anh/phong-su`` (``markdown/gallery_embed.py``).
The folder is read relative to the article, as its images are. Everything wrong with it (no
folder, no captions file, a photo without its caption or a caption without its photo, a file
that is not a photo, a photo too heavy for the web) is a check error in Vietnamese naming the
file, line and field; the build then only shows folders the check accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from ..content.datafile import DataFile, read_data_file, validator
from ..content.problems import Problem
from ..validation.images import oversize_problem
from .kinds import accepted_labels, sniff_file

CAPTIONS = "chu-thich.yml"
LINE_FIELD = "nội dung"


@dataclass(frozen=True)
class Photo:
    name: str  # file name inside the folder
    alt: str
    caption: str
    credit: str
    width: int
    height: int


@dataclass(frozen=True)
class Gallery:
    folder: str  # as the editor wrote it, relative to the article
    photos: tuple[Photo, ...]


def photo_files(folder: Path) -> list[Path]:
    """The folder's files in name order, but the captions file and hidden ones."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != CAPTIONS and not p.name.startswith("."))


def _size(path: Path) -> tuple[int, int]:
    with Image.open(path) as img:
        return int(img.size[0]), int(img.size[1])


def _photos(doc: DataFile, folder: Path, files: list[Path]) -> tuple[list[Photo], list[Problem]]:
    """Match the captions with the folder's photos; each mismatch is a problem."""
    problems: list[Problem] = []
    entries = {str(raw["file"]): (i, raw) for i, raw in enumerate(doc.data["photos"])}
    names = {p.name for p in files}
    for name, (i, _) in entries.items():
        if name not in names:
            problems.append(doc.problem(("photos", i, "file"), f"Không có ảnh \"{name}\" trong thư mục {folder.name}.",
                                        "Sửa tên tệp cho đúng (phân biệt chữ hoa, chữ thường) hoặc xoá mục này."))
    photos = []
    for path in files:
        kind = sniff_file(path)
        if kind is None or kind.family != "image":
            problems.append(Problem(doc.shown, f"Tệp \"{path.name}\" trong thư mục ảnh không phải ảnh "
                                    f"({accepted_labels('image')}).", 1, None,
                                    "Chỉ để ảnh và tệp chu-thich.yml trong thư mục phóng sự ảnh."))
            continue
        found = entries.get(path.name)
        if found is None:
            problems.append(Problem(doc.shown, f"Ảnh \"{path.name}\" chưa có chú thích.", 1, "photos",
                                    f"Thêm vào danh sách photos một mục: file: {path.name}, alt, caption và credit."))
            continue
        i, raw = found
        heavy = oversize_problem(path, doc.shown, doc.line_of("photos", i, "file"), f"photos[{i + 1}].file", path.name)
        if heavy:
            problems.append(heavy)
            continue
        photos.append(Photo(path.name, " ".join(raw["alt"].split()), " ".join(raw["caption"].split()),
                            " ".join(raw["credit"].split()), *_size(path)))
    return photos, problems


def load_gallery(folder: Path, written: str, shown_root: Path) -> tuple[Gallery | None, list[Problem]]:
    """The photo story in ``folder`` (``written`` as the article says it), or the problems of its
    captions file; problems of the folder itself are the caller's (it knows the article's line)."""
    captions = folder / CAPTIONS
    shown = captions.relative_to(shown_root).as_posix() if captions.is_relative_to(shown_root) else str(captions)
    doc, problems = read_data_file(captions, shown, validator(__package__, "gallery.schema.json"))
    if doc is None:
        return None, problems
    photos, problems = _photos(doc, folder, photo_files(folder))
    if problems:
        return None, problems
    return Gallery(written, tuple(photos)), []


@lru_cache(maxsize=256)
def cached_gallery(folder: Path, written: str, shown_root: Path, stamp: tuple[tuple[str, int, int], ...]) -> Gallery | None:
    """``load_gallery`` once per state of the folder (``stamp``: its files' names, sizes, times)."""
    return load_gallery(folder, written, shown_root)[0]


def folder_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file())


def resolve_folder(written: str, article: Path, docs_dir: Path) -> Path | None:
    """The folder a ``::gallery`` line names, relative to the article (or to docs/ with a
    leading "/"); None when it would leave docs/."""
    base = docs_dir if written.startswith("/") else article.parent
    target = (base / written.strip("/")).resolve()
    return target if target.is_relative_to(docs_dir.resolve()) else None


def gallery_problems(written: str, article: Path, shown: str, line: int, docs_dir: Path) -> list[Problem]:
    """Everything wrong with the photo story a ``::gallery`` line on ``line`` of ``shown`` names."""
    folder = resolve_folder(written, article, docs_dir)
    if folder is None:
        return [Problem(shown, f"Thư mục ảnh \"{written}\" nằm ngoài thư mục docs.", line, LINE_FIELD,
                        "Đặt thư mục ảnh trong docs, ví dụ cạnh bài viết: anh/phong-su-1.")]
    if not folder.is_dir():
        return [Problem(shown, f"Không tìm thấy thư mục ảnh \"{written}\".", line, LINE_FIELD,
                        "Kiểm tra tên thư mục (tính từ thư mục của bài viết), ví dụ ::gallery anh/phong-su-1.")]
    if not (folder / CAPTIONS).is_file():
        return [Problem(shown, f"Thư mục ảnh \"{written}\" chưa có tệp {CAPTIONS}.", line, LINE_FIELD,
                        f"Tạo tệp {CAPTIONS} trong thư mục, mỗi ảnh một mục: file, alt (mô tả ảnh), caption "
                        "(chú thích) và credit (tác giả ảnh).")]
    _, problems = load_gallery(folder, written, docs_dir.resolve().parent)
    return problems
