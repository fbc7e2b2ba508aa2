"""The security headers exist once (deploy/headers.json) and the site needs no exception to them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from microsite.deploy.embed import embed_headers, embed_partners, embed_paths, site_headers
from sitekit import ROOT, html_files, soup

DEPLOY = ROOT / "deploy"
DOCUMENT = json.loads((DEPLOY / "headers.json").read_text("utf-8"))
HEADERS: dict[str, str] = site_headers(DOCUMENT)  # without its "embed" section (news boxes)


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


def _mkdocs_partners() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # no !!python tags
    options = next(p["microsite"] for p in config["plugins"] if isinstance(p, dict) and "microsite" in p)
    return sorted(options.get("embed_partners") or [])


def test_news_box_headers_agree_everywhere() -> None:
    """mkdocs.yml's embed_partners = headers.json's embed partners = nginx's /nhung/ snippet."""
    partners = embed_partners(DOCUMENT)
    assert partners == _mkdocs_partners()
    expected = embed_headers(HEADERS, partners)
    assert nginx_headers((DEPLOY / "embed-headers.conf").read_text("utf-8")) == expected
    directives = dict(d.strip().split(" ", 1) for d in expected["Content-Security-Policy"].split(";"))
    assert directives["frame-ancestors"] == (" ".join(partners) if partners else "'none'")
    assert "X-Frame-Options" not in expected
    conf = (DEPLOY / "nginx.conf").read_text("utf-8")
    for path in embed_paths(DOCUMENT):
        block = re.search(rf"location {re.escape(path)} \{{(.*?)\}}", conf, re.DOTALL)
        assert block and "include /etc/nginx/snippets/embed-headers.conf;" in block.group(1), path


def test_embed_headers_name_exactly_the_partners() -> None:
    headers = embed_headers(HEADERS, ["https://baodanang.vn", "http://127.0.0.1:8081"])
    assert "frame-ancestors https://baodanang.vn http://127.0.0.1:8081;" in headers["Content-Security-Policy"]
    assert headers["Content-Security-Policy"].count("frame-ancestors") == 1
    assert {k: v for k, v in headers.items() if k != "Content-Security-Policy"} == \
        {k: v for k, v in HEADERS.items() if k not in ("Content-Security-Policy", "X-Frame-Options")}
