"""The package's theme (``microsite/theme/``: templates, styles, scripts, default logo) on
Material's template path, right after the project's ``custom_dir``.

MkDocs' ``Theme`` searches ``theme.dirs`` in order for every template and static file
(``custom_dir``, then Material's ``templates``, then MkDocs' own); a project's
``overrides/`` therefore still replaces any file of the package theme, and a project
without one needs no copy of it. Idempotent: the CLI loads the configuration for its
check before MkDocs' ``on_config``, and ``microsite serve`` loads it for every rebuild.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"

# Material's templates the package theme carries a changed copy of (each marked "microsite:"
# where it differs), declared with their upstream fingerprints in accel/catalogue.py
# ("valid_markup", "translations", "photo_markup"): a new Material means comparing them again.
COPIED_TEMPLATES = ("base.html", "partials/nav-item.html", "partials/toc.html", "partials/language.html",
                    "partials/post.html")


def use_package_theme(config: MkDocsConfig) -> None:
    dirs = config.theme.dirs
    theme = str(THEME_DIR)
    if theme in dirs:
        return
    dirs.insert(1 if config.theme.custom_dir else 0, theme)
