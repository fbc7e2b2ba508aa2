"""The security probe of `microsite serve`, the workspace API and the check, with numbers.

    .venv/bin/python bench/security_probe.py [--code DIR] [--project DIR] [--only check|serve]

Each hostile file is checked alone in a fresh copy of the project (`microsite check` in a child
process, 60 s and 2 GB of address space at most): time, peak memory, exit code and the line said about the file
(or the exception). A file the check lets through is then built (`microsite build`). Then one
`microsite serve` on 127.0.0.1 gets the server probes: a foreign Host, hostile uploads, a rename
out of the folder, malformed requests, a link to /etc/passwd, and 2000 GETs over 50 connections.
``--code`` runs another checkout's ``scripts/`` (``git archive <rev> | tar -x``: the numbers
before a change); ``--project`` its project (mkdocs.yml, docs/, overrides/). Loopback only.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from hostilekit import alias_bomb, encoded, numbers, png_header, tracker  # noqa: E402

CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from microsite.cli import main
try:
    code = main(sys.argv[1:])
except BaseException as exc:
    print("EXC", type(exc).__name__, str(exc)[:120], file=sys.stderr)
    code = 99
# VmHWM: this program's own peak (ru_maxrss would carry the parent's across exec)
print("PEAK", next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM")) // 1024)
sys.exit(code)
"""
HEADER = ("title: Bài thử an ninh\ndate: 2023-03-29 18:11\nauthors: [Thanh Thảo]\nchannels: [dang-bo]\n"
          "categories: [Sơ kết giữa nhiệm kỳ]\ntags: []\nsummary: Bài thử nghiệm an ninh cho trang xem trước.\n"
          "status: approved\nreviewer: Tổ Biên tập\n")


def _article(body: str, extra: str = "") -> str:
    return f"---\n{HEADER}{extra}---\n\nMở đầu.\n\n<!-- more -->\n\n{body}\n"












