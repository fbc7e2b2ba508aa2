"""Where readers came from: a referrer's host grouped by channel, partner, search engine.

The channels' and partners' hosts come from the site's configuration; search engines and
social networks are a closed list here (the hosts Vietnamese readers arrive from).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEARCH_ENGINES = {
    "google": "Google", "bing.com": "Bing", "coccoc.com": "Cốc Cốc", "yahoo.com": "Yahoo",
    "duckduckgo.com": "DuckDuckGo", "yandex": "Yandex", "baidu.com": "Baidu", "ecosia.org": "Ecosia",
}
SOCIAL = {
    "facebook.com": "Facebook", "fb.com": "Facebook", "zalo.me": "Zalo", "t.co": "X (Twitter)",
    "x.com": "X (Twitter)", "youtube.com": "YouTube", "tiktok.com": "TikTok", "linkedin.com": "LinkedIn",
}


class Group:
    CHANNEL = "Kênh truyền thông"
    PARTNER = "Trang đối tác"
    SEARCH = "Công cụ tìm kiếm"
    SOCIAL = "Mạng xã hội"
    OTHER = "Trang khác"
    DIRECT = "Truy cập trực tiếp"
    INTERNAL = ""  # a move inside the site: not an entry


def _matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _label_in(host: str, table: dict[str, str]) -> str | None:
    for domain, label in table.items():
        if "." not in domain:  # google.com, google.com.vn ...
            if f".{domain}." in f".{host}.":
                return label
        elif _matches(host, domain):
            return label
    return None


@dataclass
class Referrers:
    own: str  # the site's host
    channels: dict[str, tuple[str, ...]]  # channel name -> hosts
    partners: tuple[str, ...]
    _memo: dict[bytes, tuple[str, str]] = field(default_factory=dict, repr=False)

    def group(self, referer: bytes) -> tuple[str, str]:
        """(group, name) of a Referer value; name is the channel, partner, engine or host."""
        found = self._memo.get(referer)
        if found is None:
            if len(self._memo) > 100_000:
                self._memo.clear()
            found = self._memo[referer] = self._group(host_of(referer))
        return found

    def _group(self, host: str) -> tuple[str, str]:
        if not host:
            return Group.DIRECT, ""
        if self.own and _matches(host, self.own):
            return Group.INTERNAL, ""
        # the most specific host wins: dangbo.danang.gov.vn before danang.gov.vn
        owned = [(len(h), name) for name, hosts in self.channels.items() for h in hosts if _matches(host, h)]
        if owned:
            return Group.CHANNEL, max(owned)[1]
        for partner in self.partners:
            if _matches(host, partner):
                return Group.PARTNER, partner
        engine = _label_in(host, SEARCH_ENGINES)
        if engine:
            return Group.SEARCH, engine
        social = _label_in(host, SOCIAL)
        if social:
            return Group.SOCIAL, social
        return Group.OTHER, host


def host_of(referer: bytes) -> str:
    """``https://www.Example.vn:443/a`` -> ``example.vn`` ("" for "-" or no scheme)."""
    _, sep, rest = referer.partition(b"://")
    if not sep:
        return ""
    host = rest.split(b"/", 1)[0].split(b"?", 1)[0].rsplit(b"@", 1)[-1].split(b":", 1)[0]
    text = host.decode("ascii", "replace").lower().rstrip(".")
    return text[4:] if text.startswith("www.") else text


def page_of(referer: bytes) -> str:
    """The referring page without its query: a partner page that shows a news box."""
    _, sep, rest = referer.partition(b"://")
    if not sep:
        return ""
    page = rest.split(b"?", 1)[0].split(b"#", 1)[0].decode("utf-8", "replace")
    return page[4:] if page.startswith("www.") else page
