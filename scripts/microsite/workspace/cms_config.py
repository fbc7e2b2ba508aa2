"""The Decap CMS configuration (``admin/config.yml``), generated from the content model.

Nothing here is a second copy of the model: fields, required flags, allowed values and
lengths come from the JSON Schemas beside the code that checks them, categories from the
site's settings, channels and resolution sections from the site's configuration, statuses from the article model, file
names from the slug rule of ``microsite new``. Labels and hints are in ``labels.py``.
The adapter fills :class:`WorkspaceSettings`; nothing here imports MkDocs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..content.site_config import SiteConfig
from ..media.gallery import CAPTIONS, photo_files
from ..text.slugs import slugify
from ..content.model import STATUS_LABELS
from . import labels
from .schema_fields import Field, SchemaFields

PACKAGE = Path(__file__).resolve().parent.parent
SCHEMAS = {
    "article": PACKAGE / "content" / "article.schema.json",
    "infographic": PACKAGE / "infographics" / "infographic.schema.json",
    "tracker": PACKAGE / "campaign" / "tracker.schema.json",
    "plan": PACKAGE / "campaign" / "plan.schema.json",
    "documents": PACKAGE / "campaign" / "documents.schema.json",
    "home": PACKAGE / "campaign" / "home.schema.json",
    "gallery": PACKAGE / "media" / "gallery.schema.json",
}
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs tokens for content/dates.py's "%Y-%m-%d %H:%M"
DATE_FORMAT = "YYYY-MM-DD"
MEDIA_FOLDER = "anh"  # beside the article, as the template of `microsite new` says (anh/ten-anh.jpg)
BACKENDS = ("proxy", "gitlab", "gitea", "forgejo")
WORKFLOW_BACKENDS = ("gitlab", "forgejo")  # Decap 3.16: Gitea and the local backend publish at once


@cache
def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMAS[name].read_text(encoding="utf-8"))
    return data


def channel_names(site: SiteConfig) -> dict[str, str]:
    """Channel key -> full name: the one place the workspace reads the site's channels."""
    return {channel.key: channel.name for channel in site.channels}


def resolution_folders(site: SiteConfig) -> tuple[tuple[str, str], ...]:
    """(folder, number) of every resolution section."""
    return tuple((res.folder, res.number) for res in site.resolutions)


@dataclass(frozen=True)
class GalleryFolder:
    """A photo story's folder as the workspace offers it: its captions file and its photos."""

    captions: str  # docs-relative path of its chu-thich.yml
    photos: tuple[str, ...]  # the folder's photo file names, in the order the story shows them


def gallery_folders(docs_dir: Path) -> tuple[GalleryFolder, ...]:
    """Every folder of docs/ with a captions file (``**`` never descends through a linked folder;
    a linked captions file and hidden or ``_`` folders are skipped): read when the workspace's
    configuration is asked for, so a new folder shows without a restart."""
    found = []
    for captions in sorted(docs_dir.rglob(CAPTIONS)):
        relative = captions.relative_to(docs_dir)
        if any(part.startswith((".", "_")) for part in relative.parts) or captions.is_symlink():
            continue
        photos = tuple(p.name for p in photo_files(captions.parent) if not p.is_symlink())
        found.append(GalleryFolder(relative.as_posix(), photos))
    return tuple(found)


@dataclass(frozen=True)
class WorkspaceSettings:
    """What the generator needs to know about the site and where the CMS saves."""

    blog_dir: str = "tin-tuc"
    categories: tuple[str, ...] = ()
    channels: Mapping[str, str] = field(default_factory=dict)  # key -> name (channel_names)
    resolutions: tuple[tuple[str, str], ...] = ()  # (folder, number) (resolution_folders)
    site_url: str = ""
    # Decap backend: {"name": "proxy", "proxy_url": ...} for `microsite serve`; a team's
    # GitLab or Gitea/Forgejo ({"name": "gitlab", "repo": ..., ...}) for a published workspace.
    backend: Mapping[str, Any] = field(default_factory=lambda: {"name": "proxy"})
    editorial_workflow: bool = False
    logo: str = ""  # the site's own logo (its address), on the login page and in the header
    galleries: tuple[GalleryFolder, ...] = ()  # photo stories' folders (gallery_folders)

    def __post_init__(self) -> None:
        name = self.backend.get("name")
        if name not in BACKENDS:
            raise ValueError(f"Không hỗ trợ backend \"{name}\" cho khu soạn bài; chọn một trong: "
                             + ", ".join(BACKENDS) + ".")
        if name != "proxy" and not self.backend.get("repo"):
            raise ValueError(f"Backend \"{name}\" cần mục repo (nhóm/kho, ví dụ ban-tuyen-giao/so-ket).")


