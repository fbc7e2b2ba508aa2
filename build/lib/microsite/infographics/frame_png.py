"""PNG for images drawn on a shared frame: only the rows drawn on are compressed again.

A site's social cards are all drawn on one frame (colour bars, rule, site name,
publisher), and a card's own text covers about half of its rows. The frame's rows are
compressed once, in bands of ``BAND`` rows, each band on its own (a fresh compressor,
ended on a byte boundary with a sync flush). A card's PNG is the frame's bands where
the card drew nothing and freshly compressed bands where it did, joined into one zlib
stream: deflate blocks may follow each other like that, and the stream's Adler-32 is
combined from the bands' own. Pillow would read the whole image out and compress every
row; this reads out and compresses the drawn bands only.

Deflate is ISA-L's (``isal``, Intel's storage acceleration library): at its level 2 it
compresses a card's drawn rows in ~0,25 ms where zlib at level 3 takes ~1,2 ms, for ~6%
more bytes; any inflater reads the result. A card's PNG takes ~1 ms (Pillow, zlib level 3:
~3,6 ms; bench/cards.py). Rows are written unfiltered
(filter type 0), as PNG encoders do for palette images. The pixels are exactly the
image's (tested by decoding every card drawn in the tests).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from isal import isal_zlib as deflate
from PIL import Image

LEVEL = 2  # ISA-L's scale is 0-3; 3 is several times slower for no fewer bytes on cards
BAND = 16  # rows per independently compressed band
_ADLER_BASE = 65521
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ZLIB_HEADER = b"\x78\x5e"  # deflate, 32 KiB window, "fast" level (decoders ignore the level)
_FINAL_BLOCK = deflate.compressobj(LEVEL, deflate.DEFLATED, -15).flush()  # an empty last block


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """Adler-32 of A + B from Adler-32 of A, of B and the length of B (zlib's algorithm)."""
    rem = second_length % _ADLER_BASE
    low1, high1 = first & 0xFFFF, first >> 16
    low2, high2 = second & 0xFFFF, second >> 16
    low = (low1 + low2 - 1) % _ADLER_BASE
    high = (high1 + high2 + rem * (low1 - 1)) % _ADLER_BASE
    return low | (high << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", deflate.crc32(kind + data))


@dataclass(frozen=True)
class _Band:
    deflated: bytes  # raw deflate, ending on a byte boundary, not final
    adler: int  # Adler-32 of the band's filtered rows
    length: int  # bytes of filtered rows


class FramePng:
    """The frame's compressed bands; ``encode`` writes an image drawn on a copy of it."""

    def __init__(self, frame: Image.Image) -> None:
        if frame.mode != "P":
            raise ValueError("FramePng writes palette (mode P) images")
        self.width, self.height = frame.size
        palette = bytes(frame.getpalette() or [])
        self.header = (_SIGNATURE
                       + _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0))
                       + _chunk(b"PLTE", palette))
        raw = frame.tobytes()
        self.bands = [self._band(raw, top, 0) for top in range(0, self.height, BAND)]

    def _band(self, raw: bytes, top: int, offset: int) -> _Band:
        """Band starting at row ``top``, read from ``raw`` (rows from ``offset`` on)."""
        width, bottom = self.width, min(top + BAND, self.height)
        view = memoryview(raw)[(top - offset) * width:(bottom - offset) * width]
        # Each row preceded by its filter byte (0): the rows joined with b"\0", one more in front.
        rows = b"\0" + b"\0".join([view[i:i + width] for i in range(0, len(view), width)])
        compressor = deflate.compressobj(LEVEL, deflate.DEFLATED, -15)
        return _Band(compressor.compress(rows) + compressor.flush(deflate.Z_SYNC_FLUSH), deflate.adler32(rows),
                     len(rows))

    def encode(self, image: Image.Image, top: int, bottom: int) -> bytes:
        """PNG of ``image``, which equals the frame outside rows ``top`` to ``bottom`` (excluded)."""
        if image.size != (self.width, self.height) or image.mode != "P":
            raise ValueError("the image is not drawn on this frame")
        first = max(0, top) // BAND
        last = min(len(self.bands), -(-min(bottom, self.height) // BAND)) if bottom > top else first
        drawn = image.crop((0, first * BAND, self.width, min(last * BAND, self.height))).tobytes() \
            if last > first else b""
        parts, adler = [], 1
        for index, band in enumerate(self.bands):
            if first <= index < last:
                band = self._band(drawn, index * BAND, first * BAND)
            parts.append(band.deflated)
            adler = adler32_combine(adler, band.adler, band.length)
        stream = _ZLIB_HEADER + b"".join(parts) + _FINAL_BLOCK + struct.pack(">I", adler)
        return self.header + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")
