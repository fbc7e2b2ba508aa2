"""What the preview server refuses before it reads or writes anything, and its connection limits.

The server answers on the editor's own machine, but a web page the editor visits can reach it:
a page of ``evil.example`` whose name is made to point at 127.0.0.1 (DNS rebinding) sends its
requests with ``Host: evil.example``; a page of another site sends ``Origin: https://...``.
So every request must name one of the addresses the server is bound to (``127.0.0.1``,
``localhost``, ``[::1]``, or a name the administrator declares in the plugin option
``workspace.hosts``) with the server's port, and carry no foreign ``Origin``; anything else is
refused with a Vietnamese 403 before a file is opened. Malformed requests (a length that is not
a number, a body larger than ``MAX_BODY_BYTES``, a NUL byte in the path) are answered 400 or 413
instead of raising inside the server.

Listening anywhere but the loopback would give the whole network the workspace's API, which has
no login: ``listen_problem`` refuses it unless the team workspace (GitLab, Forgejo or Gitea,
which authenticate the editors) is configured, and the local API is then off.

``BoundedThreads`` keeps the number of request threads, the idle time of a connection and the
listen backlog bounded: a slow or hostile client cannot make the server hold unbounded memory.
"""

from __future__ import annotations

import ipaddress
import os
import logging
import re
import socketserver
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("microsite")

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_BODY_BYTES = 24 * 1024 * 1024  # a JSON upload of a 2 MB photo is under 3 MB; room for media
MAX_THREADS = 24  # live-reload polls hold one each while a page is open
IDLE_SECONDS = float(os.environ.get("MICROSITE_SERVE_IDLE_SECONDS", "20"))  # silent this long: closed
BACKLOG = 128  # connections the kernel queues while every thread is busy
_DIGITS = re.compile(r"[0-9]{1,20}")

StartResponse = Callable[..., Any]
SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"))
# Files editors gave the site (photos) are never a document that runs: opened on their own they
# are sandboxed with no script, whatever a browser thinks they are.
INERT_FILE_POLICY = ("Content-Security-Policy", "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")


@dataclass(frozen=True)
class Refusal:
    """An answer given instead of the request's: status line and a Vietnamese text."""

    status: str
    message: str

    def answer(self, start_response: StartResponse) -> list[bytes]:
        body = (self.message + "\n").encode("utf-8")
        start_response(self.status, [("Content-Type", "text/plain; charset=utf-8"),
                                     ("Content-Length", str(len(body))), ("Cache-Control", "no-store"),
                                     *SECURITY_HEADERS])
        return [body]


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1``, ``localhost`` (not ``0.0.0.0``: that is every interface)."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen_problem(host: str, team_workspace: bool) -> str | None:
    """Why the server may not listen on ``host`` (None: it may)."""
    if is_loopback(host) or team_workspace:
        return None
    return (f"Không mở máy chủ xem trước trên địa chỉ {host}: khu soạn bài trên máy này không có đăng nhập, "
            "mọi máy trong mạng sẽ đọc và sửa được bài. Chạy trên máy mình (--addr 127.0.0.1:8000), "
            "hoặc khai báo khu soạn bài của tổ (workspace: backend gitlab, forgejo hoặc gitea trong "
            "mkdocs.yml, có đăng nhập) rồi chạy lại.")


@dataclass(frozen=True)
class HostGuard:
    """The host names and port a request must name; see the module docstring."""

    names: frozenset[str]
    port: int

    @classmethod
    def for_address(cls, host: str, port: int, declared: Iterable[str] = ()) -> HostGuard:
        names = set(LOOPBACK_NAMES) | {str(n).strip().lower().strip("[]") for n in declared if str(n).strip()}
        if host and host not in ("0.0.0.0", "::"):
            names.add(host.lower().strip("[]"))
        return cls(frozenset(names), port)

    def _names_us(self, netloc: str) -> bool:
        try:
            parts = urlsplit("//" + netloc)
            port = parts.port
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        return host in self.names and (port or 80) == self.port and not parts.username and not parts.path

    def refusal(self, environ: Mapping[str, Any]) -> Refusal | None:
        """Why this request is not answered (None: it is)."""
        host = str(environ.get("HTTP_HOST", ""))
        if not self._names_us(host):
            return Refusal("403 Forbidden", f"Từ chối: máy chủ xem trước chỉ trả lời địa chỉ của chính nó "
                                            f"(http://127.0.0.1:{self.port}/), không trả lời tên \"{host[:80]}\".")
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None:
            parts = urlsplit(str(origin))
            if parts.scheme != "http" or not self._names_us(parts.netloc) or parts.path:
                return Refusal("403 Forbidden", f"Từ chối: yêu cầu đến từ trang khác ({str(origin)[:80]}). "
                                                "Khu soạn bài chỉ nhận yêu cầu từ chính nó.")
        return malformed(environ)


