"""Access-log line formats: nginx ``log_format`` or Apache ``LogFormat`` strings into one regex.

The default is the combined format both servers write out of the box. Another format is
given as the server's own configuration string (``$remote_addr … "$http_user_agent"`` or
``%h %l %u %t \\"%r\\" %>s %b …``); the fields the counts need must be in it. The regex works
on bytes: lines are decoded only where a value is kept (paths, referrer hosts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMBINED = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
            '"$http_referer" "$http_user_agent"')
COMBINED_LABEL = "combined của nginx/Apache (địa chỉ - người dùng [thời gian] \"yêu cầu\" mã byte \"nguồn\" \"trình duyệt\")"

# The fields the counts read; ``purpose`` (Sec-Purpose/Purpose header) marks prefetches when logged.
NEEDED = ("addr", "time", "request", "status", "referer", "agent")
OPTIONAL = ("purpose",)

NGINX = {
    "remote_addr": "addr", "time_local": "time", "request": "request", "status": "status",
    "http_referer": "referer", "http_user_agent": "agent", "http_sec_purpose": "purpose",
    "http_purpose": "purpose",
}
APACHE = {
    "h": "addr", "a": "addr", "t": "time", "r": "request", ">s": "status", "s": "status",
    "{referer}i": "referer", "{user-agent}i": "agent", "{sec-purpose}i": "purpose", "{purpose}i": "purpose",
}
_NGINX_VAR = re.compile(r"\$([a-z_][a-z0-9_]*)|\$\{([a-z_][a-z0-9_]*)\}")
_APACHE_VAR = re.compile(r"%(?:[<>]?)(\{[^}]*\}[a-zA-Z]|>s|<s|[a-zA-Z])")


class FormatError(ValueError):
    """A format string the counts cannot use (Vietnamese message)."""


@dataclass(frozen=True)
class LogFormat:
    text: str  # as the administrator wrote it
    regex: re.Pattern[bytes]
    groups: tuple[int, ...]  # group numbers of NEEDED, then of OPTIONAL (0: absent)

    def fields(self, raw: bytes) -> tuple[bytes, ...] | None:
        """(address, time, request, status, referrer, agent, purpose or b"") of a line, or None."""
        if self.text == COMBINED:
            return _combined(raw)
        m = self.regex.match(raw)
        if m is None:
            return None
        values = m.groups()
        return tuple(values[g - 1] if g else b"" for g in self.groups)

    @property
    def label(self) -> str:
        return COMBINED_LABEL if self.text == COMBINED else f"\"{self.text}\""


def _combined(raw: bytes) -> tuple[bytes, ...] | None:
    """The combined format by splitting at its quotes: faster than any regex in Python.
    A line with an escaped quote in a field returns None here and goes through the regex."""
    parts = raw.split(b'"')
    if len(parts) != 7 or parts[4] != b" " or parts[6].strip():
        return _COMBINED_REGEX(raw)
    head = parts[0]
    start, space = head.find(b" ["), head.find(b" ")
    status = parts[2].split()
    if start < 0 or not head.endswith(b"] ") or len(status) != 2:
        return None
    return head[:space], head[start + 2:-2], parts[1], status[0], parts[3], parts[5], b""


def _COMBINED_REGEX(raw: bytes) -> tuple[bytes, ...] | None:
    m = _COMBINED_FORMAT.regex.match(raw)
    if m is None:
        return None
    a, _, t, r, s, _, f, u = m.groups()
    return a, t, r, s, f, u, b""


def _value_pattern(before: str, after: str, field: str | None) -> str:
    """A value between quotes may hold spaces (and escaped quotes); time stops at ``]``."""
    if before.endswith('"') and after.startswith('"'):
        return r'([^"\\]*(?:\\.[^"\\]*)*)'
    if field == "time" and before.endswith("[") and after.startswith("]"):
        return r"([^\]]*)"
    return r"(\S*)"


def parse_format(text: str | None = None) -> LogFormat:
    """The regex of an nginx or Apache format string (default: combined)."""
    text = (text or COMBINED).strip()
    apache = "%" in text and "$" not in text
    text_norm = text.replace('\\"', '"')
    tokens: list[tuple[int, int, str | None]] = []  # start, end, field
    if apache:
        for m in _APACHE_VAR.finditer(text_norm):
            name = m.group(1)
            key = name.lower() if name.startswith("{") else name
            field = APACHE.get(key)
            if name == "t":  # Apache's %t writes the brackets itself
                tokens.append((m.start(), m.end(), "apache_time"))
            else:
                tokens.append((m.start(), m.end(), field))
    else:
        for m in _NGINX_VAR.finditer(text_norm):
            tokens.append((m.start(), m.end(), NGINX.get(m.group(1) or m.group(2))))
    parts, names, pos = ["^"], [], 0
    for i, (start, end, field) in enumerate(tokens):
        parts.append(re.escape(text_norm[pos:start]))
        after = text_norm[end:tokens[i + 1][0]] if i + 1 < len(tokens) else text_norm[end:]
        if field == "apache_time":
            parts.append(r"\[([^\]]*)\]")
            field = "time"
        else:
            parts.append(_value_pattern(text_norm[:start], after, field))
        names.append(field)
        pos = end
    parts.append(re.escape(text_norm[pos:]) + r"\s*$")
    missing = [f for f in NEEDED if f not in names]
    if missing:
        raise FormatError(f"Định dạng nhật ký \"{text}\" thiếu trường cần cho thống kê: {', '.join(missing)}. "
                          "Cần có: địa chỉ máy khách, thời gian, yêu cầu, mã trạng thái, nguồn dẫn (Referer), "
                          "trình duyệt (User-Agent).")
    groups = tuple(names.index(f) + 1 if f in names else 0 for f in NEEDED + OPTIONAL)
    return LogFormat(text, re.compile("".join(parts).encode()), groups)


_COMBINED_FORMAT = LogFormat("combined (regex)", parse_format(COMBINED).regex, ())
