"""``microsite serve``: the live preview and the editors' workspace on one local address.

MkDocs' own ``serve`` keeps the last good site when a rebuild fails and logs "The
server will appear stuck until build errors are resolved": the editor's browser shows
nothing. Here the rebuild is wrapped: a failed build is recorded (the check's report),
every preview page then answers with a Vietnamese error page, and the next good build
brings the site back by the usual live reload. The same server answers

* ``/admin/``: Decap CMS from the project's npm install, with the generated config (without
  one, a Vietnamese page saying how to install it: the preview runs anyway);
* ``/api/v1``: forwarded to decap-server (127.0.0.1 only, writes only in ``docs/``);
* ``/_workspace/status.json``: the last check and the appraisal queue, for the banner.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from ..workspace.admin_assets import AdminAssets
from ..workspace.cms_config import WorkspaceSettings, config_yaml
from ..workspace.error_page import error_page, workspace_missing_page
from ..workspace.status import WorkspaceStatus
from .admin_publish import base_settings, site_styles
from .decap_backend import BUNDLE, NPM_PACKAGES, DecapBackend, WorkspaceUnavailable, node_modules
from .plugin import PREVIEW_ENV, MicrositePlugin

log = logging.getLogger("microsite")
STATUS_PATH = "/_workspace/status.json"
API_PATH = "/api/v1"
ADMIN = "/admin/"
StartResponse = Callable[..., Any]


def _microsite(config: MkDocsConfig) -> MicrositePlugin:
    plugin = config.plugins.get("microsite")
    assert isinstance(plugin, MicrositePlugin)
    return plugin


def workspace_settings(config: MkDocsConfig, serve_url: str) -> WorkspaceSettings:
    """The local workspace: decap-server relayed through this server."""
    return base_settings(config, site_url=serve_url.rstrip("/"),
                         backend={"name": "proxy", "proxy_url": serve_url.rstrip("/") + API_PATH})


class WorkspaceServer(LiveReloadServer):
    """LiveReloadServer plus the admin routes, the API relay and the error page."""

    def __init__(self, *args: Any, status: WorkspaceStatus, assets: AdminAssets | None,
                 backend: DecapBackend | None, missing: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.status, self.assets, self.backend = status, assets, backend
        self.missing = missing  # why there is no workspace (Decap CMS not installed)

    def _serve_request(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path == STATUS_PATH:
            return self._json(start_response, self.status.snapshot.as_json())
        if path == API_PATH:
            return self._relay(environ, start_response)
        if path == "/admin":
            start_response("302 Found", [("Location", ADMIN)])
            return []
        if path.startswith(ADMIN):
            return self._admin(posixpath.normpath("/" + path[len(ADMIN):]).lstrip("/"), start_response)
        snapshot = self.status.snapshot
        if not snapshot.ok and _is_page(path):
            with self._epoch_cond:
                epoch = self._visible_epoch
            body = self._inject_js_into_html(error_page(snapshot), epoch)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                         ("Content-Length", str(len(body))),
                                                         ("Cache-Control", "no-store")])
            return [body]
        return super()._serve_request(environ, start_response)

    @staticmethod
    def _json(start_response: StartResponse, data: object) -> list[bytes]:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json; charset=utf-8"),
                                  ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    def _relay(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if self.backend is None or environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
            return [b""]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        status, content_type, reply = self.backend.forward(body, environ.get("CONTENT_TYPE", "application/json"))
        start_response(f"{status} Relayed", [("Content-Type", content_type), ("Content-Length", str(len(reply)))])
        return [reply]

    def _admin(self, rel: str, start_response: StartResponse) -> list[bytes] | None:
        if self.assets is None:
            body = workspace_missing_page(self.missing, NPM_PACKAGES)
            start_response("503 Service Unavailable", [("Content-Type", "text/html; charset=utf-8"),
                                                       ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
            return [body]
        found = self.assets.get(rel or "index.html")
        if found is None:
            return None
        content_type, body = found
        start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]


def _is_page(path: str) -> bool:
    """A request for an HTML page (not a stylesheet, image or feed)."""
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(project_dir: Path, config_file: Path, dev_addr: str, preview: bool) -> None:
    """Build, serve and rebuild on change until interrupted; see the module docstring."""
    os.environ[PREVIEW_ENV] = "1" if preview else "0"
    if threading.current_thread() is threading.main_thread():
        # SIGTERM (a service manager, a test) stops like Ctrl+C: decap-server is stopped too.
        signal.signal(signal.SIGTERM, _interrupt)
    site_dir = tempfile.mkdtemp(prefix="microsite-serve-")

    def get_config() -> MkDocsConfig:
        return load_config(config_file=str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    status = WorkspaceStatus()

    def builder(config: MkDocsConfig | None = None) -> None:
        config = config or get_config()
        config.site_url = serve_url
        status.building()
        plugin = _microsite(config)
        try:
            mkdocs_build(config, serve_url=serve_url)
        except Exception as exc:  # noqa: BLE001 -- any failed build (the check, a data file, a template) becomes the error page
            content = plugin.content
            report = plugin.option_problems or (content.report if content is not None and not content.report.ok
                                                else None)
            status.finished(report, content.articles if content else [], failure=str(exc) or repr(exc))
            log.error("Nội dung có lỗi; trang xem trước hiện trang báo lỗi cho đến khi sửa xong:\n%s",
                      status.snapshot.report)
            return
        status.finished(None, plugin.content.articles if plugin.content else [])

    # Without Decap CMS installed the preview still runs; /admin/ says how to install it.
    assets, backend, missing = None, None, ""
    try:
        modules = node_modules(project_dir)
    except WorkspaceUnavailable as exc:
        missing = str(exc)
        log.warning("%s Trang xem trước vẫn chạy; %sadmin/ hướng dẫn cách cài.", missing, serve_url)
    else:
        # Read when the workspace asks for it: a campaign option in error shows on the error page
        # (the first build fails with it) instead of stopping the server here.
        assets = AdminAssets(modules / BUNDLE, lambda: config_yaml(workspace_settings(config, serve_url)),
                             Path(config.docs_dir),
                             lambda: site_styles(Path(site_dir)), config.site_name)
        backend = DecapBackend.start(modules, Path(config.docs_dir))
    server = WorkspaceServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path,
                             status=status, assets=assets, backend=backend, missing=missing)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        log.info("Khu soạn bài: %sadmin/", serve_url)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Đang dừng...")
        finally:
            server.shutdown()
    finally:
        if backend is not None:
            backend.stop()
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
