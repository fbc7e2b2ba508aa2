"""The campaign front page, made from content: key visual, "Tiêu điểm", latest news, an
infographic strip, the key figures of the latest progress snapshot, the resolution block and
the channels.

Editors arrange it in ``docs/_data/trang-chu.yml`` (title, one line, how many stories of each
kind, which blocks show); the home page holds the marker ``<!-- microsite:trang-chu -->``.
The figures are the tracker's (``tracker.Snapshot``), never typed again. Everything the page
links to comes in as plain data with its URL already relative to the page (the adapter knows
URLs); the result is one HTML string, so nothing here knows the site engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from ..content.datafile import DataFile, read_data_file, validator
from ..content.model import Article
from ..content.problems import Problem
from ..content.site_config import Channel, Resolution
from ..text.press import as_of, number, percent, short_date
from ..validation.images import oversize_problem
from .tracker import Indicator, Snapshot

HOME_FILE = "trang-chu.yml"
MARKER = "trang-chu"


@dataclass(frozen=True)
class HomeConfig:
    """What ``docs/_data/trang-chu.yml`` says; the counts' defaults are the default site's."""

    title: str
    tagline: str
    featured: int = 3
    latest: int = 6
    infographics: int = 4
    figures: bool = True
    resolution: bool = True
    channels: bool = True
    visual: str | None = None  # the key visual's photo, a path inside docs/ (optional)
    visual_alt: str = ""


def _visual_problems(doc: DataFile, src: str, docs_dir: Path) -> list[Problem]:
    target = (docs_dir / src.lstrip("/")).resolve()
    if not target.is_relative_to(docs_dir.resolve()) or not target.is_file():
        return [doc.problem(("visual", "src"), f"Không tìm thấy ảnh nền \"{src}\" trong thư mục docs.",
                            "Ghi đường dẫn tính từ thư mục docs, ví dụ assets/anh-nen.jpg.")]
    heavy = oversize_problem(target, doc.shown, doc.line_of("visual", "src"), "visual.src", src)
    return [heavy] if heavy else []


def load_home(path: Path, shown: str, docs_dir: Path) -> tuple[HomeConfig | None, list[Problem]]:
    """The front page's settings (absent file: None, no problem: the marker then says so)."""
    if not path.is_file():
        return None, []
    doc, problems = read_data_file(path, shown, validator(__package__, "home.schema.json"))
    if doc is None:
        return None, problems
    data = doc.data
    fields = {k: data[k] for k in ("featured", "latest", "infographics", "figures", "resolution", "channels")
              if k in data}
    visual = data.get("visual")
    if visual:
        problems = _visual_problems(doc, str(visual["src"]), docs_dir)
        if problems:
            return None, problems
        fields |= {"visual": str(visual["src"]).lstrip("/"), "visual_alt": " ".join(visual["alt"].split())}
    return HomeConfig(" ".join(data["title"].split()), " ".join(data["tagline"].split()), **fields), problems


@dataclass(frozen=True)
class Story:
    """One public article as a card: its URL relative to the page and its picture's markup
    (the photos pipeline's 16:9 box: the lead photo, else the social card; "" for none)."""

    article: Article
    url: str
    picture: str = ""


@dataclass(frozen=True)
class ResolutionBlock:
    resolution: Resolution
    url: str  # the section's page, relative to the front page
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class ChannelLink:
    channel: Channel
    feed: str  # the channel's RSS feed, relative to the front page
    count: int  # public articles on the channel


@dataclass(frozen=True)
class HomeContent:
    """Everything the front page shows, chosen by ``choose`` from the site's content."""

    config: HomeConfig
    featured: tuple[Story, ...]
    latest: tuple[Story, ...]
    infographics: str  # the strip's HTML (the infographics adapter makes it)
    snapshot: Snapshot | None
    tracker_url: str
    resolutions: tuple[ResolutionBlock, ...]
    channels: tuple[ChannelLink, ...]
    visual: str = ""  # the key visual's <picture> (photos pipeline), "" for the designed banner


def newest_first(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)


def featured_and_latest(config: HomeConfig, public: Sequence[Article]) -> tuple[list[Article], list[Article]]:
    """"Tiêu điểm": the newest pinned stories (``pin: true``), or the newest stories when none
    is pinned; the latest news: the newest of the others, so no story shows twice."""
    ordered = newest_first(public)
    pinned = [a for a in ordered if a.pin] or ordered
    featured = pinned[: config.featured]
    rest = [a for a in ordered if a not in featured]
    return featured, rest[: config.latest]


# -- HTML ------------------------------------------------------------------------------
def _picture(markup: str, article: Article) -> str:
    """The picture, or a designed placeholder in the same box (no layout shift, no bytes):
    the campaign's colours and the story's section."""
    if markup:
        return markup
    section = escape(article.categories[0]) if article.categories else ""
    return f'<div class="ms-thumb ms-thumb--none" aria-hidden="true"><span>{section}</span></div>'


