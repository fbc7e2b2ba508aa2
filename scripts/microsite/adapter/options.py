"""The plugin's options, in one typed MkDocs ``Config`` class (as in Material's blog plugin)."""

from __future__ import annotations

from datetime import date

from typing import Any, Generic, TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

T = TypeVar("T")


class Lenient(c.BaseConfigOption[Any], Generic[T]):
    """An option typed by MkDocs, but a value MkDocs refuses is passed on as written: the
    campaign's options are checked by content/site_config.py, which says what is wrong in
    Vietnamese with mkdocs.yml's line (MkDocs' own messages have neither)."""

    def __init__(self, inner: c.BaseConfigOption[T]) -> None:
        super().__init__()
        self.inner = inner
        self.default = inner.default

    def run_validation(self, value: object) -> Any:
        try:
            return self.inner.validate(value)
        except ValidationError:
            return value
        finally:
            self.warnings.extend(self.inner.warnings)
            self.inner.reset_warnings()


class ChannelOptions(Config):
    key = c.Optional(c.Type(str))
    name = c.Optional(c.Type(str))
    short = c.Optional(c.Type(str))


class ResolutionOptions(Config):
    number = c.Optional(c.Type((str, int)))
    date = c.Optional(c.Type((str, date)))
    issuer = c.Optional(c.Type(str))
    title = c.Optional(c.Type(str))
    tag = c.Optional(c.Type(str))
    dir = c.Optional(c.Type(str))
    feed_title = c.Optional(c.Type(str))  # default: "Nghị quyết <number> – tin liên quan"


class IdentityOptions(Config):
    name = c.Optional(c.Type(str))  # default: site_name
    short = c.Optional(c.Type(str))  # default: site_name up to its first " – "
    # primary, primary_light, accent, ink, muted, track, rule, background: "#rrggbb"
    colours = c.Type(dict, default={})


class ReachOptions(Config):
    """``microsite reach`` (guides/quan-tri.md): reports from the server's access logs."""

    views = c.Type(bool, default=False)  # "Lượt xem" on articles, from the latest report
    dir = c.Type(str, default="bao-cao-truy-cap")  # reports folder (project-relative)
    domains = c.Type(dict, default={})  # channel key -> its hosts, to group the referrers


class MicrositeOptions(Config):
    blog_dir = c.Type(str, default="tin-tuc")
    categories = Lenient(c.ListOfItems(c.Type(str), default=[]))
    # -- the campaign (content/site_config.py) ------------------------------------
    publisher = Lenient(c.Optional(c.Type(str)))  # required: checked with its line
    publisher_logo = Lenient(c.Optional(c.Type(str)))  # path in docs/; default: the theme's logo
    licence = Lenient(c.Type(str, default="CC BY 4.0"))
    licence_url = Lenient(c.Type(str, default="https://creativecommons.org/licenses/by/4.0/deed.vi"))
    channels = Lenient(c.ListOfItems(c.SubConfig(ChannelOptions), default=[]))  # at least one: checked
    # Resolution sections: each entry's folder holds its pages; public articles with its tag are
    # listed on its "related news" page and in its feed (<dir>/feed.json).
    resolutions = Lenient(c.ListOfItems(c.SubConfig(ResolutionOptions), default=[]))
    identity = Lenient(c.SubConfig(IdentityOptions))
    cache_dir = c.Type(str, default=".cache/microsite")
    # Largest article or page, in KB: a larger file is refused by the check (content/limits.py).
    max_article_kb = c.Type(int, default=1024)
    # Largest video or audio file (MB) an article may embed (media/site_check.py).
    media_max_mb = c.Type(int, default=200)
    # Preview builds include unapproved articles with a banner; never for publishing.
    preview = c.Type(bool, default=False)

    # -- campaign pages (adapter/campaign.py) --------------------------------
    # Injected build time, ISO 8601 ("2023-04-01T08:00"); empty = real time or MICROSITE_NOW.
    now = c.Type(str, default="")

    # -- news boxes for partner portals (adapter/news_box.py) -------------------
    # Origins allowed to frame /nhung/... ("https://bao-doi-tac.example"); the same list goes in
    # deploy/headers.json ("embed": "partners") and deploy/embed-headers.conf.
    embed_partners = c.ListOfItems(c.Type(str), default=[])

    # -- the editors' workspace (guides/workspace.md) ------------------------------
    # A team's Decap backend: {backend: gitlab|gitea|forgejo, repo, base_url, app_id, branch,
    # api_root, publish}. Only `publish: true` puts /admin/ into the built site.
    workspace = c.Type(dict, default={})

    # -- reach from the access logs (adapter/reach.py) -----------------------------------
    reach = c.SubConfig(ReachOptions)
