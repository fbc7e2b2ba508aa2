"""Hostile files an outside probe sent the site (tests/test_hostile_input.py, tests/test_preview_security.py
and bench/security_probe.py): made here once."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def alias_bomb(levels: int = 9) -> str:
    """YAML whose aliases expand to 9**levels strings: a few hundred bytes."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def png_header(width: int, height: int) -> bytes:
    """A PNG claiming any size with no pixels: what a decompression bomb looks like to a reader."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def encoded(fmt: str, size: tuple[int, int] = (40, 30)) -> bytes:
    """A real small picture in ``fmt`` (PNG, JPEG, WEBP)."""
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, fmt)
    return out.getvalue()


def tracker(extra: str = "", done: str = "3", as_of: str = "2099-01-01 08:00") -> str:
    """A progress data file (docs/_data/tien-do/): ``done`` on line 7, ``extra`` before line 4."""
    return (f'as_of: "{as_of}"\nsource: Nguồn thử\nplan: Kế hoạch thử\n{extra}indicators:\n'
            f"  - key: mot\n    label: Chỉ tiêu một\n    done: {done}\n    total: 16\n")


def numbers(value: str, unit: str = "USD") -> str:
    """An infographic of kind ``numbers`` whose first value (line 8) is ``value``."""
    return ("title: Số liệu thử\nsubtitle: Thử\nkind: numbers\nas_of: \"2023-01-01\"\nsource: \"Nguồn: thử\"\n"
            f"figures:\n  - label: Một\n    value: {value}\n    unit: {unit}\n  - label: Hai\n    value: 5\n")
