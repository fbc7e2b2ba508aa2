"""Every file in docs/ is either published or named by the check: none is dropped in silence.

MkDocs skips, without a word, every name that starts with a dot: an article saved as
``..md`` or ``...md`` (a title of dots) was counted and listed as approved, and missing
from the site. It copies whatever a link points at: a link in ``docs/tin-tuc/`` to
``/etc/passwd`` was published. And it publishes an HTML page, a script or an SVG an editor
drops beside the articles, which then run on the site's own origin. So the whole tree is
walked (never through a link) and each of these is named:

* a symbolic link, file or folder (error: nothing outside docs/ is read or published);
* a hidden name (error for a Markdown file, which is an article or page the editor expects
  online; warning for anything else, which is not published);
* a file that a browser runs (HTML, JavaScript, SVG, XML...): error;
* a photo (by its extension) the site cannot publish, shown on a page or not: what the check
  of a photo in an article says (not that kind by content, the wrong extension, too large);
* the ``templates/`` folder MkDocs keeps for itself: warning.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..media.kinds import accepted_extensions
from ..validation.images import oversize_problem
from .problems import Problem, Severity

ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".cjs", ".svg", ".svgz", ".xml",
                             ".xsl", ".xslt", ".swf", ".wasm", ".php"})
IMAGE_SUFFIXES = frozenset(accepted_extensions("image"))
LINK_HINT = "Chép chính tệp (không phải liên kết) vào docs, hoặc xoá liên kết."


def _shown(path: Path, docs_dir: Path) -> str:
    return (Path(docs_dir.name) / path.relative_to(docs_dir)).as_posix()


def file_problems(docs_dir: Path) -> list[Problem]:
    """What the tree of ``docs_dir`` holds that would be dropped or must never be published."""
    problems: list[Problem] = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            problem = _folder_problem(here / name, docs_dir)
            if problem:
                problems.append(problem)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        problems += [p for p in (_file_problem(here / name, docs_dir) for name in sorted(files)) if p]
    return problems


def _folder_problem(path: Path, docs_dir: Path) -> Problem | None:
    shown = _shown(path, docs_dir)
    if path.is_symlink():
        return Problem(shown, "Thư mục là liên kết (symlink) tới nơi khác: trang không đọc, không đăng gì qua liên kết.",
                       1, None, LINK_HINT)
    if path.name.startswith("."):
        return Problem(shown, "Thư mục có tên bắt đầu bằng dấu chấm (thư mục ẩn): không tệp nào trong đó được đăng.",
                       1, None, "Đổi tên thư mục (bỏ dấu chấm đầu) nếu muốn đăng nội dung của nó.",
                       Severity.WARNING)
    if path.parent == docs_dir and path.name == "templates":
        return Problem(shown, "Thư mục docs/templates/ dành cho giao diện: không tệp nào trong đó được đăng.",
                       1, None, "Đổi tên thư mục nếu muốn đăng nội dung của nó.", Severity.WARNING)
    return None


def _file_problem(path: Path, docs_dir: Path) -> Problem | None:
    shown = _shown(path, docs_dir)
    if path.is_symlink():
        return Problem(shown, "Tệp là liên kết (symlink) tới nơi khác: trang không đọc, không đăng tệp qua liên kết.",
                       1, None, LINK_HINT)
    if path.name.startswith("."):
        if path.suffix.lower() == ".md" or path.name.lower().endswith(".md"):
            return Problem(shown, f"Tên tệp \"{path.name}\" bắt đầu bằng dấu chấm: tệp ẩn không bao giờ được đăng, "
                           "bài này sẽ không có trên trang.", 1, None,
                           "Đặt tên tệp theo tiêu đề, chữ thường không dấu, nối bằng dấu gạch (như microsite new).")
        return Problem(shown, "Tệp ẩn (tên bắt đầu bằng dấu chấm) không được đăng lên trang.", 1, None,
                       "Xoá tệp nếu không cần; đổi tên (bỏ dấu chấm đầu) nếu muốn đăng.", Severity.WARNING)
    if path.suffix.lower() in IMAGE_SUFFIXES:  # published (and processed) even when no page shows it
        return oversize_problem(path, shown, 1, "tệp ảnh", path.name)
    if path.suffix.lower() in ACTIVE_SUFFIXES:
        return Problem(shown, f"Tệp \"{path.name}\" là loại tệp trình duyệt chạy được (trang HTML, mã JavaScript, "
                       "SVG...): trang không đăng tệp do người soạn bài đưa vào.", 1, None,
                       "Xoá tệp này. Ảnh: lưu dạng JPEG, PNG hoặc WebP; nội dung: viết thành bài Markdown.")
    return None


def markdown_files(docs_dir: Path, max_kb: int) -> list[Path]:
    """The Markdown files of ``docs_dir`` the checks may read: found without following a link,
    none a link itself, none over the size limit (the page check names those without reading)."""
    found = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
        for name in files:
            path = here / name
            if name.endswith(".md") and not path.is_symlink() and path.stat().st_size <= max_kb * 1024:
                found.append(path)
    return sorted(found)
