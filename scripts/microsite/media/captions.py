"""Vietnamese captions (WebVTT, ``NAME.vi.vtt`` beside the media), read with webvtt-py.

The captions serve three readers: the deaf viewer (the ``<track>``), the reader who
prefers text (the transcript under the player) and the search index. So a file that a
browser would half-show is refused before the build, with the line of the fault: not
UTF-8, not NFC, not WebVTT, a cue without text, a cue that ends before it starts or starts
before the one above it, a cue past the end of the media.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Caption

CAPTION_SUFFIX = ".vi.vtt"
# The media's duration as the container states it may be a frame short of the captions' last
# time stamp written by hand; a quarter second is not a fault a viewer could see.
DURATION_SLACK_S = 0.25


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str  # the cue's text without WebVTT tags, lines joined by a space


@dataclass(frozen=True)
class CaptionIssue:
    """One fault of a captions file, for ``site_check`` to turn into a ``Problem``."""

    line: int | None
    message: str
    hint: str


@dataclass(frozen=True)
class Captions:
    cues: tuple[Cue, ...]
    issues: tuple[CaptionIssue, ...]

    @property
    def text(self) -> str:
        """The transcript the cues make: one paragraph, cues in order."""
        return " ".join(cue.text for cue in self.cues if cue.text)


def captions_path(media: Path) -> Path:
    """``video.mp4`` -> ``video.vi.vtt`` beside it."""
    return media.with_name(media.stem + CAPTION_SUFFIX)


def _timing_lines(text: str) -> list[int]:
    """1-based line of each cue's timing line (``-->``), in order: webvtt-py keeps no lines."""
    return [number for number, line in enumerate(text.splitlines(), 1) if "-->" in line]



def _fmt(seconds: float) -> str:
    whole = int(seconds)
    millis = int(round((seconds - whole) * 1000))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"


EDIT_HINT = "Mở tệp phụ đề bằng Notepad hoặc trình soạn phụ đề (Subtitle Edit), sửa dòng này rồi lưu dạng UTF-8."


def read_captions(path: Path, duration: float) -> Captions:
    """The cues of ``path`` and every fault found; ``duration`` 0 when unknown (not checked)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Captions((), (CaptionIssue(raw[:exc.start].count(b"\n") + 1, "Tệp phụ đề không ở bảng mã UTF-8.",
                                          "Mở tệp bằng Notepad, chọn Lưu thành… với Encoding: UTF-8."),))
    issues: list[CaptionIssue] = []
    if unicodedata.normalize("NFC", text) != text:
        first_bad = next((n for n, ln in enumerate(text.splitlines(), 1) if unicodedata.normalize("NFC", ln) != ln), None)
        issues.append(CaptionIssue(first_bad, "Chữ tiếng Việt trong tệp phụ đề gõ theo kiểu tổ hợp (không phải dạng NFC): "
                                   "trình duyệt và máy tìm kiếm có thể hiện sai dấu.",
                                   "Gõ lại dòng này bằng bộ gõ Unicode dựng sẵn (Unikey: bảng mã Unicode dựng sẵn) "
                                   "hoặc dùng chức năng chuyển mã của Unikey sang Unicode dựng sẵn."))
    try:
        parsed = webvtt.from_string(text, strict=True)
    except MalformedFileError:
        return Captions((), (*issues, CaptionIssue(1, "Tệp phụ đề không đúng định dạng WebVTT (dòng đầu phải là WEBVTT).",
                                                  "Dòng đầu tiên của tệp ghi đúng chữ WEBVTT, sau đó là một dòng trống "
                                                  "rồi tới các câu phụ đề.")))
    except MalformedCaptionError as exc:
        bad = CaptionIssue(_bad_block_line(text, str(exc)),
                           "Một câu phụ đề sai định dạng (mốc thời gian phải viết 00:00:01.000 --> 00:00:03.500).",
                           EDIT_HINT)
        return Captions((), (*issues, bad))
    lines = _timing_lines(text)
    cues: list[Cue] = []
    previous_start = 0.0
    captions: list[Caption] = list(parsed.captions)
    for index, caption in enumerate(captions):
        line: int | None = lines[index] if index < len(lines) else None
        start = caption.start_time.in_milliseconds() / 1000
        end = caption.end_time.in_milliseconds() / 1000
        words = " ".join(part.strip() for part in caption.text.splitlines() if part.strip())
        if not words:
            issues.append(CaptionIssue(line, f"Câu phụ đề lúc {_fmt(start)} không có chữ nào.",
                                       "Ghi lời nói vào dòng ngay dưới mốc thời gian, hoặc xóa cả câu này."))
        if end <= start:
            issues.append(CaptionIssue(line, f"Câu phụ đề kết thúc ({_fmt(end)}) không sau lúc bắt đầu ({_fmt(start)}).",
                                       "Sửa mốc thời gian thứ hai cho lớn hơn mốc thứ nhất."))
        if start < previous_start:
            issues.append(CaptionIssue(line, f"Mốc thời gian đi lùi: câu này bắt đầu lúc {_fmt(start)}, "
                                       f"trước câu phía trên ({_fmt(previous_start)}).",
                                       "Xếp các câu phụ đề theo thứ tự thời gian, hoặc sửa mốc thời gian cho đúng."))
        if duration and end > duration + DURATION_SLACK_S:
            issues.append(CaptionIssue(line, f"Câu phụ đề kéo dài tới {_fmt(end)}, quá độ dài của tệp ({_fmt(duration)}).",
                                       "Sửa mốc thời gian cho nằm trong độ dài của tệp, hoặc kiểm tra lại tệp "
                                       "phụ đề có đúng của tệp này không."))
        previous_start = max(previous_start, start)
        cues.append(Cue(start, end, words))
    if not cues and not issues:
        issues.append(CaptionIssue(None, "Tệp phụ đề không có câu nào.", "Ghi lời nói của tệp vào phụ đề, mỗi câu "
                                   "một mốc thời gian."))
    return Captions(tuple(cues), tuple(issues))


def _bad_block_line(text: str, message: str) -> int | None:
    """The line of the block webvtt-py names in its error (it quotes the block's lines)."""
    start = message.find("['")
    if start < 0:
        return None
    first = message[start + 2:].split("'", 1)[0]
    for number, line in enumerate(text.splitlines(), 1):
        if line == first:
            return number
    return None
