"""The files of ``/admin/``: the page and scripts shipped with the package, the Decap
bundle from the project's npm install, and what is generated from the site (config.yml,
site.js: stylesheets for the preview, infographic names, the missing Vietnamese strings).
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable
from html import escape
from pathlib import Path

import yaml

from ..content.model import STATUS_LABELS
from .cms_config import DEFAULT_SORT
from .labels import CHART_KINDS
from .locale import vietnamese_strings

HERE = Path(__file__).resolve().parent / "admin"
STATIC = ("index.html", "guard.js", "autosave.js", "dates.js", "vietnamese.js", "workspace.js", "workspace.css")
INFOGRAPHIC_IMAGE = "/so-lieu/{id}/{id}-web.png"
Found = tuple[str, bytes]


def infographic_titles(docs_dir: Path) -> dict[str, str]:
    """Infographic id -> title, for the embed's picker and the preview's alt text."""
    titles: dict[str, str] = {}
    for path in sorted((docs_dir / "_data" / "infographics").glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            data = None
        title = data.get("title") if isinstance(data, dict) else None
        titles[path.stem] = str(title) if title else path.stem
    return titles


def site_script(styles: list[str], infographics: dict[str, str], status_url: str) -> str:
    """``site.js``: what workspace.js needs to know about this site, as one global."""
    site = {"styles": styles, "infographics": infographics, "infographicImage": INFOGRAPHIC_IMAGE,
            "statusUrl": status_url, "vi": vietnamese_strings(local_save=bool(status_url)),
            # values the lists show by key (summaries, groups): admin/vietnamese.js shows the labels
            "values": {"status": {s.value: label for s, label in STATUS_LABELS.items()}, "kind": CHART_KINDS},
            "sort": DEFAULT_SORT}
    return "window.MICROSITE_SITE = " + json.dumps(site, ensure_ascii=False) + ";\n"


class AdminAssets:
    """Look up one file under ``/admin/``; None when there is none."""

    def __init__(self, bundle_dir: Path, config: Callable[[], str], docs_dir: Path,
                 styles: Callable[[], list[str]], site_name: str, status_url: str = "/_workspace/status.json"):
        self.bundle_dir, self.config, self.docs_dir = bundle_dir, config, docs_dir
        self.styles, self.site_name, self.status_url = styles, site_name, status_url

    def get(self, rel: str) -> Found | None:
        if rel == "config.yml":
            return "text/yaml; charset=utf-8", self.config().encode("utf-8")
        if rel == "site.js":
            script = site_script(self.styles(), infographic_titles(self.docs_dir), self.status_url)
            return "application/javascript; charset=utf-8", script.encode("utf-8")
        if rel == "index.html":
            page = (HERE / rel).read_text(encoding="utf-8").replace("{{ site_name }}", escape(self.site_name))
            return "text/html; charset=utf-8", page.encode("utf-8")
        if rel in STATIC:
            return _typed(HERE / rel)
        if rel.startswith("decap/"):
            path = self.bundle_dir / rel.removeprefix("decap/")
            if path.is_file() and path.resolve().is_relative_to(self.bundle_dir.resolve()):
                return _typed(path)
        return None


def _typed(path: Path) -> Found:
    kind = "application/javascript" if path.suffix == ".js" else mimetypes.guess_type(path.name)[0]
    kind = kind or "application/octet-stream"
    if kind.startswith("text/") or kind.endswith("javascript"):
        kind += "; charset=utf-8"
    return kind, path.read_bytes()


def write_admin(target: Path, assets: AdminAssets) -> None:
    """Every file of ``/admin/`` into ``target`` (a public build that asks for it)."""
    bundle = [p.name for p in sorted(assets.bundle_dir.iterdir())
              if p.is_file() and "decap-cms" in p.name and not p.name.endswith((".map", ".txt"))]
    bundle += [p.name for p in sorted(assets.bundle_dir.glob("*.wasm"))]
    for rel in ("index.html", *STATIC[1:], "config.yml", "site.js", *(f"decap/{name}" for name in bundle)):
        found = assets.get(rel)
        assert found is not None, rel
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(found[1])
