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

from microsite.deploy.embed import embed_headers, embed_partners, embed_paths, site_headers
from microsite.deploy.script_paths import script_prefixes, script_refused

HEADERS_FILE = Path(__file__).resolve().parents[2] / "deploy" / "headers.json"


def production_headers() -> dict[str, str]:
    # Browsers ignore HSTS over plain http; it is sent anyway to mirror nginx exactly.
    return site_headers(json.loads(HEADERS_FILE.read_text("utf-8")))


def embed_overrides(partners: list[str] | None = None) -> dict[str, dict[str, str]]:
    """Headers by path prefix for the news boxes (nginx's ``location /nhung/``): headers.json's
    partners, or ``partners`` for a test that frames the boxes from its own origins."""
    document = json.loads(HEADERS_FILE.read_text("utf-8"))
    chosen = embed_partners(document) if partners is None else partners
    return {path: embed_headers(site_headers(document), chosen) for path in embed_paths(document)}


def production_script_prefixes() -> list[str]:
    """Where scripts are served from (headers.json "scripts"; nginx answers 404 elsewhere)."""
    return script_prefixes(json.loads(HEADERS_FILE.read_text("utf-8")))


class _SecureHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    by_prefix: dict[str, dict[str, str]] = {}  # like nginx locations: these paths get other headers
    scripts_under: list[str] = []  # like nginx's script location: a script elsewhere is a 404

    def send_head(self):  # type: ignore[no-untyped-def]
        if script_refused(self.path, self.scripts_under):
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self) -> None:
        chosen = next((h for p, h in self.by_prefix.items() if self.path.startswith(p)), self.extra_headers)
        for name, value in chosen.items():
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


def serve_with_headers(root: Path, headers: dict[str, str],
                       by_prefix: dict[str, dict[str, str]] | None = None) -> SecureServer:
    handler_class = type("Handler", (_SecureHandler,), {"extra_headers": headers, "by_prefix": by_prefix or {},
                                                        "scripts_under": production_script_prefixes()})
    handler = functools.partial(handler_class, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return SecureServer(root, f"http://127.0.0.1:{httpd.server_address[1]}", headers, httpd)
