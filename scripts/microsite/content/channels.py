"""The outlets of the communication plan: configured per site (``channels`` in mkdocs.yml).

``Channel`` lives in ``site_config``; this name is kept for the modules that import it here."""

from __future__ import annotations

from .site_config import Channel

__all__ = ["Channel"]
