"""Load and validate articles: from a Markdown file to an ``Article`` or a list of problems."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .paths import real
from ..config import SiteSettings
from ..text.legacy import find_legacy_text
from ..text.normalize import nfc
from ..text.slugs import slugify
from .dates import DATE_HINT, parse_datetime
from .frontmatter import FrontMatter, FrontMatterError, parse
from .limits import DEFAULT_MAX_KB, size_problem, text_breach
from .clock import current_time
from .model import Article, ImageRef, Status, Withdrawal
from .site_config import Channel
from .control_chars import control_char_problems
from .problems import Problem
from .schema_errors import explain, field_name
from .updates import dated_after, parse_updates
from ..validation.dates import explain_datetime
from ..validation.images import oversize_problem

LEGACY_HINT = (
    "Văn bản được gõ bằng bảng mã cũ ({enc}). Mở tệp gốc, chuyển sang Unicode "
    "(ví dụ: Unikey → Công cụ chuyển mã, nguồn {enc}, đích Unicode) rồi dán lại."
)


@lru_cache(maxsize=1)
def article_validator() -> Draft202012Validator:
    schema = json.loads(resources.files(__package__).joinpath("article.schema.json").read_text("utf-8"))
    return Draft202012Validator(schema)


def display_path(path: Path, settings: SiteSettings) -> str:
    """Path as the editor sees it in the project: ``docs/tin-tuc/posts/bai.md``."""
    root = real(settings.docs_dir).parent
    try:
        return real(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_text(path: Path, shown: str, max_kb: int = DEFAULT_MAX_KB) -> tuple[str | None, list[Problem]]:
    """Read UTF-8, NFC-normalise, and refuse legacy 8-bit Vietnamese encodings, files over
    ``max_kb`` and nesting no parser should be given (content/limits.py)."""
    if path.is_symlink():  # content/docs_files.py names it; what it points at is never read
        return None, [Problem(shown, "Tệp là liên kết (symlink) tới nơi khác: trang không đọc tệp qua liên kết.", 1,
                              hint="Chép chính tệp (không phải liên kết) vào docs, hoặc xoá liên kết.")]
    too_large = size_problem(path, shown, max_kb)
    if too_large:
        return None, [too_large]
    try:
        text = nfc(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, "Tệp không được lưu ở mã UTF-8 (có thể là bảng mã cũ TCVN3/VNI).", line,
                              hint="Mở tệp trong trình soạn thảo và lưu lại với mã hoá UTF-8 (Unicode).")]
    hits = find_legacy_text(text)
    if hits:
        encodings = sorted({h.encoding for h in hits})
        samples = ", ".join(f'"{h.sample}" (dòng {h.line})' for h in hits[:4])
        enc = "/".join(encodings)
        return None, [Problem(shown, f"Phát hiện chữ gõ bằng bảng mã cũ {enc}: {samples}.", hits[0].line,
                              hint=LEGACY_HINT.format(enc=enc))]
    breach = text_breach(text)
    if breach:
        return None, [breach.problem(shown)]
    return text, []


@dataclass
class _Context:
    path: Path
    shown: str
    fm: FrontMatter
    settings: SiteSettings
    problems: list[Problem]

    def error(self, field: str, message: str, hint: str | None = None) -> None:
        line = self.fm.line_of(tuple(field.split(".")))
        self.problems.append(Problem(self.shown, message, line, field, hint))

    def error_at(self, path: tuple[str | int, ...], field: str, message: str, hint: str) -> None:
        """A problem inside a list (``updates[2].date``): the line comes from the exact item."""
        self.problems.append(Problem(self.shown, message, self.fm.line_of(path), field, hint))


def _schema_problems(ctx: _Context) -> None:
    for err in sorted(article_validator().iter_errors(ctx.fm.data), key=lambda e: list(map(str, e.path))):
        field, message, hint = explain(err)
        path = tuple(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            path += (extra[0],)
        line = ctx.fm.line_of(path) or ctx.fm.lines.get((), 2)
        ctx.problems.append(Problem(ctx.shown, message, line, field or None, hint))


FIRST_YEAR, LAST_YEAR = 1945, 2099  # an article's dates


def _date(ctx: _Context, key: str) -> Any:
    raw = ctx.fm.data.get(key)
    if raw is None:
        return None
    parsed = parse_datetime(str(raw))
    if parsed is None:
        ctx.error(key, explain_datetime(str(raw)) or f"Không đọc được ngày giờ \"{raw}\".", DATE_HINT)
    elif not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        # Before 1912 Vietnam's clock was offset by minutes and seconds (tz database), which the
        # blog engine's date reading refuses; no article of a campaign site is that old.
        ctx.error(key, f"Năm {parsed.year} nằm ngoài khoảng cho phép ({FIRST_YEAR}–{LAST_YEAR}).",
                  "Kiểm tra lại năm (có thể gõ nhầm). " + DATE_HINT)
        return None
    return parsed


def _categories(ctx: _Context) -> None:
    allowed = ctx.settings.categories
    for cat in ctx.fm.data.get("categories", []):
        if allowed and cat not in allowed:
            ctx.error("categories", f"Chuyên mục \"{cat}\" không có trong danh sách chuyên mục của trang.",
                      "Chọn một trong: " + "; ".join(allowed) + ".")


def _channels(ctx: _Context) -> list[Channel]:
    """Channel keys are the site's (``channels`` in mkdocs.yml), checked here, not in the schema."""
    known = ctx.settings.site.channel_map
    out = []
    for i, key in enumerate(ctx.fm.data.get("channels", [])):
        if key in known:
            out.append(known[key])
        else:
            ctx.error_at(("channels", i), field_name(["channels", i]),
                         f"Kênh \"{key}\" không hợp lệ: không có trong danh sách kênh của trang "
                         "(channels trong mkdocs.yml).",
                         "Chọn một trong: " + (ctx.settings.site.channel_choices() or "(chưa khai báo kênh nào "
                                                "trong mkdocs.yml)") + ".")
    return out


