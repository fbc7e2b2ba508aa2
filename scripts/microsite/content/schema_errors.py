"""Turn JSON-Schema validation errors into Vietnamese problems an editor can act on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from jsonschema import ValidationError


TYPE_NAMES = {
    "string": "một đoạn chữ",
    "array": "một danh sách (mỗi mục một dòng bắt đầu bằng \"- \")",
    "object": "một nhóm trường con",
    "boolean": "true hoặc false",
    "integer": "một số nguyên",
    "number": "một số",
    "null": "để trống",
}

FIELD_EXAMPLES = {
    "title": 'title: "Kiểm tra tiến độ sơ kết giữa nhiệm kỳ"',
    "date": "date: 2023-03-29 18:11",
    "authors": "authors:\n      - Thanh Thảo",
    "channels": "channels:\n      - bao-tinh",
    "categories": "categories:\n      - Tin tức",
    "tags": "tags:\n      - Kế hoạch tuyên truyền",
    "summary": 'summary: "Một đến hai câu tóm tắt nội dung bài."',
    "status": "status: draft",
    "reviewer": 'reviewer: "Tên người thẩm định"',
    "image": "image:\n      src: anh/ten-anh.jpg\n      alt: Mô tả ảnh\n      credit: NGỌC PHÚ",
    "withdrawn": "withdrawn:\n      date: 2023-04-10 14:00\n      reason: \"Lý do gỡ bài, viết cho bạn đọc.\"",
    "updates": "updates:\n      - {date: 2023-04-02 09:00, kind: dinh-chinh, note: \"Sửa số liệu ở đoạn 2.\"}",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def field_name(path: Iterable[str | int]) -> str:
    """``("image", "alt")`` -> ``image.alt``; list items as ``channels[2]`` (1-based)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _keyword_value(err: ValidationError) -> Any:
    """The failed keyword's value in the schema; the stubs also allow ``Unset``, which only
    hand-built errors carry, never those a validator reports."""
    return cast(Any, err.validator_value)


def unknown_keys(err: ValidationError) -> list[str]:
    """The keys an ``additionalProperties`` error rejects, sorted."""
    instance = cast("dict[str, Any]", err.instance)
    schema = cast("dict[str, Any]", err.schema)
    return sorted(set(instance) - set(schema.get("properties", {})))


def _required(err: ValidationError) -> tuple[str, str, str]:
    missing = err.message.split("'")[1]
    where = field_name(list(err.absolute_path) + [missing])
    example = FIELD_EXAMPLES.get(missing, f"{missing}: ...")
    return where, f"Thiếu trường bắt buộc \"{missing}\".", f"Thêm dòng:\n      {example}"


def _type(err: ValidationError) -> tuple[str, str, str]:
    value = _keyword_value(err)
    expected = value if isinstance(value, str) else value[0]
    actual = _type_name(err.instance)
    where = field_name(err.absolute_path)
    key = str(err.absolute_path[0]) if err.absolute_path else ""
    example = FIELD_EXAMPLES.get(key)
    hint = f"Ví dụ:\n      {example}" if example else f"Sửa giá trị thành {TYPE_NAMES[expected]}."
    return where, f"Phải là {TYPE_NAMES[expected]}, nhưng đang là {TYPE_NAMES[actual]}.", hint


def _enum(err: ValidationError) -> tuple[str, str, str]:
    where = field_name(err.absolute_path)
    allowed = _keyword_value(err)
    choices = ", ".join(str(a) for a in allowed)
    return where, f"Giá trị \"{err.instance}\" không hợp lệ.", f"Chọn một trong: {choices}."


def _additional(err: ValidationError) -> tuple[str, str, str]:
    extra = unknown_keys(err)
    where = field_name(list(err.absolute_path) + [extra[0]])
    known = ", ".join(cast("dict[str, Any]", err.schema).get("properties", {}))
    return (
        where,
        f"Trường \"{extra[0]}\" không được hỗ trợ (có thể gõ sai tên trường).",
        f"Dùng một trong các trường: {known}.",
    )


def _too_short(err: ValidationError) -> tuple[str, str, str]:
    where = field_name(err.absolute_path)
    if isinstance(err.instance, list):
        return where, "Danh sách không được để trống.", "Thêm ít nhất một mục, mỗi mục một dòng bắt đầu bằng \"- \"."
    return where, f"Quá ngắn (cần ít nhất {err.validator_value} ký tự).", "Viết đầy đủ nội dung cho trường này."


def _too_long(err: ValidationError) -> tuple[str, str, str]:
    where = field_name(err.absolute_path)
    return where, f"Quá dài (tối đa {err.validator_value} ký tự).", "Rút gọn nội dung."


def _unique(err: ValidationError) -> tuple[str, str, str]:
    return field_name(err.absolute_path), "Danh sách có mục bị lặp lại.", "Xoá mục trùng."


def _pattern(err: ValidationError) -> tuple[str, str, str]:
    where = field_name(err.absolute_path)
    if list(err.absolute_path)[-1:] == ["focus"]:
        return (where, f"Tâm điểm ảnh \"{err.instance}\" không đúng định dạng.",
                "Ghi hai phần trăm cách nhau một dấu cách, chiều ngang trước: 50% 30%.")
    return (
        where,
        f"Giá trị \"{err.instance}\" không đúng định dạng.",
        "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ: kiem-tra-tien-do.",
    )


def _bound(err: ValidationError) -> tuple[str, str, str]:
    where = field_name(err.absolute_path)
    limit = _keyword_value(err)
    if err.validator == "minimum":
        return where, f"Giá trị {err.instance} nhỏ hơn mức thấp nhất cho phép ({limit}).", f"Ghi số từ {limit} trở lên."
    return where, f"Giá trị {err.instance} lớn hơn mức cao nhất cho phép ({limit}).", f"Ghi số không quá {limit}."


_HANDLERS: dict[str, Callable[[ValidationError], tuple[str, str, str]]] = {
    "required": _required,
    "type": _type,
    "enum": _enum,
    "const": _enum,
    "additionalProperties": _additional,
    "minItems": _too_short,
    "minLength": _too_short,
    "maxLength": _too_long,
    "maxItems": _too_long,
    "uniqueItems": _unique,
    "pattern": _pattern,
    "minimum": _bound,
    "maximum": _bound,
}


def explain(err: ValidationError) -> tuple[str, str, str]:
    """Return (field, message, hint) in Vietnamese for one schema error."""
    handler = _HANDLERS.get(str(err.validator))
    if handler:
        return handler(err)
    return field_name(err.absolute_path), f"Giá trị không hợp lệ ({err.message}).", "Xem lại giá trị của trường này."
