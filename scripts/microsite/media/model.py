"""One embedded video or audio file, checked: what the player and every output read."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .captions import Cue
from .probe import MediaInfo

VIDEO, AUDIO = "video", "audio"
KIND_LABELS = {VIDEO: "video", AUDIO: "âm thanh"}


@dataclass(frozen=True)
class MediaItem:
    """A media file of ``docs/`` with its captions, transcript and poster (paths ``docs/``-relative)."""

    kind: str  # VIDEO or AUDIO
    src: str  # the media file, e.g. "tin-tuc/posts/media/ban-tin.mp4"
    mime: str  # the type the site serves it with
    info: MediaInfo
    captions: str  # NAME.vi.vtt
    cues: tuple[Cue, ...]
    transcript: tuple[str, ...]  # paragraphs: NAME.md's when given, else one per cue
    transcript_file: str | None  # NAME.md when the editor gave one
    poster: str | None  # NAME.jpg (video only): the editor's, or a frame the build takes
    poster_given: bool  # False: the build writes a frame from the video at ``poster``

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.src))[0]

    @property
    def duration(self) -> float:
        return self.info.duration

    @property
    def transcript_text(self) -> str:
        return "\n\n".join(self.transcript)


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration (schema.org, ninjs): ``PT1M5S``."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return out + (f"{secs}S" if secs or out == "PT" else "")


def clock_duration(seconds: float) -> str:
    """``1:05`` or ``1:02:05``: the length as players and podcast apps show it."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float) -> str:
    """``1 phút 5 giây``: the length in words, for readers and the radio script."""
    total = max(1, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} giờ" if hours else "", f"{minutes} phút" if minutes else "", f"{secs} giây" if secs else ""]
    return " ".join(p for p in parts if p)
