"""`microsite serve` against a hostile neighbour: a page rebinding its name to 127.0.0.1, another
site's requests, hostile uploads and renames through the workspace's API, malformed requests,
links out of docs/, and a burst of connections. One server (a copy of the default project) for
the whole module; every probe is a real HTTP request on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from microsite.adapter.preview_guard import MAX_BODY_BYTES, MAX_THREADS, HostGuard, listen_problem
from hostilekit import encoded, png_header
from sitekit import copy_project

sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))
from workspacekit import Served, free_port, start

POSTS = "tin-tuc/posts"
MEDIA = POSTS + "/anh"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("secure")
    project = copy_project(tmp / "project", warm=warm_cache)
    os.environ["MICROSITE_SERVE_IDLE_SECONDS"] = "3"  # inherited by the server started below
    try:
        server = start(project, tmp / "serve.log")
    finally:
        del os.environ["MICROSITE_SERVE_IDLE_SECONDS"]
    try:
        # decap-server is started after the first build: wait until the API answers
        server.wait_for(lambda: api(server, {"action": "info"})[0] == 200, what="the workspace's API")
        yield server
    finally:
        server.stop()


def port_of(served: Served) -> int:
    return int(served.url.rsplit(":", 1)[1])


def raw(served: Served, request: bytes, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; the status, headers and body of the answer."""
    with socket.create_connection(("127.0.0.1", port_of(served)), timeout=timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def api(served: Served, payload: dict[str, object], host: str | None = None,
        origin: str | None = None) -> tuple[int, dict[str, object]]:
    body = json.dumps(payload).encode("utf-8")
    head = ["POST /api/v1 HTTP/1.1", f"Host: {host if host is not None else '127.0.0.1:%d' % port_of(served)}",
            "Content-Type: application/json", f"Content-Length: {len(body)}", "Connection: close"]
    if origin:
        head.append(f"Origin: {origin}")
    status, _, reply = raw(served, ("\r\n".join(head) + "\r\n\r\n").encode() + body, timeout=60)
    try:
        return status, json.loads(reply)
    except ValueError:
        return status, {"text": reply.decode("utf-8", "replace")}


def persist(path: str, text: str, new_path: str | None = None, subfolders: bool | None = None) -> dict[str, object]:
    data: dict[str, object] = {"slug": Path(path).stem, "path": path, "raw": text}
    if new_path:
        data["newPath"] = new_path
    options: dict[str, object] = {"commitMessage": "lưu", "useWorkflow": False, "status": "draft"}
    if subfolders is not None:
        options["hasSubfolders"] = subfolders
    return {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [data], "assets": [],
                                                 "options": options}}


def upload(name: str, data: bytes) -> dict[str, object]:
    return {"action": "persistMedia", "params": {"branch": "main", "options": {"commitMessage": "ảnh"},
                                                 "asset": {"path": f"{MEDIA}/{name}", "encoding": "base64",
                                                           "content": base64.b64encode(data).decode()}}}


ARTICLE = "---\ntitle: Bài thử\ndate: 2026-11-30 08:00\nstatus: draft\n---\n\nThân bài.\n"






# -- 1. DNS rebinding and other sites -------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "", "127.0.0.1.evil.example:{port}"])
def test_a_foreign_host_is_refused_before_anything_is_written(served: Served, host: str) -> None:
    target = served.project / "docs" / POSTS / "bai-tu-trang-la.md"
    status, reply = api(served, persist(f"{POSTS}/bai-tu-trang-la.md", ARTICLE), host=host.format(port=port_of(served)))
    assert status == 403 and "Từ chối" in reply["text"]
    assert not target.exists()
    status, _, body = raw(served, f"GET / HTTP/1.1\r\nHost: {host or 'x'}\r\nConnection: close\r\n\r\n".encode())
    assert status == 403 and "Traceback" not in body.decode()


def test_a_foreign_origin_is_refused_and_our_own_is_answered(served: Served) -> None:
    listing = {"action": "entriesByFolder", "params": {"branch": "main", "folder": POSTS, "extension": "md", "depth": 1}}
    status, reply = api(served, listing, origin="http://evil.example")
    assert status == 403 and "trang khác" in reply["text"]
    status, _ = api(served, listing, origin="null")
    assert status == 403
    for host in (f"127.0.0.1:{port_of(served)}", f"localhost:{port_of(served)}"):
        status, entries = api(served, listing, host=host, origin=f"http://{host}")
        assert status == 200 and len(entries) > 5


