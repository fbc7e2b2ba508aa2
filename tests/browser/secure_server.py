"""Serve a built site on 127.0.0.1 with the production security headers.

The headers come from deploy/headers.json, the same file nginx's snippet mirrors,
so the browser tests prove the site works under the policy it is deployed with.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from dataclasses import dataclass
from pathlib import Path

HEADERS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "headers.json"


def production_headers() -> dict[str, str]:
    headers: dict[str, str] = json.loads(HEADERS_FILE.read_text("utf-8"))
    # Browsers ignore HSTS over plain http; it is sent anyway to mirror nginx exactly.
    return headers


class _SecureHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class SecureServer:
    root: Path
    url: str
    headers: dict[str, str]
    httpd: http.server.ThreadingHTTPServer


def serve_with_headers(root: Path, headers: dict[str, str]) -> SecureServer:
    handler_class = type("Handler", (_SecureHandler,), {"extra_headers": headers})
    handler = functools.partial(handler_class, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return SecureServer(root, f"http://127.0.0.1:{httpd.server_address[1]}", headers, httpd)
