"""Decap CMS field definitions read off a JSON Schema.

The schemas in ``content/``, ``infographics/`` and ``campaign/`` are the content model;
the workspace's forms are derived from them so the two cannot drift apart. Types map to
widgets (string, number, boolean, list, object, select); ``required``, ``enum``,
``pattern`` and length limits become Decap's own checks, so an editor sees most
mistakes in the form before the site's check runs. ``overrides`` replaces the widget
of a field where the schema's type says too little (a date, a picture, a category list).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .labels import FieldText

Field = dict[str, Any]


class UnlabelledField(ValueError):
    """A schema field has no Vietnamese label: the form would show its key."""


def resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/name``)."""
    ref = node.get("$ref")
    if not ref:
        return node
    target: Any = schema
    for part in str(ref).removeprefix("#/").split("/"):
        target = target[part]
    return resolve(schema, target)


def _length_pattern(node: Mapping[str, Any]) -> list[str] | None:
    low, high = int(node.get("minLength", 0)), node.get("maxLength")
    if low <= 1 and high is None:
        return None
    if high is None:
        return [f"^[\\s\\S]{{{low},}}$", f"Cần ít nhất {low} ký tự."]
    return [f"^[\\s\\S]{{{low},{int(high)}}}$", f"Cần từ {low} đến {int(high)} ký tự."]


def _options(values: list[Any], labels: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"label": labels.get(str(v), str(v)), "value": str(v)} for v in values]


def _scalar(node: Mapping[str, Any], labels: Mapping[str, str]) -> Field:
    if "enum" in node:
        return {"widget": "select", "options": _options(list(node["enum"]), labels)}
    kind = node.get("type")
    if isinstance(kind, list):  # ["string", "null"]
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "integer":
        return {"widget": "number", "value_type": "int"}
    if kind == "number":
        return {"widget": "number", "value_type": "float"}
    if kind == "boolean":
        return {"widget": "boolean"}
    field: Field = {"widget": "text" if int(node.get("maxLength", 0)) > 200 else "string"}
    if "pattern" in node:
        field["pattern"] = [node["pattern"], "Chỉ dùng chữ thường không dấu, số và dấu gạch nối."]
    elif (pattern := _length_pattern(node)) is not None:
        field["pattern"] = pattern
    return field


class SchemaFields:
    """Turn one schema's properties into Decap fields, labelled from ``texts``."""

    def __init__(self, schema: Mapping[str, Any], texts: Mapping[str, FieldText],
                 overrides: Mapping[str, Field] | None = None, options: Mapping[str, Mapping[str, str]] | None = None):
        self.schema, self.texts = schema, texts
        self.overrides = overrides or {}
        self.options = options or {}  # value -> label, per dotted path

    def fields(self, node: Mapping[str, Any] | None = None, prefix: str = "",
               optional: bool = False) -> list[Field]:
        node = resolve(self.schema, node if node is not None else self.schema)
        required = set() if optional else set(node.get("required", ()))
        return [self.field(name, sub, prefix + name, name in required)
                for name, sub in node.get("properties", {}).items()]

    def text(self, path: str) -> FieldText:
        try:
            return self.texts[path]
        except KeyError:
            raise UnlabelledField(f"Trường \"{path}\" chưa có nhãn tiếng Việt (workspace/labels.py).") from None

    def field(self, name: str, node: Mapping[str, Any], path: str, required: bool) -> Field:
        text = self.text(path)
        field: Field = {"name": name, "label": text.label, "required": required}
        if text.hint:
            field["hint"] = text.hint
        if path in self.overrides:
            return {**field, **self.overrides[path]}
        node = resolve(self.schema, node)
        if required and node.get("type") == "array" and not node.get("minItems"):
            # Decap refuses an empty required list; the schema wants the key, even empty.
            field.update(required=False, default=[])
        return {**field, **self.widget(node, path)}

    def widget(self, node: Mapping[str, Any], path: str) -> Field:
        labels = self.options.get(path, {})
        if labels and "enum" not in node and node.get("type") != "array":
            # values the site configures (channels), not the schema: the labels' keys, in order
            return {"widget": "select", "options": _options(list(labels), labels)}
        if node.get("type") == "object" or "properties" in node:
            return {"widget": "object", "collapsed": False, "fields": self.fields(node, path + ".")}
        if node.get("type") != "array":
            return _scalar(node, labels)
        items = resolve(self.schema, node.get("items", {}))
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": _options(list(items["enum"]), labels),
                    **({"min": int(node["minItems"])} if "minItems" in node else {})}
        shape: Field = {"widget": "list", "collapsed": False}
        if items.get("type") == "object":
            shape["fields"] = self.fields(items, path + ".")
        else:
            shape["field"] = {"name": "item", "label": self.text(path).label, **_scalar(items, labels)}
        if "minItems" in node:
            shape["min"] = int(node["minItems"])
        if "maxItems" in node:
            shape["max"] = int(node["maxItems"])
        return shape


def schema_paths(schema: Mapping[str, Any], node: Mapping[str, Any] | None = None, prefix: str = "") -> list[str]:
    """Every property path of ``schema``, including those under ``allOf`` branches and
    ``$defs`` reached from them (for the tests: the generated forms must cover them all)."""
    node = resolve(schema, node if node is not None else schema)
    paths: list[str] = []
    for name, sub in node.get("properties", {}).items():
        path = prefix + name
        paths.append(path)
        sub = resolve(schema, sub)
        items = resolve(schema, sub.get("items", {})) if sub.get("type") == "array" else {}
        for inner in (sub, items):
            if "properties" in inner:
                paths.extend(schema_paths(schema, inner, path + "."))
    for branch in node.get("allOf", ()):
        for name, sub in branch.get("then", {}).get("properties", {}).items():
            items = resolve(schema, sub.get("items", {}))
            if "properties" in items:
                paths.extend(p for p in schema_paths(schema, items, prefix + name + ".") if p not in paths)
    return paths
