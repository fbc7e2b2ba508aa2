"""The report of one period: tables once, written as JSON, CSV and a printable Vietnamese page.

Every table is declared once (``Table``: its Vietnamese title, columns and rows, each row
naming its page by the site path); ``write_report`` writes it to ``bao-cao.json``, one CSV
per table (UTF-8 with BOM, so spreadsheet programs read the accents) and ``bao-cao.html``
(A4, the charts drawn by the infographics' own renderer). Only counts are written: no
address, no visitor hash.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from ..text import press
from .count import Tally, group_views
from .referrers import Group
from .sitemap import SiteMap

EPOCH = date(1970, 1, 1)
JSON_NAME, HTML_NAME, VIEWS_NAME = "bao-cao.json", "bao-cao.html", "luot-xem.json"
CHART_DIR = "bieu-do"
KIND_LABELS = {"trang": "Trang", "tin-rss": "Tin RSS/Atom/JSON Feed", "ninjs": "ninjs", "hop-tin": "Hộp tin",
               "infographic": "Ảnh infographic", "csv": "Số liệu CSV", "bo-tu-lieu": "Bộ tư liệu bài viết (ZIP)"}


def day_date(day: int) -> date:
    return EPOCH + timedelta(days=day)


def date_day(value: date) -> int:
    return (value - EPOCH).days


@dataclass
class Table:
    key: str  # file name of its CSV, key in the JSON
    title: str
    columns: list[tuple[str, str]]  # (JSON key, Vietnamese header)
    rows: list[dict[str, Any]]
    note: str = ""
    shown: int = 30  # rows in the HTML (the CSV and JSON hold all)


@dataclass
class Report:
    period: tuple[date, date]
    summary: dict[str, Any]
    tables: list[Table]
    made: datetime
    site_name: str = ""
    charts: list[Any] = field(default_factory=list)  # infographics.model.Infographic

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def as_json(self) -> dict[str, Any]:
        return {"period": {"from": self.period[0].isoformat(), "to": self.period[1].isoformat(),
                           "timezone": "UTC+07:00"},
                "made": self.made.isoformat(timespec="seconds"), "summary": self.summary,
                "tables": {t.key: t.rows for t in self.tables}}


def _pct(part: int, whole: int) -> str:
    return press.percent(100 * part / whole, 1) if whole else "–"


def build_report(tally: Tally, period: tuple[date, date], made: datetime, site_name: str = "") -> Report:
    site = tally.site
    views, uniques = tally.views, tally.uniques
    grouped = group_views(site, views)
    pages = sorted(views, key=lambda p: (-views[p], p))

    def page_row(path: str) -> dict[str, Any]:
        info = site.page(path)
        return {"path": path, "title": info.title, "section": info.section,
                "categories": "; ".join(info.categories),
                "channels": "; ".join(site.channels.get(k, k) for k in info.channels),
                "views": views[path], "visitors": uniques[path]}

    page_cols = [("path", "Đường dẫn"), ("title", "Tiêu đề"), ("section", "Mục"), ("views", "Lượt xem"),
                 ("visitors", "Khách trong ngày (cộng dồn)")]
    article_cols = [("path", "Đường dẫn"), ("title", "Tiêu đề"), ("categories", "Chuyên mục"),
                    ("channels", "Kênh"), ("views", "Lượt xem"), ("visitors", "Khách trong ngày (cộng dồn)")]
    articles = [page_row(p) for p in pages if site.page(p).article]

    def dimension(dim: str, names: dict[str, str] | None = None) -> list[dict[str, Any]]:
        keys = sorted({n for d, n in grouped if d == dim}, key=lambda n: (-grouped[(dim, n)], n))
        return [{"name": (names or {}).get(n, n), "views": grouped[(dim, n)],
                 "visitors": tally.group_uniques[(dim, n)]} for n in keys]

    dim_cols = [("name", "Tên"), ("views", "Lượt xem"), ("visitors", "Khách trong ngày (cộng dồn)")]
    days = sorted(set(tally.day_views) | set(tally.day_uniques))
    total_entries = sum(n for (g, _), n in tally.entries.items() if g != Group.DIRECT)
    entries = sorted(tally.entries.items(), key=lambda kv: (-kv[1], kv[0]))
    top_page: dict[tuple[str, str], str] = {}
    for (group, name, path), _ in sorted(tally.entry_pages.items(), key=lambda kv: (-kv[1], kv[0])):
        top_page.setdefault((group, name), path)
    res_rows = [page_row(p) for p in pages if site.page(p).resolution]
    plan_rows = [{"channel": site.channels.get(r.channel, r.channel), "item": r.title, "due": r.due.isoformat(),
                  "state": r.state, "path": r.article or "", "title": site.page(r.article).title if r.article else "",
                  "views": views[r.article] if r.article else 0,
                  "visitors": uniques[r.article] if r.article else 0} for r in site.plan]
    tables = [
        Table("bai-viet", "Bài viết", article_cols, articles),
        Table("trang", "Mọi trang", page_cols, [page_row(p) for p in pages]),
        Table("muc", "Theo mục", dim_cols, dimension("section")),
        Table("chuyen-muc", "Theo chuyên mục", dim_cols, dimension("category")),
        Table("kenh", "Theo kênh truyền thông của bài", dim_cols, dimension("channel", site.channels)),
        Table("nghi-quyet", f"Chuyên mục {site.resolution}" if site.resolution else "Chuyên mục nghị quyết",
              page_cols, res_rows,
              note="Các trang trong thư mục của nghị quyết và các bài mang nhãn của nghị quyết."),
        Table("theo-ngay", "Theo ngày", [("day", "Ngày"), ("views", "Lượt xem"), ("visitors", "Khách trong ngày")],
              [{"day": day_date(d).isoformat(), "views": tally.day_views[d], "visitors": tally.day_uniques[d]}
               for d in days], shown=62),
        Table("nguon-vao", "Lượt vào từ trang khác", [("group", "Nhóm"), ("name", "Nguồn"), ("entries", "Lượt vào"),
                                                      ("share", "Tỉ lệ"), ("top_path", "Trang được vào nhiều nhất")],
              [{"group": g, "name": n or "–", "entries": c,
                "share": _pct(c, total_entries) if g != Group.DIRECT else "",
                "top_path": top_page.get((g, n), "")} for (g, n), c in entries],
              note="Nguồn dẫn (Referer) của lượt xem trang, gộp theo tên miền của kênh, trang đối tác, "
                   "công cụ tìm kiếm; không tính lượt chuyển trang trong nội bộ trang. Tỉ lệ tính trên lượt vào "
                   "từ trang khác (không gồm truy cập trực tiếp)."),
        Table("hop-tin", "Hộp tin nhúng trên trang đối tác",
              [("box", "Hộp tin"), ("partner_page", "Trang đối tác"), ("loads", "Lượt tải")],
              [{"box": b, "partner_page": p, "loads": n}
               for (b, p), n in sorted(tally.boxes.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Table("tin-rss-ninjs", "Lấy tin tự động (RSS, Atom, JSON Feed, ninjs)",
              [("kind", "Loại"), ("path", "Đường dẫn"), ("fetches", "Lượt lấy"),
               ("readers", "Nơi đọc trong ngày (cộng dồn)")],
              [{"kind": KIND_LABELS.get(k, k), "path": p, "fetches": n, "readers": tally.readers[(k, p)]}
               for (k, p), n in sorted(tally.fetches.items(), key=lambda kv: (-kv[1], kv[0]))],
              note="Tính cả chương trình đọc tin tự động (đối tác lấy tin bằng máy)."),
        Table("tai-ve", "Tải về", [("kind", "Loại"), ("path", "Đường dẫn"), ("rendition", "Bản"),
                                   ("downloads", "Lượt tải")],
              [{"kind": KIND_LABELS.get(k, k), "path": p, "rendition": r, "downloads": n}
               for (k, p, r), n in sorted(tally.downloads.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Table("ke-hoach", "Kế hoạch tuyên truyền: kế hoạch, đã đăng, lượt xem",
              [("channel", "Kênh"), ("item", "Hạng mục"), ("due", "Hạn"), ("state", "Thực hiện"),
               ("path", "Bài đáp ứng"), ("views", "Lượt xem"), ("visitors", "Khách trong ngày (cộng dồn)")],
              plan_rows),
        Table("loi", "Yêu cầu lỗi (4xx, 5xx)", [("status", "Mã"), ("path", "Đường dẫn"), ("requests", "Lượt")],
              [{"status": s, "path": p, "requests": n}
               for (s, p), n in sorted(tally.error_paths.items(), key=lambda kv: (-kv[1], kv[0]))]),
        Table("bai-da-go", "Bài đã gỡ (410)", [("path", "Đường dẫn"), ("requests", "Lượt")],
              [{"path": p, "requests": n} for p, n in sorted(tally.withdrawn.items(), key=lambda kv: (-kv[1], kv[0]))]),
    ]
    summary = {
        "views": sum(views.values()), "visitors": sum(tally.day_uniques.values()),
        "articles_read": len(articles), "entries": total_entries,
        "entries_channels": sum(n for (g, _), n in tally.entries.items() if g == Group.CHANNEL),
        "entries_partners": sum(n for (g, _), n in tally.entries.items() if g == Group.PARTNER),
        "entries_search": sum(n for (g, _), n in tally.entries.items() if g == Group.SEARCH),
        "box_loads": sum(tally.boxes.values()), "feed_fetches": sum(tally.fetches.values()),
        "downloads": sum(tally.downloads.values()),
        "lines": tally.lines, "malformed": tally.malformed.count,
        "malformed_first": [{"file": f, "line": n} for f, n in sorted(tally.malformed.first)],
        "damaged_files": [{"file": f, "line": n} for f, n in tally.damaged],
        "outside_period": tally.outside, "bots": tally.bots, "bot_agents": len(tally.bot_agents),
        "prefetches": tally.prefetches, "not_get": tally.not_get, "redirects": tally.redirects,
        "errors": {str(s): n for s, n in sorted(tally.errors.items())},
        "errors_4xx": sum(n for s, n in tally.errors.items() if 400 <= s < 500),
        "errors_5xx": sum(n for s, n in tally.errors.items() if s >= 500),
        "withdrawn_410": sum(tally.withdrawn.values()), "late_lines": tally.late,
    }
    report = Report(period, summary, tables, made, site_name)
    report.charts = charts(report, site)
    return report


# -- charts -------------------------------------------------------------------------------
def charts(report: Report, site: SiteMap) -> list[Any]:
    """The report's figures as infographics of the project's own kinds."""
    from ..infographics.model import Figure, Infographic, Milestone, Quantity

    s = report.summary
    start, end = report.period
    as_of = datetime.combine(end + timedelta(days=1), datetime.min.time())
    source = f"Nhật ký máy chủ web, {press.short_date(start)} – {press.short_date(end)}"
    out = [Infographic("tong-quan", "numbers", "Kết quả tiếp cận", as_of, source, "", figures=(
        Figure("lượt xem trang", Quantity(s["views"])),
        Figure("khách trong ngày (cộng dồn)", Quantity(s["visitors"])),
        Figure("lượt vào từ kênh, đối tác, tìm kiếm",
               Quantity(s["entries_channels"] + s["entries_partners"] + s["entries_search"])),
        Figure("lượt tải infographic, bộ tư liệu, CSV", Quantity(s["downloads"])),
    ))]

    def bars(key: str, title: str, rows: list[dict[str, Any]], label: str, value: str) -> None:
        top = [r for r in rows if r[value]][:6]
        if top:
            out.append(Infographic(key, "bars", title, as_of, source, "", unit="lượt", figures=tuple(
                Figure(_short(str(r[label])), Quantity(r[value], unit="lượt")) for r in top)))

    bars("bai-xem-nhieu", "Bài viết được xem nhiều nhất", report.table("bai-viet").rows, "title", "views")
    bars("nguon-vao", "Lượt vào từ trang khác", [dict(r, label=f"{r['name']} ({r['group'].lower()})")
                                                 for r in report.table("nguon-vao").rows
                                                 if r["group"] != Group.DIRECT], "label", "entries")
    bars("theo-muc", "Lượt xem theo mục", report.table("muc").rows, "name", "views")
    days = sorted(report.table("theo-ngay").rows, key=lambda r: -r["views"])[:6]
    if len(days) >= 2:
        out.append(Infographic("ngay-cao-diem", "timeline", "Những ngày nhiều lượt xem nhất", as_of, source, "",
                               milestones=tuple(Milestone(date.fromisoformat(r["day"]), "day",
                                                          f"{press.number(r['views'])} lượt xem")
                                                for r in sorted(days, key=lambda r: r["day"]))))
    return out


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def draw_charts(report: Report, folder: Path, name: str, short: str, colours: Any = None) -> list[tuple[str, str]]:
    """Each chart drawn at the web size into ``bieu-do/``; (file, alt text) for the page."""
    from ..infographics.alt import alt_text
    from ..infographics.encode import encode, write
    from ..infographics.renditions import BY_NAME, render
    from ..infographics.style import HOUSE

    (folder / CHART_DIR).mkdir(parents=True, exist_ok=True)
    out = []
    for info in report.charts:
        image = render(info, BY_NAME["web"], name, short, colours or HOUSE)
        write(encode(image, webp=False), folder / CHART_DIR / f"{info.id}.png")
        out.append((f"{CHART_DIR}/{info.id}.png", alt_text(info)))
    return out


# -- files ----------------------------------------------------------------------------------
def csv_text(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([h for _, h in table.columns])
    for row in table.rows:
        writer.writerow([row.get(k, "") for k, _ in table.columns])
    return buf.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int):
        return press.number(value)
    return escape(str(value))


def html_page(report: Report, charts_: list[tuple[str, str]]) -> str:
    s = report.summary
    start, end = report.period
    period = f"từ ngày {press.short_date(start)} đến hết ngày {press.short_date(end)} (giờ Việt Nam)"
    facts = [
        ("Lượt xem trang", s["views"]), ("Khách trong ngày (cộng dồn)", s["visitors"]),
        ("Số bài viết có người đọc", s["articles_read"]), ("Lượt vào từ trang khác", s["entries"]),
        ("Lượt tải hộp tin trên trang đối tác", s["box_loads"]), ("Lượt lấy tin RSS, ninjs", s["feed_fetches"]),
        ("Lượt tải về", s["downloads"]),
    ]
    left_out = [
        ("Dòng nhật ký đã đọc", s["lines"]), ("Dòng sai định dạng (bỏ qua)", s["malformed"]),
        ("Dòng ngoài kỳ báo cáo", s["outside_period"]),
        ("Yêu cầu của máy tự động (bot, máy tìm kiếm, giám sát)", s["bots"]),
        ("Tải trước (prefetch)", s["prefetches"]), ("Yêu cầu không phải GET (HEAD, POST…)", s["not_get"]),
        ("Chuyển hướng (3xx)", s["redirects"]), ("Lỗi phía người dùng (4xx)", s["errors_4xx"]),
        ("Lỗi máy chủ (5xx)", s["errors_5xx"]), ("Bài đã gỡ (410)", s["withdrawn_410"]),
    ]
    if s["late_lines"]:
        left_out.append(("Dòng đến muộn (tính lượt xem, không tính khách)", s["late_lines"]))
    parts = [f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo truy cập {escape(period)}</title>
<style>{CSS}</style></head><body>
<header><p class="kicker">{escape(report.site_name)}</p>
<h1>Báo cáo truy cập trang chuyên đề</h1>
<p class="period">Kỳ báo cáo: {escape(period)}. Lập lúc {escape(press.datetime_line(report.made))}.</p>
<p class="method">Số liệu đếm từ nhật ký máy chủ web của trang, không dùng công cụ theo dõi nào. “Khách trong ngày” là
số người đọc khác nhau trong từng ngày (nhận biết bằng mã băm của địa chỉ và trình duyệt, khóa riêng từng ngày, hủy
ngay sau khi đếm; không lưu địa chỉ), cộng dồn qua các ngày.</p></header>
<section><h2>Tổng quan</h2><table class="facts"><tbody>"""]
    parts += [f"<tr><th scope=\"row\">{escape(k)}</th><td>{_cell(v)}</td></tr>" for k, v in facts]
    parts.append("</tbody></table>")
    for src, alt in charts_:
        parts.append(f'<figure><img src="{escape(src)}" alt="{escape(alt)}" width="1200" height="630"></figure>')
    parts.append("</section>")
    for table in report.tables:
        parts.append(_html_table(table))
    parts.append('<section><h2>Dòng nhật ký không tính</h2><table class="facts"><tbody>')
    parts += [f"<tr><th scope=\"row\">{escape(k)}</th><td>{_cell(v)}</td></tr>" for k, v in left_out]
    parts.append("</tbody></table>")
    if s["damaged_files"]:
        files = "; ".join(f"{escape(d['file'])} (từ dòng {d['line']})" for d in s["damaged_files"])
        parts.append(f"<p>Tệp nén hỏng hoặc bị cắt ngang, chỉ đọc được phần trước chỗ hỏng: {files}.</p>")
    if s["malformed_first"]:
        lines = "; ".join(f"{escape(m['file'])}, dòng {m['line']}" for m in s["malformed_first"])
        parts.append(f"<p>Các dòng sai định dạng đầu tiên: {lines}.</p>")
    parts.append("<p>Toàn bộ số liệu có trong các tệp CSV và bao-cao.json cùng thư mục.</p></section></body></html>\n")
    return "\n".join(parts)


