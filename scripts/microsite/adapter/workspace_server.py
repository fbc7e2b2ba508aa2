"""``microsite serve``: the live preview and the editors' workspace on one local address.

MkDocs' own ``serve`` keeps the last good site when a rebuild fails and logs "The
server will appear stuck until build errors are resolved": the editor's browser shows
nothing. Here the rebuild is wrapped: a failed build is recorded (the check's report), the
page of the broken file answers with a Vietnamese error page, every other page keeps the last
good build's with a banner naming the file (preview_fallback.py), and the next good build
brings the site back by the usual live reload. The same server answers

* ``/admin/``: Decap CMS from the project's npm install, with the generated config (without
  one, a Vietnamese page saying how to install it: the preview runs anyway);
* ``/api/v1``: forwarded to decap-server (127.0.0.1 only, writes only in ``docs/``), a save
  over a file changed since the editor opened it refused first (``workspace/save_guard.py``);
* ``/_workspace/status.json``: the last check and the appraisal queue, for the banner;
* ``/_workspace/xem/<file>/``: a redirect to the article's published address
  (``article_address.py``), for the workspace's "Xem bản hoàn chỉnh".
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
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.observers
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs import livereload
from mkdocs.livereload import LiveReloadServer

from ..forked_loop import allow_forks, forbid_forks
from ..workspace.admin_assets import AdminAssets
from ..media.kinds import accepted_extensions
from ..workspace.cms_config import ARTICLE_ADDRESS_ROUTE, WorkspaceSettings, config_yaml
from ..workspace.error_page import error_page, preview_banner, workspace_missing_page
from ..workspace.save_guard import SaveGuard
from ..workspace.status import WorkspaceStatus
from .admin_publish import base_settings, options_of, site_styles
from .article_address import article_address
from .decap_backend import BUNDLE, NPM_PACKAGES, DecapBackend, WorkspaceUnavailable, node_modules
from ..workspace.api_policy import ApiPolicy, ApiRefused, Areas
from ..workspace.cms_config import cms_config
from ..workspace.team import team_settings
from .plugin import PREVIEW_ENV
from .preview import Preview
from .preview_fallback import broken_urls, request_url, with_banner
from . import preview_guard as guard

log = logging.getLogger("microsite")
STATUS_PATH = "/_workspace/status.json"
API_PATH = "/api/v1"
ADMIN = "/admin/"
TICK = 0.2  # seconds between the build loop's looks at the catch-up build
StartResponse = Callable[..., Any]


def workspace_settings(config: MkDocsConfig, serve_url: str) -> WorkspaceSettings:
    """The local workspace: decap-server relayed through this server."""
    return base_settings(config, site_url=serve_url.rstrip("/"),
                         backend={"name": "proxy", "proxy_url": serve_url.rstrip("/") + API_PATH})


class WorkspaceServer(guard.BoundedThreads, LiveReloadServer):
    """LiveReloadServer plus the admin routes, the API relay and the error page, behind the
    host, origin and size checks of preview_guard.py, with bounded threads."""

    def __init__(self, *args: Any, status: WorkspaceStatus, assets: AdminAssets | None,
                 backend: DecapBackend | None, missing: str = "", host_guard: guard.HostGuard,
                 policy: ApiPolicy | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.RequestHandlerClass = guard.idle_limited(self.RequestHandlerClass)  # type: ignore[arg-type]
        self.status, self.assets, self.backend = status, assets, backend
        self.host_guard, self.policy = host_guard, policy
        self.missing = missing  # why there is no workspace (Decap CMS not installed)
        self.preview: Preview | None = None
        self.save_guard = SaveGuard(Path(self.root))  # replaced by serve() with the site's docs/
        self.config: MkDocsConfig | None = None  # for the articles' published addresses

    def watch_with_inotify(self) -> None:
        """From now on, changes are told at once, not every half second (MkDocs polls). Only after
        the first build: watchdog's inotify observer starts its reader thread when it is made, and
        a thread alive forbids the first build's forks (it then ran on one core)."""
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]

    def reload(self) -> None:
        """Browsers reload: a new version of the site is complete (it is never half written:
        see preview.py), so requests are never held up."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = max(self._visible_epoch + 1, round(time.monotonic() * 1000))
            self._epoch_cond.notify_all()

    def _build_loop(self) -> None:
        """MkDocs' loop waits for changes and rebuilds everything; this one hands each change to
        the preview (quick path or build, preview.py) and drives the catch-up build."""
        assert self.preview is not None
        while True:
            with self._rebuild_cond:
                self._rebuild_cond.wait_for(lambda: self._want_rebuild or self._shutdown, timeout=TICK)
                if self._shutdown:
                    break
                wanted = self._want_rebuild
                if wanted:
                    while self._rebuild_cond.wait(timeout=self.build_delay):
                        pass  # until the editor's save is finished
                self._want_rebuild = False
            if wanted:
                self.preview.changed()
            self.preview.tick()

    def serve_request(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Refused before anything is read (preview_guard.py); never a traceback in the answer."""
        refusal = self.host_guard.refusal(environ)
        if refusal is not None:
            return refusal.answer(start_response)
        path = str(environ.get("PATH_INFO", ""))
        inert = [guard.INERT_FILE_POLICY] if path.lower().endswith(accepted_extensions()) else []
        start_response = guard.with_headers(start_response, inert)
        try:
            result = self._serve_request(environ, start_response)
        except Exception:  # noqa: BLE001 - any failure: a Vietnamese 500, never a traceback
            return guard.unexpected_failure(path, start_response)
        if result is not None:
            return result
        body = self.error_handler(404) or b"404 Not Found"
        start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    def _serve_request(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path == STATUS_PATH:
            return self._json(start_response, self.status.snapshot.as_json())
        if path == API_PATH:
            return self._relay(environ, start_response)
        if path.startswith(ARTICLE_ADDRESS_ROUTE) and self.config is not None:  # "Xem bản hoàn chỉnh"
            address = article_address(self.config, path)
            if address is not None:
                start_response("302 Found", [("Location", self.mount_path.rstrip("/") + address),
                                             ("Cache-Control", "no-store")])
                return []
        if path == "/admin":
            start_response("302 Found", [("Location", ADMIN)])
            return []
        if path.startswith(ADMIN):
            return self._admin(posixpath.normpath("/" + path[len(ADMIN):]).lstrip("/"), start_response)
        snapshot = self.status.snapshot
        if not snapshot.ok and _is_page(path) and self._error_page_for(path):
            with self._epoch_cond:
                epoch = self._visible_epoch
            body = super()._inject_js_into_html(error_page(snapshot), epoch)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                         ("Content-Length", str(len(body))),
                                                         ("Cache-Control", "no-store")])
            return [body]
        rel = posixpath.normpath("/" + path[len(self.mount_path):]).lstrip("/") if path.startswith(self.mount_path) else ""
        if rel and (guard.outside_root(self.root, rel) or guard.script_outside_assets(rel)):
            return None  # 404: a link out of the site, or a script that is not the theme's
        return super()._serve_request(environ, start_response)

    def _error_page_for(self, path: str) -> bool:
        """While a file has errors, only its own page is the error page (or every page, before
        any good build); the others are the last good build's, with the banner (preview_fallback.py)."""
        preview = self.preview
        if preview is None or preview.folder.served() is None:
            return True
        files = (str(error["file"]) for error in self.status.snapshot.errors)
        return request_url(path, self.mount_path) in broken_urls(files, preview.page_urls)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        snapshot = self.status.snapshot
        if not snapshot.ok:
            content = with_banner(content, preview_banner(snapshot))
        return bytes(super()._inject_js_into_html(content, epoch))

    @staticmethod
    def _json(start_response: StartResponse, data: object, status: str = "200 OK") -> list[bytes]:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"),
                                  ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]

    def _relay(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if self.backend is None or environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
            return [b""]
        length = guard.body_length(environ)
        body = environ["wsgi.input"].read(length) if length else b""
        request, body = self.save_guard.split(body)  # the versions the editor opened (save_guard.py)
        try:
            body = self.policy.screen(body) if self.policy else body
        except ApiRefused as exc:
            return self._json(start_response, {"error": str(exc)}, "422 Unprocessable Entity")
        refusal = self.save_guard.refusal(request)
        if refusal is not None:  # a save over someone else's: nothing is written
            return self._json(start_response, refusal.as_json(), "409 Conflict")
        status, content_type, reply = self.backend.forward(body, environ.get("CONTENT_TYPE", "application/json"))
        if status >= 400 and not content_type.startswith("application/json"):
            # decap-server's own error pages carry a Node stack trace with this machine's paths
            return self._json(start_response, {"error": "Khu soạn bài không làm được thao tác này."}, f"{status} Error")
        reply = self.save_guard.annotate(request, status, reply)
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
    base = Path(tempfile.mkdtemp(prefix="microsite-serve-"))
    site_dir = base / "current"  # a link to the served build (preview.ServedFolder)

    config = load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    options = options_of(config).workspace
    team = bool(options.get("backend"))
    refused = guard.listen_problem(host, team)
    if refused:
        shutil.rmtree(base, ignore_errors=True)
        raise WorkspaceUnavailable(refused)
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = livereload._serve_url(host, port, mount_path)
    status = WorkspaceStatus()
    # Without Decap CMS installed the preview still runs; /admin/ says how to install it.
    assets, modules, missing = None, None, ""
    try:
        modules = node_modules(project_dir)
    except WorkspaceUnavailable as exc:
        missing = str(exc)
        log.warning("%s Trang xem trước vẫn chạy; %sadmin/ hướng dẫn cách cài.", missing, serve_url)
    else:
        # Read when the workspace asks for it: a campaign option in error shows on the error page
        # (the first build fails with it) instead of stopping the server here.
        # On the network (team workspace only: guard.listen_problem), the team's Git host with its
        # login; on this machine, the local relay.
        local = guard.is_loopback(host)
        assets = AdminAssets(modules / BUNDLE, lambda: config_yaml(workspace_settings(config, serve_url) if local else
                                                                   team_settings(workspace_settings(config, serve_url),
                                                                                 options)),
                             Path(config.docs_dir), lambda: site_styles(site_dir), config.site_name)
    server = WorkspaceServer(builder=lambda: None, host=host, port=port, root=str(site_dir), mount_path=mount_path,
                             status=status, assets=assets, backend=None, missing=missing,
                             host_guard=guard.HostGuard.for_address(host, port, options.get("hosts") or ()))
    server.save_guard, server.config = SaveGuard(Path(config.docs_dir)), config
    server.preview = previewer = Preview(config_file, base, dev_addr, serve_url, status, server.reload)
    try:
        previewer.watched = [Path(config.docs_dir), config_file, *(Path(item) for item in config.watch)]
        # The first build runs before any thread of the server (watching starts inotify's):
        # it may fork like a cold build.
        allow_forks()
        try:
            previewer.full_build(config)
        finally:
            forbid_forks("máy chủ xem trước (microsite serve)")
        server.watch_with_inotify()
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        config.plugins.on_serve(server, config=config, builder=lambda config=None: None)
        for item in config.watch:
            server.watch(item)
        previewer.watch_also([Path(p) for p in server._watched_paths])
        if modules is not None and guard.is_loopback(host):  # after the first build: no fork seen by its threads
            server.policy = ApiPolicy(lambda: Areas.from_config(cms_config(workspace_settings(config, serve_url))),
                                      Path(config.docs_dir))
            server.backend = DecapBackend.start(modules, Path(config.docs_dir))
        log.info("Khu soạn bài: %sadmin/", serve_url)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Đang dừng...")
        finally:
            server.shutdown()
    finally:
        previewer.close()
        if server.backend is not None:
            server.backend.stop()
        config.plugins.on_shutdown()
        shutil.rmtree(base, ignore_errors=True)
