"""Element ids an editor gives: well formed, unique on their page, never the theme's.

An id is the target of ``#...`` links and of the theme's scripts: ``## Mục {: #__search }``
gives a heading the id of Material's search toggle, and that page's search box then
opens the heading instead. The ids an editor writes (attr_list ``{: #id }``, ``id=`` in
raw HTML; recorded during the conversion by ``given_ids``) must be ASCII ``[a-z0-9-]``
starting with a letter, like the site's slugs; appear once on their page, counting the
ids headings get (``markdown.heading_ids`` would move a heading's id to ``-2`` instead of
saying so) and embedded infographics' figures; and never be an id the theme's templates
use (read from the templates themselves) or start with ``__`` (Material's prefix for the
ids its scripts create).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..content.problems import Problem
from ..markdown.infographic_embed import figure_id
from ..text.slugs import slugify, unique_slug
from .given_ids import GivenId
from .source import BodySource

VALID_ID = re.compile(r"[a-z][a-z0-9-]*")
RESERVED_PREFIX = "__"
_TEMPLATE_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FIELD = "nội dung"


@dataclass(frozen=True)
class ThemeIds:
    """Ids the theme's templates write: exact ones, and the fixed start of templated ones
    (``id="ms-embed-{{ info.id }}"`` reserves every id starting with ``ms-embed-``)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def reserves(self, value: str) -> bool:
        return value in self.exact or value.startswith((RESERVED_PREFIX, *self.prefixes))


@lru_cache(maxsize=4)
def theme_ids(template_dirs: tuple[Path, ...]) -> ThemeIds:
    """Every ``id=`` in the ``*.html`` templates under ``template_dirs`` (the theme's and
    the package's and the project's overrides; about 130 files, read once per process)."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for folder in template_dirs:
        for path in sorted(folder.rglob("*.html")):
            for double, single in _TEMPLATE_ID.findall(path.read_text("utf-8", errors="replace")):
                value = double or single
                fixed = re.split(r"\{[{%#]", value, maxsplit=1)[0]
                if fixed == value:
                    exact.add(value)
                elif fixed:
                    prefixes.add(fixed)
    return ThemeIds(frozenset(exact), tuple(sorted(prefixes)))


def _lines(src: BodySource, value: str) -> list[int]:
    """File lines where the body names ``value`` as an id (attr_list ``#value``, ``id=value``)."""
    escaped = re.escape(value)
    pattern = rf"""(?:\{{[^}}\n]*#{escaped}|\bid\s*=\s*["']?{escaped})(?![\w-])"""
    return [src.first_line + src.text.count("\n", 0, match.start())
            for match in re.finditer(pattern, src.text, re.IGNORECASE)]


def _line(src: BodySource, given: GivenId, nth: int = 0) -> int:
    """File line of the ``nth`` place (or the last found) where the editor wrote ``given``."""
    lines = _lines(src, given.value)
    return lines[min(nth, len(lines) - 1)] if lines else src.line_of(given.value)


def _suggestion(value: str, taken: set[str], theme: ThemeIds) -> str:
    """A valid, free id close to ``value``."""
    slug = slugify(value) or "muc"
    if not slug[0].isalpha():
        slug = f"muc-{slug}"
    while theme.reserves(slug):
        slug = f"muc-{slug}"
    return unique_slug(slug, set(taken))


def _problem(src: BodySource, given: GivenId, message: str, hint: str, nth: int = 0) -> Problem:
    return Problem(src.shown, message, _line(src, given, nth), _FIELD, hint)


def _rule_problem(src: BodySource, given: GivenId, taken: set[str], theme: ThemeIds,
                  heading_ids: set[str], figures: dict[str, str]) -> Problem | None:
    value, suggest = given.value, _suggestion(given.value, taken, theme)
    if theme.reserves(value):
        return _problem(
            src, given, f"Mã định danh (id) \"{value}\" là mã riêng của giao diện trang (ô tìm kiếm, trình đơn, "
            "mục lục...): phần tử mang mã này làm các nút của giao diện hoạt động sai.",
            f"Đổi sang mã khác, ví dụ \"{suggest}\"; mã bắt đầu bằng \"__\" và các mã giao diện dùng đã có chủ.")
    if not VALID_ID.fullmatch(value):
        return _problem(
            src, given, f"Mã định danh (id) \"{value}\" không hợp lệ: chỉ dùng chữ thường không dấu a-z, "
            "chữ số 0-9 và dấu gạch ngang, bắt đầu bằng chữ cái.",
            f"Đổi thành \"{suggest}\" và sửa các liên kết #{value} trỏ tới nó.")
    if value in figures:
        return _problem(
            src, given, f"Mã định danh (id) \"{value}\" trùng với mã của infographic nhúng trên trang "
            f"(::infographic {figures[value]}).", f"Đổi sang mã khác, ví dụ \"{suggest}\".")
    if value in heading_ids:
        return _problem(
            src, given, f"Mã định danh (id) \"{value}\" trùng với mã tự đặt cho một tiêu đề trên trang: tiêu đề "
            "đó sẽ phải nhận mã khác và các liên kết tới nó sẽ sai.",
            f"Đổi mã này, ví dụ \"{suggest}\", hoặc đặt cho tiêu đề đó một mã riêng bằng {{: #ma-khac }}.")
    return None


def _generated_heading_ids(slugs: Iterable[str]) -> set[str]:
    """The ids the page's headings would get if the editor had given no id."""
    taken: set[str] = set()
    return {unique_slug(slug, taken) for slug in slugs}


def check_ids(src: BodySource, template_dirs: tuple[Path, ...] = ()) -> list[Problem]:
    """One problem per id the editor gave wrongly (each value once per page)."""
    recorded = src.given_ids
    if not recorded.given:
        return []
    theme = theme_ids(template_dirs)
    page_ids = [el_id for el in src.elements if (el_id := el.get("id")) is not None]
    taken = set(page_ids)
    figures = {figure_id(ident): ident for ident in recorded.embedded}
    heading_ids = _generated_heading_ids(src.heading_slugs)
    problems: list[Problem] = []
    seen: set[str] = set()
    for given in recorded.given:
        if given.value in seen:
            continue
        seen.add(given.value)
        found = _rule_problem(src, given, taken, theme, heading_ids, figures)
        if found is None and page_ids.count(given.value) > 1:
            found = _problem(
                src, given, f"Mã định danh (id) \"{given.value}\" dùng {page_ids.count(given.value)} lần trên "
                f"cùng một trang: liên kết #{given.value} chỉ tới được một chỗ.",
                f"Mỗi mã chỉ dùng một lần trên một trang: đổi một chỗ, ví dụ thành "
                f"\"{_suggestion(given.value, taken, theme)}\".", nth=1)
        if found:
            problems.append(found)
    return problems
