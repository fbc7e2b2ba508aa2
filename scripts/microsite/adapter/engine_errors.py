"""The site engine's own error messages never reach an editor: a Vietnamese problem instead.

The check refuses everything the build is known to refuse, so a build that still stops is a
case the check does not know yet. MkDocs and its plugins then log English ("Error reading
page 'x.md': Couldn't find '<!-- more -->' ...") and raise ("Aborted with a BuildError!").
While a build runs, :func:`engine_log` keeps their error records from the terminal; then
:func:`engine_problem` turns the failure into a :class:`Problem` naming the file the engine
was working on, and the English details go to a log file for whoever maintains the site.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..content.problems import Problem

ENGINE_LOGGER = "mkdocs"  # MkDocs' and Material's loggers are all below it
DETAILS_NAME = "loi-dung-trang.log"  # in the project's cache folder
_PAGE = re.compile(r"Error (?:reading|building|rendering) page '([^']+)'")
_POST = re.compile(r"(?:in post|of post) '([^']+)'")


class WordedError(PluginError):
    """A build stop our plugin has already worded in Vietnamese for the editor (a missing
    ``site_url``, a partner that is no origin): said as it is, never replaced by the generic
    message for the engine's own English."""


def worded(exc: BaseException | None) -> WordedError | None:
    """Our own worded error behind ``exc``: MkDocs raises ``Abort`` while handling it, so it is
    the abort's context (or cause)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, WordedError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


@dataclass
class EngineLog:
    """The engine's error records of one build (kept from the terminal)."""

    records: list[logging.LogRecord] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [record.getMessage() for record in self.records]


class _Keeper(logging.Handler):
    """On the engine's logger (not propagating while a build runs): errors are kept, the rest
    goes on to the root logger's handlers as before."""

    def __init__(self, log: EngineLog):
        super().__init__(logging.DEBUG)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.log.records.append(record)
        else:
            logging.getLogger().handle(record)


@contextmanager
def engine_log() -> Iterator[EngineLog]:
    """The engine's error records while the block runs, none of them printed."""
    log = EngineLog()
    logger = logging.getLogger(ENGINE_LOGGER)
    keeper, propagate = _Keeper(log), logger.propagate
    logger.addHandler(keeper)
    logger.propagate = False
    try:
        yield log
    finally:
        logger.removeHandler(keeper)
        logger.propagate = propagate


def failed_source(texts: list[str], docs_name: str) -> str | None:
    """The file the engine names in its messages, as the editor sees it (``docs/x.md``)."""
    for text in texts:
        if found := _PAGE.search(text):
            return f"{docs_name}/{found.group(1)}"
    for text in texts:
        if found := _POST.search(text):
            tail = found.group(1).replace("\\", "/")
            return f"{docs_name}/" + re.sub(r"^(\.\./)*(\.cache/microsite/staging/)?", "", tail)
    return None


def engine_problem(exc: BaseException, log: EngineLog, docs_dir: Path, cache_dir: Path | None) -> Problem:
    """A Vietnamese problem for a build the engine stopped; its English goes to the cache's log."""
    if (own := worded(exc)) is not None:
        return Problem("mkdocs.yml", str(own))
    texts = [*log.texts(), str(exc)]
    shown = failed_source(texts, docs_dir.name)
    details = _write_details(exc, texts, cache_dir)
    where = f" Chi tiết kỹ thuật cho người quản trị trang: {details}." if details else ""
    if shown is None:
        return Problem(docs_dir.name, "Không dựng được trang vì một lỗi bước kiểm tra chưa nhận ra.",
                       hint="Xem lại tệp vừa sửa (thông tin đầu bài, Markdown), lưu lại; nếu vẫn lỗi, "
                            f"báo người quản trị trang.{where}")
    return Problem(shown, "Không dựng được trang từ tệp này, dù bước kiểm tra không thấy lỗi.",
                   hint="Xem lại phần vừa sửa trong tệp (thông tin đầu bài, Markdown), lưu lại; nếu vẫn "
                        f"lỗi, báo người quản trị trang.{where}")


def _write_details(exc: BaseException, texts: list[str], cache_dir: Path | None) -> str | None:
    if cache_dir is None:
        return None
    path = cache_dir / DETAILS_NAME
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        trace = "".join(traceback.format_exception(exc))
        path.write_text("\n".join([*texts, "", trace]), encoding="utf-8")
    except OSError:
        return None
    return str(path)
