"""A video's poster when the editor gave none: one frame, taken by Debian's ffmpeg.

ffmpeg seeks to the frame (one second in, or the middle of a shorter video) and decodes
only the pictures up to it. The JPEG is cached by the video's path, size and modification
time, so a build takes each frame once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

FFMPEG = "ffmpeg"
TIMEOUT_S = 60


def _key(video: Path) -> str:
    stat = video.stat()
    return hashlib.sha256(f"{video.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:32]


def frame_jpeg(video: Path, duration: float, cache: Path) -> bytes | None:
    """The poster frame as JPEG bytes; None when ffmpeg is missing or fails (the page then
    shows the player without a poster: the check has warned)."""
    cached = cache / f"{_key(video)}.jpg"
    if cached.is_file():
        return cached.read_bytes()
    if shutil.which(FFMPEG) is None:
        return None
    at = 1.0 if duration > 2 else max(0.0, duration / 2)
    command = [FFMPEG, "-v", "error", "-nostdin", "-ss", f"{at:.3f}", "-i", str(video), "-frames:v", "1",
               "-q:v", "4", "-f", "image2", "-c:v", "mjpeg", "pipe:1"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0 or not done.stdout:
        return None
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(done.stdout)
    os.replace(tmp, cached)
    return done.stdout
