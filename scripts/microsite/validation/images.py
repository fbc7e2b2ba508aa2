"""Images: present in docs/, described for screen readers, small enough for phones, and what
they claim to be (a JPEG, PNG or WebP by content; never an editor's SVG, which can carry script).

Readers are on phones and slow networks; a 12 MB camera original or a 6000 px scan
makes an article unusable, so the check refuses it and says how to resize.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from ..content.problems import Problem, Severity
from ..media.kinds import MediaKind, accepted_labels, extension_lies, sniff_file
from .links import inside
from .source import BodySource

MAX_BYTES = 2 * 1024 * 1024
MAX_WIDTH = 4000
# Far below Pillow's decompression-bomb warning (89 million pixels): 4000 x 6000 at most.
MAX_PIXELS = 24_000_000
IMAGE_FIELD = "nội dung"
RESIZE_HINT = (f"Thu nhỏ ảnh về chiều rộng tối đa 2000 px và lưu JPEG chất lượng 80–85 "
               f"(dưới {MAX_BYTES // (1024 * 1024)} MB), ví dụ bằng Paint, Photos hoặc squoosh.app.")


@dataclass(frozen=True)
class ImageFacts:
    """What the check needs to know of one image file, read from its header only."""

    kind: MediaKind | None  # by content; None: not a kind the site publishes
    width: int = 0
    height: int = 0
    mode: str = ""
    too_many_pixels: int = 0  # Pillow's bomb guard tripped, with the count (0: it did not)
    readable: bool = True


@lru_cache(maxsize=4096)
def image_facts(path: Path, size: int, mtime_ns: int) -> ImageFacts:
    """Kind (by content) and size of the image at ``path``. Keyed by size and modification time:
    a site's articles often share one picture, opened once per check. Pillow decodes nothing
    here (headers only), and its decompression-bomb guard is turned into a fact, not a warning
    on the console."""
    kind = sniff_file(path)
    if kind is None or kind.family != "image":
        return ImageFacts(kind)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=[kind.name.upper()]) as img:
                return ImageFacts(kind, int(img.size[0]), int(img.size[1]), str(img.mode))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return ImageFacts(kind, too_many_pixels=int(found.group(1)) if found else MAX_PIXELS + 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return ImageFacts(kind, readable=False)


def _megapixels(count: int) -> str:
    return f"{count / 1_000_000:.0f}".replace(".", ",")


def _kind_problem(facts: ImageFacts, shown: str, line: int | None, field: str, src: str,
                  path: Path) -> Problem | None:
    """Not a kind the site publishes, unreadable, or named as another kind than it is."""
    accepted = accepted_labels("image")
    if path.suffix.lower() == ".svg":
        return Problem(shown, f"Ảnh \"{src}\" là tệp SVG: trang không đăng ảnh SVG của người soạn bài "
                       "(tệp SVG có thể chứa mã chạy trên máy người đọc).", line, field,
                       f"Xuất ảnh ra dạng {accepted} (ví dụ bằng Inkscape: Xuất PNG) rồi chép vào docs.")
    if facts.kind is None or not facts.readable:
        return Problem(shown, f"Tệp \"{src}\" không phải ảnh đọc được ({accepted}): tệp hỏng hoặc không phải ảnh.",
                       line, field, "Mở ảnh bằng phần mềm xem ảnh, lưu lại dạng JPEG hoặc PNG rồi chép vào docs.")
    if extension_lies(path.name, facts.kind):
        return Problem(shown, f"Tệp \"{src}\" là ảnh {facts.kind.label} nhưng tên có đuôi \"{path.suffix}\" "
                       "(đuôi tệp sai: trình duyệt sẽ nhận sai loại ảnh).", line, field,
                       f"Đổi đuôi tệp thành \"{facts.kind.extensions[0]}\" và sửa đường dẫn trong bài.")
    return None


def _size_problem(facts: ImageFacts, shown: str, line: int | None, field: str, src: str) -> Problem | None:
    """Too many pixels (a decompression bomb or a huge scan) or too wide for the web."""
    pixels = facts.too_many_pixels or facts.width * facts.height
    if pixels > MAX_PIXELS:
        return Problem(shown, f"Ảnh \"{src}\" quá lớn: {_megapixels(pixels)} triệu điểm ảnh "
                       f"(tối đa {_megapixels(MAX_PIXELS)} triệu).", line, field, RESIZE_HINT)
    if facts.width > MAX_WIDTH:
        return Problem(shown, f"Ảnh \"{src}\" rộng {facts.width} px, quá lớn cho trang web (tối đa {MAX_WIDTH} px).",
                       line, field, RESIZE_HINT)
    return None


def oversize_problem(path: Path, shown: str, line: int | None, field: str, src: str) -> Problem | None:
    """An error if the image file at ``path`` is not a JPEG, PNG or WebP by its content, is named
    as another kind than it is, or is too heavy, too large or too wide for the web."""
    stat = path.stat()
    size = stat.st_size
    if size > MAX_BYTES:
        return Problem(shown, f"Ảnh \"{src}\" nặng {size / 1024 / 1024:.1f} MB, quá lớn cho trang web "
                       f"(tối đa {MAX_BYTES // (1024 * 1024)} MB).", line, field, RESIZE_HINT)
    facts = image_facts(path, size, stat.st_mtime_ns)
    return (_kind_problem(facts, shown, line, field, src, path)
            or _size_problem(facts, shown, line, field, src))


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
