"""Every rendition of a photo, made once and kept in a cache keyed by content.

A ``PhotoSet`` is what a page needs to show a source image: for each *variant* (the
image's own ratio, and 16:9, 4:3, 1:1 crops around its focal point) the widths the layout
uses, in WebP and JPEG, with their real pixel sizes. The files sit in
``<cache>/photos/<key>/`` where the key hashes the source bytes, the focal point and this
package's code, so a deploy machine that keeps the cache (like Hugo's ``resources/_gen``)
never makes them twice, and cold, incremental and patch builds copy the same bytes.

Published names sit beside the source's own address (``anh/cau-rong.jpg`` gives
``anh/cau-rong.1f2e3d4c-800.webp``): a page that links the source links its renditions
with the same relative prefix.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from PIL import Image

from ..content.model import Article

from ..infographics.cache import RenderCache
from .process import ORIGINAL_QUALITY, Focus, crop_box, encode, normalise, rendition_quality, resized

PACKAGE_DIR = Path(__file__).resolve().parent
CENTRE = Focus()
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")  # what is made responsive and cleaned
CACHE_FOLDER = "photos"
ORIGINAL = "original"  # the cleaned source's name inside a cache entry


@dataclass(frozen=True)
class VariantSpec:
    """One crop of a photo and the widths it is published at."""

    name: str  # "" for the photo's own ratio, else "16x9"...
    ratio: tuple[int, int] | None
    widths: tuple[int, ...]
    webp: bool = True  # also WebP (pages); False: JPEG only (JSON-LD, partners)


# The layout's widths (theme CSS): the article column is at most ~45rem (720 px), so the
# lead and body photos need 480/800 for phones (358 px wide on a 390 px phone at DPR 1-2),
# 1088 for phones at DPR 2.6-3 (358 px x 3 = 1074; browsers take the smallest file at least
# that wide, so without it they load 1200), 1200/1600 for wide screens at DPR 2; listings and
# the front page's cards show 16:9 pictures 140-736 px wide (320/640/800/1088; 1088 = 68 x 16 keeps a 16:9 crop exact);
# partners and search engines get 1200 px crops in 16:9, 4:3 and 1:1 (schema.org ``image``).
VARIANTS = (
    VariantSpec("", None, (480, 800, 1088, 1200, 1600)),
    VariantSpec("16x9", (16, 9), (320, 640, 800, 1088, 1200)),
    VariantSpec("4x3", (4, 3), (1200,), webp=False),
    VariantSpec("1x1", (1, 1), (1200,), webp=False),
)
VARIANT_NAMES = tuple(v.name for v in VARIANTS)


@dataclass(frozen=True)
class Rendition:
    """One published file: its site path (posix, relative to the site root) and real size."""

    path: str
    width: int
    height: int
    media_type: str
    length: int
    cached: str = field(default="", compare=False)  # its file name inside the cache entry



@dataclass(frozen=True)
class Variant:
    name: str
    webp: tuple[Rendition, ...]
    jpeg: tuple[Rendition, ...]

    @property
    def largest(self) -> Rendition:
        return self.jpeg[-1]

    def fallback(self, width: int = 800) -> Rendition:
        """The JPEG an old browser loads from ``src``: the first at least ``width`` wide."""
        return next((r for r in self.jpeg if r.width >= width), self.jpeg[-1])

    def srcset(self, kind: str, url: Callable[[str], str] = str) -> str:
        """``srcset`` of the WebP (``"webp"``) or JPEG files; ``url`` makes each site path a link."""
        chosen = self.webp if kind == "webp" else self.jpeg
        return ", ".join(f"{url(r.path)} {r.width}w" for r in chosen)


@dataclass(frozen=True)
class PhotoSet:
    """Every rendition of one source image; ``source`` is the cleaned original's site path."""

    source: str
    key: str
    width: int  # upright size of the source
    height: int
    focus: Focus
    variants: tuple[Variant, ...]
    original: Rendition  # the source re-encoded without metadata, at its own address

    def variant(self, name: str = "") -> Variant:
        """``""`` (own ratio), ``"16x9"``, ``"4x3"`` or ``"1x1"`` (``"16:9"`` is read the same)."""
        wanted = name.replace(":", "x")
        return next(v for v in self.variants if v.name == wanted)

    def files(self) -> list[Rendition]:
        """Every file to publish but the original (whose address is the source's)."""
        return [r for v in self.variants for r in (*v.webp, *v.jpeg)]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """This package's code: a change of widths, quality or crops makes every photo again."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(Image.__version__.encode())
    return h.hexdigest()


def content_key(data: bytes) -> str:
    """The source's bytes and this code: names the renditions in the photo's own ratio."""
    h = hashlib.sha256(data)
    h.update(code_digest().encode())
    return h.hexdigest()[:20]


def photo_key(data: bytes, focus: Focus) -> str:
    """The cache entry: the content key plus the focal point (which moves only the crops)."""
    return crop_key(content_key(data), focus)


def crop_key(content: str, focus: Focus) -> str:
    return content + hashlib.sha256(f"{focus.x:.4f},{focus.y:.4f}".encode()).hexdigest()[:8]


def is_photo(path: str) -> bool:
    return path.lower().endswith(PHOTO_SUFFIXES)


def published_name(source: str, key: str, variant: str, width: int, ext: str) -> str:
    """``<stem>.<key8>[-<variant>]-<width>.<ext>``: beside the source, unique per content. The
    own-ratio renditions are named by the content alone (a body links them without knowing any
    article's focal point); the crops by content and focal point (the key's last 8 digits)."""
    stem, _ = posixpath.splitext(posixpath.basename(source))
    tag = key[:8] if not variant else key[:4] + key[-4:]
    middle = f"-{variant}" if variant else ""
    return f"{stem}.{tag}{middle}-{width}.{ext}"


def _original_format(source: str) -> tuple[str, str]:
    suffix = posixpath.splitext(source)[1].lower()
    return {".png": ("PNG", "image/png"), ".webp": ("WEBP", "image/webp")}.get(suffix, ("JPEG", "image/jpeg"))


def render(data: bytes, source: str, focus: Focus) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Every file of one photo (names inside the cache entry) and its meta.json."""
    with Image.open(io.BytesIO(data)) as opened:
        img = normalise(opened)
    files: dict[str, bytes] = {}
    meta: dict[str, Any] = {"width": img.width, "height": img.height, "variants": {}}
    fmt, media_type = _original_format(source)
    files[ORIGINAL] = encode(img, fmt, ORIGINAL_QUALITY)
    meta["original"] = {"media_type": media_type, "length": len(files[ORIGINAL])}
    for spec in VARIANTS:
        box = crop_box(img.size, spec.ratio, focus)
        widths = sorted({min(w, box[2] - box[0]) for w in spec.widths})
        out: dict[str, list[dict[str, Any]]] = {"webp": [], "jpeg": []}
        for width in widths:
            small = resized(img, box, width)
            kinds = (("webp", "WEBP", "image/webp"),) if spec.webp else ()
            for kind, enc, mime in (*kinds, ("jpeg", "JPEG", "image/jpeg")):
                ext = "webp" if kind == "webp" else "jpg"
                name = f"{spec.name or 'goc'}-{small.width}.{ext}"
                files[name] = encode(small, enc, rendition_quality(enc, small.width))
                out[kind].append({"cached": name, "variant": spec.name, "width": small.width,
                                  "height": small.height, "ext": ext, "media_type": mime,
                                  "length": len(files[name])})
        meta["variants"][spec.name] = out
    meta["files"] = sorted(files)
    return files, meta


