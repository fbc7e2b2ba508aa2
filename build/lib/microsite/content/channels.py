"""The four outlets of the communication plan (Kế hoạch 106-KH/TU, April 2023)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    key: str  # value editors write in front matter
    name: str  # full Vietnamese name
    short: str  # label for tight spaces


CHANNELS: dict[str, Channel] = {
    c.key: c
    for c in (
        Channel("bao-da-nang", "Báo Đà Nẵng", "Báo Đà Nẵng"),
        Channel("dang-bo", "Trang thông tin điện tử Đảng bộ thành phố", "Trang TTĐT Đảng bộ"),
        Channel("drt", "Đài Phát thanh – Truyền hình Đà Nẵng", "DRT"),
        Channel("cong-ttdt", "Cổng thông tin điện tử thành phố", "Cổng TTĐT thành phố"),
    )
}
