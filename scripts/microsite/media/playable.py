"""Which containers and codecs every browser plays, judged from ffprobe's facts.

Browsers agree on MP4 with H.264 video and AAC sound, on MP3, and on AAC in an MP4
container named ``.m4a``. Anything else (WebM, MOV, AVI, HEVC, Opus, WAV) plays in some
browsers and phones and not in others, so the check refuses it and names what it found.
"""

from __future__ import annotations

from .kinds import MediaKind, accepted_extensions, by_extension
from .model import AUDIO, VIDEO
from .probe import MediaInfo

MP4_FAMILY = "mp4"  # ffprobe's demuxer "mov,mp4,m4a,3gp,3g2,mj2"
QUICKTIME_BRAND = "qt"


# What each video and audio kind of ``media.kinds`` must hold inside to play everywhere.
LABELS = {"mp4": "MP4 (H.264 + AAC)", "mp3": "MP3", "m4a": "M4A (AAC)"}
MEDIA_SUFFIXES = frozenset((*accepted_extensions(VIDEO), *accepted_extensions(AUDIO)))


def format_for(name: str) -> MediaKind | None:
    """The video or audio kind a file name claims (``media.kinds``, the one list); None otherwise."""
    kind = by_extension(name)
    return kind if kind is not None and kind.family in (VIDEO, AUDIO) else None


def describe(info: MediaInfo) -> str:
    """What ffprobe found, as an editor can look it up: container, video and sound codecs."""
    container = info.format_name.split(",")[0] if info.format_name else "không rõ"
    if info.brand.strip().lower() == QUICKTIME_BRAND:
        container = "mov (QuickTime)"
    parts = [f"khuôn dạng {container}"]
    parts.append(f"hình {info.video_codec}" if info.video_codec else "không có hình")
    parts.append(f"tiếng {info.audio_codec}" if info.audio_codec else "không có tiếng")
    return ", ".join(parts)


def plays_everywhere(fmt: MediaKind, info: MediaInfo) -> bool:
    """True when the file is what its extension promises, in codecs every browser decodes."""
    mp4 = MP4_FAMILY in info.format_name.split(",") and info.brand.strip().lower() != QUICKTIME_BRAND
    if fmt.mime == "video/mp4":
        return mp4 and info.video_codec == "h264" and info.audio_codec in ("aac", "")
    if fmt.mime == "audio/mpeg":
        return info.format_name == "mp3" and info.audio_codec == "mp3" and not info.has_video
    return mp4 and info.audio_codec == "aac" and not info.has_video  # audio/mp4
