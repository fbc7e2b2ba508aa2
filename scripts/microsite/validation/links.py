"""Links in the body must reach a page or file of this site, resolved the way MkDocs does.

MkDocs rewrites a relative link to a ``.md`` file (or any file under docs/) into the
right URL; anything else is left for the browser, which resolves it against the
*page URL* (``/tin-tuc/2023/03/29/bai/``), not the source folder, so it breaks.
Site-absolute links (``/tien-do/``) are checked against the pages the build
will write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..content.paths import real
from ..content.problems import Problem
from .source import BodySource

LINK_FIELD = "nội dung"
# Pages Material's blog plugin generates under the blog folder.
BLOG_GENERATED = ("chuyen-muc", "luu-tru", "trang")
# Folders the theme writes into the output.
THEME_FOLDERS = ("assets", "search")
MD_HINT = ("Liên kết tới tệp .md của trang đích, tính từ thư mục chứa bài, "
           "ví dụ [Tiến độ](../../tien-do/index.md).")


@dataclass(frozen=True)
class SiteRoutes:
    """What a link may point to: files under docs/ and the article URLs the blog writes."""

    docs_dir: Path
    blog_dir: str
    article_slugs: frozenset[str] = field(default_factory=frozenset)
    # Site paths the build generates (feeds, api/, infographic pages and files); see
    # content.site.generated_paths. Folders end with "/" and cover everything below them.
    generated: frozenset[str] = field(default_factory=frozenset)

    def is_generated(self, rel: str) -> bool:
        clean = rel.lstrip("/")
        return clean in self.generated or any(
            g.endswith("/") and (clean + "/").startswith(g) for g in self.generated)


def inside(path: Path, folder: Path) -> bool:
    try:
        real(path).relative_to(real(folder))
    except ValueError:
        return False
    return True


def _page_exists(routes: SiteRoutes, rel: str) -> bool:
    """``rel`` is a site path without leading slash, e.g. ``tien-do/`` or ``tin-tuc/2023/.../bai/``."""
    clean = rel.strip("/")
    base = routes.docs_dir / clean
    if not clean:
        return (routes.docs_dir / "index.md").is_file()
    if base.is_file() or (base / "index.md").is_file() or base.with_suffix(".md").is_file():
        return True
    parts = clean.split("/")
    if parts[0] in THEME_FOLDERS or routes.is_generated(clean):
        return True
    if parts[0] == routes.blog_dir and len(parts) > 1:
        return parts[1] in BLOG_GENERATED or parts[-1] in routes.article_slugs
    return False


def _problem(src: BodySource, href: str, message: str, hint: str) -> Problem:
    return Problem(src.shown, message, src.line_of(href), LINK_FIELD, hint)


def check_href(src: BodySource, href: str, routes: SiteRoutes) -> Problem | None:
    """One link target; None when it resolves."""
    parts = urlsplit(href.strip())
    if parts.scheme == "file":
        return _problem(src, href, f"Liên kết \"{href}\" trỏ tới tệp trên máy tính của người soạn.",
                        "Chép tệp vào thư mục docs và liên kết bằng đường dẫn tương đối.")
    if parts.scheme or parts.netloc or not parts.path:
        return None  # external (checked elsewhere for script URLs) or same-page anchor
    path = unquote(parts.path)
    if path.startswith("/"):
        target = routes.docs_dir / path.lstrip("/")
        if not inside(target, routes.docs_dir):
            return _problem(src, href, f"Liên kết \"{href}\" đi ra ngoài thư mục docs.",
                            "Chỉ liên kết tới trang, tệp trong thư mục docs. " + MD_HINT)
        if _page_exists(routes, path.lstrip("/")):
            return None
        return _problem(src, href, f"Liên kết \"{href}\" trỏ tới trang không tồn tại.",
                        "Kiểm tra lại địa chỉ (chữ thường, không dấu). " + MD_HINT)
    target = src.path.parent / path
    if not inside(target, routes.docs_dir):
        return _problem(src, href, f"Liên kết \"{href}\" đi ra ngoài thư mục docs.",
                        "Bớt các đoạn \"../\" thừa. " + MD_HINT)
    if target.is_file() or routes.is_generated(real(target).relative_to(real(routes.docs_dir)).as_posix()):
        return None
    if path.endswith(".md"):
        return _problem(src, href, f"Liên kết \"{href}\" trỏ tới trang không tồn tại.",
                        "Kiểm tra tên tệp (chữ thường, không dấu) và số lượng \"../\". " + MD_HINT)
    return _problem(src, href, f"Liên kết \"{href}\" không trỏ tới tệp nào trong thư mục docs.", MD_HINT)


def check_links(src: BodySource, routes: SiteRoutes) -> list[Problem]:
    """Every ``<a href>`` the body renders to."""
    problems = []
    for el in src.elements:
        href = el.get("href") if el.tag == "a" else None
        if href is not None:
            found = check_href(src, href, routes)
            if found:
                problems.append(found)
    return problems
