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
from pathlib import Path, PurePath
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from ..content.problems import Problem, Severity
from ..media.kinds import HEAD_BYTES, MediaKind, accepted_labels, extension_lies, sniff
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
    bits: int = 8  # bits per channel (a 16-bit PNG: 16)
    animated: bool = False  # more than one frame (APNG, animated WebP)


@lru_cache(maxsize=4096)
def image_facts(path: Path, size: int, mtime_ns: int) -> ImageFacts:
    """Kind (by content) and size of the image at ``path``. Keyed by size and modification time:
    a site's articles often share one picture, opened once per check."""
    with path.open("rb") as handle:
        return facts_of(handle)


def facts_of(handle: BinaryIO) -> ImageFacts:
    """Kind (by content) and size of the image in ``handle``. Pillow decodes nothing here
    (headers only), and its decompression-bomb guard is turned into a fact, not a warning on
    the console."""
    kind = sniff(handle.read(HEAD_BYTES))
    handle.seek(0)
    if kind is None or kind.family != "image":
        return ImageFacts(kind)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(handle, formats=[kind.name.upper()]) as img:
                # A camera's JPEG may hold a second picture (MPO): only PNG and WebP can animate.
                animated = kind.name in ("png", "webp") and bool(getattr(img, "is_animated", False))
                return ImageFacts(kind, int(img.size[0]), int(img.size[1]), str(img.mode),
                                  bits=_bit_depth(handle, kind, str(img.mode)), animated=animated)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        return ImageFacts(kind, too_many_pixels=int(found.group(1)) if found else MAX_PIXELS + 1)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return ImageFacts(kind, readable=False)


def _bit_depth(handle: BinaryIO, kind: MediaKind, mode: str) -> int:
    """Bits per channel: Pillow opens a 16-bit RGB PNG as 8-bit RGB, so the PNG header says."""
    if mode.startswith("I;16") or mode == "I":
        return 16
    if kind.name == "png":
        where = handle.tell()
        handle.seek(0)
        head = handle.read(25)
        handle.seek(where)
        if len(head) == 25:
            return head[24]  # IHDR's bit depth
    return 8


def _megapixels(count: int) -> str:
    return f"{count / 1_000_000:.0f}".replace(".", ",")


def _kind_problem(facts: ImageFacts, shown: str, line: int | None, field: str, src: str,
                  path: PurePath) -> Problem | None:
    """Not a kind the site publishes, unreadable, or named as another kind than it is."""
    accepted = accepted_labels("image")
    if path.suffix.lower() == ".svg":
        return Problem(shown, f"Ảnh \"{src}\" là tệp SVG: trang không đăng ảnh SVG của người soạn bài "
                       "(tệp SVG có thể chứa mã chạy trên máy người đọc).", line, field,
                       f"Xuất ảnh ra dạng {accepted} (ví dụ bằng Inkscape: Xuất PNG) rồi chép vào docs.")
    if facts.kind is None or facts.kind.family != "image" or not facts.readable:  # a video is no picture
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


MIN_LEAD_WIDTH = 1200  # the lead is shown 720 px wide at twice the density, and cropped 1200 px wide for partners
PHOTO_HINT = "Mở ảnh bằng phần mềm sửa ảnh (Photoshop, GIMP, Photos...), {fix} rồi lưu lại dạng JPEG chất lượng 80–90."


def photo_problem(facts: ImageFacts, shown: str, line: int | None, field: str, src: str,
                  lead: bool = False) -> Problem | None:
    """A picture the site's renditions would show wrongly: CMYK (print colours), 16 bits per
    channel, animated (only the first frame would be kept), or for a lead too narrow for the
    page and the partners' 1200 px crops."""
    if facts.mode == "CMYK":
        return Problem(shown, f"Ảnh \"{src}\" dùng hệ màu CMYK (ảnh để in), màu sẽ sai trên màn hình.", line, field,
                       PHOTO_HINT.format(fix="chuyển sang hệ màu RGB (sRGB)"))
    if facts.bits > 8:
        return Problem(shown, f"Ảnh \"{src}\" có {facts.bits} bit mỗi kênh màu, trang web chỉ dùng ảnh 8 bit.",
                       line, field, PHOTO_HINT.format(fix="chuyển về 8 bit mỗi kênh (8 bits/channel)"))
    if facts.animated:
        return Problem(shown, f"Ảnh \"{src}\" là ảnh động, ở đây cần một ảnh chụp (chỉ khung hình đầu được đăng).",
                       line, field, "Chọn một khung hình và lưu thành ảnh JPEG; đoạn phim thì đăng dạng video.")
    if lead and facts.width < MIN_LEAD_WIDTH:
        return Problem(shown, f"Ảnh đại diện \"{src}\" chỉ rộng {facts.width} px, quá nhỏ "
                       f"(cần ít nhất {MIN_LEAD_WIDTH} px để hiện rõ đầu bài và cho báo khác dùng lại).", line, field,
                       f"Dùng ảnh gốc từ máy ảnh hoặc điện thoại, rộng từ {MIN_LEAD_WIDTH} đến {MAX_WIDTH} px.")
    return None


def oversize_problem(path: Path, shown: str, line: int | None, field: str, src: str,
                     lead: bool = False) -> Problem | None:
    """An error if the image file at ``path`` is not a JPEG, PNG or WebP by its content, is named
    as another kind than it is, is too heavy, too large or too wide for the web, or is no photo
    the renditions can show (``photo_problem``; ``lead``: the article's lead photo)."""
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        return image_problem(path, stat.st_size, ImageFacts(None), shown, line, field, src)
    return image_problem(path, stat.st_size, image_facts(path, stat.st_size, stat.st_mtime_ns), shown, line, field,
                         src, lead)


def image_problem(name: PurePath, size: int, facts: ImageFacts, shown: str, line: int | None, field: str,
                  src: str, lead: bool = False) -> Problem | None:
    """The first thing wrong with an image of ``size`` bytes named ``name`` (a file in docs/ or
    an upload of the workspace), None when the site can publish it; ``lead``: an article's lead
    photo, which must also be wide enough (``photo_problem``)."""
    if size > MAX_BYTES:
        return Problem(shown, f"Ảnh \"{src}\" nặng {size / 1024 / 1024:.1f} MB, quá lớn cho trang web "
                       f"(tối đa {MAX_BYTES // (1024 * 1024)} MB).", line, field, RESIZE_HINT)
    return (_kind_problem(facts, shown, line, field, src, name)
            or _size_problem(facts, shown, line, field, src)
            or photo_problem(facts, shown, line, field, src, lead))


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
