"""Response headers of the news boxes partners embed (``/nhung/``): framing by partners only.

Every other page may be framed by the site itself only (``frame-ancestors 'self'``,
``X-Frame-Options: SAMEORIGIN``). A news box must be framed by the partner portals
listed in the configuration (plugin option ``embed_partners``) and by nobody else, so
its headers are the site's with ``frame-ancestors`` set to exactly those origins
(``'none'`` when there are none) and without ``X-Frame-Options``, which cannot name
another origin (and would otherwise refuse every partner). ``deploy/headers.json``
records the partners under ``embed``; ``deploy/embed-headers.conf`` mirrors the result
for nginx (tests/test_deploy_headers.py checks the three agree with ``mkdocs.yml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

EMBED_KEY = "embed"  # the part of headers.json about the news boxes, not a header
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")


class OriginError(ValueError):
    """A configured partner is not an origin; the message is for the editor."""


def partner_origins(values: Iterable[object]) -> list[str]:
    """``https://bao-doi-tac.example`` style origins (scheme, host, optional port; no path)."""
    out = []
    for value in values:
        text = str(value).strip().rstrip("/").lower()
        if not _ORIGIN.match(text):
            raise OriginError(
                f"embed_partners: \"{value}\" không phải là địa chỉ gốc của một trang (origin). "
                "Ghi dạng https://ten-mien.vn, không có đường dẫn phía sau.")
        out.append(text)
    return sorted(set(out))


def site_headers(document: Mapping[str, object]) -> dict[str, str]:
    """The headers every response gets: headers.json without its sections (``embed``, ``scripts``)."""
    return {k: str(v) for k, v in document.items() if k != EMBED_KEY and not isinstance(v, dict)}


def embed_paths(document: Mapping[str, object]) -> list[str]:
    section = document.get(EMBED_KEY)
    return list(section.get("paths", [])) if isinstance(section, dict) else []


def embed_partners(document: Mapping[str, object]) -> list[str]:
    section = document.get(EMBED_KEY)
    return partner_origins(section.get("partners", [])) if isinstance(section, dict) else []


def embed_headers(base: Mapping[str, str], partners: Sequence[str]) -> dict[str, str]:
    """``base`` with ``frame-ancestors`` naming exactly ``partners`` and no X-Frame-Options."""
    ancestors = " ".join(partners) if partners else "'none'"
    directives = [d.strip() for d in base["Content-Security-Policy"].split(";") if d.strip()]
    csp = "; ".join(f"frame-ancestors {ancestors}" if d.split(" ", 1)[0] == "frame-ancestors" else d
                    for d in directives)
    headers = {k: v for k, v in base.items() if k != "X-Frame-Options"}
    headers["Content-Security-Policy"] = csp
    return headers


def nginx_snippet(headers: Mapping[str, str]) -> str:
    """``add_header`` lines, as in deploy/security-headers.conf."""
    return "".join(f'add_header {name} "{value}" always;\n' for name, value in headers.items())
