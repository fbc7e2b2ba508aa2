"""The communication plan: what each channel should publish by when, and what it did.

Editors list planned items per channel in ``docs/_data/ke-hoach-tuyen-truyen.yml``.
An item is met by a public article on that channel, dated on or after the plan's
start, that carries the item's tag or category, or has the item's slug (an item
with none of these is met by any such article). Each article meets at most one
item, earliest due first, so one story cannot tick off a whole column's plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path

from ..content.site_config import Channel
from ..content.datafile import DataFile, read_data_file, validator
from ..content.model import Article
from ..content.problems import Problem
from .related import tag_key as _fold

DUE_HINT = 'Viết ngày theo dạng "2023-04-15" (năm-tháng-ngày).'


class ItemState(str, Enum):
    ON_TIME = "dung-han"
    LATE_DONE = "dang-muon"
    LATE = "tre-han"
    PENDING = "chua-den-han"


STATE_LABELS = {
    ItemState.ON_TIME: "Đã đăng đúng hạn",
    ItemState.LATE_DONE: "Đã đăng, muộn hạn",
    ItemState.LATE: "Trễ hạn, chưa đăng",
    ItemState.PENDING: "Chưa đến hạn",
}


@dataclass(frozen=True)
class PlanItem:
    channel: str
    title: str
    due: date
    tag: str | None = None
    category: str | None = None
    article: str | None = None  # explicit slug

    def matches(self, art: Article) -> bool:
        if self.channel not in art.channels:
            return False
        if self.article:
            return art.slug == self.article
        if self.tag:
            return _fold(self.tag) in {_fold(t) for t in art.tags}
        if self.category:
            return _fold(self.category) in {_fold(c) for c in art.categories}
        return True


@dataclass(frozen=True)
class Plan:
    start: date
    items: tuple[PlanItem, ...]
    source: str | None
    file: str


@dataclass(frozen=True)
class ItemStatus:
    item: PlanItem
    state: ItemState
    article: Article | None


def _parse_date(doc: DataFile, path: tuple[str | int, ...], raw: object, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        problems.append(doc.problem(path, f"Không đọc được ngày \"{raw}\".", DUE_HINT))
        return None


def load_plan(path: Path, shown: str, channels: Sequence[Channel] | None = None) -> tuple[Plan | None, list[Problem]]:
    """The plan in ``path`` (absent file: no plan, no problem); items' channels must be among
    ``channels`` (the site's) when given."""
    if not path.is_file():
        return None, []
    doc, problems = read_data_file(path, shown, validator(__package__, "plan.schema.json"))
    if doc is None:
        return None, problems
    start = _parse_date(doc, ("start",), doc.data["start"], problems)
    items = []
    for i, raw in enumerate(doc.data["items"]):
        due = _parse_date(doc, ("items", i, "due"), raw["due"], problems)
        if channels is not None and raw["channel"] not in {c.key for c in channels}:
            choices = "; ".join(f"{c.key} ({c.name})" for c in channels)
            message = (f"Kênh \"{raw['channel']}\" không hợp lệ: không có trong danh sách kênh của trang "
                       "(channels trong mkdocs.yml).")
            problems.append(doc.problem(("items", i, "channel"), message, f"Chọn một trong: {choices}."))
        if due and start and due < start:
            problems.append(doc.problem(("items", i, "due"), f"Hạn {due.isoformat()} trước ngày bắt đầu kế hoạch.",
                                        "Sửa hạn hoặc ngày bắt đầu (start)."))
        if sum(k in raw for k in ("tag", "category", "article")) > 1:
            problems.append(doc.problem(("items", i), "Chỉ dùng một trong ba trường tag, category, article.",
                                        "Giữ lại một trường để xác định bài đáp ứng hạng mục."))
        if due:
            items.append(PlanItem(raw["channel"], raw["title"].strip(), due, raw.get("tag"), raw.get("category"),
                                  raw.get("article")))
    if problems or start is None:
        return None, problems
    return Plan(start, tuple(items), doc.data.get("source"), shown), []


def plan_status(plan: Plan, public: list[Article], now: datetime,
                channels: Sequence[Channel] = ()) -> list[ItemStatus]:
    """Each item's state on ``now``; ``public`` must hold only articles the public can see.
    Items due the same day come in the order of ``channels`` (the site's)."""
    order = {c.key: i for i, c in enumerate(channels)}
    pool = sorted((a for a in public if a.date.date() >= plan.start), key=lambda a: a.date)
    used: set[int] = set()
    out = []
    for item in sorted(plan.items, key=lambda it: (it.due, order.get(it.channel, len(order)))):
        art = next((a for a in pool if id(a) not in used and item.matches(a)), None)
        if art is not None:
            used.add(id(art))
            state = ItemState.ON_TIME if art.date.date() <= item.due else ItemState.LATE_DONE
        else:
            state = ItemState.LATE if now.date() > item.due else ItemState.PENDING
        out.append(ItemStatus(item, state, art))
    return out