ARTICLE_ADDRESS_ROUTE = "/_workspace/xem/"  # + file name: the preview server redirects to the article
DATE_WIDGET = "ngay-gio"  # admin/dates.js: shown and typed as ngày/tháng/năm, 24 h, in any browser
# Newest first until the editor sorts otherwise (Decap 3.16 has no default sort in its config:
# admin/workspace.js writes this where Decap keeps the editor's choice).
DEFAULT_SORT = {"articles": "date", "tien-do": "as_of"}
LIST_SUMMARY_FIELDS = ("title", "label", "name", "note")  # what a collapsed list item shows


def _datetime(fmt: str) -> Field:
    """The site's format in the file (``fmt``), ngày/tháng/năm giờ:phút in the form."""
    return {"widget": DATE_WIDGET, "format": fmt}


def shown_date(field: str, with_time: bool = True) -> str:
    """A summary template showing a date field as the editors read dates."""
    return "{{" + field + " | date('DD/MM/YYYY" + (" HH:mm" if with_time else "") + "')}}"


def summarise_lists(fields: list[Field]) -> list[Field]:
    """A collapsed list item shows its name, not its first field's key (a channel's key,
    a chart kind): each list of objects gets a summary from its first naming field."""
    for item in fields:
        parts = item.get("fields") or []
        if item.get("widget") == "list" and parts and "summary" not in item:
            names = [p["name"] for p in parts]
            found = next((n for n in LIST_SUMMARY_FIELDS if n in names), names[0])
            # never empty: Decap would show "No <key>" in English
            item["summary"] = "{{fields." + found + " | default('" + str(item.get("label", "")).replace("'", "’") + "')}}"
        summarise_lists(parts)
    return fields


def _select(values: Mapping[str, str], multiple: bool = False, **extra: Any) -> Field:
    return {"widget": "select", "multiple": multiple,
            "options": [{"label": label, "value": key} for key, label in values.items()], **extra}


def _markdown() -> Field:
    # Raw Markdown first: it saves exactly what the editor typed (admonitions, attribute
    # lists, <!-- more -->, ::infographic, ::video and ::audio lines). The rich-text mode rewrites markup.
    # "media": a ::video or ::audio line, its file, captions and poster uploaded beside (workspace.js).
    return {"widget": "markdown", "modes": ["raw", "rich_text"], "editor_components": ["infographic", "media", "image"]}


def _body(texts: Mapping[str, labels.FieldText]) -> Field:
    text = texts["body"]
    return {"name": "body", "label": text.label, "hint": text.hint, "required": True, **_markdown()}


FOCUS_PATTERN = "^(100|[1-9]?[0-9])% (100|[1-9]?[0-9])%$"  # content/article.schema.json, image.focus
FOCUS_MESSAGE = "Hai phần trăm cách nhau một dấu cách, chiều ngang trước: 50% 30%."


def article_fields(ws: WorkspaceSettings) -> list[Field]:
    statuses = {s.value: label for s, label in STATUS_LABELS.items()}
    overrides: dict[str, Field] = {
        "date": _datetime(DATETIME_FORMAT),
        "updated": _datetime(DATETIME_FORMAT),
        "updates.date": _datetime(DATETIME_FORMAT),
        "withdrawn.date": _datetime(DATETIME_FORMAT),
        "summary": {"widget": "text"},
        "categories": _select({c: c for c in ws.categories}, multiple=True, min=1) if ws.categories else {},
        "channels": _select(ws.channels, multiple=True, min=1),
        "status": _select(statuses, default="draft"),
        "reviewer": {"widget": "string", "required": False},
        "image.src": {"widget": "image", "choose_url": False},
        "image.focus": {"widget": "string", "pattern": [FOCUS_PATTERN, FOCUS_MESSAGE]},
        "video": {"widget": "file", "choose_url": False, "required": False},
    }
    schema = load_schema("article")
    fields = SchemaFields(schema, labels.ARTICLE, {k: v for k, v in overrides.items() if v}).fields()
    for item in fields:
        if item["name"] in ("image", "withdrawn", "related"):
            # Decap checks the parts of an object even when the object is optional; the
            # workspace's save hook (admin/workspace.js) asks for alt and credit once a
            # picture is chosen, and the site's check enforces the schema (a withdrawal's
            # date and reason, the related articles named).
            item["required"] = False
            for part in item.get("fields", []):
                part["required"] = False
    return [*fields, _body(labels.ARTICLE)]