def test_listening_on_the_network_without_a_team_workspace_is_refused(served: Served, tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "microsite.cli", "serve", "-d", str(served.project),
                             "--addr", f"0.0.0.0:{free_port()}"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and time.monotonic() - started < 30
    assert "Không mở máy chủ xem trước trên địa chỉ 0.0.0.0" in result.stderr
    assert "Traceback" not in result.stderr


# -- 2. uploads: by content, never by name ---------------------------------------------------

HOSTILE = {
    "probe.html": b"<!doctype html><script>alert(document.domain)</script>",
    "probe.js": b"alert(document.domain)",
    "probe.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "anh.jpg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    "png-ten-jpg.jpg": encoded("PNG"),
    "bom.png": png_header(30000, 30000),
    "qua-lon.png": png_header(13300, 13300),
    ".an.png": encoded("PNG"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_upload_is_refused(served: Served, name: str) -> None:
    status, reply = api(served, upload(name, HOSTILE[name]))
    assert status == 422, reply
    assert not (served.project / "docs" / MEDIA / name).exists()
    assert str(reply["error"]) and "Error" not in str(reply["error"])


def test_a_real_photo_is_uploaded_and_images_are_served_inert(served: Served) -> None:
    status, reply = api(served, upload("anh-that.webp", encoded("WEBP")))
    assert status == 200, reply
    assert (served.project / "docs" / MEDIA / "anh-that.webp").is_file()
    image = re.search(r'(?:src|href|content)="([^"]+\.(?:png|webp|jpg))"', served.get("/")[1])
    assert image, "no image on the home page"
    url = urljoin(served.url + "/", image.group(1))
    status, headers, _ = raw(served, f"GET {urlsplit(url).path} HTTP/1.1\r\nHost: 127.0.0.1:{port_of(served)}\r\n\r\n".encode())
    assert status == 200
    assert headers["content-type"] in ("image/png", "image/webp", "image/jpeg")
    assert headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in headers["content-security-policy"]


# -- 4. renames and deletes stay in their folder ---------------------------------------------

def test_renames_stay_in_the_folder_and_never_overwrite(served: Served) -> None:
    docs = served.project / "docs"
    before = sorted(p.name for p in (docs / POSTS).glob("*.md"))
    index = (docs / "nghi-quyet-43" / "index.md").read_bytes()
    one = before[0]
    # out of the collection's folder, onto another page, onto another article, breaking the name rule
    for new in ("nghi-quyet-43/index.md", "tin-tuc/khac/bai.md", f"{POSTS}/{before[1]}", f"{POSTS}/Bài Mới.md",
                f"{POSTS}/..md"):
        status, reply = api(served, persist(f"{POSTS}/{one}", ARTICLE, new, subfolders=True))
        assert status == 422, (new, reply)
    assert sorted(p.name for p in (docs / POSTS).glob("*.md")) == before
    assert (docs / "nghi-quyet-43" / "index.md").read_bytes() == index
    # a rename asked with hasSubfolders moves the one file, not its folder's others
    status, reply = api(served, persist(f"{POSTS}/{one}", ARTICLE, f"{POSTS}/doi-ten-hop-le.md", subfolders=True))
    assert status == 200, reply
    deadline = time.monotonic() + 10
    while (docs / POSTS / one).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    after = sorted(p.name for p in (docs / POSTS).glob("*.md"))
    assert after == sorted([*(n for n in before if n != one), "doi-ten-hop-le.md"])


@pytest.mark.parametrize("path", ["nghi-quyet-43/index.md", "_data/van-ban.yml", "../mkdocs.yml", "index.md",
                                  f"{POSTS}/../index.md", f"{POSTS}/anh"])
def test_deletes_outside_a_collection_are_refused(served: Served, path: str) -> None:
    before = (served.project / "docs" / path).exists()
    status, _ = api(served, {"action": "deleteFile", "params": {"branch": "main", "path": path,
                                                                "options": {"commitMessage": "xoá"}}})
    assert status == 422
    assert (served.project / "docs" / path).exists() == before


# -- 7. malformed requests and the limits of the server --------------------------------------

@pytest.mark.parametrize(("request_line", "length", "expected"), [
    ("POST /api/v1", "abc", 400), ("POST /api/v1", "-5", 400), ("POST /api/v1", "1e15", 400),
    ("POST /api/v1", str(10**15), 413), ("POST /api/v1", str(MAX_BODY_BYTES + 1), 413),
    ("GET /%00", None, 400), ("GET /tin-tuc/%00/", None, 400),
])
def test_malformed_requests_get_a_short_answer(served: Served, request_line: str, length: str | None,
                                              expected: int) -> None:
    head = f"{request_line} HTTP/1.1\r\nHost: 127.0.0.1:{port_of(served)}\r\nConnection: close\r\n"
    head += f"Content-Length: {length}\r\n" if length is not None else ""
    status, _, body = raw(served, (head + "\r\n").encode())
    assert status == expected
    text = body.decode("utf-8")
    assert "Traceback" not in text and "/work" not in text and str(served.project) not in text


def test_no_traceback_reached_the_log(served: Served) -> None:
    log = (served.project.parent / "serve.log").read_text("utf-8", "replace")
    assert "Traceback" not in log


def test_a_burst_of_connections_is_answered_with_bounded_threads(served: Served) -> None:
    """50 connections at once, 20 GETs each (keep-alive off): every one answered, no more
    request threads than the bound, and the slowest answer within seconds."""
    times: list[float] = []
    failures: list[str] = []
    request = f"GET /assets/stylesheets/microsite.css HTTP/1.1\r\nHost: 127.0.0.1:{port_of(served)}\r\n\r\n".encode()
    peak = [0]

    def client() -> None:
        for _ in range(20):
            started = time.monotonic()
            try:
                status, _, _ = raw(served, request, timeout=30)
                if status != 200:
                    failures.append(str(status))
            except OSError as exc:
                failures.append(repr(exc))
            times.append(time.monotonic() - started)

    def count_threads() -> None:
        while any(t.is_alive() for t in clients):
            peak[0] = max(peak[0], len(os.listdir(f"/proc/{served.process.pid}/task")))
            time.sleep(0.02)

    clients = [threading.Thread(target=client) for _ in range(50)]
    for thread in clients:
        thread.start()
    watcher = threading.Thread(target=count_threads)
    watcher.start()
    for thread in clients:
        thread.join(timeout=120)
    watcher.join(timeout=5)
    assert not failures, failures[:5]
    assert len(times) == 1000
    times.sort()
    assert times[-1] < 10, times[-10:]
    # the server's own threads (build loop, serve loop, watcher...) plus at most MAX_THREADS
    assert peak[0] <= MAX_THREADS + 12, peak[0]


def test_an_idle_connection_is_closed(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", port_of(served)), timeout=60) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing
        started = time.monotonic()
        try:
            data = sock.recv(100)
        except ConnectionResetError:
            data = b""
        assert time.monotonic() - started < 15
        assert data == b"" or data.startswith(b"HTTP/1.")


def test_only_the_loopback_or_a_team_workspace_may_listen() -> None:
    for host in ("127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"):
        assert listen_problem(host, team_workspace=False) is None, host
    for host in ("0.0.0.0", "::", "192.168.1.5", "may-chu.local"):
        said = listen_problem(host, team_workspace=False)
        assert said and "không có đăng nhập" in said, host
        assert listen_problem(host, team_workspace=True) is None


def test_a_name_the_administrator_declares_is_answered() -> None:
    guard = HostGuard.for_address("127.0.0.1", 8000, ["Xem-Truoc.local"])
    assert guard.refusal({"HTTP_HOST": "xem-truoc.local:8000"}) is None
    assert guard.refusal({"HTTP_HOST": "xem-truoc.local:8000", "HTTP_ORIGIN": "http://xem-truoc.local:8000"}) is None
    assert guard.refusal({"HTTP_HOST": "[::1]:8000"}) is None
    for environ in ({"HTTP_HOST": "khac.local:8000"}, {"HTTP_HOST": "xem-truoc.local:8001"},
                    {"HTTP_HOST": "user@xem-truoc.local:8000"}, {"HTTP_HOST": "xem-truoc.local:8000/x"},
                    {"HTTP_HOST": "127.0.0.1:8000", "HTTP_ORIGIN": "https://127.0.0.1:8000"}):
        refusal = guard.refusal(environ)
        assert refusal is not None and refusal.status.startswith("403"), environ
