"""Reuse terms in plain Vietnamese, worded once and shown everywhere (box, ZIP, ninjs).

Commentary, photos and infographics made for the campaign are licensed CC BY 4.0;
official texts (resolutions, legal and administrative documents) and pure news are
not protected by copyright in Việt Nam (Luật Sở hữu trí tuệ, Điều 15), so partners
may quote them freely but should cite number, date and issuing body.
"""

from __future__ import annotations

from datetime import datetime

from ..text.press import short_date
from .entry import Entry, SiteIdentity

LEGAL_NOTE = (
    "Theo Điều 15 Luật Sở hữu trí tuệ, tin tức thời sự thuần túy đưa tin, văn bản quy phạm "
    "pháp luật, văn bản hành chính, văn bản khác thuộc lĩnh vực tư pháp (và bản dịch chính thức "
    "của các văn bản đó) cùng các số liệu không thuộc phạm vi bảo hộ quyền tác giả: nguyên văn "
    "nghị quyết, văn bản chính thức được trích trong bài có thể sử dụng tự do. Khi trích dẫn, "
    "xin ghi đúng số hiệu, ngày ban hành và cơ quan ban hành văn bản."
)


def licence_summary(identity: SiteIdentity) -> str:
    """One sentence: what may be reused and under which licence."""
    return (f"Bài viết, ảnh và infographic của trang được phép đăng lại miễn phí theo giấy phép "
            f"{identity.licence} ({identity.licence_url}), với điều kiện ghi rõ nguồn.")


def reuse_rules(identity: SiteIdentity) -> list[str]:
    """The rules partners follow, each a short sentence an editor can check off."""
    return [
        "Ghi rõ tác giả và nguồn: giữ nguyên dòng ghi nguồn ở cuối bài, có đường dẫn về bài gốc.",
        "Giữ nguyên tên tác giả ảnh, tác giả infographic (dòng \"Ảnh:\", \"Đồ họa:\").",
        "Được biên tập cho vừa khuôn khổ (rút gọn, đặt lại tít), nhưng không làm sai lệch nội dung, "
        "số liệu và trích dẫn; ghi chú nếu đã biên tập.",
        "Không dùng nội dung để quảng cáo, không gợi ý rằng "
        f"{identity.publisher} bảo trợ cho đơn vị đăng lại.",
        LEGAL_NOTE,
    ]


def copyright_notice(identity: SiteIdentity, when: datetime) -> str:
    return f"© {when.year} {identity.publisher}"


def usage_terms(identity: SiteIdentity) -> str:
    """Single paragraph for machine-readable fields (ninjs ``usageTerms``)."""
    return licence_summary(identity) + " " + LEGAL_NOTE


def attribution_text(entry: Entry, identity: SiteIdentity) -> str:
    """Closing credit line: author, site, date, canonical link, licence."""
    byline = entry.article.byline
    by = f"Bài viết của {byline}, đăng" if byline else "Bài viết được đăng"
    return (f"{by} lần đầu trên trang \u201c{identity.name}\u201d ({identity.publisher}) ngày "
            f"{short_date(entry.published)}: {entry.url} – đăng lại theo giấy phép {identity.licence}.")


def image_credit(credit: str) -> str:
    """``Ảnh: …`` unless the editor already wrote the prefix."""
    credit = credit.strip()
    return credit if credit.lower().startswith(("ảnh", "đồ họa", "nguồn")) else f"Ảnh: {credit}"
