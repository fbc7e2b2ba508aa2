"""The page the preview shows while the content has errors, instead of a stuck page.

The page made from a broken file answers with it until the next good build (every page does
before any good build; the others keep the last good build's, with ``preview_banner``). The
live-reload script the server adds brings the page back by itself once the file is fixed. The
text is the check's own report (``Report.format()``), the same words as ``microsite check``.
"""

from __future__ import annotations

from html import escape

from .status import Snapshot

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff7f5;color:#1a1a1a}
main{max-width:60rem;margin:0 auto;padding:2rem 1rem}
h1{color:#8a1c10;font-size:1.6rem;margin:0 0 .5rem}
li{margin:.75rem 0;padding:.75rem 1rem;background:#fff;border-left:4px solid #b3261e}
.where{font-weight:600} .hint{color:#3a3a3a}
pre{white-space:pre-wrap;background:#fff;padding:1rem;border:1px solid #e0c0bb}
"""


def _where(error: dict[str, object], joint: str) -> tuple[str, str]:
    """The file and line, and the field by its form label (else its key), as HTML."""
    where = escape(str(error["file"]) + (f", dòng {error['line']}" if error.get("line") else ""))
    name = error.get("label") or error.get("field")
    return where, (f"{joint}trường <strong>{escape(str(name))}</strong>" if name else "")


def _item(error: dict[str, object]) -> str:
    where, field = _where(error, " — ")
    hint = f'<div class="hint">Cách sửa: {escape(str(error["hint"]))}</div>' if error.get("hint") else ""
    return (f'<li><div class="where">{where}{field}</div>'
            f'<div>{escape(str(error["message"]))}</div>{hint}</li>')


def error_page(snapshot: Snapshot) -> bytes:
    """A complete Vietnamese HTML page for a failed check."""
    items = "".join(_item(e) for e in snapshot.errors)
    listing = f"<ol>{items}</ol>" if items else ""
    body = (f"<main><h1>Nội dung có lỗi, trang chưa thể hiển thị</h1>"
            f"<p>Sửa các lỗi dưới đây rồi lưu lại; trang tự hiện lại khi hết lỗi, không cần khởi động lại.</p>"
            f"{listing}<h2>Kết quả kiểm tra (như lệnh microsite check)</h2>"
            f"<pre>{escape(snapshot.report)}</pre></main>")
    return _page("Nội dung có lỗi", body)


def workspace_missing_page(reason: str, packages: tuple[str, ...]) -> bytes:
    """``/admin/`` while Decap CMS is not installed: what to run; the preview works meanwhile."""
    body = ("<main><h1>Khu soạn bài chưa được cài đặt</h1>"
            f"<p>{escape(reason)}</p>"
            "<p>Khu soạn bài (Decap CMS) cần Node.js và hai gói npm, cài một lần trong thư mục dự án:</p>"
            f"<pre>npm install --no-audit --no-fund {escape(' '.join(packages))}</pre>"
            "<p>hoặc chỉ ra thư mục <code>node_modules</code> đã cài bằng biến môi trường "
            "<code>MICROSITE_NODE_MODULES</code>, rồi chạy lại <code>microsite serve</code>. "
            "Trong lúc chưa cài, trang xem trước vẫn chạy: sửa tệp Markdown và YAML trong "
            "<code>docs/</code> bằng trình soạn thảo, trang tự cập nhật.</p>"
            '<p><a href="../">Về trang xem trước</a></p></main>')
    return _page("Chưa cài khu soạn bài", body)


def _page(title: str, body: str) -> bytes:
    page = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>")
    return page.encode("utf-8")


_BANNER_STYLE = ("position:relative;z-index:10;margin:0;padding:.6rem 1rem;background:#fff4f2;color:#1a1a1a;"
                 "border-bottom:3px solid #b3261e;font:15px/1.45 system-ui,sans-serif")
BANNER_SHOWN = 3  # problems listed in the banner; the rest are counted


def preview_banner(snapshot: Snapshot) -> bytes:
    """The banner on every preview page kept from the last good build while a file has errors:
    which files, where, and that this page is not the newest."""
    files = sorted({str(e["file"]) for e in snapshot.errors})
    named = ", ".join(f"<code>{escape(f)}</code>" for f in files) or "nội dung"
    items = "".join(_banner_item(e) for e in snapshot.errors[:BANNER_SHOWN])
    more = len(snapshot.errors) - BANNER_SHOWN
    rest = f"<li>và {more} lỗi khác.</li>" if more > 0 else ""
    listing = f'<ul style="margin:.3rem 0 0;padding-left:1.2rem">{items}{rest}</ul>' if items else ""
    return (f'<div role="alert" data-microsite-preview-error style="{_BANNER_STYLE}">'
            f"<strong>Tệp {named} có lỗi.</strong> Trang này là bản xem trước tốt gần nhất; "
            f"sửa lỗi rồi lưu lại, trang tự cập nhật.{listing}</div>").encode()


def _banner_item(error: dict[str, object]) -> str:
    where, field = _where(error, ", ")
    hint = f" Cách sửa: {escape(str(error['hint']))}" if error.get("hint") else ""
    return f"<li>{where}{field}: {escape(str(error['message']))}{hint}</li>"