def resolve_asset(src: str, md_path: Path, docs_dir: Path) -> Path | None:
    """Resolve an image path the way MkDocs does; None if it would leave docs_dir."""
    base = docs_dir if src.startswith("/") else md_path.parent
    target = real(base / src.lstrip("/"))
    try:
        target.relative_to(real(docs_dir))
    except ValueError:
        return None
    return target


def _image(ctx: _Context) -> ImageRef | None:
    data = ctx.fm.data.get("image")
    if not isinstance(data, dict):
        return None
    src = str(data["src"])
    if "://" not in src:
        target = resolve_asset(src, ctx.path, ctx.settings.docs_dir)
        if target is None:
            ctx.error("image.src", f"Đường dẫn ảnh \"{src}\" nằm ngoài thư mục docs.",
                      "Đặt ảnh trong thư mục docs (ví dụ docs/tin-tuc/anh/) và ghi đường dẫn tương đối.")
        elif not target.is_file():
            ctx.error("image.src", f"Không tìm thấy tệp ảnh \"{src}\".",
                      "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và vị trí ảnh so với bài viết.")
        else:
            heavy = oversize_problem(target, ctx.shown, ctx.fm.line_of(("image", "src")), "image.src", src,
                                     lead=True)
            if heavy:
                ctx.problems.append(heavy)
    else:
        ctx.error("image.src", "Ảnh phải được lưu trong trang, không lấy từ trang web khác.",
                  "Tải ảnh về, đặt trong thư mục docs và ghi đường dẫn tương đối.")
    focus = data.get("focus")
    return ImageRef(src=src, alt=str(data["alt"]), credit=str(data["credit"]),
                    caption=str(data.get("caption") or ""), focus=str(focus) if focus else None)


