"""One log line when a Markdown shortcut switches itself off, and why.

``plain_text`` and ``plain_paragraph`` know Python-Markdown's processors by name, class and
pattern; when an extension registers one they do not know, they step aside and the build
gets slower, not different. The administrator should hear that once, not once a page."""

from __future__ import annotations

import logging

log = logging.getLogger("microsite")
_told: set[tuple[str, str]] = set()


def switched_off(accelerator: str, reason: str) -> None:
    """Log, once per process and reason, that ``accelerator`` is off."""
    if (accelerator, reason) in _told:
        return
    _told.add((accelerator, reason))
    log.warning("Tăng tốc %s đã tự tắt (bản dựng chậm hơn, kết quả không đổi): %s", accelerator, reason)