def lead_path(article: Article) -> str | None:
    """The docs-relative path of an article's lead photo (``image.src``), None for none."""
    if article.image is None or "://" in article.image.src:
        return None
    src = unquote(article.image.src)
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(article.rel_path), src))


def focus_by_file(articles: list[Article]) -> dict[str, Focus]:
    """Each photo's focal point: the first one given (articles by path) for that file. One
    per file, so every output (page, feeds, press kit, patch) names the same crops."""
    out: dict[str, Focus] = {}
    for article in sorted(articles, key=lambda a: a.rel_path):
        path = lead_path(article)
        if path is not None and article.image and article.image.focus and path not in out:
            out[path] = Focus.parse(article.image.focus)
    return out


class PhotoLibrary:
    """The photos of one site: source files in, ``PhotoSet``s (files in the cache) out."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache = RenderCache(cache_dir / CACHE_FOLDER)
        self.made = 0  # photos rendered by this process (the rest came from the cache)

    def ensure(self, path: Path, source: str, focus: Focus = CENTRE) -> str:
        """The cache key of ``path``'s renditions, rendering them first if the cache lacks them."""
        data = path.read_bytes()
        key = photo_key(data, focus)
        if not self.cache.has(key):
            files, meta = render(data, source, focus)
            self.cache.store(key, files, meta)
            self.made += 1
        return key

    def photo_set(self, path: Path, source: str, focus: Focus = CENTRE) -> PhotoSet:
        """Every rendition of the file at ``path``, published beside ``source`` (its site path)."""
        key = self.ensure(path, source, focus)
        return self.load(key, source, focus)

    def load(self, key: str, source: str, focus: Focus = CENTRE) -> PhotoSet:
        """The ``PhotoSet`` of a cache entry, published beside ``source``."""
        meta = self.cache.meta(key)
        folder = posixpath.dirname(source)

        def rendition(item: dict[str, Any]) -> Rendition:
            name = published_name(source, key, item["variant"], item["width"], item["ext"])
            return Rendition(posixpath.join(folder, name), item["width"], item["height"], item["media_type"],
                             item["length"], item["cached"])

        variants = tuple(Variant(name, tuple(rendition(i) for i in kinds["webp"]),
                                 tuple(rendition(i) for i in kinds["jpeg"]))
                         for name, kinds in meta["variants"].items())
        original = Rendition(source, meta["width"], meta["height"], meta["original"]["media_type"],
                             meta["original"]["length"], ORIGINAL)
        return PhotoSet(source, key, meta["width"], meta["height"], focus, variants, original)

    def path_of(self, photo: PhotoSet, rendition: Rendition) -> Path:
        """The cache file holding one rendition (or the cleaned original) of ``photo``."""
        return self.cache.entry(photo.key) / rendition.cached


def meta_json(photo: PhotoSet) -> str:
    """A stable text of a photo set (render-cache salts, manifests)."""
    return json.dumps([photo.source, photo.key, photo.width, photo.height], ensure_ascii=False)
