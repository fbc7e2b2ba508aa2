"""Check every ``::video``/``::audio`` embed of a site and collect the media it publishes.

One pass over the Markdown pages: each embed's file must be in ``docs/``, below the size
limit, in a format every browser plays (read by ffprobe, headers only, cached), with
Vietnamese captions beside it (``NAME.vi.vtt``) that a player can show; a video should have
a poster (``NAME.jpg``; else the build takes a frame). The media found are the build's input.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.problems import Problem, Severity
from .captions import captions_path, read_captions
from .embed import MARKERS, EmbedLine, docs_path, find_embeds
from .model import AUDIO, KIND_LABELS, VIDEO, MediaItem
from .kinds import sniff_file
from .playable import LABELS, MEDIA_SUFFIXES, describe, format_for, plays_everywhere
from .probe import MediaInfo, ProbeCache, ProbeError

DEFAULT_MAX_MB = 200
FIELD = "::video / ::audio"
POSTER_SUFFIX = ".jpg"
CONVERT_HINT = {
    VIDEO: "Xuất lại video dạng MP4 (H.264, tiếng AAC), ví dụ: ffmpeg -i {src} -c:v libx264 -c:a aac "
           "-movflags +faststart {stem}-moi.mp4",
    AUDIO: "Xuất lại âm thanh dạng MP3 hoặc M4A (AAC), ví dụ: ffmpeg -i {src} -c:a libmp3lame -b:a 96k {stem}-moi.mp3",
}


@dataclass
class MediaCheck:
    """The media of a site (by ``docs/``-relative path) and the problems found."""

    items: dict[str, MediaItem] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    probes: int = 0  # files ffprobe read in this check (the rest came from the cache)


def is_transcript(path: Path) -> bool:
    """A ``NAME.md`` beside ``NAME.mp4``/``.mp3``/``.m4a`` is that file's transcript, not a page."""
    return path.suffix == ".md" and any(path.with_suffix(ext).is_file() for ext in MEDIA_SUFFIXES)


def _inside(path: Path, docs: Path) -> bool:
    try:
        path.resolve().relative_to(docs.resolve())
    except ValueError:
        return False
    return True


