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
    # Campaign identity written by `microsite init` (project/config_file.py); typed here so
    # MkDocs accepts them: channels [{key, name, short}], resolutions [{number, date, issuer,
    # title, tag, dir, feed_title}], identity {name, short, colours: {...}}.
    publisher_logo = c.Optional(c.Type(str))
    channels = c.ListOfItems(c.Type(dict), default=[])
    resolutions = c.ListOfItems(c.Type(dict), default=[])
    identity = c.Type(dict, default={})
    cache_dir = c.Type(str, default=".cache/microsite")
    # Preview builds include unapproved articles with a banner; never for publishing.
    preview = c.Type(bool, default=False)

    # -- campaign pages (adapter/campaign.py) --------------------------------
    # Injected build time, ISO 8601 ("2023-04-01T08:00"); empty = real time or MICROSITE_NOW.
    now = c.Type(str, default="")
    # Public articles with this tag are listed on the resolution section's "related news" page
    # and in its feed (<resolution_dir>/feed.json).
    resolution_tag = c.Type(str, default="Nghị quyết 43-NQ/TW")
    resolution_dir = c.Type(str, default="nghi-quyet-43")
    resolution_feed_title = c.Type(str, default="Nghị quyết 43-NQ/TW – tin liên quan")

    # -- news boxes for partner portals (adapter/news_box.py) -------------------
    # Origins allowed to frame /nhung/... ("https://baodanang.vn"); the same list goes in
    # deploy/headers.json ("embed": "partners") and deploy/embed-headers.conf.
    embed_partners = c.ListOfItems(c.Type(str), default=[])

    # -- the editors' workspace (guides/workspace.md) ------------------------------
    # A team's Decap backend: {backend: gitlab|gitea|forgejo, repo, base_url, app_id, branch,
    # api_root, publish}. Only `publish: true` puts /admin/ into the built site.
    workspace = c.Type(dict, default={})
