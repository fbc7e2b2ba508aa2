"""Markdown (with small inline HTML) for the campaign blocks, from checked data.

Output is Markdown so the site engine resolves links to articles' source files
(``../tin-tuc/posts/bai.md``) to their real URLs, builds heading ids, and wraps
tables for small screens; nothing here knows the engine.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from datetime import datetime

from ..content.site_config import Channel
from ..content.model import Article
from ..text.press import as_of, long_date, number, percent, short_date
from .documents import Document
from .plan import STATE_LABELS, ItemState, ItemStatus, Plan
from .tracker import Indicator, Snapshot

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Escape editor text for inline Markdown (table cells included)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def link_to(article: Article, page_src_uri: str) -> str:
    """Relative link from the page's source file to the article's source file."""
    return posixpath.relpath(article.rel_path, posixpath.dirname(page_src_uri) or ".")


def _bar(ratio: float) -> str:
    width = f"{ratio * 100:.1f}".rstrip("0").rstrip(".")
    return f'<span class="ms-bar" aria-hidden="true"><span style="width:{width}%"></span></span>'


def _figure(ind: Indicator) -> str:
    if ind.done is None:
        return f"{number(ind.total)}" + (f" {md(ind.done_label)}" if ind.done_label else "")
    return f"{number(ind.done)}/{number(ind.total)}"


def _share(ind: Indicator) -> str:
    ratio = ind.ratio
    if ratio is None:
        return "—"
    return f"{_bar(ratio)} {percent(ratio * 100)}"


def _details(ind: Indicator) -> str:
    parts = []
    for task in ind.tasks:
        if task.name:
            text = f"{md(task.name)}: {task.status_label.lower()}"
        else:
            text = f"{task.status_label}: {number(task.count)}"
        if task.owner:
            text += f" (chủ trì: {md(task.owner)})"
        parts.append(text)
    if ind.note:
        parts.append(md(ind.note))
    return "; ".join(parts) or "—"


def tracker_markdown(snapshots: list[Snapshot]) -> str:
    """The latest snapshot in full, then the trend when there are several."""
    if not snapshots:
        return "*Chưa có số liệu tiến độ.*"
    latest = snapshots[-1]
    lines = [
        f'<p class="ms-asof">Số liệu tính đến <strong>{as_of(latest.as_of)}</strong>. '
        f"{html.escape(latest.source)}</p>",
        "",
        "| Chỉ tiêu | Kết quả | Tỷ lệ | Chi tiết |",
        "| --- | --- | --- | --- |",
    ]
    for ind in latest.indicators:
        lines.append(f"| {md(ind.label)} | **{_figure(ind)}** | {_share(ind)} | {_details(ind)} |")
    if len(snapshots) > 1:
        lines += ["", "## Diễn biến qua các lần cập nhật", "", trend_markdown(snapshots)]
    return "\n".join(lines)


def trend_markdown(snapshots: list[Snapshot]) -> str:
    """One row per indicator, one column per snapshot (oldest first)."""
    keys: dict[str, str] = {}
    for snap in snapshots:
        for item in snap.indicators:
            keys[item.key] = item.label
    head = "| Chỉ tiêu | " + " | ".join(as_of(s.as_of) for s in snapshots) + " |"
    rows = [head, "| --- |" + " --- |" * len(snapshots)]
    for key, label in keys.items():
        cells = []
        for snap in snapshots:
            ind = snap.indicator(key)
            if ind is None:
                cells.append("—")
            elif ind.ratio is None:
                cells.append(_figure(ind))
            else:
                cells.append(f"{_figure(ind)} {_bar(ind.ratio)}")
        rows.append(f"| {md(label)} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _short(channels: dict[str, Channel], key: str) -> str:
    return channels[key].short if key in channels else key


def plan_markdown(plan: Plan | None, statuses: list[ItemStatus], now: datetime, page_src_uri: str,
                  channels: Sequence[Channel] = ()) -> str:
    """Summary counts, the late items first, then every item per channel (the site's)."""
    by_key = {c.key: c for c in channels}
    if plan is None:
        return "*Chưa có kế hoạch tuyên truyền.*"
    counts = {state: sum(1 for s in statuses if s.state is state) for state in ItemState}
    lines = [
        f'<p class="ms-asof">Tình trạng tính đến <strong>{long_date(now)}</strong>; '
        f"kế hoạch tính từ ngày {short_date(plan.start)}.</p>",
        "",
        '<ul class="ms-plan-summary">'
        + "".join(f'<li class="ms-state ms-state--{state.value}">{STATE_LABELS[state]}: '
                  f"<strong>{counts[state]}</strong></li>" for state in ItemState)
        + "</ul>",
    ]
    late = [s for s in statuses if s.state is ItemState.LATE]
    if late:
        lines += ["", "## Việc trễ hạn", ""]
        lines += [f"- **{_short(by_key, s.item.channel)}**: {md(s.item.title)} (hạn {short_date(s.item.due)})"
                  for s in late]
    for key, channel in by_key.items():
        rows = [s for s in statuses if s.item.channel == key]
        if not rows:
            continue
        lines += ["", f"## {channel.name}", "", "| Hạng mục | Hạn | Tình trạng | Bài đã đăng |",
                  "| --- | --- | --- | --- |"]
        for s in rows:
            state = f'<span class="ms-state ms-state--{s.state.value}">{STATE_LABELS[s.state]}</span>'
            art = (f"[{md(s.article.title)}]({link_to(s.article, page_src_uri)}) ({short_date(s.article.date)})"
                   if s.article else "—")
            lines.append(f"| {md(s.item.title)} | {short_date(s.item.due)} | {state} | {art} |")
    return "\n".join(lines)


def documents_markdown(documents: list[Document]) -> str:
    if not documents:
        return "*Chưa có văn bản.*"
    blocks = []
    for doc in documents:
        label = doc.url_label or doc.url
        lines = [
            f"## {md(doc.kind)} số {md(doc.number)}",
            "",
            f"- **Ngày ban hành:** {short_date(doc.date)}",
            f"- **Cơ quan ban hành:** {md(doc.issuer)}",
        ]
        if doc.title:
            lines.append(f"- **Trích yếu:** {md(doc.title)}")
        lines += [f"- **Tóm tắt:** {md(doc.summary)}", f"- **Liên kết:** [{md(label)}]({doc.url})"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def related_markdown(articles: list[Article], page_src_uri: str, feed_name: str,
                     thumbnail: Callable[[Article], str] | None = None) -> str:
    """The list of a resolution's news; ``thumbnail``: each article's picture as inline HTML
    (the build's photos, relative to the page), put before its title."""
    lines = []
    for art in articles:
        channels = ", ".join(c.short for c in art.channel_objects)
        picture = thumbnail(art) if thumbnail else ""
        lines.append(f"- {picture}[{md(art.title)}]({link_to(art, page_src_uri)})  \n"
                     f'  <span class="ms-related-meta"><time datetime="{art.date.isoformat()}">'
                     f"{long_date(art.date)}</time> · {html.escape(channels)}</span>  \n"
                     f"  {md(art.summary)}")
    body = "\n".join(lines) if lines else "*Chưa có tin bài liên quan.*"
    if lines and thumbnail:  # the list's grid (theme CSS), Markdown inside (md_in_html)
        body = f'<div class="ms-related-list" markdown>\n\n{body}\n\n</div>'
    return body + f'\n\n<p class="ms-feed-link">Theo dõi mục này qua <a href="{feed_name}">JSON Feed</a>.</p>'
