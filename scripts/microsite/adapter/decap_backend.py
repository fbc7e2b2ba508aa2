"""The CMS's local backend: ``decap-server`` (npm, pinned in package.json) as a child process.

decap-server listens on every interface unless ``BIND_HOST`` is set and has no
authentication, so it is started on 127.0.0.1, on a free port, with its repository
root set to the site's ``docs/`` (its own path check then refuses any write outside
it). The preview server forwards ``/api/v1`` to it, so the admin page talks to one
origin only. It is stopped with the preview server.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import http.client
import os
import signal
import socket
import sys
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
ENTRY = Path("decap-server") / "dist" / "index.js"
BUNDLE = Path("decap-cms") / "dist"
# The versions package.json pins (tests/test_package.py compares), for a project made by init.
NPM_PACKAGES = ("decap-cms@3.16.3", "decap-server@3.11.3")
NPM_HINT = "Chạy \"npm ci\" (hoặc \"make serve\") trong thư mục dự án để cài khu soạn bài."


class WorkspaceUnavailable(RuntimeError):
    """The npm packages of the workspace are not installed."""


def node_modules(project_dir: Path) -> Path:
    """The ``node_modules`` that holds decap-cms and decap-server: the project's own, or
    (for a site made with ``copy_project`` or kept outside the tool's checkout) the one
    beside this package's checkout, or ``MICROSITE_NODE_MODULES``."""
    here = Path(__file__).resolve().parents[3] / "node_modules"
    candidates = [Path(os.environ["MICROSITE_NODE_MODULES"])] if os.environ.get("MICROSITE_NODE_MODULES") else []
    candidates += [project_dir / "node_modules", here]
    for folder in candidates:
        if (folder / ENTRY).is_file() and (folder / BUNDLE / "decap-cms.js").is_file():
            return folder
    raise WorkspaceUnavailable("Chưa cài Decap CMS (decap-cms, decap-server). " + NPM_HINT)


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the preview server dies, even by SIGKILL."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class DecapBackend:
    """A running decap-server; ``forward`` relays one request body to it."""

    process: subprocess.Popen[bytes]
    port: int

    @classmethod
    def start(cls, modules: Path, repo_dir: Path, timeout: float = 20.0) -> DecapBackend:
        port = free_port()
        env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(repo_dir.resolve()), "LOG_LEVEL": "warn",
               "ORIGIN": f"http://{HOST}"}
        # cwd: decap-server reads a .env file from its working directory; docs/ has none.
        process = subprocess.Popen(["node", str(modules / ENTRY)], cwd=repo_dir, env=env,
                                   stdin=subprocess.DEVNULL,
                                   preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        backend = cls(process, port)
        backend._wait_ready(timeout)
        return backend

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise WorkspaceUnavailable(f"decap-server dừng ngay khi khởi động (mã {self.process.returncode}). "
                                           + NPM_HINT)
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise WorkspaceUnavailable("decap-server không trả lời sau khi khởi động. " + NPM_HINT)

    def forward(self, body: bytes, content_type: str) -> tuple[int, str, bytes]:
        """POST ``body`` to decap-server's API; return status, content type and body."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            conn.request("POST", "/api/v1", body=body, headers={"Content-Type": content_type})
            reply = conn.getresponse()
            return reply.status, reply.getheader("Content-Type", "application/json"), reply.read()
        finally:
            conn.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
