"""An unexpected failure of a build, said in Vietnamese with the file being processed.

The check refuses everything it knows to be bad before a build starts; whatever still fails
inside MkDocs, a plugin or a library (a case nobody foresaw) must not reach the editor as a
Python traceback or MkDocs' English "Aborted with a BuildError!". MkDocs logs "Error reading
page 'x.md'" or "Error building page 'x.md'" just before it re-raises: ``failures_named`` keeps
that file name and drops the English line, and ``explain`` makes the sentence the editor reads
(the engine's own text goes to the debug log only). ``release_memory`` gives the memory of the
failed build back to the system: the preview server lives on after it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

log = logging.getLogger("microsite")
_PAGE = re.compile(r"Error (?:reading|building) page '([^']+)'")
MKDOCS_BUILD_LOGGER = "mkdocs.commands.build"
_VIETNAMESE = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)


@dataclass
class PageFailures(logging.Filter):
    """The last page MkDocs said it failed on; its English line is not shown."""

    page: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        found = _PAGE.match(record.getMessage())
        if found is None:
            return True
        self.page = found.group(1)
        log.debug("%s", record.getMessage())
        return False


@contextmanager
def failures_named(catcher: PageFailures) -> Iterator[PageFailures]:
    """MkDocs' page failures told to ``catcher`` meanwhile."""
    logger = logging.getLogger(MKDOCS_BUILD_LOGGER)
    logger.addFilter(catcher)
    try:
        yield catcher
    finally:
        logger.removeFilter(catcher)


def explain(exc: BaseException, page: str | None, docs: str = "docs") -> str:
    """The Vietnamese sentence for a build that stopped on ``exc`` (our own errors, already in
    Vietnamese, say it themselves)."""
    if _VIETNAMESE.search(str(exc)):
        return str(exc)
    log.debug("Dựng trang dừng lại", exc_info=exc)
    where = f"khi xử lý tệp {docs}/{page}" if page else "khi dựng trang"
    return (f"Dựng trang dừng lại {where}: lỗi không lường trước (nội dung vượt quá khả năng xử lý "
            "hoặc có chỗ chưa được kiểm tra). Xem lại phần vừa thêm hoặc dán vào tệp đó (bảng, danh sách, "
            "ký tự lạ), bỏ nó rồi lưu lại; nếu vẫn lỗi, gửi tệp cho quản trị.")


def release_memory() -> None:
    """Free what a failed build left (cycles, then glibc's free lists back to the system)."""
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        with suppress(OSError, AttributeError):
            ctypes.CDLL(name).malloc_trim(0)
