"""Share links for an article: plain links and buttons, no third-party script.

Facebook's sharer and e-mail take the address in the link itself, so nothing is loaded
from another host before (or after) the reader clicks. Zalo documents no such link: its
share button needs Zalo's SDK script (the site's CSP allows first-party scripts only), so
readers share to Zalo through the phone's own share sheet (Web Share API, first-party
``share.js``) or copy the link ("Sao chép liên kết") and paste it into Zalo.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u="


@dataclass(frozen=True)
class ShareLinks:
    url: str  # the article's canonical address
    title: str
    facebook: str
    email: str


def share_links(url: str, title: str, summary: str) -> ShareLinks:
    """``mailto:`` per RFC 6068: every reserved character percent-encoded, CRLF line breaks."""
    body = f"{summary}\r\n\r\n{url}"
    return ShareLinks(
        url=url, title=title,
        facebook=FACEBOOK_SHARER + quote(url, safe=""),
        email=f"mailto:?subject={quote(title, safe='')}&body={quote(body, safe='')}",
    )
