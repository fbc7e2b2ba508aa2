"""Reuse kit for one infographic: embed snippet, renditions, CSV, citations, licence.

Works on the catalogue item format of the infographics catalogue (a plain dict):
``{"id","title","alt","as_of","source","data","page","renditions":[{"channel","url","width","height"}]}``
so the infographic builder and this module only share that shape.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from datetime import date, datetime
from collections.abc import Mapping
from typing import Any

from ..text.press import TIMEZONE, as_of as press_as_of, short_date
from .entry import SiteIdentity
from .licence import licence_summary, reuse_rules

CHANNEL_LABELS = {
    "web": "Bản cho web",
    "square": "Bản vuông cho mạng xã hội",
    "tv": "Bản cho truyền hình (16:9)",
    "print": "Bản in (độ phân giải cao)",
}
CHANNEL_ORDER = ("web", "square", "tv", "print")


@dataclass(frozen=True)
class InfographicRendition:
    channel: str
    url: str
    width: int
    height: int

    @property
    def label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def media_type(self) -> str:
        lower = self.url.lower()
        if lower.endswith(".svg"):
            return "image/svg+xml"
        if lower.endswith((".jpg", ".jpeg")):
            return "image/jpeg"
        if lower.endswith(".pdf"):
            return "application/pdf"
        return "image/png"


@dataclass(frozen=True)
class Infographic:
    id: str
    title: str
    alt: str
    as_of: str  # as written in the catalogue: an ISO date or date-time
    source: str
    data: str  # CSV URL
    page: str  # URL of the infographic's page
    renditions: tuple[InfographicRendition, ...]

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> Infographic:
        renditions = tuple(sorted(
            (InfographicRendition(str(r["channel"]), str(r["url"]), int(r["width"]), int(r["height"]))
             for r in item["renditions"]),
            key=lambda r: (CHANNEL_ORDER.index(r.channel) if r.channel in CHANNEL_ORDER else 99, r.url)))
        return cls(str(item["id"]), str(item["title"]), str(item["alt"]), str(item["as_of"]),
                   str(item["source"]), str(item["data"]), str(item["page"]), renditions)

    @property
    def as_of_datetime(self) -> datetime:
        value = datetime.fromisoformat(self.as_of)
        return value if value.tzinfo else value.replace(tzinfo=TIMEZONE)

    @property
    def as_of_text(self) -> str:
        """``17 giờ ngày 27-3-2023`` when a time was given, else ``27-3-2023``."""
        if "T" in self.as_of or " " in self.as_of:
            return press_as_of(self.as_of_datetime)
        return short_date(date.fromisoformat(self.as_of[:10]))

    def rendition(self, channel: str) -> InfographicRendition | None:
        return next((r for r in self.renditions if r.channel == channel), None)

    @property
    def primary(self) -> InfographicRendition:
        """The web rendition, or the first one there is."""
        return self.rendition("web") or self.renditions[0]


def citation_short(info: Infographic, identity: SiteIdentity) -> str:
    """For captions: ``Đồ họa: Ban Tuyên giáo Tỉnh ủy; số liệu tính đến 27-3-2023.``"""
    return f"Đồ họa: {identity.publisher}; số liệu tính đến {info.as_of_text}."


def citation_long(info: Infographic, identity: SiteIdentity) -> str:
    """For reports and articles: publisher, title, date of figures, data source, link, licence."""
    return (f"{identity.publisher}, \u201c{info.title}\u201d, infographic, số liệu tính đến "
            f"{info.as_of_text}. Nguồn số liệu: {info.source}. Trang \u201c{identity.name}\u201d, "
            f"{info.page}. Giấy phép {identity.licence}.")


def embed_snippet(info: Infographic, identity: SiteIdentity) -> str:
    """HTML a partner pastes into its page: the web rendition linked to our page, with credit."""
    r = info.primary
    e = html_lib.escape
    return (f'<figure><a href="{e(info.page)}"><img src="{e(r.url)}" alt="{e(info.alt)}" '
            f'width="{r.width}" height="{r.height}" loading="lazy"></a>'
            f"<figcaption>{e(info.title)}. {e(citation_short(info, identity))} "
            f"Nguồn số liệu: {e(info.source)}.</figcaption></figure>")


@dataclass(frozen=True)
class InfographicReuse:
    """Everything the infographic's republish box shows."""

    embed: str
    renditions: tuple[InfographicRendition, ...]
    csv_url: str
    citation_short: str
    citation_long: str
    licence: str
    rules: tuple[str, ...]


def reuse_kit(info: Infographic, identity: SiteIdentity) -> InfographicReuse:
    return InfographicReuse(
        embed=embed_snippet(info, identity),
        renditions=info.renditions,
        csv_url=info.data,
        citation_short=citation_short(info, identity),
        citation_long=citation_long(info, identity),
        licence=licence_summary(identity),
        rules=tuple(reuse_rules(identity)),
    )