def _html_table(table: Table) -> str:
    out = [f'<section><h2>{escape(table.title)}</h2>']
    if table.note:
        out.append(f'<p class="note">{escape(table.note)}</p>')
    if not table.rows:
        out.append("<p>Không có số liệu trong kỳ.</p></section>")
        return "\n".join(out)
    out.append("<table><thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for _, h in table.columns)
               + "</tr></thead><tbody>")
    for row in table.rows[:table.shown]:
        out.append("<tr>" + "".join(f'<td class="{_cell_class(k, row.get(k))}">{_cell(row.get(k, ""))}</td>'
                                    for k, _ in table.columns) + "</tr>")
    out.append("</tbody></table>")
    if len(table.rows) > table.shown:
        out.append(f'<p class="note">Hiện {press.number(table.shown)} trên {press.number(len(table.rows))} dòng; '
                   f"đủ cả trong tệp {escape(table.key)}.csv.</p>")
    out.append("</section>")
    return "\n".join(out)


def _cell_class(key: str, value: Any) -> str:
    if isinstance(value, int):
        return "num"
    return "path" if key in ("path", "top_path", "partner_page") else "txt"


CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "Be Vietnam Pro", "Noto Sans", Arial, sans-serif; color: #1c1c1e; background: #fff;
  max-width: 182mm; margin: 0 auto; padding: 12px; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 18pt; margin: 0 0 4px; color: #a3111a; }
