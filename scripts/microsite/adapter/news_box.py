"""MkDocs glue for the partners' news boxes (``syndication.newsbox``): the pages under
``nhung/``, and the ``<!-- microsite:hop-tin -->`` block of the press page listing each
box with the ``<iframe>`` snippet to paste."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from .engine_errors import WordedError
from mkdocs.utils import get_relative_url

from ..deploy.embed import OriginError, partner_origins
from ..syndication.newsbox import NewsBox, embed_snippet, news_boxes
from .standalone import write_page
from .syndication import BoxItem, SyndicationAdapter

BOX_TEMPLATE = "partials/news-box.html"


def configured_partners(values: list[str]) -> list[str]:
    try:
        return partner_origins(values)
    except OriginError as exc:
        raise WordedError(str(exc)) from None


def write_news_boxes(site_dir: Path, config: MkDocsConfig, boxes: list[tuple[NewsBox, list[BoxItem]]],
                     news_dir: str) -> None:
    for box, items in boxes:
        write_page(site_dir, config, BOX_TEMPLATE, box.path, box=box, items=items,
                   more=box.spec.page_path or news_dir.strip("/") + "/")


def press_block(syndication: SyndicationAdapter, page_url: str) -> str:
    """Markdown for the press page: each box, a link to it and its snippet."""
    lines = ["Các trang đối tác có thể nhúng hộp tin mới nhất của trang này (không dùng JavaScript, "
             "liên kết mở bài trong thẻ mới). Chép đoạn mã dưới đây vào trang; chỉ các trang đối tác "
             "đã đăng ký mới hiển thị được hộp tin.", ""]
    for box in news_boxes(syndication.specs, syndication.identity):
        lines += [f"**{box.title}** ([xem hộp tin]({get_relative_url(box.path, page_url)}))", "",
                  "```text", embed_snippet(box, syndication.identity), "```", ""]
    return "\n".join(lines)
