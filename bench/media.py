"""Video and audio cost: a cold build of the same corpus with and without 50 media files.

Usage (from the repository root, after ``make test`` created .venv; needs Debian's ffmpeg)::

    .venv/bin/python bench/media.py                    # 200 articles, 50 of them with media
    .venv/bin/python bench/media.py --articles 100 --media 50 --big-mb 50

The corpus is ``corpus.py``'s (the project of ``build.py``). The "with media" copy gives
``--media`` of its articles one ``::video`` or ``::audio`` line each (alternating), each a
distinct file with its captions and poster; every fifth video is padded to ``--big-mb`` MB
(an MP4 whose ``moov`` box comes first, as ``-movflags +faststart`` writes it, followed by a
large ``free`` box), so reading whole files would show. Prints the cold build of each copy
(cache deleted, child process), the difference per media file, the bytes of media in the
corpus, and a second build of the media copy after a body change (probe results cached).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import BIN, ROOT, projects

SAMPLE = ROOT / "docs" / "tin-tuc" / "posts" / "media"
VIDEO, AUDIO = SAMPLE / "drt-video-mau.mp4", SAMPLE / "drt-ban-tin-mau.mp3"


def timed_build(site: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "microsite"), "build", "-d", str(site)], capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start


def pad(path: Path, megabytes: int) -> None:
    """Append an MP4 ``free`` box of ``megabytes`` MB: a valid file that big, same headers."""
    size = megabytes * 1024 * 1024
    with path.open("ab") as out:
        out.write((size + 8).to_bytes(4, "big") + b"free")
        block = b"\0" * (1024 * 1024)
        for _ in range(megabytes):
            out.write(block)


def add_media(site: Path, count: int, big_mb: int) -> int:
    """Give ``count`` articles one embed each; returns the bytes of media written."""
    posts = sorted((site / "docs" / "tin-tuc" / "posts").glob("*.md"))[:count]
    folder = site / "docs" / "tin-tuc" / "posts" / "media"
    folder.mkdir(exist_ok=True)
    total = 0
    for n, post in enumerate(posts):
        video = n % 2 == 0
        source = VIDEO if video else AUDIO
        name = f"tep-{n:03d}{source.suffix}"
        shutil.copy(source, folder / name)
        shutil.copy(source.with_name(source.stem + ".vi.vtt"), folder / f"tep-{n:03d}.vi.vtt")
        if video:
            shutil.copy(source.with_suffix(".jpg"), folder / f"tep-{n:03d}.jpg")
            if big_mb and n % 10 == 0:
                pad(folder / name, big_mb)
        total += (folder / name).stat().st_size
        text = post.read_text("utf-8")
        line = f"\n\n::{'video' if video else 'audio'} media/{name}\n"
        post.write_text(text.rstrip("\n") + line, "utf-8")
    return total


def probe_costs(folder: Path, big_mb: int, repeat: int = 20) -> None:
    """ffprobe on the small sample and on a padded file of ``big_mb`` MB: the same time, so only
    the headers are read (the padding is never touched)."""
    from microsite.media.probe import ProbeCache

    for name in ("tep-002.mp4", "tep-000.mp4", "tep-001.mp3"):
        path = folder / name
        start = time.perf_counter()
        for _ in range(repeat):
            ProbeCache(None).probe(path)
        each = (time.perf_counter() - start) / repeat * 1000
        print(f"ffprobe {name} ({path.stat().st_size / 1024 / 1024:.1f} MB): {each:.0f} ms a file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--media", type=int, default=50)
    parser.add_argument("--big-mb", type=int, default=100, help="size of every fifth video (0: no padding)")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench" / "media")
    parser.add_argument("--probe-only", action="store_true", help="only time ffprobe on a small and a padded file")
    parser.add_argument("--media-first", action="store_true", help="build the copy with media first")
    args = parser.parse_args()
    plain, _ = projects(args.work / "without", args.articles)
    with_media, _ = projects(args.work / "with", args.articles)
    if args.probe_only:
        add_media(with_media, args.media, args.big_mb)
        probe_costs(with_media / "docs" / "tin-tuc" / "posts" / "media", args.big_mb)
        return
    media_bytes = add_media(with_media, args.media, args.big_mb)
    results = {}
    order = [("without media", plain), (f"with {args.media} media", with_media)]
    for label, site in (order[::-1] if args.media_first else order):
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(site / "site", ignore_errors=True)
        results[label] = timed_build(site)
        print(f"cold build, {args.articles} articles, {label}: {results[label]:.1f} s", flush=True)
    without, with_ = results["without media"], results[f"with {args.media} media"]
    print(f"media in the corpus: {args.media} files, {media_bytes / 1024 / 1024:.0f} MB")
    print(f"difference: {with_ - without:+.1f} s ({(with_ - without) / args.media * 1000:+.0f} ms per media file)")
    probe_costs(with_media / "docs" / "tin-tuc" / "posts" / "media", args.big_mb)
    post = sorted((with_media / "docs" / "tin-tuc" / "posts").glob("*.md"))[0]
    post.write_text(post.read_text("utf-8") + "\nMột câu thêm.\n", "utf-8")
    print(f"build after one edit, probe results cached: {timed_build(with_media):.1f} s")


if __name__ == "__main__":
    main()
