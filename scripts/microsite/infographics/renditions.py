"""One data file, four channels: the frame (kicker, title, source, date, site name) per size.

Every channel uses the same layout scaled by ``u``; the square layout stacks what
wide layouts put side by side. The TV rendition keeps all text and marks inside the
90% title-safe area (5% margin on every side) plus the desk's own margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from ..text import press
from . import typography as t
from .charts import DRAWERS
from .model import Infographic
from .style import HOUSE, Box, Canvas, Colours

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Channel:
    name: str
    label: str  # Vietnamese, for download links
    width: int
    height: int
    u: float  # scale against the 1200x630 web layout
    safe: float = 0.0  # share of each side reserved as title-safe margin
    dpi: int = 72

    @property
    def scale(self) -> float:
        """Scale for margins: proportional to the canvas, whatever the type size ``u``."""
        return min(self.width / 1200, self.height / 630)

    @property
    def portrait(self) -> bool:
        return self.height >= self.width * 0.9

    def safe_box(self) -> Box:
        dx, dy = self.width * self.safe, self.height * self.safe
        return Box(dx, dy, self.width - 2 * dx, self.height - 2 * dy)

    def describe(self) -> str:
        """``In báo, 300 dpi: 2480×1302 px, 210 × 110,3 mm`` (physical size only for print)."""
        text = f"{self.label}: {self.width}×{self.height} px"
        if self.dpi >= 300:
            text += f", {press.number(self.width_mm, 0)} × {press.number(self.height_mm, 1)} mm"
        return text

    @property
    def width_mm(self) -> float:
        return self.width / self.dpi * MM_PER_INCH

    @property
    def height_mm(self) -> float:
        return self.height / self.dpi * MM_PER_INCH


CHANNELS: tuple[Channel, ...] = (
    Channel("web", "Web, mạng xã hội", 1200, 630, 1.0),
    # Squares are shown ~400 px wide in phone feeds: larger type than the web layout.
    Channel("square", "Ảnh vuông cho mạng xã hội", 1080, 1080, 1.25),
    Channel("tv", "Truyền hình Full HD, chữ trong vùng an toàn 90%", 1920, 1080, 1.5, safe=0.05),
    # 2480 px at 300 dpi = 210 mm: the width of an A4 page / a 4-column newspaper graphic.
    Channel("print", "In báo, 300 dpi", 2480, 1302, 2480 / 1200, dpi=300),
)
BY_NAME = {c.name: c for c in CHANNELS}

KICKER = "SỐ LIỆU"


def content_box(ch: Channel) -> Box:
    """Inside the safe area and the desk's margins."""
    safe = ch.safe_box()
    mx = 56 * ch.scale if ch.name != "tv" else 40 * ch.scale
    my = 40 * ch.scale if ch.name != "tv" else 24 * ch.scale
    return safe.inset(mx, my)


def _header(c: Canvas, info: Infographic, box: Box, site_short: str) -> float:
    kicker = t.font("bold", c.px(16))
    c.draw.rectangle((box.x, box.y, box.x + c.px(6), box.y + c.px(20)), fill=c.colours.primary)
    t.draw_line(c.draw, f"{KICKER} · {site_short}".upper(), (box.x + c.px(16), box.y + c.px(17)), kicker, c.colours.primary)
    y = box.y + c.px(38)
    title = t.fit(info.title, "bold", c.px(40), box.w,
                  box.h * 0.26, max_lines=2, leading=1.16, balance=True)
    y = t.draw_block(c.draw, title, box.x, y, c.colours.ink) + c.px(8)
    if info.subtitle:
        sub = t.fit(info.subtitle, "regular", c.px(20), box.w, box.h * 0.14, max_lines=2)
        y = t.draw_block(c.draw, sub, box.x, y, c.colours.muted)
    return y + c.px(26)


def _footer(c: Canvas, info: Infographic, box: Box, site_name: str) -> float:
    """Notes, then a rule, then source and as-of (left) and site name (right); returns the top y."""
    small = c.px(15)
    brand = t.fit(site_name, "bold", small, box.w * 0.42, max_lines=2)
    left_w = box.w - brand.width - c.px(24)
    text = f"{info.source.rstrip('.')}. {info.as_of_text()}."
    meta = t.fit(text, "regular", small, left_w, max_lines=3, min_size=max(10, int(small * 0.8)))
    h = max(meta.height, brand.height)
    top = box.bottom - h
    rule_y = top - c.px(14)
    c.draw.rectangle((box.x, rule_y, box.right, rule_y + max(1, c.px(1.5))), fill=c.colours.rule)
    t.draw_block(c.draw, meta, box.x, top, c.colours.muted)
    t.draw_block(c.draw, brand, box.right - brand.width, top, c.colours.primary, align="right", box_width=brand.width)
    if not info.notes:
        return rule_y
    notes = t.fit("Ghi chú: " + " ".join(info.notes), "regular", c.px(17), box.w, box.h * 0.13, max_lines=3,
                  min_size=max(10, c.px(12)))
    notes_top = rule_y - c.px(12) - notes.height
    t.draw_block(c.draw, notes, box.x, notes_top, c.colours.ink)
    return notes_top


def render(info: Infographic, channel: Channel, site_name: str, site_short: str,
           colours: Colours = HOUSE) -> Image.Image:
    """Draw ``info`` for ``channel`` in the site's ``colours`` (RGB, on their background)."""
    image = Image.new("RGB", (channel.width, channel.height), colours.background)
    canvas = Canvas(image, ImageDraw.Draw(image), channel.u, channel.portrait, colours)
    box = content_box(channel)
    body_top = _header(canvas, info, box, site_short)
    body_bottom = _footer(canvas, info, box, site_name) - canvas.px(26)
    DRAWERS[info.kind](canvas, info, Box(box.x, body_top, box.w, body_bottom - body_top))
    return image
