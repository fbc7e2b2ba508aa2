"""The figures as a table: one definition feeds the CSV download and the HTML data table.

Each cell carries the raw value (for CSV: dot decimals, ISO dates, so any tool can
check the data) and the display text (Vietnamese style: ``21,5%``, ``27-1-2023``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import press
from .model import Figure, Infographic, chart_kind


@dataclass(frozen=True)
class Cell:
    raw: str
    shown: str


def _num(value: float | None, decimals: int) -> Cell:
    if value is None:
        return Cell("", "")
    raw = f"{value:.{decimals}f}" if decimals else str(int(round(value)))
    return Cell(raw, press.number(value, decimals))


def _figure_row(fig: Figure, kind_label: str | None = None) -> list[Cell]:
    q = fig.quantity
    row = [Cell(fig.label, fig.label)]
    if kind_label is not None:
        row.insert(0, Cell(kind_label, kind_label))
    return row + [_num(q.value, q.decimals), _num(q.high, q.decimals), Cell(q.unit, q.unit),
                  Cell(fig.note, fig.note)]


def table(info: Infographic) -> tuple[list[str], list[list[Cell]]]:
    """(headers, rows); the first column of every row is its row header."""
    shape = chart_kind(info.kind)
    if shape.figures == "fraction":
        headers = ["Nội dung", "Đã thực hiện", "Tổng số", "Tỷ lệ (%)"]
        rows = [[Cell(f.label, f.label), Cell(str(f.done), press.number(f.done)),
                 Cell(str(f.total), press.number(f.total)),
                 Cell(f"{f.ratio * 100:.1f}", f.percent_text())] for f in info.fractions]
    elif shape.figures == "milestone":
        headers = ["Thời gian", "Sự kiện", "Chi tiết"]
        rows = [[Cell(m.when.isoformat()[: 10 if m.precision == "day" else 7], m.date_text()),
                 Cell(m.label, m.label), Cell(m.detail, m.detail)] for m in info.milestones]
    elif shape.target:
        headers = ["Loại", "Chỉ tiêu", "Giá trị", "Cận trên", "Đơn vị", "Ghi chú"]
        assert info.target is not None
        rows = [_figure_row(info.target, "Mục tiêu")] + [_figure_row(f, "Thực hiện") for f in info.figures]
    else:
        headers = ["Chỉ tiêu", "Giá trị", "Cận trên", "Đơn vị", "Ghi chú"]
        rows = [_figure_row(f) for f in info.figures]
    return headers, rows
