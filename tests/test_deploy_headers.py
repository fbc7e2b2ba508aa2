"""The security headers exist once (deploy/headers.json) and the site needs no exception to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sitekit import ROOT, html_files, soup

DEPLOY = ROOT / "deploy"
HEADERS: dict[str, str] = json.loads((DEPLOY / "headers.json").read_text("utf-8"))


def nginx_headers(text: str) -> dict[str, str]:
    return dict(re.findall(r'^add_header\s+([\w-]+)\s+"([^"]*)"\s+always;$', text, re.MULTILINE))


def test_nginx_snippet_mirrors_headers_json() -> None:
    assert nginx_headers((DEPLOY / "security-headers.conf").read_text("utf-8")) == HEADERS


def test_nginx_conf_includes_the_snippet_and_adds_no_header_of_its_own() -> None:
    conf = (DEPLOY / "nginx.conf").read_text("utf-8")
    assert "include /etc/nginx/snippets/security-headers.conf;" in conf
    directives = [ln.split("#")[0] for ln in conf.splitlines()]
    assert not any("add_header" in d for d in directives)  # a location-level add_header would silently drop the snippet's
    assert "root /srv/microsite/current;" in conf


def test_required_headers_are_there() -> None:
    csp = HEADERS["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    # No inline script, no JS eval (not even WebAssembly: search is plain JS), no other host.
    assert directives["script-src"] == "'self'"
    assert directives["style-src-elem"] == "'self'"  # no <style> element
    # Only style *attributes* may be inline (progress bars set width:NN%); they cannot run code.
    assert [d for d, v in directives.items() if "'unsafe-inline'" in v] == ["style-src-attr"]
    assert "default-src 'none'" in csp and "object-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert HEADERS["X-Content-Type-Options"] == "nosniff"
    assert HEADERS["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "Referrer-Policy" in HEADERS


def test_built_pages_have_no_inline_script_or_style(default_site: Path) -> None:
    """script-src/style-src-elem 'self' hold only if no page needs an inline script, handler or <style>."""
    for page in html_files(default_site):
        doc = soup(page)
        for script in doc.find_all("script"):
            data_only = script.get("type") in {"application/json", "application/ld+json"}
            assert script.get("src") or data_only, (page, str(script)[:120])
        assert doc.find_all("style") == [], page
        handlers = [a for t in doc.find_all(True) for a in t.attrs if a.startswith("on")]
        assert handlers == [], page
