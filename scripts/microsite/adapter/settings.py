"""Translate MkDocs configuration into the core's ``SiteSettings``."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..config import MarkdownSetup, SiteSettings
from ..content.site_config import SiteConfig, plain, site_config
from .campaign import clock_option
from .options import MicrositeOptions
from .page_patch import blog_of


def settings_from(config: MkDocsConfig, options: MicrositeOptions) -> SiteSettings:
    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    cache = Path(options.cache_dir)
    site = campaign_config(config, options)
    return SiteSettings.from_options(
        Path(config.docs_dir),
        {
            "site_name": config.site_name,
            "site_url": config.site_url or "",
            "blog_dir": options.blog_dir,
            "categories": site.categories,
            "publisher": site.publisher,
            "licence": site.licence,
            "licence_url": site.licence_url,
            "site": site,
            "cache_dir": cache if cache.is_absolute() else root / cache,
            "now": clock_option(options.now),
            "markdown": markdown_setup(config),
            "theme_dirs": [Path(d) for d in config.theme.dirs],
            "max_article_kb": options.max_article_kb,
            "media_max_mb": options.media_max_mb,
            "lead_separator": required_lead_separator(config),
        },
    )


def required_lead_separator(config: MkDocsConfig) -> str:
    """The excerpt separator when the blog requires one in every post (else ""): the check
    asks for it, so the build never stops on it."""
    blog = blog_of(config)
    if blog is None or blog.config.post_excerpt != "required":
        return ""
    return str(blog.config.post_excerpt_separator)


def campaign_config(config: MkDocsConfig, options: MicrositeOptions) -> SiteConfig:
    """The plugin's campaign options, checked; raises ``CampaignOptionError`` (Vietnamese, with
    the line in mkdocs.yml)."""
    source = Path(config.config_file_path) if config.config_file_path else Path("mkdocs.yml")
    return site_config(plain(dict(options)), source, config.site_name or "", shown=source.name)


def markdown_setup(config: MkDocsConfig) -> MarkdownSetup:
    """mkdocs.yml ``markdown_extensions`` (after MkDocs' built-ins ``toc``, ``tables``,
    ``fenced_code``) as names and options. Extension objects plugins append (ours among
    them, once ``on_config`` has run) are not configuration: the check adds its own."""
    names = tuple(ext for ext in config.markdown_extensions if isinstance(ext, str))
    configs = config.mdx_configs or {}
    return MarkdownSetup(names, {name: dict(configs[name]) for name in names if name in configs})
