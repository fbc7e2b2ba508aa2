"""`microsite serve` as a child process for the workspace tests, on a free 127.0.0.1 port."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def children(pid: int) -> list[int]:
    """Direct child processes (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(p) for p in text.split()]
    return found


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[-1][:1] not in ("Z", "X")


@dataclass
class Served:
    project: Path
    url: str
    process: subprocess.Popen[bytes]

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as reply:
                return reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    def status(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.get("/_workspace/status.json")[1])
        return data

    def wait_for(self, predicate: Any, timeout: float = 90.0, what: str = "", pause: Any = None) -> Any:
        """Poll until ``predicate()`` returns something truthy (a rebuild takes seconds).

        ``pause`` waits between tries; with a Playwright page open it must be the page's
        ``wait_for_timeout``: the sync API runs the request routes only inside its calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            if pause is None:
                time.sleep(0.2)
            else:
                pause()
        raise AssertionError(f"timed out waiting for {what or predicate}")

    def stop(self) -> list[int]:
        """SIGTERM the server; return the children it had (decap-server)."""
        kids = children(self.process.pid)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return kids


def start(project: Path, log: Path) -> Served:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "microsite.cli", "serve", "-d", str(project), "--addr", f"127.0.0.1:{port}"],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    served = Served(project, f"http://127.0.0.1:{port}", process)

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError("microsite serve stopped:\n" + log.read_text(errors="replace"))
        try:
            return served.status()["version"] >= 1
        except (OSError, ValueError):
            return False

    served.wait_for(ready, timeout=180, what="the first build")
    return served
