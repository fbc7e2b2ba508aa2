"""The figures of one infographic, as plain immutable data (loaded from YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from ..text import press

Kind = Literal["progress", "numbers", "bars", "target", "timeline"]
FigureShape = Literal["fraction", "quantity", "milestone"]


@dataclass(frozen=True)
class ChartKind:
    """One kind of chart an infographic file asks for (``kind:``). The closed list is
    ``CHART_KINDS``: the schema, the workspace's choices, the drawers (``charts.DRAWERS``), the
    loader, the alt text and the table read it (``tests/test_closed_lists.py``)."""

    name: str
    label: str  # Vietnamese: the workspace's choice list
    figures: FigureShape  # what each item of ``figures:`` is
    target: bool = False  # a ``target:`` figure besides (required)


CHART_KINDS: tuple[ChartKind, ...] = (
    ChartKind("progress", "Tiến độ (phân số)", "fraction"),
    ChartKind("numbers", "Con số nổi bật", "quantity"),
    ChartKind("bars", "So sánh dạng thanh", "quantity"),
    ChartKind("target", "Mục tiêu và thực hiện", "quantity", target=True),
    ChartKind("timeline", "Mốc thời gian", "milestone"),
)
KINDS: tuple[str, ...] = tuple(kind.name for kind in CHART_KINDS)
KIND_LABELS = {kind.name: kind.label for kind in CHART_KINDS}


def chart_kind(name: str) -> ChartKind:
    """The registered kind ``name``; an unknown one is an error, never another kind's branch
    (the schema refuses it before any of this runs)."""
    for kind in CHART_KINDS:
        if kind.name == name:
            return kind
    raise ValueError(f"unknown chart kind {name!r}; the kinds are {', '.join(KINDS)}")


@dataclass(frozen=True)
class Quantity:
    """A number or a range (``9–10``) with its unit, formatted in Vietnamese style."""

    value: float
    high: float | None = None
    decimals: int = 0
    unit: str = ""

    def number_text(self) -> str:
        low = press.number(self.value, self.decimals)
        if self.high is None:
            return low
        return f"{low}–{press.number(self.high, self.decimals)}"

    def text(self) -> str:
        """``9–10%/năm``, ``5.000–5.500 USD``, ``6,6 lần``: percent signs stick to the number."""
        unit = self.unit.strip()
        if not unit:
            return self.number_text()
        glue = "" if unit.startswith("%") else " "
        return f"{self.number_text()}{glue}{unit}"

    @property
    def top(self) -> float:
        return self.high if self.high is not None else self.value


@dataclass(frozen=True)
class Fraction:
    """``done`` of ``total`` (14/16), written with the total's digit count (``03/11``)."""

    label: str
    done: int
    total: int

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0

    def text(self) -> str:
        width = len(str(self.total))
        return f"{self.done:0{width}d}/{self.total}"

    def percent_text(self) -> str:
        return press.percent(self.ratio * 100, 1)


@dataclass(frozen=True)
class Figure:
    """One labelled quantity: a big-number card, a bar, or an actual value."""

    label: str
    quantity: Quantity
    note: str = ""


@dataclass(frozen=True)
class Milestone:
    """A dated step; ``precision`` is "day" or "month" (``tháng 4-2023``)."""

    when: date
    precision: Literal["day", "month"]
    label: str
    detail: str = ""

    def date_text(self) -> str:
        if self.precision == "month":
            return f"Tháng {self.when.month}-{self.when.year}"
        return press.short_date(self.when)


@dataclass(frozen=True)
class Infographic:
    """Everything needed to draw, describe and publish one infographic."""

    id: str
    kind: Kind
    title: str
    as_of: datetime
    source: str
    file: str  # path as the editor knows it
    subtitle: str = ""
    unit: str = ""
    style: str = ""
    notes: tuple[str, ...] = ()
    fractions: tuple[Fraction, ...] = ()
    figures: tuple[Figure, ...] = ()
    target: Figure | None = None
    milestones: tuple[Milestone, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def as_of_text(self) -> str:
        """``Số liệu tính đến 17 giờ ngày 27-3-2023`` (hour omitted when it is midnight)."""
        if self.as_of.hour == 0 and self.as_of.minute == 0:
            return f"Số liệu tính đến ngày {press.short_date(self.as_of)}"
        return f"Số liệu tính đến {press.as_of(self.as_of)}"

    def texts(self) -> list[str]:
        """Every string that may be drawn, for the glyph check."""
        out = [self.title, self.subtitle, self.unit, self.source, *self.notes]
        out += [f.label for f in self.fractions]
        for fig in self.figures + ((self.target,) if self.target else ()):
            out += [fig.label, fig.note, fig.quantity.text()]
        for m in self.milestones:
            out += [m.label, m.detail, m.date_text()]
        return [t for t in out if t]
