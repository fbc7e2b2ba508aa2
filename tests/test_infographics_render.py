"""Renditions: sizes, title-safe area, no clipping, glyph check, fitting of long text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from microsite.infographics import typography
from microsite.infographics.encode import encode, psnr
from microsite.infographics.renditions import BY_NAME, CHANNELS, render
from microsite.infographics.style import BG
from infographic_helpers import LONG_TITLE, default_infographics, stress_infographics

SITE = "Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng"
SHORT = "Sơ kết giữa nhiệm kỳ"


def _outside_is_background(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    """True when every pixel outside ``box`` equals the background colour."""
    bg = Image.new("RGB", image.size, BG)
    diff = ImageChops.difference(image.convert("RGB"), bg)
    inner = Image.new("RGB", (box[2] - box[0], box[3] - box[1]), (0, 0, 0))
    diff.paste(inner, box[:2])
    return diff.getbbox() is None


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> list:
    return stress_infographics(tmp_path_factory.mktemp("stress"))


@pytest.fixture(scope="module")
def every_info(stress: list) -> list:
    return default_infographics() + stress


def test_at_least_six_default_infographics_cover_every_kind() -> None:
    infos = default_infographics()
    assert len(infos) >= 6
    assert {i.kind for i in infos} == {"progress", "numbers", "bars", "target", "timeline"}


@pytest.mark.parametrize("channel", [c.name for c in CHANNELS])
def test_every_rendition_has_its_size_and_margins(every_info: list, channel: str) -> None:
    ch = BY_NAME[channel]
    margin = (int(ch.width * 0.03), int(ch.height * 0.03))
    for info in every_info:
        png = encode(render(info, ch, SITE, SHORT), ch.dpi).png
        image = Image.open(io.BytesIO(png))
        assert image.size == (ch.width, ch.height), info.id
        assert image.info["dpi"][0] == pytest.approx(ch.dpi, abs=1)
        box = (margin[0], margin[1], ch.width - margin[0], ch.height - margin[1])
        assert _outside_is_background(image, box), f"{info.id}/{channel}: something touches the edge"


def test_tv_keeps_text_and_marks_in_title_safe_area(every_info: list) -> None:
    tv = BY_NAME["tv"]
    safe = tv.safe_box()
    box = (int(safe.x), int(safe.y), int(safe.right), int(safe.bottom))
    assert box == (96, 54, 1824, 1026)
    for info in every_info:
        assert _outside_is_background(render(info, tv, SITE, SHORT), box), info.id


def test_print_is_300_dpi_and_states_millimetres() -> None:
    ch = BY_NAME["print"]
    assert ch.width >= 2400 and ch.dpi == 300
    assert ch.width_mm == pytest.approx(210, abs=0.1)
    assert "210 × 110,2 mm" in ch.describe()


def test_glyph_check_refuses_characters_the_font_lacks() -> None:
    vietnamese = ("aăâbcdđeêghiklmnoôơpqrstuưvxy ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"
                  "ÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ 7,5% – “”")
    assert typography.ensure_drawable(vietnamese) == vietnamese
    for bad, char in (("Đà Nẵng 😀", "😀"), ("Đà Nẵng 峴港", "峴")):
        with pytest.raises(typography.GlyphError) as err:
            typography.ensure_drawable(bad)
        assert char in err.value.missing
        assert f"U+{ord(char):04X}" in str(err.value)


def test_decomposed_input_is_drawn_as_nfc() -> None:
    nfd = "Nghi\u0323 quyê\u0301t"  # NFD as typed by some Mac editors
    assert typography.ensure_drawable(nfd) == "Nghị quyết"


def test_long_title_wraps_and_shrinks_without_clipping() -> None:
    block = typography.fit(LONG_TITLE, "bold", 40, 1088, 160, max_lines=2)
    assert block.font.size < 40
    assert all(typography.text_width(line, block.font) <= 1088 for line in block.lines)
    assert block.height <= 160
    assert " ".join(block.lines) == LONG_TITLE


def test_fit_raises_rather_than_clipping() -> None:
    with pytest.raises(typography.FitError):
        typography.fit(LONG_TITLE * 3, "bold", 40, 300, 60, max_lines=1)


def test_web_rendition_is_small_and_visually_lossless() -> None:
    for info in default_infographics():
        image = render(info, BY_NAME["web"], SITE, SHORT)
        encoded = encode(image)
        assert len(encoded.png) <= 40 * 1024, info.id
        assert encoded.palette
        assert psnr(image, Image.open(io.BytesIO(encoded.png))) >= 45
        if encoded.webp is not None:
            assert len(encoded.webp) < len(encoded.png)


def test_vietnamese_diacritics_are_drawn_not_boxed(tmp_path: Path) -> None:
    """A title of stacked marks draws ink above the x-height (the marks), never an empty box."""
    f = typography.font("bold", 60)
    plain = f.getbbox("Nghi quyet", anchor="ls")
    marked = f.getbbox("Nghị quyết", anchor="ls")
    assert marked[1] < plain[1]  # acute on ế rises above the plain letters
    assert marked[3] > plain[3]  # dot below ị descends