h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 2px solid #a3111a; padding-bottom: 2px; }
.kicker { text-transform: uppercase; letter-spacing: .04em; color: #55514a; margin: 0; font-size: 9pt; }
.period { font-weight: 600; margin: 2px 0; }
.method, .note { color: #55514a; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #d8cfbe; padding: 3px 5px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
thead th { background: #f5efe3; }
td.path { font-size: 8pt; }
td.num, .facts td { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.facts { width: auto; min-width: 60%; }
.facts th { font-weight: 400; }
figure { margin: 10px 0; break-inside: avoid; }
figure img { width: 100%; height: auto; border: 1px solid #d8cfbe; }
section { break-inside: auto; }
tr, h2 { break-inside: avoid; break-after: avoid-page; }
"""


def write_report(report: Report, folder: Path, name: str, short: str, colours: Any = None) -> list[Path]:
    """Every file of the report into ``folder`` (which the caller has checked may be written)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    path = folder / JSON_NAME
    path.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(path)
    for table in report.tables:
        path = folder / f"{table.key}.csv"
        path.write_text(csv_text(table), encoding="utf-8-sig", newline="")
        written.append(path)
    charts_ = draw_charts(report, folder, name, short, colours)
    path = folder / HTML_NAME
    path.write_text(html_page(report, charts_), encoding="utf-8")
    written.append(path)
    return written


def views_file(report: Report) -> dict[str, Any]:
    """What the next build shows as "Lượt xem": views per article path in the period."""
    rows = report.table("bai-viet").rows
    return {"from": report.period[0].isoformat(), "to": report.period[1].isoformat(),
            "views": {r["path"]: r["views"] for r in rows}}


