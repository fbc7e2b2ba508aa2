"""The plugin's options, in one typed MkDocs ``Config`` class (as in Material's blog plugin)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class MicrositeOptions(Config):
    blog_dir = c.Type(str, default="tin-tuc")
    categories = c.ListOfItems(c.Type(str), default=[])
    publisher = c.Type(str, default="Ban Tuyên giáo Thành ủy Đà Nẵng")
    licence = c.Type(str, default="CC BY 4.0")
    licence_url = c.Type(str, default="https://creativecommons.org/licenses/by/4.0/deed.vi")
    cache_dir = c.Type(str, default=".cache/microsite")
    # Preview builds include unapproved articles with a banner; never for publishing.
    preview = c.Type(bool, default=False)