def malformed(environ: Mapping[str, Any]) -> Refusal | None:
    """A request the server cannot answer safely: 400 or 413 (None: well formed)."""
    if "\x00" in str(environ.get("PATH_INFO", "")) or "\x00" in str(environ.get("QUERY_STRING", "")):
        return Refusal("400 Bad Request", "Yêu cầu hỏng: đường dẫn có ký tự không hợp lệ.")
    if environ.get("HTTP_TRANSFER_ENCODING"):
        return Refusal("400 Bad Request", "Yêu cầu hỏng: máy chủ xem trước chỉ nhận nội dung có độ dài ghi trước.")
    length = str(environ.get("CONTENT_LENGTH") or "").strip()
    if length and not _DIGITS.fullmatch(length):
        return Refusal("400 Bad Request", "Yêu cầu hỏng: độ dài nội dung (Content-Length) không phải số hợp lệ.")
    if length and int(length) > MAX_BODY_BYTES:
        return Refusal("413 Payload Too Large", f"Nội dung gửi lên quá lớn (tối đa {MAX_BODY_BYTES // 1024 // 1024} MB).")
    return None


def body_length(environ: Mapping[str, Any]) -> int:
    """Content-Length of a request ``malformed`` let through."""
    return int(str(environ.get("CONTENT_LENGTH") or "0").strip() or 0)


def with_headers(start_response: StartResponse, extra: Iterable[tuple[str, str]] = ()) -> StartResponse:
    """``start_response`` that adds ``nosniff`` (and ``extra``) to every answer."""
    added = (*SECURITY_HEADERS, *extra)

    def start(status: str, headers: list[tuple[str, str]], *args: Any) -> Any:
        present = {name.lower() for name, _ in headers}
        return start_response(status, [*headers, *(h for h in added if h[0].lower() not in present)], *args)
    return start


class BoundedThreads(socketserver.ThreadingMixIn):
    """ThreadingMixIn with at most ``MAX_THREADS`` request threads (the accept loop waits for a
    free one; the kernel queues ``BACKLOG`` connections meanwhile)."""

    request_queue_size = BACKLOG
    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(MAX_THREADS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(timeout=IDLE_SECONDS):  # every thread busy for long: drop it
            self.shutdown_request(request)  # type: ignore[attr-defined]
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away or stayed silent past the idle time: one line, no traceback."""
        log.debug("Kết nối %s bị đóng giữa chừng.", client_address, exc_info=True)


def idle_limited(handler: type) -> type:
    """The request handler class with a socket timeout: an idle connection is closed."""
    return type("IdleLimited" + handler.__name__, (handler,), {"timeout": IDLE_SECONDS})


def unexpected_failure(path: str, start_response: StartResponse) -> list[bytes]:
    """A 500 with a Vietnamese sentence: never a traceback or a path of this machine."""
    log.error("Máy chủ xem trước gặp lỗi không lường trước khi trả lời %s", path[:200], exc_info=log.isEnabledFor(logging.DEBUG))
    return Refusal("500 Internal Server Error", "Máy chủ xem trước gặp lỗi không lường trước khi trả lời yêu cầu này. "
                   "Tải lại trang; nếu lỗi còn, dừng (Ctrl+C) và chạy lại microsite serve.").answer(start_response)


def outside_root(root: str, rel: str) -> bool:
    """True when the served file ``rel`` is reached through a link that leaves ``root`` (a link
    in docs/ to /etc/passwd must never be answered, whatever copied it there)."""
    path = os.path.join(root, rel)
    if not os.path.lexists(path):
        return False
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) != real_root


def script_outside_assets(rel: str) -> bool:
    """A script anywhere but the theme's asset folder: never from the site (editors' files)."""
    return rel.lower().endswith((".js", ".mjs", ".cjs")) and not rel.startswith("assets/")
