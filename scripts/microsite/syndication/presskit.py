"""Per-article press kit: one ZIP with everything a newsroom needs to republish.

Contents: the Markdown source, a standalone HTML file, the radio/TV plain text, the
ninjs document, every image file (featured image, body images, social card) and a
credits-and-licence sheet. The ZIP is deterministic (sorted names, fixed timestamps,
fixed permissions) so unchanged articles give byte-identical files between builds.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.paths import real
from ..media.model import VIDEO, clock_duration
from ..text.press import datetime_line, number
from .entry import Entry, SiteIdentity
from .licence import attribution_text, image_credit, licence_summary, reuse_rules
from .republish import ReuseTexts, republish_html, reuse_texts

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # earliest time a ZIP can store
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
# zlib level for the kit's text files, measured on the kits of 2000 generated articles
# (80 MB of Markdown, HTML, JSON and text): level 6 took 2,2 s and wrote 19,6 MB, level 3
# 1,65 s and 20,8 MB; a kit (45 KB, most of it images) grows by about 0,6 KB.
TEXT_LEVEL = 3
IMAGE_DIR = "anh/"
MEDIA_DIR = "media/"  # captions and transcripts of the article's video and audio


@dataclass(frozen=True)
class KitFile:
    name: str
    data: bytes


def standalone_html(entry: Entry, identity: SiteIdentity, body: str | None = None) -> str:
    """A complete HTML document around ``body`` (default: ``republish_html``)."""
    e = html_lib.escape
    return (
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{e(entry.title)}</title>\n<link rel=\"canonical\" href=\"{e(entry.url)}\">\n"
        "</head>\n<body>\n"
        f"<p>{e(datetime_line(entry.published))}</p>\n"
        f"{republish_html(entry, identity) if body is None else body}\n</body>\n</html>\n"
    )


def credits_text(entry: Entry, identity: SiteIdentity, images: list[str]) -> str:
    article = entry.article
    lines = [
        entry.title,
        f"Địa chỉ bài gốc: {entry.url}",
        f"Đăng lúc: {datetime_line(entry.published)}",
        f"Tác giả: {article.byline}",
    ]
    if article.source:
        lines.append(article.source)
    if entry.image:
        lines.append(f"Ảnh đại diện: {entry.image.alt} – {image_credit(entry.image.credit)}")
    if images:
        lines.append("Tệp ảnh trong bộ tư liệu: " + ", ".join(images))
    lines += media_credits(entry)
    lines += ["", "Ghi nguồn khi đăng lại:", attribution_text(entry, identity), "",
              "Giấy phép:", licence_summary(identity), "", "Quy định đăng lại:"]
    lines += [f"- {rule}" for rule in reuse_rules(identity)]  # the last rule is LEGAL_NOTE
    return "\n".join(lines) + "\n"


def media_names(entry: Entry) -> dict[str, tuple[Path, str]]:
    """ZIP names of each media file's captions and transcript: ``media/<stem>.vi.vtt`` and
    ``media/<stem>-loi-thoai.txt``. The media files themselves stay out (linked: a video can
    weigh hundreds of megabytes)."""
    out: dict[str, tuple[Path, str]] = {}
    for media in entry.media:
        stem = media.item.stem
        out[f"{MEDIA_DIR}{stem}.vi.vtt"] = (media.captions_path, "")
        out[f"{MEDIA_DIR}{stem}-loi-thoai.txt"] = (media.path, media.item.transcript_text + "\n")
    return out


def media_credits(entry: Entry) -> list[str]:
    """The credits sheet's lines for video and audio: title, length, link, captions, transcript."""
    lines = []
    for media in entry.media:
        kind = "Video" if media.kind == VIDEO else "Âm thanh"
        ext = media.path.suffix.lstrip(".").upper()
        lines += ["", f"{kind}: {media.title} ({clock_duration(media.duration)}, {ext}, {number(media.length)} byte)",
                  f"  Tải tệp (không kèm trong ZIP vì dung lượng lớn): {media.url}",
                  f"  Phụ đề tiếng Việt: {MEDIA_DIR}{media.item.stem}.vi.vtt (trong ZIP), {media.captions_url}",
                  f"  Lời thoại: {MEDIA_DIR}{media.item.stem}-loi-thoai.txt (trong ZIP)"]
    return lines


KitImage = Path | tuple[str, Path]  # a file, or (the name it is published under, the file)


def image_names(images: Sequence[KitImage]) -> dict[str, Path]:
    """ZIP names for image files: ``anh/<name>`` (the file's own name unless one is given),
    numbered when two files share a name; each file once."""
    names: dict[str, Path] = {}
    seen: set[Path] = set()
    for item in images:
        wanted, path = item if isinstance(item, tuple) else (item.name, item)
        if not path.is_file() or real(path) in seen:
            continue
        seen.add(real(path))
        stem, suffix = posixpath.splitext(wanted)
        name, n = IMAGE_DIR + wanted, 2
        while name in names:
            name, n = f"{IMAGE_DIR}{stem}-{n}{suffix}", n + 1
        names[name] = path
    return names


def kit_files(entry: Entry, identity: SiteIdentity, ninjs_doc: dict[str, Any],
              images: Sequence[KitImage], texts: ReuseTexts | None = None) -> list[KitFile]:
    """All files of the kit, sorted by name; ``images`` are local files (missing ones skipped).
    ``texts``: the article's reuse texts when the page already computed them."""
    texts = texts or reuse_texts(entry, identity)
    image_files = {name: path.read_bytes() for name, path in image_names(images).items()}
    files = [
        KitFile("bai-viet.md", entry.source_text.encode("utf-8")),
        KitFile("bai-viet.html", standalone_html(entry, identity, texts.html).encode("utf-8")),
        KitFile("bai-viet-phat-thanh.txt", texts.radio.encode("utf-8")),
        KitFile("ninjs.json", (json.dumps(ninjs_doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")),
        KitFile("NGUON-VA-GIAY-PHEP.txt",
                credits_text(entry, identity, sorted(image_files)).encode("utf-8")),
        *(KitFile(name, data) for name, data in image_files.items()),
        *(KitFile(name, path.read_bytes() if not text else text.encode("utf-8"))
          for name, (path, text) in media_names(entry).items()),
    ]
    return sorted(files, key=lambda f: f.name)


def write_zip(path: Path, files: list[KitFile]) -> None:
    """Write a reproducible ZIP: same files in, same bytes out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(files, key=lambda f: f.name):
            info = zipfile.ZipInfo(f.name, date_time=FIXED_TIME)
            # Images are compressed already: deflating them again costs time and saves nothing.
            info.compress_type = zipfile.ZIP_STORED if f.name.endswith(STORED_SUFFIXES) else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the build machine
            zf.writestr(info, f.data, compresslevel=TEXT_LEVEL if info.compress_type == zipfile.ZIP_DEFLATED else None)
