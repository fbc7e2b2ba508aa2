"""JSON Schema of infographic data files, with Vietnamese explanations of its errors."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from ..content.schema_errors import explain

EXAMPLES = {
    "title": 'title: "Tiến độ triển khai kế hoạch tuyên truyền"',
    "kind": "kind: progress   # progress, numbers, bars, target hoặc timeline",
    "as_of": 'as_of: "2023-03-27 17:00"',
    "source": 'source: "Nguồn: Văn phòng Tỉnh ủy"',
    "figures": "figures:\n      - label: Đảng ủy trực thuộc đã ban hành kế hoạch\n        done: 14\n        total: 16",
    "target": "target:\n      label: Mục tiêu Đại hội XXII\n      value: 9\n      max: 10",
    "label": 'label: "Tên chỉ tiêu"',
    "done": "done: 14",
    "total": "total: 16",
    "value": "value: 21.5   # số thập phân viết bằng dấu chấm",
    "date": 'date: "2023-01-27"   # hoặc "2023-04" nếu chỉ biết tháng',
}


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    text = resources.files(__package__).joinpath("infographic.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def _leaf(path: list[str | int]) -> str:
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else ""


def explain_error(err: ValidationError) -> tuple[str, str, str]:
    """(field, message, hint) for one schema error, with data-file examples."""
    field, message, hint = explain(err)
    validator_name = str(err.validator)
    if validator_name == "required":
        missing = err.message.split("'")[1]
        hint = f"Thêm dòng:\n      {EXAMPLES.get(missing, missing + ': ...')}"
    elif validator_name == "type" and _leaf(list(err.absolute_path)) in EXAMPLES:
        hint = f"Ví dụ:\n      {EXAMPLES[_leaf(list(err.absolute_path))]}"
        if isinstance(err.instance, str) and "," in err.instance:
            hint += "\n      Số thập phân viết bằng dấu chấm trong tệp (21.5), trang web sẽ hiện 21,5."
    elif validator_name == "pattern":
        hint = f"Ví dụ:\n      {EXAMPLES['date']}"
    elif validator_name == "enum" and _leaf(list(err.absolute_path)) == "kind":
        hint = ("Chọn một trong: progress (tiến độ phân số), numbers (con số nổi bật), bars (so sánh "
                "dạng thanh), target (mục tiêu và thực hiện), timeline (mốc thời gian).")
    return field, message, hint


def schema_errors(data: Any) -> list[ValidationError]:
    return sorted(validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