P = "docs/tin-tuc/posts"
# name -> files to write (path -> bytes/str, or a symlink target after "->")
CASES: dict[str, dict[str, str | bytes]] = {
    "YAML alias bomb, front matter": {f"{P}/bom.md": _article("Thân.", alias_bomb())},
    "YAML alias bomb, data file": {"docs/_data/tien-do/2023-03-28.yml": tracker(alias_bomb(), as_of="2023-03-28 08:00")},
    "list nested 1000 deep": {f"{P}/ds.md": _article("".join("    " * i + "- mục\n" for i in range(1000)))},
    "list nested 10000 deep": {f"{P}/ds.md": _article("".join("    " * i + "- mục\n" for i in range(10000)))},
    "20000 × [": {f"{P}/ngoac.md": _article("[" * 20000)},
    ".inf in a data file": {"docs/_data/infographics/vo-cuc.yml": numbers(".inf")},
    ".nan in a data file": {"docs/_data/infographics/nan.yml": numbers(".nan")},
    "1.0e+308 with a unit": {"docs/_data/infographics/lon.yml": numbers("1.0e+308")},
    "40-digit integer": {"docs/_data/tien-do/2023-03-28.yml": tracker(done="1" * 40, as_of="2023-03-28 08:00")},
    "50 MB article": {f"{P}/dai.md": _article(("Một đoạn văn dài. " * 60 + "\n\n") * 45000)},
    "176-megapixel PNG": {f"{P}/anh/lon.png": png_header(13300, 13300), f"{P}/a.md": _article("![Ảnh](anh/lon.png)")},
    "30000×30000 PNG": {f"{P}/anh/bom.png": png_header(30000, 30000), f"{P}/a.md": _article("![Ảnh](anh/bom.png)")},
    "PNG named .jpg": {f"{P}/anh/x.jpg": b"", f"{P}/a.md": _article("![Ảnh](anh/x.jpg)")},
    "SVG with <script> in a body": {f"{P}/anh/x.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                                    "</script></svg>", f"{P}/a.md": _article("![Ảnh](anh/x.svg)")},
    "article named ..md": {f"{P}/..md": _article("Bài ẩn.")},
    "article named ...md": {f"{P}/...md": _article("Bài ẩn.")},
    "symlink to /etc/passwd": {"docs/tin-tuc/passwd.txt": "->/etc/passwd"},
}


def _write(project: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str) and content.startswith("->"):
            path.symlink_to(content[2:])
        elif name.endswith(".jpg") and content == b"":
            path.write_bytes(encoded("PNG"))
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _copy(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(source / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(source / "overrides", dest / "overrides")
    shutil.copytree(source / "docs", dest / "docs", ignore=shutil.ignore_patterns("posts"))
    (dest / P).mkdir(parents=True, exist_ok=True)
    return dest


def _run(env: dict[str, str], *args: str, timeout: float = 60) -> tuple[float, int, int, str]:
    """(seconds, exit code, peak MB, what it said about the hostile input)."""
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return time.monotonic() - started, -1, -1, f"still running after {timeout:.0f} s (killed)"
    elapsed = time.monotonic() - started
    peak = next((int(ln.split()[1]) for ln in done.stdout.splitlines() if ln.startswith("PEAK")), -1)
    err = done.stderr
    said = next((ln.strip() for ln in err.splitlines() if ln.startswith("EXC")), "")
    said = said or next((ln.strip() for ln in err.splitlines() if ": lỗi:" in ln and "bai-binh" not in ln), "")
    said = said or next((ln.strip() for ln in reversed(err.splitlines()) if ln.strip()), "(nothing)")
    if "Traceback" in err:
        said = "TRACEBACK " + said
    return elapsed, done.returncode, peak, said[:150]


def check_probes(env: dict[str, str], project: Path, scratch: Path, only: str = "") -> None:
    print("| input | command | time | peak memory | exit | said |\n| --- | --- | --- | --- | --- | --- |")
    for i, (name, files) in enumerate(CASES.items()):
        if only and not any(part in name for part in only.split(",")):
            continue
        proj = _copy(project, scratch / f"c{i}")
        _write(proj, files)
        t, code, peak, said = _run(env, "check", "-d", str(proj))
        print(f"| {name} | check | {t:.1f} s | {peak} MB | {code} | {said} |", flush=True)
        if code == 0:
            t, code, peak, said = _run(env, "build", "-d", str(proj), timeout=180)
            published = [p for p in (proj / "site").rglob("*") if "passwd" in p.name] if (proj / "site").exists() else []
            extra = f" (published: {', '.join(p.name for p in published)})" if published else ""
            print(f"| {name} | build | {t:.1f} s | {peak} MB | {code} | {said}{extra} |", flush=True)
        shutil.rmtree(proj, ignore_errors=True)


# -- the server ------------------------------------------------------------------------------

def _raw(port: int, data: bytes, timeout: float = 30) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    return (int(head.split()[1]) if head else 0), body


def _api(port: int, payload: dict[str, object], host: str | None = None) -> tuple[int, bytes]:
    body = json.dumps(payload).encode()
    head = (f"POST /api/v1 HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return _raw(port, head + body)


def _persist(path: str, new: str | None = None) -> dict[str, object]:
    data: dict[str, object] = {"slug": "x", "path": path, "raw": _article("Thân.")}
    if new:
        data["newPath"] = new
    return {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [data], "assets": [],
                                                 "options": {"commitMessage": "c", "useWorkflow": False,
                                                             "status": "draft", "hasSubfolders": True}}}


def _upload(name: str, data: bytes) -> dict[str, object]:
    return {"action": "persistMedia", "params": {"branch": "main", "options": {"commitMessage": "c"},
                                                 "asset": {"path": f"tin-tuc/posts/anh/{name}", "encoding": "base64",
                                                           "content": base64.b64encode(data).decode()}}}


def _load(port: int, connections: int = 50, each: int = 40) -> str:
    times: list[float] = []
    errors: list[str] = []
    request = f"GET /assets/stylesheets/microsite.css HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()

    def client() -> None:
        for _ in range(each):
            started = time.monotonic()
            try:
                _raw(port, request)
            except OSError as exc:
                errors.append(type(exc).__name__)
            times.append(time.monotonic() - started)
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(180)
    times.sort()
    p99 = times[int(len(times) * 0.99) - 1] if times else -1
    return f"{len(times)} GETs: p50 {times[len(times) // 2]:.3f} s, p99 {p99:.3f} s, max {times[-1]:.2f} s, {len(errors)} errors"


def serve_probes(env: dict[str, str], project: Path, scratch: Path) -> None:
    proj = _copy(project, scratch / "served")
    shutil.copytree(project / P, proj / P, dirs_exist_ok=True)
    (proj / "docs/tin-tuc/passwd.txt").symlink_to("/etc/passwd")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (scratch / "serve.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "microsite.cli", "serve", "-d", str(proj), "--addr",
                               f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                status_line = f"GET /_workspace/status.json HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
                if _raw(port, status_line.encode())[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        time.sleep(3)  # decap-server starts after the first build
        posts = sorted(p.name for p in (proj / P).glob("*.md"))
        host = f"Host: 127.0.0.1:{port}\r\n"

        def get(line: str, headers: str = "") -> str:
            return _said(_raw(port, f"{line} HTTP/1.1\r\n{host}{headers}\r\n".encode()))

        def upload(name: str, data: bytes) -> str:
            return _said(_api(port, _upload(name, data)), (proj / P / "anh" / name).exists())

        index = proj / "docs/nghi-quyet-43/index.md"
        probes: list[tuple[str, Callable[[], str]]] = [
            ("persistEntry with Host: evil.example",
             lambda: _said(_api(port, _persist("tin-tuc/posts/evil.md"), "evil.example"), (proj / P / "evil.md").exists())),
            ("persistMedia probe.html", lambda: upload("probe.html", b"<script>alert(1)</script>")),
            ("persistMedia probe.js", lambda: upload("probe.js", b"alert(1)")),
            ("persistMedia SVG with <script>", lambda: upload("x.svg", b"<svg><script>alert(1)</script></svg>")),
            ("rename into nghi-quyet-43/index.md",
             lambda: _said(_api(port, _persist(f"tin-tuc/posts/{posts[0]}", "nghi-quyet-43/index.md")),
                           "Bài thử an ninh" in index.read_text("utf-8"))),
            ("Content-Length: abc", lambda: get("POST /api/v1", "Content-Length: abc\r\n")),
            ("Content-Length: -5", lambda: get("POST /api/v1", "Content-Length: -5\r\n")),
            ("Content-Length: 1e15", lambda: get("POST /api/v1", "Content-Length: 1e15\r\n")),
            ("GET /%00", lambda: get("GET /%00")),
            ("GET /tin-tuc/passwd.txt (link to /etc/passwd)", lambda: get("GET /tin-tuc/passwd.txt")),
            ("2000 GETs over 50 connections", lambda: _load(port)),
        ]
        print("\n| server probe | answer |\n| --- | --- |")
        for name, probe in probes:
            try:
                print(f"| {name} | {probe()} |", flush=True)
            except Exception as exc:  # noqa: BLE001 - a probe that breaks is a result too
                print(f"| {name} | {type(exc).__name__}: {exc} |", flush=True)
        threads = len(os.listdir(f"/proc/{server.pid}/task"))
        print(f"| server threads after the load | {threads} |")
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    text = (scratch / "serve.log").read_text("utf-8", "replace")
    print(f"| tracebacks in the server's log | {text.count('Traceback')} |")


def _said(answer: tuple[int, bytes], written: bool | None = None) -> str:
    status, body = answer
    first = body.decode("utf-8", "replace").strip().splitlines()[0][:90] if body.strip() else ""
    leak = " (Traceback/path in the answer)" if (b"Traceback" in body or b"/work/" in body or b"/root/" in body) else ""
    what = "" if written is None else (" — WRITTEN" if written else " — nothing written")
    return f"{status} {first}{leak}{what}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--code", type=Path, default=ROOT / "scripts")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--only", choices=["check", "serve"])
    parser.add_argument("--cases", default="", help="only the inputs whose name holds one of these (comma-separated)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve()), "MICROSITE_WORKERS": "0",
           "MICROSITE_NODE_MODULES": str((ROOT / "node_modules").resolve())}
    with tempfile.TemporaryDirectory(prefix="security-probe-") as tmp:
        if args.only != "serve":
            check_probes(env, args.project, Path(tmp), args.cases)
        if args.only != "check":
            serve_probes(env, args.project, Path(tmp))


if __name__ == "__main__":
    main()
