"""Cache lifetimes in deploy/nginx.conf, applied to the files the default site really has.

nginx picks a location by its documented rules (longest matching prefix, then the first
matching regular expression unless the prefix is ``^~``); this test applies those rules to
the ``location`` blocks of the HTTPS server and checks what each asset would get: long
caching only for names that change with their content, so a returning reader never runs a
stale first-party script (the search engine against a newer index, say).
"""

from __future__ import annotations

import re
from pathlib import Path

from sitekit import ROOT

CONF = (ROOT / "deploy" / "nginx.conf").read_text("utf-8")
LOCATION = re.compile(r"^\s*location\s+(?:(~\*?|\^~|=)\s+)?(\S+)\s*\{(.*?)^\s*\}", re.MULTILINE | re.DOTALL)
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")


def locations() -> list[tuple[str, str, str | None]]:
    """(modifier, pattern, expires) of every location, in file order."""
    out = []
    for mod, pattern, body in LOCATION.findall(CONF):
        expires = re.search(r"^\s*expires\s+(\S+);", body, re.MULTILINE)
        out.append((mod, pattern, expires.group(1) if expires else None))
    return out


def expires_for(uri: str) -> str | None:
    """The ``expires`` of the location nginx would choose for ``uri``."""
    blocks = locations()
    prefixes = [(p, e, m) for m, p, e in blocks if m in ("", "^~") and uri.startswith(p)]
    best = max(prefixes, key=lambda b: len(b[0]), default=None)
    if best and best[2] == "^~":
        return best[1]
    for mod, pattern, expires in blocks:
        if mod in ("~", "~*") and re.search(pattern, uri, re.IGNORECASE if mod == "~*" else 0):
            return expires
    return best[1] if best else None


def site_assets(site: Path) -> list[str]:
    return ["/" + p.relative_to(site).as_posix() for p in sorted((site / "assets").rglob("*"))
            if p.is_file() and p.suffix in {".js", ".css", ".woff2"}]


def test_long_cache_only_for_names_that_change_with_content(default_site: Path) -> None:
    assets = site_assets(default_site)
    ours = [a for a in assets if a.rsplit("/", 1)[-1] in {"search.js", "search-engine.js", "microsite.css",
                                                          "republish.js", "microsite-on-demand.js"}]
    assert len(ours) == 5, assets
    for uri in assets:
        hashed = bool(HASHED.search(uri)) or uri.startswith("/assets/fonts/")
        assert expires_for(uri) == ("7d" if hashed else "10m"), uri
    assert expires_for("/search-index/meta.json") == "10m"
    assert expires_for("/tin-tuc/") == "10m"
    assert any(HASHED.search(a) for a in assets), "Material's hashed bundle is among the assets"