def _story(story: Story, summary: bool = True) -> str:
    art = story.article
    text = f'<p class="ms-card__summary">{escape(art.summary)}</p>' if summary else ""
    return (f'<li class="ms-card">{_picture(story.picture, art)}'
            f'<h3 class="ms-card__title"><a href="{escape(story.url)}">{escape(art.title)}</a></h3>'
            f'<p class="ms-card__date"><time datetime="{art.date.isoformat()}">{short_date(art.date)}</time></p>'
            f"{text}</li>")


def _section(key: str, title: str, body: str, more: tuple[str, str] | None = None) -> str:
    link = f'<p class="ms-home__more"><a href="{escape(more[0])}">{escape(more[1])}</a></p>' if more else ""
    return (f'<section class="ms-home__block ms-home__{key}" aria-labelledby="trang-chu-{key}">'
            f'<h2 id="trang-chu-{key}">{escape(title)}</h2>{body}{link}</section>')


def key_figures(snapshot: Snapshot) -> list[tuple[str, str, str | None]]:
    """(figure, label, share) of every indicator, as the tracker page prints them."""
    out = []
    for ind in snapshot.indicators:
        out.append((_figure(ind), ind.label, percent(ind.ratio * 100) if ind.ratio is not None else None))
    return out


def _figure(ind: Indicator) -> str:
    if ind.done is None:
        return number(ind.total)
    return f"{number(ind.done)}/{number(ind.total)}"


def _figures_html(snapshot: Snapshot) -> str:
    items = []
    for figure, label, share in key_figures(snapshot):
        extra = f'<span class="ms-figure__share">{share}</span>' if share else ""
        items.append(f'<li class="ms-figure"><span class="ms-figure__value">{escape(figure)}</span>{extra}'
                     f'<span class="ms-figure__label">{escape(label)}</span></li>')
    return (f'<p class="ms-asof">Số liệu tính đến <strong>{as_of(snapshot.as_of)}</strong>.</p>'
            f'<ul class="ms-figures">{"".join(items)}</ul>')


def _resolution_html(block: ResolutionBlock) -> str:
    res = block.resolution
    stories = "".join(f'<li><a href="{escape(s.url)}">{escape(s.article.title)}</a> '
                      f'<time datetime="{s.article.date.isoformat()}">{short_date(s.article.date)}</time></li>'
                      for s in block.stories)
    listing = f'<ul class="ms-home__list">{stories}</ul>' if stories else ""
    return (f'<p class="ms-home__resolution"><strong>Nghị quyết số {escape(res.number)}</strong> ngày '
            f"{short_date(res.date)} của {escape(res.issuer)} {escape(res.title[:1].lower() + res.title[1:])}.</p>"
            f"{listing}")


def _channels_html(links: Sequence[ChannelLink]) -> str:
    items = "".join(f'<li><strong>{escape(c.channel.name)}</strong> <span>{number(c.count)} bài</span> '
                    f'<a href="{escape(c.feed)}">RSS<span class="ms-visually-hidden"> của {escape(c.channel.short)}'
                    "</span></a></li>" for c in links)
    return f'<ul class="ms-home-channels">{items}</ul>'


def home_html(content: HomeContent, links: Callable[[str], str]) -> str:
    """The whole front page block; ``links(path)`` makes a site path relative to the page."""
    cfg = content.config
    photo = " ms-keyvisual--photo" if content.visual else ""
    parts = [f'<div class="ms-home"><header class="ms-keyvisual{photo}">{content.visual}'
             f'<div class="ms-keyvisual__text"><h1>{escape(cfg.title)}</h1>'
             f'<p class="ms-keyvisual__line">{escape(cfg.tagline)}</p></div></header>']
    if content.featured:
        cards = "".join(_story(s, summary=i == 0) for i, s in enumerate(content.featured))  # the lead story's
        parts.append(_section("tieu-diem", "Tiêu điểm", f'<ul class="ms-cards ms-cards--featured">{cards}</ul>'))
    if content.latest:
        cards = "".join(_story(s, summary=False) for s in content.latest)
        parts.append(_section("tin-moi", "Tin mới", f'<ul class="ms-cards">{cards}</ul>',
                              (links("tin-tuc/"), "Tất cả tin bài")))
    if content.infographics:
        parts.append(_section("infographic", "Infographic", content.infographics,
                              (links("so-lieu/"), "Tất cả infographic")))
    if cfg.figures and content.snapshot:
        parts.append(_section("so-lieu", "Số liệu tiến độ", _figures_html(content.snapshot),
                              (content.tracker_url, "Xem chi tiết tiến độ")))
    for i, block in enumerate(content.resolutions):
        parts.append(_section("nghi-quyet" + (f"-{i + 1}" if i else ""), f"Nghị quyết {block.resolution.number}",
                              _resolution_html(block), (block.url, f"Chuyên mục Nghị quyết {block.resolution.number}")))
    if content.channels:
        parts.append(_section("kenh", "Kênh thông tin", _channels_html(content.channels)))
    parts.append("</div>")
    return "".join(parts)


def public_on_channel(articles: Sequence[Article], channel: Channel, now: datetime) -> int:
    return sum(1 for a in articles if a.is_public(now) and channel.key in a.channels)
