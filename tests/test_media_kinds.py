"""The closed list of media kinds: files are judged by their bytes, never by their names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from microsite.media.kinds import KINDS, accepted_labels, by_extension, extension_lies, sniff, sniff_file


def _encoded(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp")])
def test_real_images_are_recognised_by_their_bytes(fmt: str, name: str) -> None:
    kind = sniff(_encoded(fmt))
    assert kind is not None and kind.name == name and kind.family == "image"


@pytest.mark.parametrize("data", [
    b"<!doctype html><script>alert(1)</script>",
    b"alert(document.cookie)",
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b"GIF89a\x01\x00\x01\x00",
    b"RIFF\x00\x00\x00\x00WAVEfmt ",
    b"",
])
def test_anything_else_is_no_kind(data: bytes) -> None:
    assert sniff(data) is None


def test_a_png_named_jpg_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "anh.jpg"
    path.write_bytes(_encoded("PNG"))
    kind = sniff_file(path)
    assert kind is not None and kind.name == "png"
    assert extension_lies(path.name, kind)
    assert not extension_lies("anh.PNG", kind)
    assert by_extension("anh.JPEG") is by_extension("b.jpg") is KINDS[0]


def test_every_kind_is_named_once_for_editors() -> None:
    assert accepted_labels("image") == "JPEG, PNG, WebP"
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names))
