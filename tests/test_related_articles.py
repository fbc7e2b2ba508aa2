""""Tin liên quan": ranked, deterministic, public only, editors' pins and exclusions, checked references."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from microsite.adapter.runner import build
from microsite.cli import main
from microsite.content.related_articles import MAX_RELATED, RelatedIndex
from microsite.text.press import TIMEZONE
from sitekit import copy_project, field_shown, soup, write_article
from syndication_helpers import sample_article

NQ43 = "Nghị quyết 43-NQ/TW"
NOW = datetime(2023, 4, 16, 8, 0, tzinfo=TIMEZONE)
DAY = datetime(2023, 4, 1, 8, 0, tzinfo=TIMEZONE)


def art(slug: str, days: int = 0, **fields: object):
    base: dict[str, object] = dict(slug=slug, rel_path=f"tin-tuc/posts/{slug}.md", title=f"Bài {slug} thử nghiệm",
                                   date=DAY + timedelta(days=days), tags=[], channels=["dang-bo"],
                                   categories=["Sơ kết giữa nhiệm kỳ"], summary="Tóm tắt bài thử nghiệm.", body="")
    base.update(fields)
    return sample_article(**base)


def slugs(index: RelatedIndex, article) -> list[str]:
    return [a.slug for a in index.related(article)]


def test_shared_tags_rank_above_shared_channel_and_category() -> None:
    me = art("goc", tags=["Đô thị thông minh", "Chuyển đổi số"], channels=["drt"])
    two_tags = art("hai-the", 1, tags=["Đô thị thông minh", "Chuyển đổi số"])
    one_tag = art("mot-the", 2, tags=["Chuyển đổi số"])
    channel = art("cung-kenh", 3, channels=["drt"], categories=["Nghị quyết 43"])
    nothing = art("khong-chung", 4, channels=["cong-ttdt"], categories=["Nghị quyết 43"])
    index = RelatedIndex([nothing, channel, one_tag, two_tags, me], NQ43, "tin-tuc")
    assert slugs(index, me) == ["hai-the", "mot-the", "cung-kenh"]  # sharing nothing: not related


def test_the_resolution_tag_and_the_words_of_the_text_count() -> None:
    me = art("goc", title="Đà Nẵng phát triển kinh tế biển và cảng biển quốc tế", tags=["Nghị quyết 43-NQ/TW"])
    nq = art("nq", 1, tags=["nghị quyết 43-nq/tw"])  # same tag by its slug
    other_tag = art("the-khac", 1, tags=["Khởi nghiệp"])
    words = art("cung-chu-de", 1, title="Kinh tế biển, cảng biển quốc tế: Đà Nẵng đi trước")
    filler = [art(f"bai-{i}", 2 + i, title=f"Tin hoạt động số {i} của các phường") for i in range(8)]
    index = RelatedIndex([me, nq, other_tag, words, *filler], NQ43, "tin-tuc")
    assert slugs(index, me)[:2] == ["nq", "cung-chu-de"]
    assert "the-khac" not in slugs(index, me)[:2]


def test_ties_break_by_date_then_slug_and_input_order_does_not_matter() -> None:
    me = art("goc", tags=["Khởi nghiệp"])
    same = [art(s, d, tags=["Khởi nghiệp"]) for s, d in (("b-cu", 1), ("a-moi", 5), ("c-moi", 5), ("d", 3),
                                                          ("e", 2), ("f", 4), ("g", 0))]
    everything = [me, *same]
    expected = ["a-moi", "c-moi", "f", "d", "e"]
    for seed in range(5):
        shuffled = everything[:]
        random.Random(seed).shuffle(shuffled)
        assert slugs(RelatedIndex(shuffled, NQ43, "tin-tuc"), me) == expected


def test_pins_first_exclusions_never_and_at_most_five() -> None:
    me = art("goc", tags=["Khởi nghiệp"], meta={"related": {"pin": ["xa", "tin-tuc/posts/xa-nua.md"],
                                                             "exclude": ["gan"]}})
    near = art("gan", 1, tags=["Khởi nghiệp"])
    others = [art(f"k{i}", 2 + i, tags=["Khởi nghiệp"]) for i in range(6)]
    far = art("xa", -3, channels=["cong-ttdt"], categories=["Nghị quyết 43"])
    farther = art("xa-nua", -4, channels=["cong-ttdt"], categories=["Nghị quyết 43"])
    index = RelatedIndex([me, near, far, farther, *others], NQ43, "tin-tuc")
    got = slugs(index, me)
    assert got[:2] == ["xa", "xa-nua"] and "gan" not in got and len(got) == MAX_RELATED
    assert got[2:] == ["k5", "k4", "k3"]


def test_an_article_not_indexed_gets_nothing() -> None:
    public = art("cong-khai", tags=["Khởi nghiệp"])
    draft = replace(art("nhap", tags=["Khởi nghiệp"]))
    index = RelatedIndex([public], NQ43, "tin-tuc")
    assert index.related(draft) == [] and index.related(public) == []


# -- a real build: only public articles, links that work ------------------------------------------

HIDDEN = {
    "nhap": {"status": "draft", "reviewer": None},
    "cho-duyet": {"status": "review"},
    "hen-gio": {"date": "2023-05-01 08:00"},
    "da-go": {"status": "withdrawn",
              "withdrawn": {"date": "2023-04-10 09:00", "reason": "Số liệu chưa được xác nhận."}},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("related") / "project", with_posts=False)
    for i in range(7):
        write_article(project, f"cong-khai-{i}", title=f"Tin công khai số {i} về đô thị thông minh",
                      date=f"2023-04-0{i + 1} 08:00", tags=[NQ43, "Đô thị thông minh"])
    for name, fields in HIDDEN.items():
        write_article(project, name, **{"title": f"Tin ẩn {name} về đô thị thông minh", "date": "2023-04-05 10:00",
                                        "tags": [NQ43, "Đô thị thông minh"], **fields})
    write_article(project, "ghim", title="Bài ghim một bài cũ và loại một bài", date="2023-04-08 08:00",
                  tags=["Khởi nghiệp"], related={"pin": ["cong-khai-0", "nhap"], "exclude": ["cong-khai-6.md"]})
    return build(project, now=NOW)


def _related(page: Path) -> list[tuple[str, str]]:
    box = soup(page).select_one("section.ms-related")
    assert box is not None and box.find("h2").get_text(strip=True) == "Tin liên quan"
    return [(a.get_text(strip=True), a["href"]) for a in box.select("a")]


def test_every_article_lists_public_articles_only_with_working_links(site: Path) -> None:
    pages = sorted(p for p in (site / "tin-tuc").glob("2023/*/*/*/index.html") if "tin-an-da-go" not in p.as_posix())
    assert len(pages) == 8  # the 7 public articles and the one with pins; the withdrawn one is a notice
    for page in pages:
        links = _related(page)
        assert 1 <= len(links) <= MAX_RELATED, page
        for title, href in links:
            assert "Tin ẩn" not in title, (page, title)
            assert (page.parent / href / "index.html").resolve().is_file(), (page, href)
            assert (page.parent / href).resolve() != page.parent.resolve()


def test_pins_and_exclusions_in_the_built_page(site: Path) -> None:
    page = site / "tin-tuc" / "2023" / "04" / "08" / "bai-ghim-mot-bai-cu-va-loai-mot-bai" / "index.html"
    titles = [t for t, _ in _related(page)]
    assert titles[0] == "Tin công khai số 0 về đô thị thông minh"  # pinned; the pinned draft is not shown
    assert "Tin công khai số 6 về đô thị thông minh" not in titles
    newest = site / "tin-tuc" / "2023" / "04" / "07" / "tin-cong-khai-so-6-ve-do-thi-thong-minh" / "index.html"
    assert [t for t, _ in _related(newest)] == [f"Tin công khai số {i} về đô thị thông minh" for i in (5, 4, 3, 2, 1)]


CHECKS = [
    ({"pin": ["khong-co-bai-nay"]}, "related.pin[1]", ['Không tìm thấy bài viết "khong-co-bai-nay"']),
    ({"exclude": ["bai-khac", "sai-ten"]}, "related.exclude[2]", ['Không tìm thấy bài viết "sai-ten"']),
    ({"pin": ["bai-sua"]}, "related.pin[1]", ["chính nó"]),
    ({"pin": ["bai-khac"], "exclude": ["bai-khac"]}, "related.exclude[1]", ["vừa được ghim vừa bị loại"]),
    ({"ghim": ["bai-khac"]}, "related.ghim", ['"ghim" không được hỗ trợ']),
]


@pytest.mark.parametrize(("related", "field", "fragments"), CHECKS, ids=[c[1] + str(i) for i, c in enumerate(CHECKS)])
def test_bad_references_are_refused_by_file_line_and_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], related: dict[str, list[str]], field: str,
        fragments: list[str]) -> None:
    project = copy_project(tmp_path / "project", with_posts=False)
    write_article(project, "bai-khac", title="Một bài khác để tham chiếu")
    path = write_article(project, "bai-sua", title="Bài có tin liên quan chọn tay", related=related)
    code = main(["check", "-d", str(project)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1, output
    shown = field_shown("docs/tin-tuc/posts/bai-sua.md", field)
    match = re.search(rf'docs/tin-tuc/posts/bai-sua.md:(\d+): lỗi: {re.escape(shown)}', output)
    assert match, output
    key = field.split(".")[1].split("[")[0]
    ref = (related.get(key) or [""])[int(field.split("[")[1][0]) - 1] if "[" in field else None
    line = path.read_text("utf-8").splitlines()[int(match.group(1)) - 1]
    assert (ref in line) if ref else (f"{key}:" in line), line
    for fragment in fragments:
        assert fragment in output, output
