"""Read ``docs/_data/infographics/<id>.yml`` into ``Infographic`` objects or Problems.

Editors get every problem at once, each with file, line, field and a fix: YAML
syntax, schema (types, missing fields), then values that cannot be true (done >
total, negative counts, percentages over 100, dates in the future) and characters
the font cannot draw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..campaign.tracker import Snapshot
from ..content.articles import read_text
from ..content.dates import DATE_HINT, parse_datetime
from ..content.frontmatter import FrontMatter, _compose_and_construct, _walk
from ..content.limits import LimitBreach
from ..content.problems import Problem
from ..content.schema_errors import field_name, unknown_keys
from ..text.normalize import nfc_deep
from . import typography
from .model import Figure, Fraction, Infographic, Milestone, Quantity, chart_kind
from .schema import explain_error, schema_errors
from .tracker_figures import from_tracker, uses_tracker

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATA_SUFFIXES = (".yml", ".yaml")


@dataclass
class _Ctx:
    shown: str
    fm: FrontMatter
    problems: list[Problem]

    def error(self, path: tuple[str | int, ...], field: str | None, message: str, hint: str) -> None:
        self.problems.append(Problem(self.shown, message, self.fm.line_of(path) or 1, field, hint))


def parse_yaml(text: str) -> FrontMatter:
    """YAML with the line of every key (same machinery as article front matter)."""
    node, data = _compose_and_construct(text)
    fm = FrontMatter(data=nfc_deep(data) if data is not None else {})
    if node is not None:
        _walk(node, (), 0, fm)
    return fm


def _decimals(value: float | int, explicit: int | None) -> int:
    """Digits after the comma as the editor typed them (21.5 -> 1, 3.48 -> 2)."""
    if explicit is not None:
        return explicit
    if isinstance(value, int) or float(value).is_integer():
        return 0
    return len(repr(float(value)).split(".")[1])


def _quantity(item: dict[str, Any], unit: str) -> Quantity:
    high = item.get("max")
    decimals = max(_decimals(item["value"], item.get("decimals")),
                   _decimals(high, item.get("decimals")) if high is not None else 0)
    return Quantity(float(item["value"]), None if high is None else float(high), decimals,
                    item.get("unit", unit))


def _figure(item: dict[str, Any], unit: str) -> Figure:
    return Figure(item["label"], _quantity(item, unit), item.get("note", ""))


def _check_quantity(ctx: _Ctx, path: tuple[str | int, ...], field: str, item: dict[str, Any], unit: str) -> None:
    value, high = item["value"], item.get("max")
    if value < 0:
        ctx.error(path + ("value",), f"{field}.value", f"Giá trị âm ({value}) không hợp lệ cho số liệu này.",
                  "Kiểm tra lại con số với văn bản nguồn.")
    if high is not None and high < value:
        ctx.error(path + ("max",), f"{field}.max", f"Cận trên ({high}) nhỏ hơn giá trị đầu ({value}).",
                  "Với khoảng như 9–10%, viết value: 9 và max: 10.")
    if item.get("unit", unit).strip().startswith("%") and max(value, high or value) > 100:
        ctx.error(path + ("value",), f"{field}.value", f"Tỷ lệ phần trăm {max(value, high or value)} lớn hơn 100.",
                  "Tỷ lệ phần trăm phải từ 0 đến 100.")


def _check_fraction(ctx: _Ctx, i: int, item: dict[str, Any]) -> None:
    field, path = f"figures[{i + 1}]", ("figures", i)
    if item["done"] < 0 or item["total"] < 0:
        ctx.error(path, field, "Số lượng không được âm.", "Sửa done và total thành số từ 0 trở lên.")
    elif item["total"] == 0:
        ctx.error(path + ("total",), f"{field}.total", "Tổng số (total) phải lớn hơn 0.",
                  "Ghi tổng số đơn vị hoặc nhiệm vụ, ví dụ total: 16.")
    elif item["done"] > item["total"]:
        ctx.error(path + ("done",), f"{field}.done",
                  f"Số đã thực hiện ({item['done']}) lớn hơn tổng số ({item['total']}).",
                  "Kiểm tra lại: done là số đã thực hiện, total là tổng số, ví dụ 14/16 là done: 14, total: 16.")


def _milestone(ctx: _Ctx, i: int, item: dict[str, Any], now: datetime) -> Milestone | None:
    text = item["date"]
    try:
        when = date.fromisoformat(text) if len(text) == 10 else date.fromisoformat(text + "-01")
    except ValueError:
        ctx.error(("figures", i, "date"), f"figures[{i + 1}].date", f"Ngày \"{text}\" không có thật.",
                  'Viết năm-tháng-ngày, ví dụ "2023-01-27".')
        return None
    if when > now.date():
        ctx.error(("figures", i, "date"), f"figures[{i + 1}].date", f"Mốc {text} nằm trong tương lai.",
                  "Chỉ đưa lên mốc đã diễn ra; kiểm tra lại năm.")
    return Milestone(when, "day" if len(text) == 10 else "month", item["label"], item.get("detail", ""))


def _as_of(text: str) -> datetime | None:
    """Date and hour as in ``parse_datetime``; a bare date ("2024-03-13") means that day."""
    text = text.strip()
    return parse_datetime(text + " 00:00" if len(text) == 10 else text)


def _build(ctx: _Ctx, ident: str, data: dict[str, Any], now: datetime) -> Infographic | None:
    as_of = _as_of(str(data["as_of"]))
    if as_of is None:
        ctx.error(("as_of",), "as_of", f"Không đọc được ngày giờ \"{data['as_of']}\".", DATE_HINT)
    elif as_of > now:
        ctx.error(("as_of",), "as_of", f"Thời điểm số liệu \"{data['as_of']}\" nằm trong tương lai.",
                  "Ghi thời điểm số liệu đã được tổng hợp; kiểm tra lại năm, tháng.")
    kind, unit, items = data["kind"], data.get("unit", ""), data["figures"]
    shape = chart_kind(kind)
    fractions: list[Fraction] = []
    figures: list[Figure] = []
    milestones: list[Milestone] = []
    for i, item in enumerate(items):
        if shape.figures == "fraction":
            _check_fraction(ctx, i, item)
            fractions.append(Fraction(item["label"], item["done"], item["total"]))
        elif shape.figures == "milestone":
            m = _milestone(ctx, i, item, now)
            if m:
                milestones.append(m)
        elif shape.figures == "quantity":
            _check_quantity(ctx, ("figures", i), f"figures[{i + 1}]", item, unit)
            figures.append(_figure(item, unit))
    target = None
    if shape.target:
        _check_quantity(ctx, ("target",), "target", data["target"], unit)
        target = _figure(data["target"], unit)
    if as_of is None:
        return None
    return Infographic(
        id=ident, kind=kind, title=data["title"], as_of=as_of, source=data["source"], file=ctx.shown,
        subtitle=data.get("subtitle", ""), unit=unit, style=data.get("style", ""),
        notes=tuple(data.get("notes", [])), fractions=tuple(fractions), figures=tuple(figures),
        target=target, milestones=tuple(sorted(milestones, key=lambda m: m.when)), raw=data,
    )


def _check_glyphs(ctx: _Ctx, data: Any, path: tuple[str | int, ...] = ()) -> None:
    """Every string the editor wrote must be drawable: report the field that is not."""
    if isinstance(data, dict):
        for key, value in data.items():
            _check_glyphs(ctx, value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _check_glyphs(ctx, value, path + (i,))
    elif isinstance(data, str):
        missing = typography.missing_glyphs(data)
        if missing:
            chars = ", ".join(f"\"{c}\" (U+{ord(c):04X})" for c in missing)
            field = field_name(path)
            ctx.error(path, field, f"Phông chữ Be Vietnam Pro không vẽ được ký tự {chars}.",
                      "Bỏ ký tự đó (biểu tượng cảm xúc, chữ Hán...) hoặc thay bằng chữ thường.")


def load_infographic(path: Path, shown: str, now: datetime, snapshot: Snapshot | None = None,
                     tracker_ok: bool = True) -> tuple[Infographic | None, list[Problem]]:
    """One data file -> (Infographic or None, problems). Never raises on bad content.
    ``snapshot``: the latest progress snapshot, for figures that name a tracker indicator
    (tracker_figures.py); with ``tracker_ok`` false the snapshots have errors of their own
    (reported with them) and such an infographic is not made."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    ident = path.stem
    if not ID_RE.match(ident):
        problems.append(Problem(shown, f"Tên tệp \"{path.name}\" không dùng được làm mã infographic.", 1, None,
                                "Đặt tên tệp bằng chữ thường không dấu, số và dấu gạch ngang, ví dụ tien-do-106.yml."))
        return None, problems
    try:
        fm = parse_yaml(text)
    except LimitBreach as exc:
        return None, [*problems, exc.problem(shown)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(shown, f"Tệp không phải YAML hợp lệ ({getattr(exc, 'problem', exc)}).",
                                mark.line + 1 if mark else None, None,
                                "Kiểm tra dấu hai chấm, thụt lề bằng dấu cách (không dùng Tab), "
                                "đặt chữ có dấu \":\" hoặc \"#\" trong ngoặc kép."))
        return None, problems
    ctx = _Ctx(shown, fm, problems)
    if not isinstance(fm.data, dict):
        ctx.error((), None, "Tệp số liệu phải là danh sách các trường dạng \"tên: giá trị\".",
                  'Viết mỗi trường trên một dòng, ví dụ: title: "Tiêu đề".')
        return None, problems
    for dup, line in fm.duplicates:
        problems.append(Problem(shown, f"Trường \"{dup}\" bị khai báo hai lần.", line, dup,
                                "Xoá một trong hai dòng; nếu không, một giá trị sẽ bị bỏ qua."))
    if uses_tracker(fm.data) and not tracker_ok:
        return None, problems
    fm.data, found = from_tracker(fm.data, snapshot, shown, fm.line_of)
    if found:
        return None, problems + found
    errors = schema_errors(fm.data)
    for err in errors:
        field, message, hint = explain_error(err)
        where: tuple[str | int, ...] = tuple(err.absolute_path)
        if err.validator == "additionalProperties":  # point at the unknown key itself
            where += tuple(unknown_keys(err))[:1]
        problems.append(Problem(shown, message, fm.line_of(where) or 1, field or None, hint))
    _check_glyphs(ctx, fm.data)
    if errors:
        return None, problems
    info = _build(ctx, ident, fm.data, now)
    return (info if not problems else None), problems


def data_dir(docs_dir: Path) -> Path:
    return docs_dir / "_data" / "infographics"


def data_files(docs_dir: Path) -> list[Path]:
    folder = data_dir(docs_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in DATA_SUFFIXES)
