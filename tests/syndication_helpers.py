"""Shared helpers for the partner-reuse tests: schema validators and a sample entry."""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from microsite.content.model import Article, Status
from microsite.syndication.entry import Entry, SiteIdentity
from microsite.text.press import TIMEZONE
from sitekit import copy_project, soup, write_article  # noqa: F401  (re-exported)

TESTS = Path(__file__).resolve().parent
SCHEMAS = TESTS / "schemas"


IDENTITY = SiteIdentity(
    name="Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng",
    url="https://so-ket.example/",
    description="Trang chuyên đề sơ kết giữa nhiệm kỳ.",
    publisher="Ban Tuyên giáo Thành ủy Đà Nẵng",
    logo_path="assets/images/logo.svg",
    licence="CC BY 4.0",
    licence_url="https://creativecommons.org/licenses/by/4.0/deed.vi",
)


@lru_cache(maxsize=1)
def ninjs_validator() -> Draft202012Validator:
    schema = json.loads((SCHEMAS / "ninjs-schema_3.1.json").read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


@lru_cache(maxsize=1)
def jsonfeed_validator() -> Draft7Validator:
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text("utf-8"))
    return Draft7Validator(schema, format_checker=FormatChecker())


def errors(validator: Draft7Validator | Draft202012Validator, doc: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def sample_article(**fields: object) -> Article:
    base: dict[str, object] = dict(
        path=Path("/nonexistent/bai.md"), rel_path="tin-tuc/posts/bai.md",
        title="Đà Nẵng sơ kết giữa nhiệm kỳ & Nghị quyết 43",
        date=datetime(2023, 3, 29, 18, 11, tzinfo=TIMEZONE), authors=["Thanh Thảo"],
        channels=["dang-bo"], categories=["Sơ kết giữa nhiệm kỳ"],
        tags=["Nghị quyết 43-NQ/TW", "Kinh tế & xã hội"],
        summary="Tóm tắt bài thử nghiệm về sơ kết giữa nhiệm kỳ.", status=Status.APPROVED,
        slug="bai", body="", reviewer="Tổ Biên tập", source="Nguồn: Trang TTĐT Đảng bộ")
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def sample_entry(html: str = "<p>Thân bài có 14/16 đảng ủy.</p>", **fields: object) -> Entry:
    return Entry(sample_article(**fields), IDENTITY.absolute("tin-tuc/2023/03/29/bai/"), html,
                 source_text="---\ntitle: x\n---\n\nThân bài\n")
