"""Images: present in docs/, described for screen readers, small enough for phones.

Readers are on phones and slow networks; a 12 MB camera original or a 6000 px scan
makes an article unusable, so the check refuses it and says how to resize.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from ..content.problems import Problem, Severity
from .links import inside
from .source import BodySource

MAX_BYTES = 2 * 1024 * 1024
MAX_WIDTH = 4000
IMAGE_FIELD = "nội dung"
RESIZE_HINT = (f"Thu nhỏ ảnh về chiều rộng tối đa 2000 px và lưu JPEG chất lượng 80–85 "
               f"(dưới {MAX_BYTES // (1024 * 1024)} MB), ví dụ bằng Paint, Photos hoặc squoosh.app.")


@lru_cache(maxsize=4096)
def _pixel_width(path: Path, size: int, mtime_ns: int) -> int | None:
    """Width of the image file, None if it cannot be read as an image. Keyed by size and
    modification time: a site's articles often share one picture, opened once per check."""
    try:
        with Image.open(path) as img:
            return int(img.size[0])
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None


def oversize_problem(path: Path, shown: str, line: int | None, field: str, src: str) -> Problem | None:
    """An error if the image file at ``path`` is too heavy or too wide for the web."""
    stat = path.stat()
    size = stat.st_size
    if size > MAX_BYTES:
        return Problem(shown, f"Ảnh \"{src}\" nặng {size / 1024 / 1024:.1f} MB, quá lớn cho trang web "
                       f"(tối đa {MAX_BYTES // (1024 * 1024)} MB).", line, field, RESIZE_HINT)
    if path.suffix.lower() == ".svg":
        return None
    width = _pixel_width(path, size, stat.st_mtime_ns)
    if width is None:
        return Problem(shown, f"Tệp \"{src}\" không phải ảnh đọc được (hỏng hoặc sai đuôi tệp).", line, field,
                       "Mở ảnh bằng phần mềm xem ảnh, lưu lại dạng JPEG hoặc PNG rồi chép vào docs.")
    if width > MAX_WIDTH:
        return Problem(shown, f"Ảnh \"{src}\" rộng {width} px, quá lớn cho trang web (tối đa {MAX_WIDTH} px).",
                       line, field, RESIZE_HINT)
    return None


def _file_problem(src: BodySource, url: str, docs_dir: Path) -> Problem | None:
    parts = urlsplit(url.strip())
    line = src.line_of(url)
    if parts.scheme or parts.netloc:
        return Problem(src.shown, f"Ảnh \"{url}\" lấy từ trang web khác.", line, IMAGE_FIELD,
                       "Tải ảnh về, đặt trong thư mục docs (ví dụ docs/tin-tuc/anh/) và ghi đường dẫn tương đối.")
    path = unquote(parts.path)
    target = (docs_dir / path.lstrip("/")) if path.startswith("/") else (src.path.parent / path)
    if not inside(target, docs_dir):
        return Problem(src.shown, f"Đường dẫn ảnh \"{url}\" nằm ngoài thư mục docs.", line, IMAGE_FIELD,
                       "Đặt ảnh trong thư mục docs và ghi đường dẫn tương đối tính từ bài viết.")
    if not target.is_file():
        return Problem(src.shown, f"Không tìm thấy tệp ảnh \"{url}\".", line, IMAGE_FIELD,
                       "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và vị trí ảnh so với bài viết.")
    return oversize_problem(target, src.shown, line, IMAGE_FIELD, url)


def _alt_problem(src: BodySource, url: str, alt: str | None) -> Problem | None:
    if alt and alt.strip():
        return None
    severity = Severity.WARNING if src.draft else Severity.ERROR
    return Problem(src.shown, f"Ảnh \"{url}\" thiếu mô tả (alt) cho người khiếm thị.", src.line_of(url),
                   IMAGE_FIELD, f"Viết mô tả ngắn trong ngoặc vuông: ![Mô tả nội dung ảnh]({url}).",
                   severity)


def check_images(src: BodySource, docs_dir: Path) -> list[Problem]:
    """Every ``<img>`` of the body: file present inside docs/, not oversized, with alt text."""
    problems = []
    for el in src.elements:
        if el.tag != "img":
            continue
        url = el.get("src") or ""
        for found in (_file_problem(src, url, docs_dir), _alt_problem(src, url, el.get("alt"))):
            if found:
                problems.append(found)
    return problems