class _Checker:
    def __init__(self, docs: Path, cache: ProbeCache, max_mb: int, shown: Callable[[Path], str]) -> None:
        self.docs, self.cache, self.max_bytes, self.shown = docs.resolve(), cache, max_mb * 1024 * 1024, shown
        self.max_mb = max_mb
        self.result = MediaCheck()
        self.seen: dict[str, MediaItem | None] = {}

    def page(self, path: Path, text: str, first_line: int) -> None:
        page_src = path.resolve().relative_to(self.docs).as_posix()
        for embed in find_embeds(text):
            self.embed(path, page_src, replace(embed, line=embed.line + first_line - 1))

    def _problem(self, page: Path, embed: EmbedLine, message: str, hint: str,
                 severity: Severity = Severity.ERROR, file: Path | None = None, line: int | None = None) -> None:
        where = self.shown(file) if file else self.shown(page)
        self.result.problems.append(Problem(where, message, line if file else embed.line,
                                            None if file else FIELD, hint, severity))

    def embed(self, page: Path, page_src: str, embed: EmbedLine) -> None:
        if not embed.src:
            self._problem(page, embed, f"Dòng nhúng \"{embed.raw}\" viết sai.",
                          'Viết đúng một dòng riêng: ::video thu-muc/ten-tep.mp4 hoặc ::audio ten-tep.mp3, '
                          'có thể thêm tiêu đề trong ngoặc kép: ::video tep.mp4 "Tiêu đề".')
            return
        rel = docs_path(page_src, embed.src)
        path = self.docs / rel
        label = KIND_LABELS[embed.kind]
        if rel.startswith("../") or rel == ".." or not _inside(path, self.docs):
            self._problem(page, embed, f"Tệp {label} \"{embed.src}\" nằm ngoài thư mục docs/.",
                          f"Chép tệp {label} (cùng tệp phụ đề) vào docs/, cạnh bài viết, rồi ghi đường dẫn tính "
                          "từ tệp bài viết.")
            return
        if rel in self.seen:  # the same file embedded twice: checked once
            return
        self.seen[rel] = self._item(page, embed, rel, path, label)
        if self.seen[rel] is not None:
            self.result.items[rel] = self.seen[rel]  # type: ignore[assignment]

    def _item(self, page: Path, embed: EmbedLine, rel: str, path: Path, label: str) -> MediaItem | None:
        fmt = format_for(rel)
        if not path.is_file():
            self._problem(page, embed, f"Không tìm thấy tệp {label} \"{embed.src}\".",
                          "Kiểm tra tên tệp (chữ hoa, chữ thường, đuôi tệp) và đường dẫn tính từ tệp bài viết.")
            return None
        size = path.stat().st_size
        if size > self.max_bytes:
            self._problem(page, embed, f"Tệp {label} \"{embed.src}\" nặng {round(size / 1024 / 1024)} MB, "
                          f"quá giới hạn {self.max_mb} MB.",
                          "Cắt ngắn hoặc nén lại (ví dụ video 720p, 2 Mbit/s), hoặc nhờ quản trị nâng giới hạn "
                          "media_max_mb trong mkdocs.yml.")
            return None
        if fmt is None or fmt.family != embed.kind:
            wanted = ".mp4" if embed.kind == VIDEO else ".mp3 hoặc .m4a"
            self._problem(page, embed, f"Tệp \"{embed.src}\" không phải tệp {label} mà mọi trình duyệt phát được "
                          f"(cần đuôi {wanted}).",
                          CONVERT_HINT[embed.kind].format(src=path.name, stem=path.stem))
            return None
        try:
            info = self.cache.probe(path)
        except ProbeError as exc:
            self._problem(page, embed, f"Không đọc được tệp {label} \"{embed.src}\": {exc}.",
                          CONVERT_HINT[embed.kind].format(src=path.name, stem=path.stem))
            return None
        if not plays_everywhere(fmt, info):
            self._problem(page, embed, f"Tệp \"{embed.src}\" có {describe(info)}: không phải trình duyệt nào cũng "
                          f"phát được (chỉ nhận {LABELS[fmt.name]}).",
                          CONVERT_HINT[embed.kind].format(src=path.name, stem=path.stem))
            return None
        found = sniff_file(path)
        if found is not fmt:  # ffprobe reads what it can; the site serves only what its bytes say
            self._problem(page, embed, f"Nội dung tệp \"{embed.src}\" không khớp đuôi {path.suffix} "
                          f"({describe(info)}).", CONVERT_HINT[embed.kind].format(src=path.name, stem=path.stem))
            return None
        return self._with_sidecars(page, embed, rel, path, fmt.mime, info, label)

    def _with_sidecars(self, page: Path, embed: EmbedLine, rel: str, path: Path, mime: str, info: MediaInfo,
                       label: str) -> MediaItem | None:
        vtt = captions_path(path)
        vtt_rel = docs_path(rel, vtt.name)
        if not vtt.is_file():
            self._problem(page, embed, f"Tệp {label} \"{embed.src}\" chưa có phụ đề tiếng Việt.",
                          f"Tạo tệp phụ đề WebVTT {vtt.name} cạnh tệp {label} (người khiếm thính và người không bật "
                          "được tiếng cần phụ đề).")
            return None
        captions = read_captions(vtt, info.duration)
        for issue in captions.issues:
            self._problem(page, embed, issue.message, issue.hint, file=vtt, line=issue.line)
        if captions.issues:
            return None
        transcript = tuple(cue.text for cue in captions.cues if cue.text)
        md = path.with_suffix(".md")
        transcript_file = None
        if md.is_file():
            given = self._transcript(page, embed, md)
            if given is None:
                return None
            transcript, transcript_file = given, docs_path(rel, md.name)
        poster = poster_given = None
        if embed.kind == VIDEO:
            jpg = path.with_suffix(POSTER_SUFFIX)
            poster, poster_given = docs_path(rel, jpg.name), jpg.is_file()
            if not poster_given:
                self._problem(page, embed, f"Video \"{embed.src}\" chưa có ảnh đại diện ({jpg.name}): trang sẽ dùng "
                              "một khung hình lấy từ video.",
                              f"Chụp hoặc chọn một khung hình tiêu biểu, lưu JPEG tên {jpg.name} cạnh video.",
                              Severity.WARNING)
        return MediaItem(embed.kind, rel, mime, info, vtt_rel, captions.cues, transcript, transcript_file,
                         poster, bool(poster_given))

    def _transcript(self, page: Path, embed: EmbedLine, md: Path) -> tuple[str, ...] | None:
        try:
            text = md.read_text("utf-8-sig")
        except UnicodeDecodeError:
            self._problem(page, embed, "Tệp lời thoại không ở bảng mã UTF-8.",
                          "Mở tệp bằng Notepad, chọn Lưu thành… với Encoding: UTF-8.", file=md, line=1)
            return None
        if unicodedata.normalize("NFC", text) != text:
            self._problem(page, embed, "Chữ tiếng Việt trong tệp lời thoại không ở dạng Unicode dựng sẵn (NFC).",
                          "Chuyển mã tệp sang Unicode dựng sẵn bằng Unikey rồi lưu lại.", file=md, line=1)
            return None
        paragraphs = tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())
        if not paragraphs:
            self._problem(page, embed, "Tệp lời thoại trống.", "Ghi lời thoại vào tệp, hoặc xóa tệp để dùng phụ đề "
                          "làm lời thoại.", file=md, line=1)
            return None
        return paragraphs


def _candidates(docs: Path, bodies: list[tuple[Path, str, int]]) -> list[Path]:
    """The media files the bodies embed, inside ``docs`` and of a video or audio kind by name."""
    found = []
    for path, text, _ in bodies:
        if not any(marker in text for marker in MARKERS):
            continue
        page_src = path.resolve().relative_to(docs).as_posix()
        for embed in find_embeds(text):
            rel = docs_path(page_src, embed.src) if embed.src else ""
            if rel and not rel.startswith("..") and format_for(rel) is not None:
                found.append(docs / rel)
    return found


def check_media(docs: Path, bodies: list[tuple[Path, str, int]], cache: ProbeCache, max_mb: int = DEFAULT_MAX_MB,
                shown: Callable[[Path], str] = str) -> MediaCheck:
    """Check the embeds of ``bodies``: (file, Markdown body, file line of the body's first
    line) of every page and article."""
    checker = _Checker(docs, cache, max_mb, shown)
    cache.prefetch(_candidates(checker.docs, bodies))
    for path, text, first_line in bodies:
        if any(marker in text for marker in MARKERS):
            checker.page(path, text, first_line)
    checker.result.probes = cache.probed
    return checker.result
