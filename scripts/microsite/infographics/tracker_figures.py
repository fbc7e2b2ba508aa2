"""One figure, one source: a progress infographic draws its numbers from the tracker.

A figure of a ``progress`` infographic may name a tracker indicator (``indicator:
dang-uy-truc-thuoc``) instead of typing ``done`` and ``total``: its numbers, and the
infographic's "Số liệu tính đến", are then the latest progress snapshot's
(``docs/_data/tien-do/``), the same the tracker on the progress page shows. An update of the
snapshot updates both; nothing is typed twice. Typing the numbers beside the indicator, or a
"Số liệu tính đến" other than the snapshot's, is refused: two sources would disagree.
"""

from __future__ import annotations

import copy
from typing import Any

from ..campaign.tracker import Snapshot
from ..content.problems import Problem
from ..text.press import datetime_line

INDICATOR = "indicator"
AS_OF_FORMAT = "%Y-%m-%d %H:%M"


def uses_tracker(data: Any) -> bool:
    """Whether any figure of ``data`` (a parsed infographic file) names a tracker indicator."""
    figures = data.get("figures") if isinstance(data, dict) else None
    return isinstance(figures, list) and any(isinstance(f, dict) and INDICATOR in f for f in figures)


def from_tracker(data: dict[str, Any], snapshot: Snapshot | None, shown: str,
                 line_of: Any) -> tuple[dict[str, Any], list[Problem]]:
    """``data`` with each indicator figure's ``done``, ``total`` (and ``label`` when not typed)
    and the file's ``as_of`` taken from ``snapshot``; the problems when that cannot be done."""
    if not uses_tracker(data):
        return data, []

    def problem(path: tuple[str | int, ...], field: str, message: str, hint: str) -> Problem:
        return Problem(shown, message, line_of(path) or 1, field, hint)

    if data.get("kind") != "progress":
        return data, [problem(("kind",), "kind", "Chỉ infographic loại Tiến độ lấy được số từ bản cập nhật tiến độ.",
                              "Chọn loại Tiến độ (progress), hoặc xoá dòng indicator và ghi số liệu.")]
    if snapshot is None:
        return data, [problem(("figures",), "figures", "Chưa có bản cập nhật tiến độ nào để lấy số liệu.",
                              "Tạo bản cập nhật trong docs/_data/tien-do/, hoặc ghi Đã làm và Tổng số.")]
    resolved = copy.deepcopy(data)
    problems = []
    for i, figure in enumerate(resolved["figures"]):
        if not isinstance(figure, dict) or INDICATOR not in figure:
            continue
        at, field = ("figures", i), f"figures[{i + 1}]"
        key = figure[INDICATOR]
        indicator = snapshot.indicator(str(key))
        typed = [name for name in ("done", "total") if name in figure]
        if typed:
            problems.append(problem((*at, typed[0]), f"{field}.{typed[0]}",
                                    f"Dòng này đã lấy số từ chỉ tiêu \"{key}\" của bản cập nhật tiến độ; "
                                    "ghi thêm số ở đây sẽ thành hai nguồn khác nhau.",
                                    "Xoá Đã làm và Tổng số của dòng này, hoặc xoá dòng indicator."))
        elif indicator is None:
            keys = ", ".join(ind.key for ind in snapshot.indicators)
            problems.append(problem((*at, INDICATOR), f"{field}.{INDICATOR}",
                                    f"Bản cập nhật tiến độ {snapshot.file} không có chỉ tiêu \"{key}\".",
                                    f"Dùng một trong các mã: {keys}."))
        elif indicator.done is None:
            problems.append(problem((*at, INDICATOR), f"{field}.{INDICATOR}",
                                    f"Chỉ tiêu \"{key}\" chỉ có tổng số, không có số đã làm để vẽ tiến độ.",
                                    "Chọn một chỉ tiêu có Đã làm, hoặc ghi số liệu cho dòng này."))
        else:
            figure.update(done=indicator.done, total=indicator.total)
            figure.setdefault("label", indicator.label)
        figure.pop(INDICATOR, None)
    as_of = snapshot.as_of.strftime(AS_OF_FORMAT)
    typed_as_of = resolved.get("as_of")
    if typed_as_of is not None and str(typed_as_of).strip() not in (as_of, as_of[:10]):
        problems.append(problem(("as_of",), "as_of",
                                f"Số liệu lấy từ bản cập nhật tiến độ tính đến {datetime_line(snapshot.as_of)}, "
                                f"khác thời điểm ghi ở đây (\"{typed_as_of}\").",
                                "Xoá dòng as_of: thời điểm được lấy từ bản cập nhật tiến độ."))
    resolved["as_of"] = as_of
    return resolved, problems
