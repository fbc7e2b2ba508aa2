"""The workspace's settings from mkdocs.yml, and ``/admin/`` in a public build when asked.

A public build has no ``/admin/`` unless the plugin option ``workspace`` says
``publish: true``; then the admin page goes in with the team's backend (GitLab,
Gitea or Forgejo, never the local one) and runs under its own Content-Security-Policy
(``deploy/admin-headers.json``, see guides/workspace.md).
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..workspace.admin_assets import AdminAssets, write_admin
from ..workspace.cms_config import (WorkspaceSettings, channel_names, config_yaml, gallery_folders,
                                    resolution_folders)
from ..workspace.team import team_settings
from .decap_backend import BUNDLE, node_modules
from .options import MicrositeOptions
from .settings import settings_from


def options_of(config: MkDocsConfig) -> MicrositeOptions:
    plugin = config.plugins.get("microsite")
    options = getattr(plugin, "config", None)
    assert isinstance(options, MicrositeOptions)
    return options


def base_settings(config: MkDocsConfig, site_url: str = "",
                  backend: Mapping[str, Any] | None = None) -> WorkspaceSettings:
    """The site's side of the workspace: blog folder, categories, resolution section."""
    options = options_of(config)
    settings = settings_from(config, options)
    return WorkspaceSettings(blog_dir=settings.blog_dir, categories=settings.categories,
                             channels=channel_names(settings.site), resolutions=resolution_folders(settings.site),
                             site_url=site_url, logo=site_logo(config, site_url),
                             backend=backend or {"name": "proxy"}, galleries=gallery_folders(Path(config.docs_dir)))


def site_logo(config: MkDocsConfig, site_url: str) -> str:
    """The address of the theme's logo (mkdocs.yml ``theme.logo``), served by the site itself."""
    logo = config.theme.get("logo") or ""
    if not logo or "://" in logo:
        return str(logo)
    return site_url.rstrip("/") + "/" + str(logo).lstrip("/")


def site_styles(site_dir: Path) -> list[str]:
    """The built site's stylesheets, for the CMS preview (Material's hashed names change
    with its version, so they are read from the build, not written down)."""
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("*.css"))
    return ["/" + p.relative_to(site_dir).as_posix() for p in sheets]


def publish_admin(config: MkDocsConfig, site_dir: Path) -> None:
    options = dict(options_of(config).workspace)
    if not options.get("publish"):
        return
    project = Path(config.config_file_path).resolve().parent
    ws = team_settings(base_settings(config, site_url=(config.site_url or "").rstrip("/")), options)
    assets = AdminAssets(node_modules(project) / BUNDLE, lambda: config_yaml(ws), Path(config.docs_dir),
                         lambda: site_styles(site_dir), config.site_name, status_url="")
    target = site_dir / "admin"
    shutil.rmtree(target, ignore_errors=True)
    write_admin(target, assets)