def _withdrawal(ctx: _Context, published: datetime, now: datetime) -> Withdrawal | None:
    """``withdrawn: {date, reason}``: only with ``status: withdrawn`` (the schema requires it there)."""
    raw = ctx.fm.data.get("withdrawn")
    if not isinstance(raw, dict):
        return None
    if ctx.fm.data.get("status") != Status.WITHDRAWN.value:
        ctx.error("withdrawn", "Trường \"withdrawn\" chỉ dùng cho bài đã gỡ.",
                  "Gỡ bài: đổi thành status: withdrawn (cần reviewer); giữ bài: xoá nhóm withdrawn.")
        return None
    when = dated_after(str(raw["date"]), ("withdrawn", "date"), "withdrawn.date", published, now, ctx.error_at)
    return None if when is None else Withdrawal(when, str(raw["reason"]).strip())


def _lead(ctx: _Context) -> None:
    """The line that ends the lead, when the site requires it in every article."""
    separator = ctx.settings.lead_separator
    if separator and separator not in ctx.fm.body:
        ctx.problems.append(Problem(
            ctx.shown, f"Bài chưa có dòng {separator} ngăn đoạn mở đầu (sapo) với phần còn lại của bài.",
            ctx.fm.body_line, "body",
            f"Thêm một dòng {separator} ngay sau đoạn mở đầu; đoạn trước dòng này hiện ở trang danh sách tin."))


def _build(ctx: _Context) -> Article | None:
    data = ctx.fm.data
    _lead(ctx)
    date = _date(ctx, "date")
    updated = _date(ctx, "updated")
    _categories(ctx)
    channels = _channels(ctx)
    image = _image(ctx)
    if ctx.problems or date is None:
        return None
    now = current_time(ctx.settings.now)
    updates = parse_updates(data.get("updates"), date, now, ctx.error_at)
    withdrawn = _withdrawal(ctx, date, now)
    if ctx.problems:
        return None
    # The article's modified time is its newest change, whichever field records it.
    updated = max([d for d in (updated, *(u.date for u in updates)) if d is not None], default=None)
    return Article(
        path=ctx.path,
        rel_path=real(ctx.path).relative_to(real(ctx.settings.docs_dir)).as_posix(),
        title=data["title"].strip(),
        date=date,
        updated=updated,
        authors=list(data["authors"]),
        channels=list(data["channels"]),
        channel_info=tuple(channels),
        categories=list(data["categories"]),
        tags=list(data.get("tags") or []),
        summary=data["summary"].strip(),
        status=Status(data["status"]),
        reviewer=(data.get("reviewer") or None),
        image=image,
        source=data.get("source"),
        slug=data.get("slug") or slugify(data["title"]),
        pin=bool(data.get("pin", False)),
        updates=updates,
        withdrawn=withdrawn,
        body=ctx.fm.body,
        body_line=ctx.fm.body_line,
        meta=dict(data),
        field_lines={k: v for k, v in ctx.fm.lines.items() if k[:1] in (("related",), ("video",))},
    )


def load_article(path: Path, settings: SiteSettings) -> tuple[Article | None, list[Problem]]:
    """Load one article; on any problem return None and every problem found."""
    shown = display_path(path, settings)
    text, problems = read_text(path, shown, settings.max_article_kb)
    if text is None:
        return None, problems
    try:
        fm = parse(text)
    except FrontMatterError as exc:
        return None, [Problem(shown, exc.message, exc.line, hint=exc.hint)]
    ctx = _Context(path, shown, fm, settings, [])
    for key, line in fm.duplicates:
        ctx.problems.append(Problem(shown, f"Trường \"{key}\" được khai báo hai lần; giá trị trước sẽ bị mất.",
                                    line, key, "Giữ lại một dòng và xoá dòng trùng."))
    _schema_problems(ctx)
    ctx.problems += control_char_problems(fm, shown)
    if ctx.problems:
        return None, ctx.problems
    return _build(ctx), ctx.problems
