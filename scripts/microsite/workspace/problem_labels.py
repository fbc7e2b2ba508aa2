"""A problem's field by the label the workspace form shows ("Số liệu tính đến", not ``as_of``).

The check records a field by its path in the file (``figures[2].done``); an editor who works
in the form never sees those keys. Which form a file belongs to follows from where it lives,
as the CMS configuration places its collections (``cms_config.collections``); the labels are
``labels.py``'s, the same the form shows. Nothing here imports MkDocs: ``Problem.format`` of
the core uses it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import labels

# (where the file lives, its form's labels), first match wins; paths as the check shows them
# ("docs/_data/tien-do/2023-03-29.yml").
_FORMS: tuple[tuple[re.Pattern[str], Mapping[str, labels.FieldText]], ...] = (
    (re.compile(r"(^|/)_data/infographics/[^/]+\.ya?ml$"), labels.INFOGRAPHIC),
    (re.compile(r"(^|/)_data/tien-do/[^/]+\.ya?ml$"), labels.TRACKER),
    (re.compile(r"(^|/)_data/ke-hoach-tuyen-truyen\.ya?ml$"), labels.PLAN),
    (re.compile(r"(^|/)_data/van-ban\.ya?ml$"), labels.DOCUMENTS),
    (re.compile(r"(^|/)_data/trang-chu\.ya?ml$"), labels.HOME),
    (re.compile(r"(^|/)chu-thich\.ya?ml$"), labels.GALLERY),
    (re.compile(r"(^|/)posts/.+\.md$"), labels.ARTICLE),
    (re.compile(r"\.md$"), labels.PAGE),
)
_PART = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def form_labels(file: str) -> Mapping[str, labels.FieldText] | None:
    """The labels of the form that edits ``file`` (None: no form edits it)."""
    return next((texts for pattern, texts in _FORMS if pattern.search(file)), None)


def field_label(file: str, field: str) -> str | None:
    """``figures[2].done`` of an infographic -> ``Số liệu (mục 2) › Đã làm``; None when a
    part of the path has no label (a key the form does not have: a typo, an unknown field)."""
    texts = form_labels(file)
    if texts is None or not field:
        return None
    shown, keys = [], []
    for match in _PART.finditer(field):
        keys.append(match.group(1))
        text = texts.get(".".join(keys))
        if text is None:
            return None
        items = re.findall(r"\d+", match.group(2))
        shown.append(text.label + "".join(f" (mục {n})" for n in items))
    return " › ".join(shown) or None
