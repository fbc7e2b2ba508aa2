"""Be Vietnam Pro, self-hosted: locate the OFL TTFs and subset them to WOFF2.

The font comes from the PyPI package ``fontpkg-be-vietnam-pro`` (SIL OFL 1.1), so
no page ever asks Google Fonts or a CDN for it. Subsetting to Latin + Vietnamese
keeps each face around 20-30 KB; results are cached by source-file hash so only
the first build pays for it.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

FAMILY = "Be Vietnam Pro"

# Google Fonts' "latin" and "vietnamese" unicode-range blocks, merged.
UNICODE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x00FF), (0x0102, 0x0103), (0x0110, 0x0111), (0x0128, 0x0129),
    (0x0131, 0x0131), (0x0152, 0x0153), (0x0168, 0x0169), (0x01A0, 0x01A1),
    (0x01AF, 0x01B0), (0x02BB, 0x02BC), (0x02C6, 0x02C6), (0x02DA, 0x02DA),
    (0x02DC, 0x02DC), (0x0300, 0x0301), (0x0303, 0x0304), (0x0308, 0x0309),
    (0x0323, 0x0323), (0x0329, 0x0329), (0x1EA0, 0x1EF9), (0x2000, 0x206F),
    (0x20AB, 0x20AC), (0x2122, 0x2122), (0x2191, 0x2193), (0x2212, 0x2215),
    (0xFEFF, 0xFEFF), (0xFFFD, 0xFFFD),
)


@dataclass(frozen=True)
class Face:
    weight: int
    style: str  # "normal" | "italic"
    ttf_name: str

    @property
    def woff2_name(self) -> str:
        suffix = "-italic" if self.style == "italic" else ""
        return f"be-vietnam-pro-{self.weight}{suffix}.woff2"


# Weights the theme uses: body, emphasis, headings. Fewer faces = lighter pages.
WEB_FACES: tuple[Face, ...] = (
    Face(400, "normal", "BeVietnamPro-Regular.ttf"),
    Face(400, "italic", "BeVietnamPro-Italic.ttf"),
    Face(700, "normal", "BeVietnamPro-Bold.ttf"),
)


def font_dir() -> Path:
    return Path(str(resources.files("fontpkg_be_vietnam_pro").joinpath("files")))


def ttf_path(name: str = "BeVietnamPro-Regular.ttf") -> Path:
    """Path of one of the packaged TTFs (used by the infographic renderer too)."""
    path = font_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"Không tìm thấy phông chữ {name} trong gói fontpkg-be-vietnam-pro.")
    return path


def unicode_set() -> set[int]:
    return {cp for lo, hi in UNICODE_RANGES for cp in range(lo, hi + 1)}


# Page weight: TrueType hinting is about half of each face and modern
# browsers ignore it; keep only the layout features Vietnamese text needs
# (kerning, ligatures, mark positioning for combining diacritics). Name records
# keep the copyright and OFL licence entries. 3 faces: ~90 KB -> ~43 KB.
LAYOUT_FEATURES = ["kern", "liga", "ccmp", "locl", "mark", "mkmk"]
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14]


def _subset(src: Path, dest: Path) -> None:
    # Imported here: fontTools' subsetter takes 0.3 s to import, and every process that only
    # needs ``ttf_path`` (the CLI, the card worker, a build whose subsets are cached) would pay it.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = NAME_IDS
    options.hinting = False
    options.notdef_outline = True
    # The source's own "modified" stamp, not the build's (SOURCE_DATE_EPOCH, set from the
    # content): a cached subset is reused by later builds, which must get the same bytes.
    font = TTFont(src, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicode_set())
    subsetter.subset(font)
    font.flavor = "woff2"
    tmp = dest.with_suffix(".tmp")
    font.save(tmp)
    tmp.replace(dest)


def _cached_face(face: Face, cache_dir: Path) -> Path:
    """Where ``face``'s subset is cached: named by the source file's hash and the recipe."""
    src = ttf_path(face.ttf_name)
    recipe = repr((UNICODE_RANGES, LAYOUT_FEATURES, NAME_IDS, "unhinted", "source-timestamp")).encode()
    digest = hashlib.sha256(src.read_bytes() + recipe).hexdigest()[:16]
    return cache_dir / f"{digest}-{face.woff2_name}"


def subset_webfonts(cache_dir: Path) -> list[Path]:
    """Make sure every face's subset is in ``cache_dir`` (subsetting those missing).

    A plain function of a picklable argument: a cold build runs it in the card worker
    (``microsite.background``), which would otherwise idle once its cards are drawn."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = []
    for face in WEB_FACES:
        path = _cached_face(face, cache_dir)
        if not path.is_file():
            _subset(ttf_path(face.ttf_name), path)
        cached.append(path)
    return cached


def build_webfonts(dest_dir: Path, cache_dir: Path) -> list[Path]:
    """Write the WOFF2 faces into ``dest_dir``, reusing cached subsets when unchanged."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for face, cached in zip(WEB_FACES, subset_webfonts(cache_dir)):
        target = dest_dir / face.woff2_name
        shutil.copyfile(cached, target)
        written.append(target)
    return written
