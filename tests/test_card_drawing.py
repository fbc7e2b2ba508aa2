"""Social cards drawn fast (palette + cached word masks) look like Pillow's own text drawing."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from microsite.infographics import cards as c
from microsite.infographics import text_coverage as tc
from microsite.infographics import typography as t
from microsite.infographics.cache import RenderCache
from microsite.infographics.encode import psnr
from microsite.infographics.style import BG, INK, MUTED, RED
from microsite.infographics.word_masks import FEATURES, WordMaskCache
from card_reference import rgb_card

SITE = "Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng"
PUBLISHER = "Ban Tuyên giáo Thành ủy Đà Nẵng"
TITLES = [
    "Ban Thường vụ Thành ủy đánh giá toàn diện Nghị quyết 43-NQ/TW của Bộ Chính trị theo đúng lộ trình đã đề ra",
    "Đoàn viên thanh niên phối hợp tuyên truyền chương trình chuyển đổi số với sự đồng thuận của nhân dân",
    "ỨNG DỤNG “Đà Nẵng số”: 1.234 lượt tải, tăng 7,5% – Hòa Vang, Ngũ Hành Sơn dẫn đầu",
    "Ủy ban nhân dân thành phố hoàn thiện file: fifa ffi AVATAR Tây Yên Wỹ trong giai đoạn 2020–2025",
]
LINES = [
    ("bold", 64, "Các sở, ngành rà soát kỹ hạ tầng giao thông đô thị"),
    ("bold", 47, "Nghị quyết 43-NQ/TW “Đà Nẵng” AVAT Tây  ffi fifa: ĐẢNG"),
    ("medium", 26, "Thứ Tư, ngày 29-3-2023"),
    ("regular", 21, "Ban Tuyên giáo Thành ủy Đà Nẵng (ảnh: Ngọc Hà)"),
    ("bold", 37, "Ổn định ỨNG Ợ Ỹ ỷ ữ quyết định 2020–2025 của Thành ủy"),
]


def _pillow_line(line: str, f, x: float, baseline: int) -> Image.Image:  # type: ignore[no-untyped-def]
    image = Image.new("L", (c.WIDTH + 600, 300), 0)
    ImageDraw.Draw(image).text((x, baseline), line, font=f, fill=255, anchor="ls", features=FEATURES)
    return image


def _stamped(stamps: list[tc.Stamp]) -> Image.Image:
    image = Image.new("L", (c.WIDTH + 600, 300), 0)
    cover = tc.coverage(stamps)
    assert cover is not None
    image.paste(cover.mask, (cover.x, cover.y))
    return image


def _max_difference(a: Image.Image, b: Image.Image) -> int:
    """Largest per-channel difference between two images of one mode."""
    extrema = ImageChops.difference(a, b).getextrema()
    if isinstance(extrema[0], tuple):  # one (min, max) per band
        return max(high for _, high in extrema)  # type: ignore[misc]
    return int(extrema[1])  # type: ignore[arg-type]


@pytest.mark.parametrize("weight,size,line", LINES)
@pytest.mark.parametrize("x", [96, 96.5, 100.328125, 101.984375])
def test_stamped_line_is_pixel_identical_to_pillow_text(weight: str, size: int, line: str, x: float) -> None:
    f = t.font(weight, size)
    cache = WordMaskCache()
    for _ in range(2):  # cold, then every word from the cache
        stamped = _stamped(tc.line_stamps(line, f, x, 200, cache))
        assert _max_difference(stamped, _pillow_line(line, f, x, 200)) == 0
    assert cache.hits >= len(line.split())


def test_a_cached_word_serves_every_pen_fraction_it_is_keyed_for() -> None:
    """Masks are shared between pen fractions that round each glyph alike: check all 64."""
    f = t.font("bold", 55)
    for word, shared in [("Nghị", True), ("quyết", True), ("ĐẢNG", True), ("Thường", True), ("2020–2025", True),
                         ("AVAT", True), ("Wỹ", True), ("Tây,", True), ("(bài", True), ("43-NQ/TW", True),
                         ("“Đà", True), ("7,5%", True), ("fifa", False), ("số”:", False), ("Tây", True)]:
        cache = WordMaskCache()
        for sixtyfourths in range(64):
            x = 100 + sixtyfourths / 64
            assert _max_difference(_stamped(tc.line_stamps(word, f, x, 200, cache)),
                                   _pillow_line(word, f, x, 200)) == 0, (word, sixtyfourths)
        # one mask per distinct rounding (at most one per glyph, plus one); words that may
        # ligate ("f", ":" start ligatures in Be Vietnam Pro) are keyed by the exact fraction
        assert len(cache) <= len(word) + 1 if shared else len(cache) == 64


def test_pens_fallback_shapes_prefixes_when_words_do_not_add_up(monkeypatch: pytest.MonkeyPatch) -> None:
    f = t.font("bold", 64)
    line = "Đà Nẵng  AVAT Tây"
    fast = tc._pens(line, f)
    original = t.text_width
    monkeypatch.setattr(t, "text_width", lambda text, font: original(text, font) + (1 if text == line else 0))
    slow = tc._pens(line, f)
    assert [w for w, _ in slow] == [w for w, _ in fast]
    assert [p for _, p in slow] == pytest.approx([p for _, p in fast], abs=0)


@pytest.mark.parametrize("title", TITLES)
def test_card_looks_like_pillow_drawing(title: str) -> None:
    card = c.Card("tin-tuc/bai/", title, "Nghị quyết 43", "Thứ Tư, ngày 29-3-2023")
    fast = c.render_card(card, SITE, PUBLISHER)
    reference = rgb_card(card, SITE, PUBLISHER)
    assert fast.mode == "P" and fast.size == (1200, 630)
    assert psnr(fast, reference) >= 45.0
    # the palette only rounds anti-aliasing: no glyph moved, so every fully inked or
    # untouched pixel is exact and edges are off by a few levels at most
    assert _max_difference(fast.convert("RGB"), reference) <= 4


def test_block_coverage_matches_draw_block() -> None:
    block = t.fit(TITLES[0], "bold", 64, c.RIGHT - c.LEFT, 330, max_lines=4, min_size=34,
                  leading=1.14, balance=True)
    assert len(block.lines) > 1
    reference = Image.new("L", (c.WIDTH, c.HEIGHT), 0)
    t.draw_block(ImageDraw.Draw(reference), block, c.LEFT, 120, 255)  # type: ignore[arg-type]
    cover = tc.coverage(tc.block_stamps(block, c.LEFT, 120))
    assert cover is not None
    stamped = Image.new("L", (c.WIDTH, c.HEIGHT), 0)
    stamped.paste(cover.mask, (cover.x, cover.y))
    assert _max_difference(stamped, reference) == 0


def _text_box(card: c.Card) -> tuple[int, int, int, int] | None:
    """Bounding box of what the card draws beyond the shared frame."""
    frame = c._frame(SITE, PUBLISHER).image
    return ImageChops.difference(c.render_card(card, SITE, PUBLISHER).convert("RGB"),
                                 frame.convert("RGB")).getbbox()


def test_long_title_fits_inside_the_text_area() -> None:
    long_title = " ".join([TITLES[0], TITLES[1], TITLES[2]])
    card = c.Card("", long_title, "Chỉ đạo – điều hành", "Thứ Sáu, ngày 1-1-2021")
    box = _text_box(card)
    assert box is not None
    assert box[0] >= c.LEFT - 4 and box[2] <= c.RIGHT + 4  # left bearing of a glyph may be a pixel out
    assert box[1] >= 60 and box[3] <= c.FOOTER_TOP
    title = t.fit(long_title, "bold", 64, c.RIGHT - c.LEFT, c.FOOTER_TOP - 72 - 46 - 44 - 24, max_lines=4,
                  min_size=34, leading=1.14, balance=True)
    assert " ".join(title.lines).split() == long_title.split()  # every word drawn, none dropped
    assert title.font.size < 64  # shrunk to fit


def test_nfd_title_renders_like_nfc() -> None:
    nfc = c.Card("", TITLES[0], "Sơ kết giữa nhiệm kỳ", "Thứ Tư, ngày 29-3-2023")
    nfd = c.Card("", unicodedata.normalize("NFD", nfc.title), unicodedata.normalize("NFD", nfc.section),
                 unicodedata.normalize("NFD", nfc.date))
    assert nfd.title != nfc.title
    a, b = c.render_card(nfc, SITE, PUBLISHER), c.render_card(nfd, SITE, PUBLISHER)
    assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_missing_glyph_is_an_error_not_a_box() -> None:
    with pytest.raises(t.GlyphError, match="U\\+6F22"):
        c.render_card(c.Card("", "Nghị quyết 漢 43"), SITE, PUBLISHER)


def test_draw_card_writes_a_1200x630_png(tmp_path: Path) -> None:
    cache = RenderCache(tmp_path)
    card = c.Card("tin-tuc/bai/", TITLES[2], "Nghị quyết 43", "Thứ Tư, ngày 29-3-2023")
    assert c.draw_card(card, cache, SITE, PUBLISHER)
    assert not c.draw_card(card, cache, SITE, PUBLISHER)  # cached
    digest = c.card_key(card, SITE, PUBLISHER)
    data = (cache.entry(digest) / c.FILENAME).read_bytes()
    assert cache.meta(digest)["sizes"][c.FILENAME] == len(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (1200, 630) and image.mode == "P"
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(1 << 16) or []}
    assert {Image.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in (BG, INK, RED, MUTED)} <= colours


def test_card_key_names_the_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    card = c.Card("", TITLES[0])
    before = c.card_key(card, SITE, PUBLISHER)
    monkeypatch.setattr(c, "DRAWING", c.DRAWING + "-next")
    assert c.card_key(card, SITE, PUBLISHER) != before


def test_word_mask_cache_is_bounded_and_least_recently_used() -> None:
    f = t.font("bold", 64)
    one = f.getmask2("Nẵng", "L", features=FEATURES, anchor="ls")[0].size
    cache = WordMaskCache(max_pixels=one[0] * one[1] * 6)
    kept = cache.get(f, "Nẵng", 0)
    for i in range(40):
        cache.get(f, f"Đà{i}", 0)
        assert cache.get(f, "Nẵng", 0) is kept  # used each round: never the eviction victim
        assert cache.pixels <= cache.max_pixels
    assert 1 < len(cache) < 10
    assert cache.get(f, "Đà0", 0) is not None and cache.misses == 42  # evicted long ago: drawn again


# -- frame_png: only the rows a card draws on are compressed again -------------------------

PNG_CARDS = [
    c.Card("tin-tuc/a/", "Đà Nẵng", "Tin tức", "Thứ Tư, ngày 29-3-2023"),
    c.Card("tin-tuc/b/", "Kiểm tra, đôn đốc tiến độ thực hiện Nghị quyết 43-NQ/TW của Bộ Chính trị về xây dựng "
           "và phát triển thành phố Đà Nẵng đến năm 2030, tầm nhìn đến năm 2045 trong toàn Đảng bộ thành phố",
           "Nghị quyết 43", "Thứ Hai, ngày 1-1-2024"),
    c.Card("", "Trang chủ"),  # no section, no date: text near the top only
    c.Card("so-lieu/", "Số liệu", "", "Chủ Nhật, ngày 31-12-2023"),
]


@pytest.mark.parametrize("card", PNG_CARDS, ids=lambda card: card.url or "home")
def test_card_png_holds_exactly_the_drawn_pixels(card: c.Card) -> None:
    image = c.render_card(card, "Sơ kết giữa nhiệm kỳ", "Ban Tuyên giáo Thành ủy Đà Nẵng")
    data = c.card_png(card, "Sơ kết giữa nhiệm kỳ", "Ban Tuyên giáo Thành ủy Đà Nẵng")
    decoded = Image.open(io.BytesIO(data))
    decoded.load()  # checks every chunk's CRC and the zlib stream's Adler-32
    assert decoded.format == "PNG" and decoded.mode == "P" and decoded.size == (c.WIDTH, c.HEIGHT)
    assert decoded.getpalette() == image.getpalette()
    assert decoded.tobytes() == image.tobytes()


def test_frame_png_reuses_untouched_bands_and_checks_the_image() -> None:
    from microsite.infographics.frame_png import BAND, FramePng

    frame = c._frame("Sơ kết giữa nhiệm kỳ", "Ban Tuyên giáo Thành ủy Đà Nẵng").image
    png = FramePng(frame)
    untouched = png.encode(frame.copy(), 0, 0)  # nothing drawn: every band from the frame
    assert Image.open(io.BytesIO(untouched)).tobytes() == frame.tobytes()
    changed = frame.copy()
    changed.paste(5, (200, 3 * BAND + 2, 260, 3 * BAND + 9))  # inside band 3 only
    assert Image.open(io.BytesIO(png.encode(changed, 3 * BAND + 2, 3 * BAND + 9))).tobytes() == changed.tobytes()
    # Rows drawn on but not declared would keep the frame's pixels: the caller must say.
    assert Image.open(io.BytesIO(png.encode(changed, 0, 0))).tobytes() == frame.tobytes()
    with pytest.raises(ValueError):
        png.encode(frame.convert("RGB"), 0, 0)


def test_adler32_combine_is_zlibs() -> None:
    import os
    import zlib

    from microsite.infographics.frame_png import adler32_combine

    for first, second in [(b"", b"abc"), (b"x" * 70000, b"y" * 65521), (os.urandom(5000), os.urandom(1)),
                          (os.urandom(1), b"\xff" * 200000)]:
        assert adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) == zlib.adler32(first + second)


def test_publish_rewrites_a_prepublished_card_whose_page_shows_other_text(tmp_path) -> None:
    """The card worker writes article cards from front matter before the pages exist; a page
    that turns out to show another title gets its own card written over that one."""
    from microsite.infographics.cache import RenderCache

    site, cache_root = tmp_path / "site", tmp_path / "cache"
    guessed = c.Card("tin-tuc/bai/", "Tiêu đề trong front matter", "Tin tức", "Thứ Tư, ngày 29-3-2023")
    kept = c.Card("tin-tuc/khac/", "Bài khác giữ nguyên", "Tin tức", "Thứ Năm, ngày 30-3-2023")
    written = c.prepublish_cards([guessed, kept], site, cache_root, "Sơ kết", "Ban Tuyên giáo")
    assert set(written) == {"tin-tuc/bai/", "tin-tuc/khac/"}
    kept_file = c.card_path(site, kept)
    kept_file.write_bytes(b"marker")  # skipped below: same key, already in place
    shown = c.Card("tin-tuc/bai/", "Tiêu đề trang hiển thị", "Tin tức", "Thứ Tư, ngày 29-3-2023")
    drawn, reused = c.publish_cards([shown, kept], site, RenderCache(cache_root), "Sơ kết", "Ban Tuyên giáo",
                                    written)
    assert (drawn, reused) == (1, 1)
    assert c.card_path(site, shown).read_bytes() == c.card_png(shown, "Sơ kết", "Ban Tuyên giáo")
    assert kept_file.read_bytes() == b"marker"
