"""The answers ``microsite init`` needs, checked, with Vietnamese errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..content.site_config import SLUG, Channel
from ..text.normalize import nfc
from ..text.slugs import slugify

DEFAULT_CATEGORIES = ("Tin hoạt động", "Chỉ đạo – điều hành")


class InitError(ValueError):
    """An answer that cannot make a project; the message is for the editor, in Vietnamese."""


def parse_channel(text: str) -> Channel:
    """``key=Tên đầy đủ|Tên ngắn`` (the short name may be left out)."""
    key, sep, names = nfc(text).partition("=")
    name, _, short = names.partition("|")
    key, name, short = key.strip(), name.strip(), short.strip() or name.strip()
    if not sep or not name:
        raise InitError(f"Kênh \"{text}\" chưa đúng dạng: ghi mã=Tên đầy đủ|Tên ngắn, "
                        "ví dụ --channel \"bao-lam-dong=Báo Lâm Đồng|Báo Lâm Đồng\".")
    if not SLUG.match(key):
        raise InitError(f"Mã kênh \"{key}\" chỉ được gồm chữ thường không dấu, số và dấu gạch ngang "
                        f"(ví dụ \"{slugify(key) or 'trang-web'}\").")
    return Channel(key, name, short)


@dataclass(frozen=True)
class Resolution:
    number: str  # "43-NQ/TW"
    date: str  # ISO, "2019-01-24"
    issuer: str
    title: str

    @property
    def tag(self) -> str:
        return f"Nghị quyết {self.number}"

    @property
    def folder(self) -> str:
        return slugify(f"nghi-quyet-{self.number.split('-')[0]}")

    @property
    def nav_title(self) -> str:
        return f"Nghị quyết {self.number.split('-')[0]}"


@dataclass(frozen=True)
class ProjectSpec:
    title: str
    organisation: str
    url: str
    description: str = ""
    channels: tuple[Channel, ...] = ()
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    resolution: Resolution | None = None

    @property
    def summary(self) -> str:
        return self.description or f"Trang chuyên đề của {self.organisation}: {self.title}."


def default_channel(organisation: str) -> Channel:
    return Channel("trang-web", f"Trang thông tin điện tử {organisation}", "Trang web")


def make_spec(title: str | None, organisation: str | None, url: str | None, *, description: str = "",
              channels: list[str] | None = None, categories: list[str] | None = None,
              resolution: str | None = None, resolution_date: str | None = None,
              resolution_issuer: str | None = None, resolution_title: str | None = None) -> ProjectSpec:
    """Check every answer; the first wrong one raises ``InitError``."""
    title, organisation, url = (nfc(v or "").strip() for v in (title, organisation, url))
    for value, flag, label in ((title, "--title", "tiêu đề trang"), (organisation, "--organisation", "tên cơ quan"),
                               (url, "--url", "địa chỉ trang")):
        if not value:
            raise InitError(f"Thiếu {label} ({flag}).")
    if not re.match(r"^https?://[^/\s]+", url):
        raise InitError(f"Địa chỉ trang \"{url}\" phải là địa chỉ đầy đủ, bắt đầu bằng https://, "
                        "ví dụ https://chuyen-de.lamdong.gov.vn/.")
    parsed = tuple(parse_channel(c) for c in channels or ()) or (default_channel(organisation),)
    keys = [c.key for c in parsed]
    if len(set(keys)) != len(keys):
        twice = next(k for k in keys if keys.count(k) > 1)
        raise InitError(f"Hai kênh cùng mã \"{twice}\": mỗi kênh cần một mã riêng.")
    cats = tuple(dict.fromkeys(nfc(c).strip() for c in categories or () if c.strip())) or DEFAULT_CATEGORIES
    return ProjectSpec(title, organisation, url if url.endswith("/") else url + "/", nfc(description).strip(),
                       parsed, cats, _resolution(resolution, resolution_date, resolution_issuer, resolution_title))


def _resolution(number: str | None, when: str | None, issuer: str | None, title: str | None) -> Resolution | None:
    number = nfc(number or "").strip()
    if not number:
        if when or issuer or title:
            raise InitError("Có ngày, cơ quan ban hành hoặc trích yếu nghị quyết nhưng thiếu số hiệu (--resolution).")
        return None
    if not re.match(r"^\d+-[A-Za-zĐđ/]+", number):
        raise InitError(f"Số hiệu nghị quyết \"{number}\" chưa đúng dạng, ví dụ \"43-NQ/TW\".")
    try:
        issued = date.fromisoformat((when or "").strip()).isoformat()
    except ValueError:
        raise InitError(f"Ngày ban hành nghị quyết \"{when or ''}\" phải ghi năm-tháng-ngày, ví dụ "
                        "--resolution-date 2019-01-24.") from None
    issuer, title = nfc(issuer or "").strip(), nfc(title or "").strip()
    if len(issuer) < 3:
        raise InitError("Thiếu cơ quan ban hành nghị quyết (--resolution-issuer), ví dụ \"Bộ Chính trị\".")
    if len(title) < 5:
        raise InitError("Thiếu trích yếu nghị quyết (--resolution-title), ví dụ \"về xây dựng và phát triển ...\".")
    return Resolution(number, issued, issuer, title)
