"""The new project's ``mkdocs.yml``: the default site's theme, Markdown extensions and
plugins (``templates/mkdocs.yml``), with the campaign's names and the ``microsite``
plugin's options filled in from the answers."""

from __future__ import annotations

import json
from dataclasses import asdict
from string import Template
from typing import Any

import yaml

from ..content.site_config import Colours
from .spec import ProjectSpec

BLOG_DIR = "tin-tuc"
LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.vi")


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def plugin_options(spec: ProjectSpec) -> dict[str, Any]:
    """The ``microsite`` plugin's options for this campaign."""
    options: dict[str, Any] = {
        "blog_dir": BLOG_DIR,
        "publisher": spec.organisation,
        "licence": LICENCE[0],
        "licence_url": LICENCE[1],
        "categories": list(spec.categories),
        "channels": [{"key": c.key, "name": c.name, "short": c.short} for c in spec.channels],
        "resolutions": [],
        "identity": {
            "name": spec.title,
            "short": spec.organisation,
            "colours": asdict(Colours()),  # the house colours, to be changed here
        },
        "embed_partners": [],
    }
    if spec.resolution:
        r = spec.resolution
        options["resolutions"] = [{"number": r.number, "date": r.date, "issuer": r.issuer, "title": r.title,
                                   "tag": r.tag, "dir": r.folder, "feed_title": f"{r.tag} – tin liên quan"}]
    return options


def nav(spec: ProjectSpec) -> list[Any]:
    items: list[Any] = [
        {"Trang chủ": "index.md"},
        {"Tin tức": [f"{BLOG_DIR}/index.md", {"Thẻ": f"{BLOG_DIR}/the.md"}]},
    ]
    if spec.resolution:
        folder = spec.resolution.folder
        items.append({spec.resolution.nav_title: [f"{folder}/index.md", {"Văn bản": f"{folder}/van-ban.md"},
                                                  {"Tin liên quan": f"{folder}/tin-lien-quan.md"}]})
    items += [
        {"Số liệu – Infographic": "so-lieu/index.md"},
        {"Tiến độ": ["tien-do/index.md", {"Kế hoạch tuyên truyền": "tien-do/ke-hoach-tuyen-truyen.md"}]},
        {"Dành cho báo chí": "bao-chi/index.md"},
    ]
    return items


def _block(data: Any, indent: int) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    return "\n".join(" " * indent + line for line in text.rstrip("\n").splitlines())


def config_text(template: str, spec: ProjectSpec) -> str:
    return Template(template).substitute(
        site_name=_scalar(spec.title),
        site_description=_scalar(spec.summary),
        organisation=_scalar(spec.organisation),
        site_url=_scalar(spec.url),
        copyright=_scalar(f"© {spec.organisation}. Bài viết và infographic được phép đăng lại theo giấy phép "
                          f"{LICENCE[0]}, ghi rõ nguồn."),
        microsite_options=_block(plugin_options(spec), 6),
        nav=_block(nav(spec), 2),
    )
