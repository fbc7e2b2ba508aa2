"""One log line when a Markdown shortcut switches itself off, and why.

``plain_paragraph`` knows Python-Markdown's block processors by name and class; when an
extension registers one it does not know, it steps aside and the build gets slower, not
different (``health`` says the same of any accelerator whose upstream code changed).
The administrator should hear that once, not once a page."""

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
