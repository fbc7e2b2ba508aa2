"""What a withdrawn article (gỡ bài) still publishes: a take-down notice for partners and readers.

A withdrawn article leaves every listing, feed, sitemap and search index (it is not
public: ``Article.is_public``), but partners that imported it must learn to take it
down, and links to it must not break. So its address keeps a short notice page, its
``ninjs.json`` and its entry in the ninjs index say ``pubStatus: canceled``, and the
web server answers ``410 Gone`` with the notice (``deploy/nginx.conf`` includes the
map written here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..content.model import Article, Withdrawal
from ..text.press import datetime_line
from .entry import NINJS_NAME, SiteIdentity
from .ninjs import STANDARD

# The nginx map of withdrawn addresses, inside the site (dot folder: nginx denies it to readers).
NGINX_MAP_PATH = ".nginx/withdrawn.map"
NOTICE_TITLE = "Bài viết đã được gỡ"


@dataclass(frozen=True)
class WithdrawnPage:
    """A withdrawn article and the site-relative address it had (``tin-tuc/2023/03/29/slug/``)."""

    article: Article
    path: str

    @property
    def withdrawal(self) -> Withdrawal:
        assert self.article.withdrawn is not None
        return self.article.withdrawn

    @property
    def when(self) -> str:
        """``14:00, Thứ Hai, ngày 10-4-2023``."""
        return datetime_line(self.withdrawal.date)


def canceled_ninjs(page: WithdrawnPage, identity: SiteIdentity) -> dict[str, Any]:
    """The article's ninjs document once withdrawn: same ``uri``, a new version, canceled."""
    article = page.article
    notice = f"{NOTICE_TITLE} lúc {page.when}. Lý do: {page.withdrawal.reason}"
    return {
        "standard": dict(STANDARD),
        "uri": identity.absolute(page.path),
        "type": "text",
        "representationType": "partial",
        "version": str(2 + len(article.updates)),
        "firstCreated": article.date.isoformat(timespec="seconds"),
        "versionCreated": page.withdrawal.date.isoformat(timespec="seconds"),
        "pubStatus": "canceled",
        "language": identity.language,
        "title": article.title,
        "slugline": article.slug,
        "headlines": [{"role": "main", "value": article.title}],
        "descriptions": [{"role": "withdrawal", "contentType": "text/plain", "value": notice}],
        "edNote": f"Đề nghị các cơ quan đã đăng lại bài này gỡ bài. {notice}",
        "infoSources": [{"name": identity.publisher, "role": "publisher", "uri": identity.url}],
        "renditions": [{"name": "notice", "href": identity.absolute(page.path), "contentType": "text/html",
                        "title": NOTICE_TITLE}],
    }


def ninjs_path(page: WithdrawnPage) -> str:
    return page.path + NINJS_NAME


def nginx_map(pages: Iterable[WithdrawnPage]) -> str:
    """Entries for an nginx ``map $uri``: the page's address in its three spellings -> 1.

    Only the page itself is gone; its ``ninjs.json`` stays readable (200) for partners."""
    lines = ["# Written by `microsite build`: addresses of withdrawn articles (410 Gone)."]
    for page in sorted(pages, key=lambda p: p.path):
        base = "/" + page.path.strip("/")
        lines += [f'"{base}" 1;', f'"{base}/" 1;', f'"{base}/index.html" 1;']
    return "\n".join(lines) + "\n"
