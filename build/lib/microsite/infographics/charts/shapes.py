"""Shapes Pillow draws aliased (rings, dots), drawn supersampled and pasted back smooth."""

from __future__ import annotations

from PIL import Image, ImageDraw

SUPERSAMPLE = 4


def ring(image: Image.Image, cx: float, cy: float, r: float, width: float, ratio: float,
         track: str, fill: str) -> None:
    """A progress ring: full track, then the done share clockwise from 12 o'clock."""
    size = int(2 * r) + 2
    big = size * SUPERSAMPLE
    box = (SUPERSAMPLE, SUPERSAMPLE, big - SUPERSAMPLE, big - SUPERSAMPLE)
    stroke = int(width * SUPERSAMPLE)
    left, top = int(cx - r) - 1, int(cy - r) - 1
    for colour, extent in ((track, 360.0), (fill, 360.0 * ratio)):
        if extent <= 0:
            continue
        mask = Image.new("L", (big, big), 0)
        d = ImageDraw.Draw(mask)
        if extent >= 360:
            d.ellipse(box, outline=255, width=stroke)
        else:
            d.arc(box, -90, -90 + extent, fill=255, width=stroke)
        mask = mask.resize((size, size), Image.Resampling.BOX)
        image.paste(colour, (left, top, left + size, top + size), mask)


def dot(image: Image.Image, cx: float, cy: float, r: float, fill: str, outline: str | None = None,
        outline_width: float = 0) -> None:
    """A smooth filled circle, optionally ringed."""
    size = int(2 * r) + 2
    big = size * SUPERSAMPLE
    left, top = int(cx - r) - 1, int(cy - r) - 1
    layers: list[tuple[str, float]] = [(outline, 0)] if outline else []
    layers.append((fill, outline_width))
    for colour, inset in layers:
        mask = Image.new("L", (big, big), 0)
        pad = SUPERSAMPLE + inset * SUPERSAMPLE
        ImageDraw.Draw(mask).ellipse((pad, pad, big - pad, big - pad), fill=255)
        mask = mask.resize((size, size), Image.Resampling.BOX)
        image.paste(colour, (left, top, left + size, top + size), mask)
