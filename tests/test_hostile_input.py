"""Hostile input in docs/: each file is refused by the check, within seconds, with bounded memory,
naming the file and the line in Vietnamese, before any parser or the build expands it.

One project holds every case; it is checked once in this process (the messages) and once by
``microsite check`` in a child process (time, peak memory, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from microsite.adapter.runner import project_settings
from microsite.content.problems import Report, Severity
from microsite.content.site import check_site
from hostilekit import alias_bomb, encoded, numbers, png_header, tracker
from sitekit import copy_project, front_matter, write_article

POSTS = Path("docs/tin-tuc/posts")
TIEN_DO = Path("docs/_data/tien-do")
INFOGRAPHICS = Path("docs/_data/infographics")
HEADER = yaml.safe_dump(front_matter(), allow_unicode=True, sort_keys=False)








# file -> (its text or bytes, the line the check must name, part of the message)
CASES: dict[str, tuple[str | bytes, int, str]] = {
    f"{POSTS}/bom-yaml.md": (f"---\n{HEADER}{alias_bomb()}---\n\nThân bài.\n", HEADER.count("\n") + 2, "bí danh"),
    f"{TIEN_DO}/2099-01-01.yml": (tracker(alias_bomb()), 4, "bí danh"),
    f"{POSTS}/danh-sach-1000-tang.md": (
        f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n" + "".join("\t" * i + "- mục\n" for i in range(1000)),
        HEADER.count("\n") + 8 + 101, "thụt lề quá sâu"),
    f"{POSTS}/danh-sach-10000-tang.md": (
        f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n" + "- " * 10000 + "mục\n", HEADER.count("\n") + 8,
        "lồng nhau quá sâu"),
    f"{POSTS}/trich-dan-long.md": (f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n" + "> " * 5000 + "câu\n",
                                  HEADER.count("\n") + 8, "lồng nhau quá sâu"),
    f"{POSTS}/ngoac-vuong.md": (f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n" + "[" * 20000 + "\n", HEADER.count("\n") + 8,
                                "dấu ngoặc \"[\""),
    f"{POSTS}/yaml-ngoac.md": (f"---\n{HEADER}tags: " + "[" * 5000 + "\n---\n\nThân.\n", HEADER.count("\n") + 2,
                               "dấu ngoặc \"[\""),
    f"{INFOGRAPHICS}/vo-cuc.yml": (numbers(".inf"), 8, "không phải một số thật"),
    f"{INFOGRAPHICS}/khong-xac-dinh.yml": (numbers(".nan"), 8, "không phải một số thật"),
    f"{INFOGRAPHICS}/so-qua-lon.yml": (numbers("1.0e+308"), 8, "quá lớn để hiển thị"),
    f"{TIEN_DO}/2099-01-02.yml": (tracker(done="1" * 40), 7, "quá lớn để hiển thị"),
    f"{TIEN_DO}/2099-01-03.yml": (tracker(done="9" * 5000), 7, "quá lớn để hiển thị"),
    f"{POSTS}/bai-50mb.md": (f"---\n{HEADER}---\n\n" + ("Một đoạn văn dài. " * 60 + "\n\n") * 45000, 1, "Tệp quá lớn"),
    f"{POSTS}/..md": (f"---\n{HEADER}---\n\nBài tên là hai dấu chấm.\n\n<!-- more -->\n", 0, "bắt đầu bằng dấu chấm"),
    f"{POSTS}/...md": (f"---\n{HEADER}---\n\nBài tên là ba dấu chấm.\n\n<!-- more -->\n", 0, "bắt đầu bằng dấu chấm"),
    f"{POSTS}/probe.html": ("<script>alert(1)</script>", 0, "trình duyệt chạy được"),
    f"{POSTS}/anh/script.svg": ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 0,
                                "trình duyệt chạy được"),
    f"{POSTS}/anh-svg.md": (f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n![Biểu đồ](anh/script.svg)\n",
                            HEADER.count("\n") + 8, "là tệp SVG"),
    "docs/tin-tuc/probe.js": ("alert(1)", 0, "trình duyệt chạy được"),
}





def _showing(src: str) -> str:
    return f"---\n{HEADER}---\n\nMở đầu.\n\n<!-- more -->\n\n![Ảnh thử]({src})\n"


CASES.update({
    f"{POSTS}/anh/30000x30000.png": (png_header(30000, 30000), 1, "quá lớn: 900 triệu điểm ảnh"),
    f"{POSTS}/anh/13300x13300.png": (png_header(13300, 13300), 1, "quá lớn: 177 triệu điểm ảnh"),
    f"{POSTS}/anh/png-ten-jpg.jpg": (encoded("PNG"), 1, "là ảnh PNG nhưng tên có đuôi \".jpg\""),
    f"{POSTS}/anh-bom.md": (_showing("anh/30000x30000.png"), HEADER.count("\n") + 8, "quá lớn: 900 triệu điểm ảnh"),
    f"{POSTS}/anh-sai-duoi.md": (_showing("anh/png-ten-jpg.jpg"), HEADER.count("\n") + 8, "đuôi tệp sai"),
})
LINKS = {f"{POSTS}/mat-khau.md": "/etc/passwd", "docs/tin-tuc/ngoai": "/etc"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project", with_posts=False)
    write_article(project, "bai-binh-thuong", title="Một bài bình thường giữa các tệp lạ")
    for name, (text, _, _) in CASES.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    for name, target in LINKS.items():
        (project / name).symlink_to(target)
    return project


@pytest.fixture(scope="module")
def report(hostile: Path) -> Report:
    return check_site(project_settings(hostile)).report


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_refused_by_file_line_and_message(report: Report, name: str) -> None:
    _, line, says = CASES[name]
    mine = [p for p in report.errors if p.file == name]
    assert mine, [str(p.file) for p in report.errors]
    assert any(says in p.message for p in mine), [p.message for p in mine]
    if line:
        assert any(p.line == line for p in mine), [(p.line, p.message) for p in mine]
    assert all(p.hint for p in mine)


@pytest.mark.parametrize("name", sorted(LINKS))
def test_links_out_of_docs_are_named_and_never_read(report: Report, name: str) -> None:
    mine = [p for p in report.errors if p.file == name]
    assert mine and all("liên kết" in p.message for p in mine)
    assert "root:" not in report.format()


def test_the_ordinary_article_beside_them_passes(report: Report) -> None:
    assert not [p for p in report.problems if p.file.endswith("bai-binh-thuong.md")]
    assert all(p.severity is Severity.ERROR or p.severity is Severity.WARNING for p in report.problems)


def test_microsite_check_refuses_them_all_within_seconds_and_bounded_memory(hostile: Path) -> None:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", CHILD, str(hostile)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    elapsed = time.monotonic() - started
    peak_mb = int(result.stdout.strip().splitlines()[-1])
    assert result.returncode == 0, result.stderr[-2000:]
    assert elapsed < 60, elapsed
    assert peak_mb < 600, peak_mb
    for name in [*CASES, *LINKS]:
        assert name in result.stderr, name
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


# Runs `microsite check` and prints the peak resident memory (MB) last.
CHILD = """
import resource, sys
from microsite.cli import main
code = main(["check", "-d", sys.argv[1]])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
sys.exit(0 if code == 1 else 2)
"""
