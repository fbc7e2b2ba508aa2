"""Alt text generated from the data: every figure, the as-of date and the source, in words."""

from __future__ import annotations

from .model import Infographic, chart_kind


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def alt_text(info: Infographic) -> str:
    parts = [f"Infographic: {_sentence(info.title)}"]
    shape = chart_kind(info.kind)
    if shape.figures == "fraction":
        parts += [f"{f.label}: {f.text()} ({f.percent_text()})." for f in info.fractions]
    elif shape.figures == "milestone":
        parts += [_sentence(f"{m.date_text()}: {m.label}" + (f" – {m.detail}" if m.detail else ""))
                  for m in info.milestones]
    elif shape.figures == "quantity":
        if info.target is not None:
            parts.append(f"{info.target.label}: {info.target.quantity.text()}.")
        parts += [_sentence(f"{f.label}: {f.quantity.text()}" + (f" ({f.note})" if f.note else ""))
                  for f in info.figures]
    parts += [_sentence(n) for n in info.notes]
    parts.append(f"{info.as_of_text()}.")
    parts.append(_sentence(info.source))
    return " ".join(parts)
