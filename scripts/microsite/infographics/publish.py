"""Render (or reuse) every rendition of every infographic and place it in the site.

Layout of the output (documented in README): ``so-lieu/<id>/`` holds the page, the
four PNG renditions ``<id>-<channel>.png`` and the data ``<id>.csv``. A lossless WebP
is written beside the web and print renditions when both are smaller than their PNG:
the page's responsive picture (``embed``) offers WebP only as that pair, and the
square and TV renditions are downloads, offered as PNG. (Every rendition used to get
a WebP: 3.3 s of a cold build, 16 files on the default site that nothing linked to.)
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from pathlib import Path

from ..content.site_config import Identity
from .cache import RenderCache, key
from .csv_export import to_csv
from .encode import encode
from .model import Infographic
from .renditions import CHANNELS, Channel, render

URL_DIR = "so-lieu"
SRCSET_CHANNELS = ("web", "print")  # the responsive picture's widths, in this order


@dataclass(frozen=True)
class Rendition:
    channel: Channel
    path: str  # site-relative, e.g. so-lieu/<id>/<id>-web.png
    width: int
    height: int
    bytes: int
    digest: str
    webp: str | None = None
    webp_bytes: int | None = None


@dataclass
class Published:
    """Where one infographic's files are, relative to the site root."""

    info: Infographic
    renditions: list[Rendition] = field(default_factory=list)

    @property
    def page(self) -> str:
        return f"{URL_DIR}/{self.info.id}/"

    @property
    def csv(self) -> str:
        return f"{URL_DIR}/{self.info.id}/{self.info.id}.csv"

    def rendition(self, name: str) -> Rendition:
        return next(r for r in self.renditions if r.channel.name == name)


@dataclass
class RenderStats:
    rendered: int = 0
    reused: int = 0


def rendition_key(info: Infographic, channel: Channel, identity: Identity) -> str:
    return key("infographic", info.id, info.raw, channel.name, identity.name, identity.short,
               *astuple(identity.colours))


def prepare(info: Infographic, cache: RenderCache, identity: Identity, stats: RenderStats) -> Published:
    """Render every rendition missing from the cache; return where each will be published."""
    pub = Published(info)
    base = f"{URL_DIR}/{info.id}/"
    for ch in sorted(CHANNELS, key=lambda c: c.name not in SRCSET_CHANNELS):  # web first: print follows it
        digest = rendition_key(info, ch, identity)
        if cache.has(digest):
            stats.reused += 1
        else:
            webp = ch.name == SRCSET_CHANNELS[0] or (ch.name in SRCSET_CHANNELS and _srcset_has_webp(pub))
            encoded = encode(render(info, ch, identity.name, identity.short, identity.colours), ch.dpi, webp=webp)
            name = f"{info.id}-{ch.name}"
            files = {f"{name}.png": encoded.png}
            if encoded.webp is not None:
                files[f"{name}.webp"] = encoded.webp
            cache.store(digest, files, {"files": list(files), "sizes": {k: len(v) for k, v in files.items()},
                                        "palette": encoded.palette, "psnr": encoded.psnr})
            stats.rendered += 1
        meta = cache.meta(digest)
        png, webp_file = meta["files"][0], (meta["files"][1] if len(meta["files"]) > 1 else None)
        pub.renditions.append(Rendition(ch, base + png, ch.width, ch.height, meta["sizes"][png], digest,
                                        base + webp_file if webp_file else None,
                                        meta["sizes"][webp_file] if webp_file else None))
    pub.renditions.sort(key=lambda r: CHANNELS.index(r.channel))
    return pub


def _srcset_has_webp(pub: Published) -> bool:
    """Every srcset rendition done so far has a WebP."""
    done = [r for r in pub.renditions if r.channel.name in SRCSET_CHANNELS]
    return bool(done) and all(r.webp for r in done)


def install(pub: Published, site_dir: Path, cache: RenderCache) -> None:
    """Copy the cached renditions and write the CSV under ``site_dir``."""
    dest = site_dir / URL_DIR / pub.info.id
    for rendition in pub.renditions:
        cache.copy_out(rendition.digest, dest)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / f"{pub.info.id}.csv").write_text(to_csv(pub.info), encoding="utf-8-sig", newline="")
