"""The campaign as configuration: publisher, channels, resolution sections, identity.

Everything that makes one campaign's site differ from another's is written in the site's
``mkdocs.yml`` (options of the ``microsite`` plugin). The adapter hands the options over as
plain data; ``site_config`` checks them and returns a frozen ``SiteConfig``, or raises
``CampaignOptionError`` with Vietnamese problems naming ``mkdocs.yml``, the line and the field.
Lines come from a composed YAML parse of the file (nodes keep their marks), so they point at
what the editor wrote even when the values came through the site engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
CONFIG_NAME = "mkdocs.yml"
PLUGIN = "microsite"


@dataclass(frozen=True)
class Channel:
    """One outlet of the communication plan."""

    key: str  # value editors write in front matter (ASCII slug)
    name: str  # full Vietnamese name
    short: str  # label for tight spaces


@dataclass(frozen=True)
class Resolution:
    """A resolution section: its pages live in ``dir``; articles tagged ``tag`` are its news."""

    number: str  # as written in documents, e.g. "12-NQ/TU"
    date: date
    issuer: str
    title: str
    tag: str
    dir: str
    feed_title: str
    line: int | None = field(default=None, compare=False)  # of ``dir`` in mkdocs.yml

    @property
    def folder(self) -> str:
        return self.dir.strip("/")


@dataclass(frozen=True)
class Colours:
    """The house colours of the cards and infographics ("#rrggbb")."""

    primary: str = "#a3111a"        # marks and key numbers
    primary_light: str = "#e3a6a9"  # range extensions, secondary marks
    accent: str = "#f4c430"         # accents and target bands (never text: too light on white)
    ink: str = "#1c1c1e"            # titles and labels
    muted: str = "#55514a"          # secondary text
    track: str = "#ece5d6"          # unfilled part of bars and rings
    rule: str = "#d8cfbe"
    background: str = "#fffdf8"


COLOUR_FIELDS = tuple(Colours.__dataclass_fields__)


@dataclass(frozen=True)
class Identity:
    """What the cards and infographics print: the site's name, a short name, the colours."""

    name: str
    short: str
    colours: Colours = field(default_factory=Colours)


@dataclass(frozen=True)
class SiteConfig:
    publisher: str = ""
    publisher_logo: str = ""
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"
    categories: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    identity: Identity = field(default_factory=lambda: Identity("", ""))

    @property
    def channel_map(self) -> dict[str, Channel]:
        return {c.key: c for c in self.channels}

    def channel(self, key: str) -> Channel | None:
        return next((c for c in self.channels if c.key == key), None)

    def channel_choices(self) -> str:
        """``key (name); key (name)`` for hints."""
        return "; ".join(f"{c.key} ({c.name})" for c in self.channels)

    def resolution_for(self, src_uri: str) -> Resolution | None:
        """The resolution section a page (``docs``-relative path) belongs to, else the first."""
        for res in self.resolutions:
            if src_uri.startswith(res.folder + "/"):
                return res
        return self.resolutions[0] if self.resolutions else None


