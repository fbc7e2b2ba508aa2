"""The closed list of media kinds the site publishes, recognised by their first bytes.

An upload named ``anh.jpg`` may be an HTML page, a script or an SVG with a script in it;
a browser that sniffs it may run it. So a file is judged by what it starts with, never by
its name: every place that accepts an editor's file (the workspace's uploads, the check of
a photo in an article) asks ``sniff`` and refuses anything that is not on this list. The
name's extension must then agree with the content (``extension_lies``), so the type the
server announces is the file's own.

Add a kind here and it is accepted everywhere at once: the uploads, the check, the type
served. Nothing else in the code lists media kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

HEAD_BYTES = 64  # enough bytes of a file to recognise every kind below


@dataclass(frozen=True)
class Signature:
    """Bytes a file of this kind holds at fixed offsets (all of them must match)."""

    marks: tuple[tuple[int, bytes], ...]

    def matches(self, head: bytes) -> bool:
        return all(head[offset:offset + len(mark)] == mark for offset, mark in self.marks)


@dataclass(frozen=True)
class MediaKind:
    """One kind of file the site publishes."""

    name: str  # short key: "jpeg"
    label: str  # the format's name as editors know it: "JPEG"
    family: str  # "image", "audio" or "video"
    mime: str  # the Content-Type the site serves it with
    extensions: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    signatures: tuple[Signature, ...]

    def recognises(self, head: bytes) -> bool:
        return any(sig.matches(head) for sig in self.signatures)


def _sig(*marks: tuple[int, bytes]) -> Signature:
    return Signature(tuple(marks))


KINDS: tuple[MediaKind, ...] = (
    MediaKind("jpeg", "JPEG", "image", "image/jpeg", (".jpg", ".jpeg"), (_sig((0, b"\xff\xd8\xff")),)),
    MediaKind("png", "PNG", "image", "image/png", (".png",), (_sig((0, b"\x89PNG\r\n\x1a\n")),)),
    MediaKind("webp", "WebP", "image", "image/webp", (".webp",), (_sig((0, b"RIFF"), (8, b"WEBP")),)),
    # Video and audio every browser plays (the codecs inside are checked by ffprobe: media/playable.py).
    # An MP4 container says its brand after "ftyp": "M4A " is audio, before the general MP4 kind.
    MediaKind("m4a", "M4A", "audio", "audio/mp4", (".m4a",), (_sig((4, b"ftyp"), (8, b"M4A ")),)),
    MediaKind("mp4", "MP4", "video", "video/mp4", (".mp4",), (_sig((4, b"ftyp")),)),
    MediaKind("mp3", "MP3", "audio", "audio/mpeg", (".mp3",), (
        _sig((0, b"ID3")),  # an ID3v2 tag first, as most encoders write
        *(_sig((0, bytes((0xFF, second)))) for second in (0xFB, 0xFA, 0xF3, 0xF2, 0xE3, 0xE2)),  # Layer III frame sync
    )),
    # Captions of a video or audio file (media/captions.py), text that starts with "WEBVTT".
    MediaKind("vtt", "WebVTT", "captions", "text/vtt", (".vtt",), (_sig((0, b"WEBVTT")), _sig((0, b"\xef\xbb\xbfWEBVTT")))),
)


def sniff(head: bytes) -> MediaKind | None:
    """The kind these first bytes belong to; None for anything the site does not publish."""
    for kind in KINDS:
        if kind.recognises(head):
            return kind
    return None


def sniff_file(path: Path) -> MediaKind | None:
    """The kind of the file at ``path`` by its content (None: not a kind the site publishes)."""
    with path.open("rb") as handle:
        return sniff(handle.read(HEAD_BYTES))


def by_extension(name: str | PurePath) -> MediaKind | None:
    """The kind a file name claims (its extension); None when no kind uses that extension."""
    suffix = PurePath(name).suffix.lower()
    for kind in KINDS:
        if suffix in kind.extensions:
            return kind
    return None


def extension_lies(name: str | PurePath, actual: MediaKind) -> bool:
    """True when the name's extension is not one of the kind the content is (a PNG named .jpg)."""
    return PurePath(name).suffix.lower() not in actual.extensions


def accepted_labels(family: str | None = None) -> str:
    """The accepted kinds for a message: "JPEG, PNG, WebP" (of one family, or all)."""
    return ", ".join(k.label for k in KINDS if family is None or k.family == family)


def accepted_extensions(family: str | None = None) -> tuple[str, ...]:
    """Every extension a kind uses (of one family, or all)."""
    return tuple(ext for k in KINDS if family is None or k.family == family for ext in k.extensions)
