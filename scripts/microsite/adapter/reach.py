"""MkDocs glue for the reach report (``microsite.reach``): what each address of the project
is, and the articles' views shown by the next build.

Article addresses are computed the way the blog computes them (``withdrawal.post_path``),
from the same articles the build would publish; pages get their section from the menu's
top level (``nav``). The build's part is a dictionary read once (``views_for``) and one
lookup per article page: a missing or unreadable report shows nothing and costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from ..campaign.data import PLAN_FILE
from ..campaign.plan import STATE_LABELS, load_plan, plan_status
from ..campaign.related import tag_key
from ..config import SiteSettings
from ..content.articles import display_path, load_article
from ..content.clock import current_time
from ..content.frontmatter import FrontMatterError, parse
from ..content.model import Article
from ..deploy.embed import partner_origins
from ..infographics.publish import URL_DIR
from ..infographics.site_check import check_infographics
from ..reach.run import Branding, read_views
from ..reach.sitemap import HOME, PageInfo, PlanRow, SiteMap
from ..reach.stream import ReachError
from .options import MicrositeOptions
from .settings import settings_from
from .withdrawal import post_path


def reports_dir(config: MkDocsConfig, options: MicrositeOptions) -> Path:
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    folder = Path(options.reach.dir)
    return folder if folder.is_absolute() else root / folder


def views_for(config: MkDocsConfig, options: MicrositeOptions) -> dict[str, int]:
    """Article path -> views of the latest report, when the site shows them ({} otherwise)."""
    return read_views(reports_dir(config, options)) if options.reach.views else {}


def _sections(config: MkDocsConfig) -> dict[str, str]:
    """Top-level folder -> the menu's name for it."""
    out: dict[str, str] = {}
    for item in config.nav or []:
        if not isinstance(item, dict):
            continue
        for name, value in item.items():
            first = value
            while isinstance(first, list) and first:
                first = first[0]
                if isinstance(first, dict):
                    first = next(iter(first.values()), "")
            if isinstance(first, str) and "/" in first:
                out.setdefault(first.split("/", 1)[0], str(name))
    return out


def _page_title(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    body = text
    if text.startswith("---"):
        try:
            fm = parse(text)
        except FrontMatterError:
            return None
        if isinstance(fm.data.get("title"), str):
            return str(fm.data["title"])
        body = fm.body
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def _page_path(rel: str) -> str:
    stem = rel[:-3]
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        return "/" + stem[:-len("index")]
    return f"/{stem}/"


def site_map(config: MkDocsConfig, options: MicrositeOptions, settings: SiteSettings) -> SiteMap:
    site = settings.site
    now = current_time(settings.now)
    sections = _sections(config)
    resolution = site.resolutions[0] if site.resolutions else None
    res_tag = tag_key(resolution.tag) if resolution else None
    res_dir = f"/{resolution.folder}/" if resolution else None
    pages: dict[str, PageInfo] = {}
    for md in sorted(settings.docs_dir.rglob("*.md")):
        rel = md.relative_to(settings.docs_dir).as_posix()
        if rel.startswith("_") or "/_" in rel or md.is_relative_to(settings.posts_dir):
            continue
        path = _page_path(rel)
        top = path.strip("/").split("/", 1)[0]
        pages[path] = PageInfo(path, _page_title(md) or path, sections.get(top, top) if top else HOME,
                               resolution=bool(res_dir and path.startswith(res_dir)))
    infographics, _ = check_infographics(settings)
    for info in infographics:  # their pages are made by the build, not written in docs/
        path = f"/{URL_DIR}/{info.id}/"
        pages[path] = PageInfo(path, info.title, sections.get(URL_DIR, URL_DIR))
    public: list[Article] = []
    withdrawn = set()
    for md in sorted(settings.posts_dir.rglob("*.md")) if settings.posts_dir.is_dir() else []:
        article, _ = load_article(md, settings)
        if article is None:
            continue
        path = "/" + post_path(article, config, settings.blog_dir)
        if article.is_withdrawn():
            withdrawn.add(path)
        if not article.is_public(now):
            continue
        public.append(article)
        pages[path] = PageInfo(path, article.title, sections.get(settings.blog_dir, settings.blog_dir), True,
                               tuple(article.categories), tuple(article.channels),
                               bool(res_tag and res_tag in {tag_key(t) for t in article.tags}))
    paths = {id(a): "/" + post_path(a, config, settings.blog_dir) for a in public}
    plan_rows: list[PlanRow] = []
    plan_file = settings.docs_dir / "_data" / PLAN_FILE
    plan, _ = load_plan(plan_file, display_path(plan_file, settings), site.channels)
    if plan is not None:
        for status in plan_status(plan, public, now, site.channels):
            plan_rows.append(PlanRow(status.item.channel, status.item.title, status.item.due,
                                     STATE_LABELS[status.state], paths[id(status.article)] if status.article else None))
    return SiteMap(host=_host(config.site_url or ""), pages=pages, sections=sections,
                   channels={c.key: c.name for c in site.channels},
                   channel_domains=_domains(options.reach.domains, {c.key for c in site.channels}),
                   partners=tuple(_host(o) for o in partner_origins(options.embed_partners)),
                   resolution=f"Nghị quyết {resolution.number}" if resolution else "",
                   withdrawn=frozenset(withdrawn), plan=tuple(plan_rows))


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _domains(raw: Any, keys: set[str]) -> dict[str, tuple[str, ...]]:
    """``reach.domains``: channel key -> host or list of hosts; a wrong key is said in Vietnamese."""
    out: dict[str, tuple[str, ...]] = {}
    for key, hosts in (raw or {}).items():
        if key not in keys:
            raise ReachError(f"mkdocs.yml, plugins → microsite → reach.domains: kênh \"{key}\" không có trong "
                             f"channels. Dùng một trong: {', '.join(sorted(keys))}.")
        items = [hosts] if isinstance(hosts, str) else list(hosts or [])
        out[key] = tuple(_host(h if "://" in h else f"https://{h}") for h in items if isinstance(h, str) and h)
    return out


def project_reach(project_dir: Path) -> tuple[SiteMap, Branding, Path]:
    """The project's site map, the charts' branding and its reports folder."""
    from .runner import load, plugin_of

    config = load(project_dir)
    try:
        options = plugin_of(config).config
        settings = settings_from(config, options)
        identity = settings.site.identity
        return (site_map(config, options, settings), Branding(identity.name, identity.short, identity.colours),
                reports_dir(config, options))
    finally:
        config.plugins.on_shutdown()
