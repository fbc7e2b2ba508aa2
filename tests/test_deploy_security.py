"""The deployed site never serves a file through a link, and runs scripts only from the theme's
folders: nginx.conf says so as headers.json says, and the built site needs nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

from microsite.deploy.script_paths import nginx_location, script_prefixes, script_refused
from sitekit import ROOT

DEPLOY = ROOT / "deploy"
DOCUMENT = json.loads((DEPLOY / "headers.json").read_text("utf-8"))
CONF = (DEPLOY / "nginx.conf").read_text("utf-8")


def _directives() -> list[str]:
    return [ln.split("#")[0].strip() for ln in CONF.splitlines() if ln.split("#")[0].strip()]


def test_nginx_never_follows_a_link_below_the_release() -> None:
    assert "disable_symlinks on from=$document_root;" in _directives()
    assert not [d for d in _directives() if d.startswith("disable_symlinks off")]


def test_nginx_refuses_scripts_outside_the_folders_headers_json_names() -> None:
    prefixes = script_prefixes(DOCUMENT)
    assert prefixes == ["/assets/", "/admin/"]
    block = re.search(r"location ~\* (\S+) \{\s*return 404;\s*\}", CONF)
    assert block and block.group(1) == nginx_location(prefixes)
    assert script_refused("/tin-tuc/posts/anh/probe.js", prefixes)
    assert script_refused("/probe.MJS?x=1", prefixes)
    assert not script_refused("/assets/javascripts/search.js", prefixes)


def test_the_built_site_has_no_script_or_svg_outside_its_assets(default_site: Path) -> None:
    prefixes = script_prefixes(DOCUMENT)
    files = ["/" + p.relative_to(default_site).as_posix() for p in default_site.rglob("*") if p.is_file()]
    assert [f for f in files if f.endswith(".js")], "the theme's scripts"
    assert [f for f in files if script_refused(f, prefixes)] == []
    assert [f for f in files if f.endswith(".svg") and not f.startswith("/assets/")] == []
    assert not [p for p in default_site.rglob("*") if p.is_symlink()]
