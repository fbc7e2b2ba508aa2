"""Vietnamese text core: slugs, press style, folding, legacy encodings, heading ids."""

from __future__ import annotations

import sys
import unicodedata
from datetime import datetime

import markdown
import pytest

from microsite.markdown.heading_ids import HeadingIdExtension
from microsite.text import press
from microsite.text.fold import fold
from microsite.text.legacy import find_legacy_text
from microsite.text.slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kiểm tra, đôn đốc tiến độ Nghị quyết 43-NQ/TW Đà Nẵng",
         "kiem-tra-don-doc-tien-do-nghi-quyet-43-nq-tw-da-nang"),
        ("ĐẢNG BỘ THÀNH PHỐ", "dang-bo-thanh-pho"),
        ("Sơ kết giữa nhiệm kỳ 2020–2025", "so-ket-giua-nhiem-ky-2020-2025"),
        ("Chỉ đạo – điều hành", "chi-dao-dieu-hanh"),
    ],
)
def test_slugify_is_ascii_and_keeps_d(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert slugify(unicodedata.normalize("NFD", title)) == slug


def test_slugs_do_not_depend_on_what_else_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-slugify's default backend switches to Unidecode when it is importable; ours
    stays on text-unidecode, so a title keeps its URL from one machine to the next."""
    import types

    other = types.ModuleType("unidecode")
    other.unidecode = lambda text: "khac"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unidecode", other)
    slugify.cache_clear()
    try:
        assert slugify("Đà Nẵng đổi mới") == "da-nang-doi-moi"
        from slugify import slugify as upstream

        assert upstream("Đà Nẵng đổi mới") == "khac"  # what the default would have done
    finally:
        slugify.cache_clear()


def test_press_dates_and_numbers() -> None:
    when = datetime(2023, 3, 29, 18, 11, tzinfo=press.TIMEZONE)
    assert press.long_date(when) == "Thứ Tư, ngày 29-3-2023"
    assert press.datetime_line(when) == "18:11, Thứ Tư, ngày 29-3-2023"
    assert press.as_of(datetime(2023, 3, 27, 17, 0)) == "17 giờ ngày 27-3-2023"
    assert press.number(1234567) == "1.234.567"
    assert press.number(7.5) == "7,5"
    assert press.number(3.48, 2) == "3,48"
    assert press.percent(21.5) == "21,5%"
    assert press.percent(100.0) == "100%"
    assert press.year(2023) == "2023"


def test_fold_handles_d_and_nfd() -> None:
    assert fold("Đô thị thông minh") == "do thi thong minh"
    assert fold(unicodedata.normalize("NFD", "ĐÀ NẴNG")) == "da nang"


@pytest.mark.parametrize(
    "text",
    [
        "NghÞ quyÕt 43 vÒ x©y dùng vµ ph¸t triÓn thµnh phè",  # TCVN3 read as cp1252
        "Thaønh phoá Ñaø Naüng ñaåy maïnh",  # VNI read as cp1252
    ],
)
def test_legacy_encodings_are_detected(text: str) -> None:
    hits = find_legacy_text(f"Dòng đầu\n{text}\n")
    assert hits and all(h.line == 2 for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết 43-NQ/TW về xây dựng và phát triển thành phố Đà Nẵng rõ ràng, võ đường, tù mù.",
        "Đoàn công tác gặp ông Müller tại Gdańsk © 2023 – «trích dẫn» 30°C.",
    ],
)
def test_unicode_vietnamese_is_not_flagged(text: str) -> None:
    assert find_legacy_text(text) == []


def test_heading_ids_are_ascii_and_unique() -> None:
    md = markdown.Markdown(extensions=[HeadingIdExtension(), "toc"])
    html = md.convert("## Đà Nẵng\n\n## Đà Nẵng\n\n### Tiến độ *Kế hoạch* 106\n")
    assert 'id="da-nang"' in html and 'id="da-nang-2"' in html
    assert 'id="tien-do-ke-hoach-106"' in html
    assert "_1" not in html


DATE_TEXTS = [
    "2023-03-29 18:11", "2023-3-9 8:05", "2023-03-29T18:11", "2023-03-29 18:11:07",
    "2023-03-29T18:11:07", "2023-03-29 18:11:07+07:00", "2023-03-29T18:11:07+0000",
    "2023-03-29T18:11:07Z", " 2023-03-29 18:11 ", "2023-03-29", "29-3-2023 18:11",
    "2023-03-29 18:11+07:00", "2023-02-30 10:00", "2023-03-29 18:11:07.5", "ngày 29-3-2023", "",
]


def test_dates_parse_the_same_whichever_format_matched_before() -> None:
    """parse_datetime tries the format that matched last first; no text may parse
    differently because of what was parsed before it."""
    from microsite.content.dates import _FORMATS, parse_datetime

    expected = {}
    for text in DATE_TEXTS:  # the plain reading: every format in order
        for fmt in _FORMATS:
            try:
                parsed = datetime.strptime(text.strip(), fmt)
            except ValueError:
                continue
            expected[text] = parsed if parsed.tzinfo else parsed.replace(tzinfo=press.TIMEZONE)
            break
        else:
            expected[text] = None
    assert expected["2023-03-29 18:11"] == datetime(2023, 3, 29, 18, 11, tzinfo=press.TIMEZONE)
    assert expected["2023-03-29"] is None and expected["2023-02-30 10:00"] is None
    for primer in DATE_TEXTS:
        for text in DATE_TEXTS:
            parse_datetime(primer)
            assert repr(parse_datetime(text)) == repr(expected[text]), (primer, text)
