"""Raw HTML in Markdown: only a small safe list reaches an official site.

Editors paste from web pages and word processors; pasted markup can carry scripts,
event handlers or embedded players from other sites. The site's Content-Security-Policy
would block most of it in the browser, silently; the check refuses it by name instead.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..content.problems import Problem
from .source import BodySource, Element

# What Markdown and our extensions produce, plus plain formatting editors use.
SAFE_TAGS = frozenset("""
a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em
figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q s small
source span strong sub summary sup table tbody td tfoot th thead tr u ul iframe
""".split())

URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "xlink:href")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")

_TAG_HINTS = {
    "script": "Xoá thẻ <script>: trang không chạy mã do người soạn chèn vào. Cần tính năng động thì báo bộ phận kỹ thuật.",
    "style": "Xoá thẻ <style>; định dạng bằng Markdown (**đậm**, *nghiêng*, tiêu đề ##) hoặc nhờ kỹ thuật thêm lớp CSS.",
}
_GENERIC_TAG_HINT = ("Xoá thẻ này hoặc viết lại bằng Markdown. Thẻ được phép: "
                     "p, a, img, strong, em, ul/ol/li, table, figure, details, div, span, iframe (cùng trang)...")


def _scheme_of(value: str) -> str:
    """Lower-cased URL with the whitespace and control characters browsers ignore removed."""
    return "".join(ch for ch in value if ch > " ").lower()


def _tag_problem(src: BodySource, el: Element) -> Problem | None:
    if el.tag in SAFE_TAGS:
        return None
    hint = _TAG_HINTS.get(el.tag, _GENERIC_TAG_HINT)
    return Problem(src.shown, f"Thẻ HTML <{el.tag}> không được phép trong bài viết.",
                   src.line_of(f"<{el.tag}"), "nội dung", hint)


def _attribute_problems(src: BodySource, el: Element) -> list[Problem]:
    problems = []
    for name, value in el.attrs:
        if name.startswith("on"):
            problems.append(Problem(
                src.shown, f"Thuộc tính \"{name}\" trong thẻ <{el.tag}> chạy mã JavaScript, không được phép.",
                src.line_of(name), "nội dung", f"Xoá thuộc tính {name}=\"...\" khỏi thẻ."))
        elif name == "style":
            problems.append(Problem(
                src.shown, f"Thuộc tính style trong thẻ <{el.tag}> không được phép: trình bày do giao diện chung quyết định.",
                src.line_of("style="), "nội dung",
                "Xoá style=\"...\"; dùng định dạng Markdown hoặc nhờ kỹ thuật thêm lớp CSS."))
        elif name in URL_ATTRIBUTES and _scheme_of(value).startswith(BAD_SCHEMES):
            problems.append(Problem(
                src.shown, f"Địa chỉ \"{value[:60]}\" chạy mã, không phải liên kết.",
                src.line_of(value.split(":")[0] + ":"), "nội dung",
                "Thay bằng địa chỉ trang thật (https://... hoặc tệp .md trong thư mục docs)."))
    return problems


def _iframe_problem(src: BodySource, el: Element) -> Problem | None:
    if el.tag != "iframe":
        return None
    url = el.get("src") or ""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc and url.strip():
        return None
    return Problem(
        src.shown, f"Khung nhúng <iframe> lấy nội dung từ trang khác ({parts.netloc or url or 'không có src'}).",
        src.line_of("<iframe"), "nội dung",
        "Trang không tải nội dung từ máy chủ khác. Đặt liên kết thường tới trang đó, "
        "hoặc tải tệp (video, PDF) về thư mục docs và nhúng bằng đường dẫn tương đối.")


def check_raw_html(src: BodySource) -> list[Problem]:
    """Refuse tags outside ``SAFE_TAGS``, event handlers, style attributes, script URLs, foreign iframes."""
    problems: list[Problem] = []
    for el in src.elements:
        for found in (_tag_problem(src, el), _iframe_problem(src, el)):
            if found:
                problems.append(found)
        problems.extend(_attribute_problems(src, el))
    return problems