def infographic_fields() -> list[Field]:
    schema = load_schema("infographic")
    defs = schema["$defs"]
    union: dict[str, Any] = {}
    for name in ("fraction", "quantity_item", "milestone"):  # the item shapes, per chart kind
        union.update(defs[name]["properties"])
    figures = {"type": "object", "properties": union}
    dates: dict[str, Field] = {  # a date alone ("2023-03-29") or a month ("2023-03") is allowed too
        "as_of": {**_datetime(DATETIME_FORMAT), "forms": ["datetime", "date"]},
        "figures.date": {**_datetime(DATE_FORMAT), "forms": ["date", "month"]},
    }
    maker = SchemaFields(schema, labels.INFOGRAPHIC, dict(dates), options={"kind": labels.CHART_KINDS,
                                                                          "style": labels.CHART_STYLES})
    overrides: dict[str, Field] = {
        **dates,
        "figures": {"widget": "list", "min": 1, "max": 6, "collapsed": False,
                    "fields": maker.fields(figures, "figures.", optional=True)},
    }
    maker.overrides = overrides
    fields = maker.fields()
    for item in fields:
        if item["name"] == "target":
            item["required"] = False  # required for the "target" kind only (the check says so)
            for part in item["fields"]:
                part["required"] = False
    return fields


def tracker_fields() -> list[Field]:
    return SchemaFields(load_schema("tracker"), labels.TRACKER, {"as_of": _datetime(DATETIME_FORMAT)},
                        options={"indicators.tasks.status": labels.TASK_STATUS}).fields()


def plan_fields(ws: WorkspaceSettings) -> list[Field]:
    return SchemaFields(load_schema("plan"), labels.PLAN,
                        {"start": _datetime(DATE_FORMAT), "items.due": _datetime(DATE_FORMAT)},
                        options={"items.channel": dict(ws.channels)}).fields()


def documents_fields() -> list[Field]:
    return SchemaFields(load_schema("documents"), labels.DOCUMENTS,
                        {"documents.date": _datetime(DATE_FORMAT)}).fields()


def home_fields() -> list[Field]:
    fields = SchemaFields(load_schema("home"), labels.HOME, {"tagline": {"widget": "text"},
                                                              "visual.src": {"widget": "image", "choose_url": False}}).fields()
    for item in fields:
        if item["name"] == "visual":  # optional: Decap would check its parts anyway (as an article's image)
            item["required"] = False
            for part in item.get("fields", []):
                part["required"] = False
    return fields


def gallery_fields(folder: GalleryFolder) -> list[Field]:
    """A captions file's form: each photo chosen among the folder's own files (no typo possible)."""
    return SchemaFields(load_schema("gallery"), labels.GALLERY, {
        "photos.file": {"widget": "select", "options": list(folder.photos)}}).fields()


def _galleries(ws: WorkspaceSettings) -> dict[str, Any]:
    """One form per photo story's folder (the captions file beside its photos)."""
    return {
        "name": "phong-su-anh", "label": "Phóng sự ảnh", "label_singular": "phóng sự ảnh",
        "description": "Mô tả, chú thích và tác giả của từng ảnh trong một thư mục phóng sự ảnh. "
                       "Ảnh hiện trong bài theo thứ tự tên tệp.",
        "delete": False,
        "editor": {"preview": False},  # the article shows the story; the form is the whole screen
        "files": [{"name": slugify(folder.captions) or "phong-su", "label": "Phóng sự ảnh: " + _shown_folder(ws, folder),
                   "file": folder.captions, "fields": gallery_fields(folder)} for folder in ws.galleries],
    }


def _shown_folder(ws: WorkspaceSettings, folder: GalleryFolder) -> str:
    """The folder as an article's ``::gallery`` line names it (relative to the articles)."""
    path = folder.captions.removesuffix("/" + CAPTIONS).removesuffix(CAPTIONS) or "docs"
    return path.removeprefix(f"{ws.blog_dir}/posts/")


def _articles(ws: WorkspaceSettings) -> dict[str, Any]:
    return {
        "name": "articles", "label": "Bài viết", "label_singular": "bài viết",
        "description": "Tin bài của trang. Bài mới là bản nháp; chuyển sang Chờ thẩm định khi viết xong.",
        "folder": f"{ws.blog_dir}/posts", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "slug": "{{slug}}", "identifier_field": "title",
        "media_folder": MEDIA_FOLDER, "public_folder": MEDIA_FOLDER,
        # status by its value: admin/vietnamese.js shows it by its label (Bản nháp, Chờ thẩm định)
        "summary": "{{title}} · {{status}} · " + shown_date("date"),
        "sortable_fields": ["date", "title", "status"],
        "view_filters": [{"label": label, "field": "status", "pattern": f"^{s.value}$"}
                         for s, label in STATUS_LABELS.items()],
        "view_groups": [{"label": "Trạng thái", "field": "status"}],
        "preview_path": _article_link(ws),
        "fields": article_fields(ws),
    }


