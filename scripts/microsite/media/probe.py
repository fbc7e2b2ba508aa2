"""What a media file is (container, codecs, duration, picture size), read by Debian's ffprobe.

ffprobe reads the container's headers (an MP4's ``moov`` box, an MP3's first frames), never the
whole file: a build with many videos costs a few milliseconds per file. Results are kept on disk
by path, size and modification time (``ProbeCache``), so a build re-probes only changed files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

FFPROBE = "ffprobe"
TIMEOUT_S = 30
CACHE_NAME = "probe.json"
CACHE_VERSION = 1


@dataclass(frozen=True)
class MediaInfo:
    """The facts of one media file that the checks and the outputs need."""

    size: int  # bytes
    format_name: str  # ffprobe's demuxer names, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "mp3"
    brand: str  # the MP4 major brand ("isom", "M4A ", "qt  "), "" for other containers
    video_codec: str  # "" when there is no video stream (cover art does not count)
    audio_codec: str  # "" when there is no audio stream
    duration: float  # seconds, 0.0 when the container does not say
    width: int = 0
    height: int = 0

    @property
    def has_video(self) -> bool:
        return bool(self.video_codec)


class ProbeError(Exception):
    """The file could not be read as media (message in Vietnamese, for the editor)."""


def available() -> bool:
    return shutil.which(FFPROBE) is not None


def _command(path: Path) -> list[str]:
    return [FFPROBE, "-v", "error", "-of", "json",
            "-show_entries", "format=format_name,duration:format_tags=major_brand"
            ":stream=codec_type,codec_name,width,height:stream_disposition=attached_pic",
            str(path)]


def _run_ffprobe(path: Path) -> dict[str, Any]:
    if not available():
        raise ProbeError("máy dựng trang chưa cài ffprobe (gói Debian ffmpeg) nên không đọc được tệp")
    command = _command(path)
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise ProbeError("đọc phần đầu tệp quá lâu (tệp hỏng?)") from None
    if done.returncode != 0:
        raise ProbeError("tệp hỏng hoặc không phải tệp âm thanh, video")
    data: dict[str, Any] = json.loads(done.stdout or b"{}")
    return data


def _info(data: dict[str, Any], size: int) -> MediaInfo:
    fmt = data.get("format") or {}
    video = audio = ""
    width = height = 0
    for stream in data.get("streams") or []:
        kind, codec = stream.get("codec_type"), str(stream.get("codec_name") or "")
        if kind == "video" and not video and not (stream.get("disposition") or {}).get("attached_pic"):
            video, width, height = codec, int(stream.get("width") or 0), int(stream.get("height") or 0)
        elif kind == "audio" and not audio:
            audio = codec
    try:
        duration = float(fmt.get("duration") or 0.0)
    except ValueError:
        duration = 0.0
    brand = str((fmt.get("tags") or {}).get("major_brand") or "")
    return MediaInfo(size, str(fmt.get("format_name") or ""), brand, video, audio, duration, width, height)


class ProbeCache:
    """Probe results kept between builds in ``<cache>/media/probe.json``, keyed by absolute
    path, size and modification time: an unchanged file is never probed again."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / CACHE_NAME if folder else None
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self.used: set[str] = set()  # keys asked for in this run: the only ones saved
        self.probed = 0  # files this process ran ffprobe on (bench/media.py)
        if self.file and self.file.is_file():
            try:
                data = json.loads(self.file.read_text("utf-8"))
                if data.get("version") == CACHE_VERSION:
                    self.entries = dict(data.get("entries") or {})
            except (OSError, ValueError):
                self.entries = {}

    @staticmethod
    def _key(path: Path, stat: os.stat_result) -> str:
        return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"

    def probe(self, path: Path) -> MediaInfo:
        """The file's facts; raises ``ProbeError``. Only headers are read."""
        stat = path.stat()
        key = self._key(path.resolve(), stat)
        self.used.add(key)
        found = self.entries.get(key)
        if found is not None:
            return MediaInfo(**found)
        info = _info(_run_ffprobe(path), stat.st_size)
        self.probed += 1
        self.entries[key] = asdict(info)
        self.changed = True
        return info

    def prefetch(self, paths: Iterable[Path], jobs: int = 0) -> None:
        """Probe the files not cached yet, ``jobs`` ffprobe processes at a time (default: one
        per core). Most of ffprobe's time is its start (loading FFmpeg's libraries), not the
        headers, so a site with many new files waits for the slowest core, not their sum. No
        thread: child processes only (the build forks later). Failures are left for
        ``probe`` to report."""
        if not available():
            return
        todo: list[tuple[Path, os.stat_result]] = []
        for path in dict.fromkeys(paths):
            if path.is_file():
                stat = path.stat()
                if self._key(path.resolve(), stat) not in self.entries:
                    todo.append((path, stat))
        running: list[tuple[Path, os.stat_result, subprocess.Popen[bytes]]] = []
        limit = jobs or os.cpu_count() or 2
        while todo or running:
            while todo and len(running) < limit:
                path, stat = todo.pop()
                running.append((path, stat, subprocess.Popen(_command(path), stdout=subprocess.PIPE,
                                                             stderr=subprocess.DEVNULL)))
            path, stat, proc = running.pop(0)
            try:
                out, _ = proc.communicate(timeout=TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                continue
            if proc.returncode == 0:
                self.entries[self._key(path.resolve(), stat)] = asdict(_info(json.loads(out or b"{}"), stat.st_size))
                self.probed += 1
                self.changed = True

    def save(self) -> None:
        """Write the cache (atomically) when this run probed a file or left one unused: it
        keeps exactly the files the site embeds now (a changed file's old entry goes)."""
        if not self.file or not (self.changed or set(self.entries) - self.used):
            return
        self.entries = {key: self.entries[key] for key in self.used if key in self.entries}
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"version": CACHE_VERSION, "entries": self.entries}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, self.file)
        self.changed = False
