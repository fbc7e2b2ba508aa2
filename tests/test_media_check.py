"""The check of ``::video``/``::audio`` embeds (microsite.media.site_check): every bad file is a
named Vietnamese problem with file, line and fix; good ones become the build's media.

The media are made here by Debian's ffmpeg (``.ci/system-deps``), once per module, tiny.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from microsite.content.problems import Problem, Severity
from microsite.media.captions import read_captions
from microsite.media.probe import ProbeCache
from microsite.media.site_check import MediaCheck, check_media, is_transcript

GOOD_VTT = ("WEBVTT\n\n00:00:00.000 --> 00:00:00.900\nXin chào quý vị.\n\n"
            "00:00:01.000 --> 00:00:01.900\nĐây là bản tin thử.\n")
PAGE = "tin-tuc/posts/bai.md"


def _ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def media_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One of each kind: good MP4 (H.264/AAC), MP3, M4A; and formats not every browser plays."""
    folder = tmp_path_factory.mktemp("media-files")
    tone = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:duration=2"]
    picture = ["-f", "lavfi", "-i", "testsrc=size=64x36:rate=5:duration=2"]
    _ffmpeg(*picture, *tone, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "16k",
            "-shortest", str(folder / "good.mp4"))
    _ffmpeg(*tone, "-c:a", "libmp3lame", "-b:a", "16k", str(folder / "good.mp3"))
    _ffmpeg(*tone, "-c:a", "aac", "-b:a", "16k", str(folder / "good.m4a"))
    _ffmpeg(*picture, *tone, "-c:v", "mpeg4", "-c:a", "aac", "-shortest", str(folder / "mpeg4.mp4"))
    _ffmpeg(*tone, "-c:a", "pcm_s16le", "-f", "wav", str(folder / "wave.mp3"))
    _ffmpeg(*picture, "-c:v", "mpeg4", "-f", "avi", str(folder / "film.avi"))
    _ffmpeg(*picture, "-frames:v", "1", str(folder / "good.jpg"))
    (folder / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypisom" + b"\xff" * 200)  # cut off after its header
    return folder


class Site:
    """A docs/ folder with one article whose body embeds what a test wrote."""

    def __init__(self, root: Path, media: Path) -> None:
        self.root, self.media = root, media
        self.docs = root / "docs"
        (self.docs / "tin-tuc" / "posts" / "media").mkdir(parents=True)
        self.cache = ProbeCache(root / "cache")

    def add(self, name: str, source: str | None = None, captions: str | bytes | None = GOOD_VTT,
            poster: bool = True) -> str:
        """Copy ``source`` (a file of ``media_files``) as ``media/<name>`` with its captions."""
        dest = self.docs / "tin-tuc" / "posts" / "media" / name
        shutil.copy(self.media / (source or name), dest)
        stem = dest.name.rsplit(".", 1)[0]
        if captions is not None:
            vtt = dest.with_name(stem + ".vi.vtt")
            vtt.write_bytes(captions if isinstance(captions, bytes) else captions.encode("utf-8"))
        if poster and dest.suffix == ".mp4":
            shutil.copy(self.media / "good.jpg", dest.with_name(stem + ".jpg"))
        return f"media/{name}"

    def check(self, body: str, max_mb: int = 200) -> MediaCheck:
        page = self.docs / PAGE
        page.write_text(f"---\ntitle: x\n---\n\n{body}\n", encoding="utf-8")
        return check_media(self.docs, [(page, body, 5)], self.cache, max_mb,
                           lambda p: "docs/" + p.resolve().relative_to(self.docs.resolve()).as_posix())


@pytest.fixture
def site(tmp_path: Path, media_files: Path) -> Site:
    return Site(tmp_path, media_files)


def only_error(result: MediaCheck) -> Problem:
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    assert len(errors) == 1, [p.format() for p in result.problems]
    return errors[0]


def test_good_video_and_audio_become_media_with_transcripts(site: Site) -> None:
    video, mp3, m4a = site.add("good.mp4"), site.add("good.mp3"), site.add("good.m4a")
    result = site.check(f"Mở đầu.\n\n::video {video} \"Phóng sự\"\n\n::audio {mp3}\n\n::audio {m4a}")
    assert result.problems == []
    items = result.items
    assert set(items) == {"tin-tuc/posts/media/good.mp4", "tin-tuc/posts/media/good.mp3",
                          "tin-tuc/posts/media/good.m4a"}
    clip = items["tin-tuc/posts/media/good.mp4"]
    assert (clip.kind, clip.mime, clip.info.video_codec, clip.info.audio_codec) == ("video", "video/mp4", "h264", "aac")
    assert 1.5 < clip.duration < 2.5 and (clip.info.width, clip.info.height) == (64, 36)
    assert clip.captions == "tin-tuc/posts/media/good.vi.vtt"
    assert clip.transcript == ("Xin chào quý vị.", "Đây là bản tin thử.")
    assert (clip.poster, clip.poster_given) == ("tin-tuc/posts/media/good.jpg", True)
    assert items["tin-tuc/posts/media/good.mp3"].mime == "audio/mpeg"
    assert items["tin-tuc/posts/media/good.m4a"].mime == "audio/mp4"


def test_a_transcript_file_beside_the_media_replaces_the_captions_text(site: Site) -> None:
    src = site.add("good.mp3")
    transcript = site.docs / "tin-tuc" / "posts" / "media" / "good.md"
    transcript.write_text("Lời dẫn: xin chào.\n\nĐoạn hai  của   bản tin.\n", encoding="utf-8")
    result = site.check(f"::audio {src}")
    item = result.items["tin-tuc/posts/media/good.mp3"]
    assert item.transcript == ("Lời dẫn: xin chào.", "Đoạn hai của bản tin.")
    assert item.transcript_file == "tin-tuc/posts/media/good.md"
    assert is_transcript(transcript) and not is_transcript(site.docs / PAGE)


def test_probe_results_are_cached_by_size_and_mtime(site: Site) -> None:
    src = site.add("good.mp4")
    assert site.check(f"::video {src}").probes == 1
    site.cache.save()
    again = ProbeCache(site.root / "cache")  # the next build: nothing to probe
    result = check_media(site.docs, [(site.docs / PAGE, f"::video {src}", 1)], again)
    assert result.probes == 0 and result.items
    (site.docs / "tin-tuc" / "posts" / src).touch()  # a new mtime: probed again
    third = ProbeCache(site.root / "cache")
    assert check_media(site.docs, [(site.docs / PAGE, f"::video {src}", 1)], third).probes == 1
    third.save()  # the entry of the file as it was is gone: the cache holds what the site embeds
    assert len(ProbeCache(site.root / "cache").entries) == 1


# -- every bad case: a named Vietnamese error with file, line and fix ---------------------------

BAD_CAPTIONS: list[tuple[str, bytes, str, int | None]] = [
    ("not UTF-8", "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nXin chào.\n".encode("latin-1"),
     "không ở bảng mã UTF-8", 4),
    ("not NFC", "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nXin chào quý vị.\n".replace("à", "a\u0300").encode(),
     "không phải dạng NFC", 4),
    ("no header", b"00:00:00.000 --> 00:00:01.000\nXin chao\n", "không đúng định dạng WebVTT", 1),
    ("bad time stamp", b"WEBVTT\n\n00:00:00.000 --> 00:00:0x.000\nXin chao\n", "sai định dạng", 3),
    ("empty cue", b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nMot\n\n00:00:01.000 --> 00:00:01.500\n\n",
     "không có chữ nào", 6),
    ("backwards", b"WEBVTT\n\n00:00:01.000 --> 00:00:01.500\nHai\n\n00:00:00.200 --> 00:00:00.800\nMot\n",
     "Mốc thời gian đi lùi", 6),
    ("ends before it starts", b"WEBVTT\n\n00:00:01.000 --> 00:00:00.500\nMot\n", "không sau lúc bắt đầu", 3),
    ("past the end", b"WEBVTT\n\n00:00:00.000 --> 00:00:09.000\nMot\n", "quá độ dài của tệp", 3),
    ("no cue", b"WEBVTT\n\n", "không có câu nào", None),
]


@pytest.mark.parametrize(("case", "data", "message", "line"), BAD_CAPTIONS, ids=[c[0] for c in BAD_CAPTIONS])
def test_bad_captions_are_named_with_the_captions_line(site: Site, case: str, data: bytes, message: str,
                                                       line: int | None) -> None:
    src = site.add("good.mp3", captions=data)
    problem = only_error(site.check(f"::audio {src}"))
    assert problem.file == "docs/tin-tuc/posts/media/good.vi.vtt"
    assert message in problem.message and problem.line == line and problem.hint
    assert problem.format().startswith("docs/tin-tuc/posts/media/good.vi.vtt")


def test_captions_are_read_by_webvtt_py_with_cue_times(media_files: Path, tmp_path: Path) -> None:
    vtt = tmp_path / "a.vi.vtt"
    vtt.write_text("WEBVTT\n\n00:00:00.250 --> 00:00:01.500\n<v Người dẫn>Xin <b>chào</b>\nquý vị\n", "utf-8")
    captions = read_captions(vtt, 2.0)
    assert captions.issues == ()
    assert [(c.start, c.end, c.text) for c in captions.cues] == [(0.25, 1.5, "Xin chào quý vị")]


BadCase = tuple[str, Callable[[Site], str], str]
BAD_FILES: list[BadCase] = [
    ("missing captions", lambda s: f"::audio {s.add('good.mp3', captions=None)}", "chưa có phụ đề tiếng Việt"),
    ("missing file", lambda s: "::video media/khong-co.mp4", "Không tìm thấy tệp video"),
    ("outside docs", lambda s: "::audio ../../../ngoai.mp3", "nằm ngoài thư mục docs/"),
    ("MPEG-4 part 2 video", lambda s: f"::video {s.add('mpeg4.mp4')}", "hình mpeg4"),
    ("WAV named .mp3", lambda s: f"::audio {s.add('wave.mp3')}", "khuôn dạng wav"),
    ("AVI", lambda s: f"::video {s.add('film.avi')}", "cần đuôi .mp4"),
    ("audio as video", lambda s: f"::video {s.add('good.mp3')}", "cần đuôi .mp4"),
    ("broken file", lambda s: f"::video {s.add('broken.mp4')}", "Không đọc được tệp video"),
    ("bad syntax", lambda s: "::video", "viết sai"),
]


@pytest.mark.parametrize(("case", "body", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_media_files_are_named_at_the_embed_line(site: Site, case: str, body: Callable[[Site], str],
                                                     message: str) -> None:
    problem = only_error(site.check("Mở đầu.\n\n" + body(site)))
    assert problem.file == f"docs/{PAGE}" and problem.line == 5 + 2  # the body's first line is file line 5
    assert message in problem.message and problem.hint


def test_codecs_found_are_named(site: Site) -> None:
    problem = only_error(site.check(f"::video {site.add('mpeg4.mp4')}"))
    assert "khuôn dạng mov, hình mpeg4, tiếng aac" in problem.message
    assert "MP4 (H.264 + AAC)" in problem.message and "libx264" in (problem.hint or "")


def test_files_above_the_size_limit_are_refused(site: Site) -> None:
    problem = only_error(site.check(f"::video {site.add('good.mp4')}", max_mb=0))
    assert "quá giới hạn 0 MB" in problem.message and "media_max_mb" in (problem.hint or "")


def test_a_video_without_poster_is_a_warning_and_gets_a_frame(site: Site) -> None:
    result = site.check(f"::video {site.add('good.mp4', poster=False)}")
    assert [p.severity for p in result.problems] == [Severity.WARNING]
    assert "chưa có ảnh đại diện (good.jpg)" in result.problems[0].message
    item = result.items["tin-tuc/posts/media/good.mp4"]
    assert (item.poster, item.poster_given) == ("tin-tuc/posts/media/good.jpg", False)


def test_embeds_inside_fenced_code_are_text(site: Site) -> None:
    assert site.check("```\n::video khong-co.mp4\n```").problems == []


def test_microsite_check_reports_media_problems_and_keeps_transcripts_off_the_pages(project: Path,
                                                                                      media_files: Path) -> None:
    """The whole-site check (``content.site.check_site``, what ``microsite check`` runs)."""
    from microsite.content.site import check_site
    from sitekit import settings_of, write_article

    folder = project / "docs" / "tin-tuc" / "posts" / "media"
    folder.mkdir()
    shutil.copy(media_files / "good.mp3", folder / "ban-tin.mp3")
    (folder / "ban-tin.md").write_text("Lời thoại không có tiêu đề, không phải bài viết.\n", encoding="utf-8")
    article = write_article(project, "co-am-thanh", "Mở đầu.\n\n<!-- more -->\n\n::audio media/ban-tin.mp3\n")
    line = article.read_text("utf-8").splitlines().index("::audio media/ban-tin.mp3") + 1
    content = check_site(settings_of(project))
    (problem,) = content.report.errors
    assert problem.file == "docs/tin-tuc/posts/co-am-thanh.md" and problem.line == line
    assert "chưa có phụ đề tiếng Việt" in problem.message
    assert "ban-tin.vi.vtt" in (problem.hint or "")
    (folder / "ban-tin.vi.vtt").write_text(GOOD_VTT, encoding="utf-8")
    lead = write_article(project, "video-dau-bai", video="media/khong-co.mp4", date="2023-03-30 08:00")
    content = check_site(settings_of(project))
    (problem,) = content.report.errors  # the front matter's lead video, at its line
    assert problem.file == "docs/tin-tuc/posts/video-dau-bai.md" and "Không tìm thấy tệp video" in problem.message
    assert problem.line == lead.read_text("utf-8").splitlines().index("video: media/khong-co.mp4") + 1
    lead.unlink()
    content = check_site(settings_of(project))
    assert content.report.errors == [] and list(content.media) == ["tin-tuc/posts/media/ban-tin.mp3"]
    assert content.media["tin-tuc/posts/media/ban-tin.mp3"].transcript_file == "tin-tuc/posts/media/ban-tin.md"


def test_video_audio_and_captions_are_kinds_judged_by_their_bytes(media_files: Path, tmp_path: Path) -> None:
    """One closed list (``media.kinds``) for the check and the workspace's uploads."""
    from pathlib import PurePosixPath

    from microsite.media.kinds import sniff_file
    from microsite.workspace.api_policy import upload_problem

    vtt = tmp_path / "a.vi.vtt"
    vtt.write_text(GOOD_VTT, encoding="utf-8")
    names = {name: sniff_file(media_files / name) for name in ("good.mp4", "good.mp3", "good.m4a")}
    assert {n: (k.name, k.family) for n, k in names.items() if k} == {
        "good.mp4": ("mp4", "video"), "good.mp3": ("mp3", "audio"), "good.m4a": ("m4a", "audio")}
    assert (sniff_file(vtt).name, sniff_file(vtt).family) == ("vtt", "captions")  # type: ignore[union-attr]
    assert sniff_file(media_files / "wave.mp3") is None
    data = (media_files / "good.mp4").read_bytes()
    assert upload_problem(PurePosixPath("docs/media/phong-su.mp4"), data) is None
    assert "đổi đuôi thành .mp4" in (upload_problem(PurePosixPath("docs/media/phong-su.mp3"), data) or "")
    assert upload_problem(PurePosixPath("docs/media/phong-su.vi.vtt"), vtt.read_bytes()) is None
