"""Where a published site may serve scripts from: the theme's asset folder only.

The site's CSP says ``script-src 'self'``: any script of the site's own origin runs. A CSP
cannot name a folder of its own origin without naming the host, and ``deploy/headers.json``
is the same for every host the site is served on, so the folder rule lives beside it: the
``scripts`` section of headers.json lists the path prefixes scripts are served from
(``/assets/``, and ``/admin/`` when the workspace is published), and nginx answers 404 for a
script anywhere else (``deploy/nginx.conf``, a ``location`` made by ``nginx_location``; the
browser tests' server does the same). A script that reached ``docs/`` (the check refuses
them, content/docs_files.py) would be published and never run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

SCRIPTS_KEY = "scripts"  # the part of headers.json about script folders, not a header
SCRIPT_SUFFIXES = ("js", "mjs", "cjs")


def script_prefixes(document: Mapping[str, object]) -> list[str]:
    """The path prefixes scripts may be served from (``/assets/``...)."""
    section = document.get(SCRIPTS_KEY)
    return list(section.get("only_under", [])) if isinstance(section, dict) else []


def nginx_location(prefixes: Sequence[str]) -> str:
    """The regular expression of nginx's ``location`` that refuses scripts outside ``prefixes``."""
    allowed = "|".join(re.escape(p.strip("/")) + "/" for p in prefixes)
    return rf"^/(?!{allowed}).*\.(?:{'|'.join(SCRIPT_SUFFIXES)})$"


def script_refused(path: str, prefixes: Sequence[str]) -> bool:
    """True for a request path nginx answers 404 (a script outside the allowed folders)."""
    return re.match(nginx_location(prefixes), path.split("?", 1)[0], re.IGNORECASE) is not None