def _article_link(ws: WorkspaceSettings) -> str:
    """Where "Xem bản hoàn chỉnh" goes. The preview server knows the published address
    (adapter/article_address.py); a team's workspace has only the template: the date as
    written (Vietnam time), not {{year}}/{{month}}/{{day}}, which Decap takes in UTC (an
    article at 03:15 would open the day before's address)."""
    if ws.backend.get("name") == "proxy":
        return ARTICLE_ADDRESS_ROUTE.lstrip("/") + "{{slug}}/"
    return ws.blog_dir + "/" + "/".join("{{fields.date | date('" + part + "')}}"
                                        for part in ("YYYY", "MM", "DD")) + "/{{slug}}/"


def _data_folder(name: str, label: str, singular: str, folder: str, fields: list[Field], **extra: Any) -> dict[str, Any]:
    return {"name": name, "label": label, "label_singular": singular, "folder": folder,
            "extension": "yml", "format": "yaml", "create": True, "fields": fields, **extra}


def collections(ws: WorkspaceSettings) -> list[dict[str, Any]]:
    articles = _articles(ws)
    campaign_files = [
        {"name": "trang-chu", "label": "Trang chủ", "file": "_data/trang-chu.yml", "fields": home_fields()},
        {"name": "ke-hoach", "label": "Kế hoạch tuyên truyền", "file": "_data/ke-hoach-tuyen-truyen.yml",
         "fields": plan_fields(ws)},
        {"name": "van-ban", "label": "Văn bản", "file": "_data/van-ban.yml", "fields": documents_fields()},
    ]
    return [
        articles,
        _data_folder("infographics", "Infographic", "infographic", "_data/infographics", infographic_fields(),
                     slug="{{slug}}", identifier_field="title", summary="{{title}} ({{kind}})"),
        _data_folder("tien-do", "Tiến độ", "bản cập nhật tiến độ", "_data/tien-do", tracker_fields(),
                     slug="{{fields.as_of | date('YYYY-MM-DD')}}", identifier_field="as_of",
                     summary="Số liệu đến " + shown_date("as_of"), sortable_fields=["as_of"]),
        {"name": "chien-dich", "label": "Kế hoạch và văn bản", "files": campaign_files},
        *([_galleries(ws)] if ws.galleries else []),
        *(_resolution_pages(i, folder, number) for i, (folder, number) in enumerate(ws.resolutions)),
    ]


def _resolution_pages(i: int, folder: str, number: str) -> dict[str, Any]:
    """The pages of one resolution section (the first keeps the collection name "nghi-quyet")."""
    return {"name": "nghi-quyet" if i == 0 else f"nghi-quyet-{i + 1}", "label": f"Trang Nghị quyết {number}",
            "label_singular": "trang", "folder": folder, "extension": "md", "format": "yaml-frontmatter",
            "create": False, "identifier_field": "title",
            "summary": "{{title | default('Trang đầu mục')}}",
            "fields": [SchemaFields({"properties": {"title": {"type": "string"}}}, labels.PAGE).fields(optional=True)[0],
                       _body(labels.PAGE)]}


def cms_config(ws: WorkspaceSettings) -> dict[str, Any]:
    """The whole Decap configuration as plain data."""
    config: dict[str, Any] = {
        "backend": dict(ws.backend),
        "locale": "vi",
        "media_folder": f"{ws.blog_dir}/posts/{MEDIA_FOLDER}",
        "public_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(ws),
    }
    for collection in config["collections"]:
        for part in [collection, *collection.get("files", [])]:
            if "fields" in part:
                summarise_lists(part["fields"])
    if ws.logo:
        config["logo"] = {"src": ws.logo, "show_in_header": True}
    if ws.site_url:
        config["site_url"] = config["display_url"] = ws.site_url
    if ws.editorial_workflow and ws.backend.get("name") in WORKFLOW_BACKENDS:
        config["publish_mode"] = "editorial_workflow"
    return config


def config_yaml(ws: WorkspaceSettings) -> str:
    """``config.yml`` for the admin page (UTF-8, keys in a reader's order)."""
    return yaml.safe_dump(cms_config(ws), allow_unicode=True, sort_keys=False, width=100)