class CampaignOptionError(ValueError):
    """Bad campaign options in mkdocs.yml; ``problems`` say where, in Vietnamese."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.format())

    def format(self) -> str:
        return "Cấu hình chiến dịch có lỗi:\n" + "\n".join(p.format() for p in self.problems)


# -- lines of mkdocs.yml ---------------------------------------------------------------
class _AnyTagLoader(yaml.SafeLoader):
    """Composes any document: mkdocs.yml holds ``!!python/name:`` and ``!ENV`` tags."""


def _plugin_node(source: Path) -> tuple[yaml.Node | None, int | None]:
    """The plugin's options node and the line of its ``microsite:`` key."""
    try:
        root = yaml.compose(source.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return None, None
    plugins = _child(root, "plugins")
    holders = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for item in holders:
        node = _child(item, PLUGIN)
        if node is not None:
            return node, _key_line(item, PLUGIN)
    return None, _key_line(root, "plugins")


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _key_line(node: yaml.Node | None, key: str) -> int | None:
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if getattr(k, "value", None) == key:
                return int(k.start_mark.line) + 1
    return None


class _Lines:
    """Line of a field of the plugin's options (the key's line; a list item's first line)."""

    def __init__(self, source: Path) -> None:
        self.root, self.plugin_line = _plugin_node(source)

    def of(self, *path: str | int) -> int | None:
        """The deepest part of ``path`` written in the file: a key's line, a list item's first line."""
        node, best = self.root, self.plugin_line
        for step in path:
            line = _key_line(node, step) if isinstance(step, str) else None
            child = _child(node, step)
            if child is None:
                return line or best
            best = line or int(child.start_mark.line) + 1
            node = child
        return best


# -- checking ---------------------------------------------------------------------------
class _Checker:
    def __init__(self, source: Path, shown: str) -> None:
        self.lines = _Lines(source)
        self.shown = shown
        self.problems: list[Problem] = []

    def error(self, path: tuple[str | int, ...], message: str, hint: str) -> None:
        name = "".join(f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
        self.problems.append(Problem(self.shown, message, self.lines.of(*path), name, hint))

    def text(self, raw: Mapping[str, Any], path: tuple[str | int, ...], required: bool = True,
             default: str = "") -> str:
        value = raw.get(str(path[-1]))
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(path, f"Thiếu trường \"{path[-1]}\" (không được để trống).",
                           f"Ghi giá trị cho \"{path[-1]}\" trong mục plugins → microsite của {CONFIG_NAME}.")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.error(path, f"Trường \"{path[-1]}\" phải là một dòng chữ.", "Ghi một dòng chữ, ví dụ: Báo Tỉnh.")
            return default
        return str(value).strip()

    def items(self, raw: Any, path: tuple[str, ...], example: str) -> list[tuple[int, Mapping[str, Any]]]:
        """The list's items that are mappings, with their index; the others are reported."""
        if raw is None:
            return []
        if not isinstance(raw, Sequence) or isinstance(raw, str):
            self.error(path, f"Trường \"{path[-1]}\" phải là một danh sách.", "Ví dụ:\n      " + example)
            return []
        out: list[tuple[int, Mapping[str, Any]]] = []
        for i, item in enumerate(raw):
            if isinstance(item, Mapping):
                out.append((i, item))
            else:
                self.error((*path, i), f"Mục thứ {i + 1} của \"{path[-1]}\" phải gồm các trường (khoá: giá trị).",
                           "Ví dụ:\n      " + example)
        return out


CHANNEL_EXAMPLE = "channels:\n        - key: bao-tinh\n          name: Báo Tỉnh\n          short: Báo Tỉnh"


def _channels(ck: _Checker, raw: Any) -> tuple[Channel, ...]:
    items = ck.items(raw, ("channels",), CHANNEL_EXAMPLE)
    if not items and not any(p.field and p.field.startswith("channels") for p in ck.problems):
        ck.error(("channels",), "Chưa khai báo kênh truyền thông nào (cần ít nhất một kênh).",
                 "Ví dụ:\n      " + CHANNEL_EXAMPLE)
    out: list[Channel] = []
    seen: dict[str, int] = {}
    for i, item in items:
        key = ck.text(item, ("channels", i, "key"))
        name = ck.text(item, ("channels", i, "name"))
        short = ck.text(item, ("channels", i, "short"), required=False, default=name)
        if key and not SLUG.match(key):
            ck.error(("channels", i, "key"), f"Mã kênh \"{key}\" không hợp lệ: chỉ dùng chữ thường không dấu, "
                     "chữ số và dấu gạch ngang.", "Ví dụ: bao-tinh, dai-phat-thanh.")
        elif key in seen:
            ck.error(("channels", i, "key"), f"Mã kênh \"{key}\" bị trùng với kênh thứ {seen[key] + 1}.",
                     "Mỗi kênh một mã riêng.")
        elif key:
            seen[key] = i
        out.append(Channel(key, name, short or name))
    return tuple(out)


def _date(ck: _Checker, item: Mapping[str, Any], path: tuple[str | int, ...]) -> date:
    value = item.get("date")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = ck.text(item, path)
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if text:
        ck.error(path, f"Không đọc được ngày \"{text}\".", "Ghi ngày dạng 2019-01-24 (năm-tháng-ngày).")
    return date(1970, 1, 1)


RESOLUTION_FIELDS = ("number", "date", "issuer", "title", "tag", "dir")
RESOLUTION_EXAMPLE = ("resolutions:\n        - number: 12-NQ/TU\n          date: 2021-06-05\n"
                      "          issuer: Ban Thường vụ Tỉnh ủy\n          title: Về chuyển đổi số\n"
                      "          tag: Nghị quyết 12-NQ/TU\n          dir: nghi-quyet-12")


def _resolutions(ck: _Checker, raw: Any) -> tuple[Resolution, ...]:
    out = []
    for i, item in ck.items(raw, ("resolutions",), RESOLUTION_EXAMPLE):
        values = {f: ck.text(item, ("resolutions", i, f)) for f in RESOLUTION_FIELDS if f != "date"}
        when = _date(ck, item, ("resolutions", i, "date"))
        folder = values["dir"].strip("/")
        if folder and not all(SLUG.match(part) for part in folder.split("/")):
            ck.error(("resolutions", i, "dir"), f"Thư mục \"{values['dir']}\" không hợp lệ: chỉ dùng chữ thường "
                     "không dấu, chữ số và dấu gạch ngang.", "Ví dụ: nghi-quyet-12.")
        feed = ck.text(item, ("resolutions", i, "feed_title"), required=False,
                       default=f"Nghị quyết {values['number']} – tin liên quan")
        out.append(Resolution(values["number"], when, values["issuer"], values["title"], values["tag"],
                              folder, feed, ck.lines.of("resolutions", i, "dir")))
    return tuple(out)


def _identity(ck: _Checker, raw: Any, site_name: str) -> Identity:
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        ck.error(("identity",), "Trường \"identity\" phải gồm các trường name, short, colours.",
                 "Ví dụ:\n      identity:\n        name: Tên trang\n        short: Tên ngắn")
        raw = {}
    name = ck.text(raw, ("identity", "name"), required=False, default=site_name)
    short = ck.text(raw, ("identity", "short"), required=False, default=name.split(" – ")[0])
    colours_raw = raw.get("colours") or {}
    if not isinstance(colours_raw, Mapping):
        ck.error(("identity", "colours"), "Trường \"colours\" phải gồm các màu (primary, accent, ...).",
                 "Ví dụ:\n        colours:\n          primary: \"#a3111a\"")
        colours_raw = {}
    colours = {}
    for key, value in colours_raw.items():
        if key not in COLOUR_FIELDS:
            ck.error(("identity", "colours", str(key)), f"Không có màu tên \"{key}\".",
                     "Dùng một trong: " + ", ".join(COLOUR_FIELDS) + ".")
        elif value is None:
            ck.error(("identity", "colours", key), f"Chưa ghi màu \"{key}\".",
                     "Đặt màu trong ngoặc kép, ví dụ \"#a3111a\": không có ngoặc, YAML hiểu # là lời chú thích.")
        elif not isinstance(value, str) or not COLOUR.match(value.strip()):
            ck.error(("identity", "colours", key), f"\"{value}\" không phải là một màu.",
                     "Ghi màu dạng \"#rrggbb\" (trong ngoặc kép), ví dụ \"#a3111a\".")
        else:
            colours[key] = value.strip().lower()
    return Identity(name, short, Colours(**colours))


def site_config(options: Mapping[str, Any], source: Path, site_name: str = "",
                shown: str = CONFIG_NAME) -> SiteConfig:
    """Check the plugin's options (plain data) and build the ``SiteConfig``.

    ``source`` is the configuration file (for lines); ``site_name`` the identity's default name."""
    ck = _Checker(source, shown)
    publisher = ck.text(options, ("publisher",))
    categories = options.get("categories") or []
    if not isinstance(categories, Sequence) or isinstance(categories, str):
        ck.error(("categories",), "Trường \"categories\" phải là một danh sách chuyên mục.",
                 "Ví dụ:\n      categories:\n        - Tin tức")
        categories = []
    config = SiteConfig(
        publisher=publisher,
        publisher_logo=ck.text(options, ("publisher_logo",), required=False),
        licence=ck.text(options, ("licence",), required=False, default=SiteConfig.licence),
        licence_url=ck.text(options, ("licence_url",), required=False, default=SiteConfig.licence_url),
        categories=tuple(str(c) for c in categories),
        channels=_channels(ck, options.get("channels")),
        resolutions=_resolutions(ck, options.get("resolutions")),
        identity=_identity(ck, options.get("identity"), site_name),
    )
    if ck.problems:
        raise CampaignOptionError(ck.problems)
    return config


def plain(value: Any) -> Any:
    """MkDocs ``Config`` objects (sub-configs) as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value
