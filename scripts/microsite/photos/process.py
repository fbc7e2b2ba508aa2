"""Pillow work on one photo: upright, sRGB, cropped around a focal point, resized, encoded bare.

Every published raster image goes through here, so none keeps the camera's metadata:
EXIF (GPS position, camera serial), XMP, IPTC, comments and the ICC profile (pixels are
converted to sRGB first, so colours stay right without it). Encoders are given no
``exif``/``icc_profile``/``xmp`` argument and the images are new objects, so nothing is
carried over; the same source and code give the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

JPEG_QUALITY = 80  # renditions: visually clean for photos, about 1/3 of camera quality 95
WEBP_QUALITY = 76  # WebP at this quality matches JPEG 80 at ~70% of its bytes
ORIGINAL_QUALITY = 90  # the cleaned original kept at its address (downloads, press kits)
WEBP_METHOD = 2  # 4 saves ~3% more bytes at three times the time (measured on 1600 px photos)
# "Compressive images": a WebP wider than DENSE_FROM is picked where a CSS pixel holds more than
# one device pixel (phones at device scale 2.6-3, desktops at 1.25-2), so it is seen scaled down
# and a lower quality's artefacts shrink below a CSS pixel (the Guardian serves JPEG quality 45 at
# DPR 2 for the same reason). A 390 px phone at DPR 3 gets the 1088 px lead at about 90 KB instead of
# the 1200 px at 215 KB (the bench's noisy picture). JPEG keeps JPEG_QUALITY: it is what feeds,
# press kits and partners get (1200 px), seen one device pixel per pixel.
DENSE_FROM = 800
DENSE_WEBP_QUALITY = 35

_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Focus:
    """Where the subject is, as fractions of width and height (0.5, 0.5: the centre)."""

    x: float = 0.5
    y: float = 0.5

    @classmethod
    def parse(cls, text: str | None) -> Focus:
        """``"30% 40%"`` (the front matter's ``image.focus``, like CSS object-position)."""
        if not text:
            return cls()
        parts = text.replace("%", "").split()
        return cls(float(parts[0]) / 100, float(parts[1]) / 100)

    @property
    def css(self) -> str:
        return f"{round(self.x * 100)}% {round(self.y * 100)}%"


def _to_srgb(img: Image.Image) -> Image.Image:
    """Pixels converted from the embedded ICC profile (if any) to sRGB; the profile dropped."""
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
            converted = ImageCms.profileToProfile(img, source, _SRGB, outputMode=out_mode)
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels as they are
    return img


def normalise(img: Image.Image) -> Image.Image:
    """Upright (EXIF orientation applied), sRGB, 8-bit RGB or RGBA, first frame only."""
    img.seek(0)
    upright = ImageOps.exif_transpose(img) or img
    upright = _to_srgb(upright)
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        out = upright.convert("RGBA")
    elif upright.mode.startswith("I;16") or upright.mode == "I":
        # 16-bit greyscale: scale to 8 bits (Pillow's convert("L") would clip at 255)
        out = upright.convert("I").point(lambda v: v * (1 / 257)).convert("L").convert("RGB")
    else:
        out = upright.convert("RGB")
    out.info.clear()
    return out


def crop_box(size: tuple[int, int], ratio: tuple[int, int] | None, focus: Focus) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside ``size``, centred on ``focus`` as far as the edges allow."""
    w, h = size
    if ratio is None:
        return (0, 0, w, h)
    rw, rh = ratio
    cw, ch = (w, round(w * rh / rw)) if w * rh <= h * rw else (round(h * rw / rh), h)
    left = min(max(round(focus.x * w - cw / 2), 0), w - cw)
    top = min(max(round(focus.y * h - ch / 2), 0), h - ch)
    return (left, top, left + cw, top + ch)


def resized(img: Image.Image, box: tuple[int, int, int, int], width: int) -> Image.Image:
    """``box`` of ``img`` scaled to ``width`` (never up), height by the box's ratio."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    width = min(width, bw)
    height = max(1, round(bh * width / bw))
    if (width, height) == (bw, bh) and box == (0, 0, *img.size):
        return img.copy()
    return img.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)


def flatten(img: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent areas on white (the page's background)."""
    if img.mode != "RGBA":
        return img
    base = Image.new("RGB", img.size, (255, 255, 255))
    base.paste(img, mask=img.getchannel("A"))
    return base


def rendition_quality(fmt: str, width: int) -> int | None:
    """The quality of a rendition ``width`` pixels wide in ``fmt`` (None: the format's default)."""
    return DENSE_WEBP_QUALITY if fmt == "WEBP" and width > DENSE_FROM else None


def encode(img: Image.Image, fmt: str, quality: int | None = None) -> bytes:
    """Bytes of ``img`` in ``fmt`` (``JPEG``, ``WEBP``, ``PNG``) with no metadata at all."""
    buf = io.BytesIO()
    if fmt == "JPEG":
        flatten(img).save(buf, "JPEG", quality=quality or JPEG_QUALITY, optimize=True, progressive=True,
                          subsampling="4:2:0")
    elif fmt == "WEBP":
        img.save(buf, "WEBP", quality=quality or WEBP_QUALITY, method=WEBP_METHOD)
    else:
        img.save(buf, "PNG", optimize=False, compress_level=6)
    return buf.getvalue()
