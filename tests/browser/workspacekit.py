"""`microsite serve` as a child process for the workspace tests, on a free 127.0.0.1 port."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
import unicodedata
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


def start(project: Path, log: Path, port: int | None = None) -> Served:
    """``port``: the same address as a stopped server (what the browser stored stays its own)."""
    port = port or free_port()
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


# -- the English crawl: every text, placeholder, title and label a reader or screen reader meets --
COLLECT_TEXTS = """() => {
  const out = [];
  const skip = el => el.closest('script,style,noscript,textarea,input,[contenteditable=true],.CodeMirror');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim();
    if (text && node.parentElement && !skip(node.parentElement)) out.push(['text', text]);
  }
  const names = ['placeholder', 'title', 'aria-label', 'alt', 'aria-roledescription', 'aria-valuetext'];
  for (const el of document.querySelectorAll(names.map(n => '[' + n + ']').join(','))) {
    for (const name of names) { const v = el.getAttribute(name); if (v && v.trim()) out.push([name, v.trim()]); }
  }
  for (const el of document.querySelectorAll('input[type=date], input[type=datetime-local], input[type=time]')) {
    out.push(['native date input (shown in the browser\\'s language)', el.type]);
  }
  out.push(['document title', document.title]);
  return out;
}"""
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
_SYLLABLE = re.compile(f"^{_ONSET}[aeiouy]{{1,3}}(?:ch|ng|nh|c|m|n|p|t)?$")  # Vietnamese without its marks
# English words that also spell a Vietnamese syllable without marks, flagged anyway
_ENGLISH_SYLLABLES = {"the", "to", "on", "at", "it", "by", "me", "be", "go", "he", "we", "up", "us", "am", "pm", "my"}
# loanwords, units and formats an editor meets in Vietnamese text
_ALLOWED = {"infographic", "markdown", "video", "web", "sapo", "px", "esc", "enter", "tab", "mb", "kb", "jpeg", "jpg", "png",
            "webp", "svg", "yml", "md", "url", "email", "html", "gif", "pdf"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
FILE_PATH = re.compile(r"[\w./-]+\.(?:md|ya?ml|jpe?g|png|webp|svg|mp4|mp3|m4a|vtt)\b")  # file names are the files' own


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def english_words(found: list[list[str]]) -> set[tuple[str, str]]:
    """(where, text) of every text with a word that is not Vietnamese: a word with a mark is
    Vietnamese; a word without must spell a Vietnamese syllable (an acronym such as KH or CTr,
    a unit or a loanword of ``_ALLOWED`` passes); a few English words that spell one are flagged."""
    english: set[tuple[str, str]] = set()
    for where, text in found:
        if where.startswith("native date"):
            english.add((where, text))
            continue
        for word in re.findall(r"[^\W\d_]+", FILE_PATH.sub(" ", text.replace("<!-- more -->", ""))):
            low = word.lower()
            if _plain(word) != word or low in _ALLOWED or len(word) == 1:  # a mark, a loanword, "H" of H.264
                continue
            if low in _ENGLISH_SYLLABLES or (sum(c.isupper() for c in word) < 2 and not _SYLLABLE.match(low)):
                english.add((where, text))
                break
    return english


def iso_dates(found: list[list[str]]) -> set[str]:
    """Texts showing a date as year-month-day (editors read ngày/tháng/năm), file names aside."""
    return {text for where, text in found
            if where == "text" and ISO_DATE.search(text) and not re.search(r"\d{4}-\d{2}-\d{2}\.\w+", text)}
