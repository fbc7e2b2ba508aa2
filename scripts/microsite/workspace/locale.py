"""The Vietnamese strings Decap CMS's own ``vi`` locale lacks.

``admin/locale-vi.json`` holds them (``locale-vi-local.json`` the words of the local backend,
where Decap's "publish" is a save) in Decap's nested layout; workspace.js merges them
over the bundled locale with ``CMS.registerLocale('vi', ...)`` before ``CMS.init``. A
test walks Decap's English locale and asserts every key ends up with Vietnamese text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_FILE = Path(__file__).resolve().parent / "admin" / "locale-vi.json"
# With the local backend, Decap's "publish" is the save to disk: these say "Lưu", not "Công bố".
LOCAL_SAVE_FILE = LOCALE_FILE.with_name("locale-vi-local.json")


@cache
def vietnamese_strings(local_save: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LOCALE_FILE.read_text(encoding="utf-8"))
    if local_save:
        data = merged(data, json.loads(LOCAL_SAVE_FILE.read_text(encoding="utf-8")))
    return data


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` over ``base``, nested objects merged key by key (as workspace.js does)."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
