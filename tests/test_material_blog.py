"""Blog listings convert each post's lead only, and print exactly what a full conversion printed."""

from __future__ import annotations

from pathlib import Path

import sitekit as site_helpers
from microsite.adapter.accel import material_blog as excerpts
from microsite.markdown.excerpt_source import excerpt_source

SEP = "<!-- more -->"

# The lead uses definitions that only appear after the separator: a footnote (two
# paragraphs), a reference link with its title on the next line, an abbreviation.
BODY = """\
Mở đầu về HĐND thành phố[^ghi-chu] và [Nghị quyết 43][nq43], có **chữ đậm**.

<!-- more -->

## Phần thân bài

Đoạn thân bài dài, không được vào trích đoạn. HĐND họp định kỳ.

[^ghi-chu]: Chú thích cuối bài.

    Đoạn thứ hai của chú thích.

[nq43]: ../../nghi-quyet-43/index.md
    "Trang Nghị quyết 43"

*[HĐND]: Hội đồng nhân dân
"""


def test_lead_keeps_every_definition_after_the_separator() -> None:
    source = excerpt_source(BODY, SEP)
    assert source is not None
    head, _, after = source.partition(SEP)
    assert head == BODY.partition(SEP)[0]
    assert "Phần thân bài" not in after and "Đoạn thân bài" not in after
    for line in ("[^ghi-chu]: Chú thích cuối bài.", "    Đoạn thứ hai của chú thích.",
                 "[nq43]: ../../nghi-quyet-43/index.md", '    "Trang Nghị quyết 43"',
                 "*[HĐND]: Hội đồng nhân dân"):
        assert line in after.splitlines()


def test_no_separator_means_whole_post_and_empty_tail_means_no_more_link() -> None:
    assert excerpt_source("Chỉ một đoạn.\n", SEP) is None
    assert excerpt_source("Mở đầu.\n\n" + SEP + "\n\n", SEP) == "Mở đầu.\n\n" + SEP


def _listing_pages(site: Path) -> dict[str, bytes]:
    blog = site / "tin-tuc"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(blog.rglob("index.html"))
            if "/20" not in "/" + p.relative_to(blog).as_posix()}  # listings, not the posts


def test_listings_identical_to_full_conversion(project: Path, build_site, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MICROSITE_RENDER_CACHE", "0")
    for i in range(3):
        site_helpers.write_article(project, f"bai-{i}", BODY, title=f"Bài trích đoạn số {i}",
                                   date=f"2023-03-2{i} 08:00")
    lead_only = _listing_pages(build_site(project, tmp_path / "lead"))
    calls: list[str] = []
    real = excerpts.excerpt_source
    monkeypatch.setattr(excerpts, "excerpt_source", lambda md, sep: calls.append(md) or None)
    full = _listing_pages(build_site(project, tmp_path / "full"))
    assert calls, "the full-conversion build must have gone through the same hook"
    assert lead_only.keys() == full.keys() and len(full) >= 3
    for name in full:
        assert lead_only[name] == full[name], name
    index = site_helpers.soup(tmp_path / "lead" / "tin-tuc" / "index.html")
    text = index.get_text(" ")
    assert "Mở đầu về" in text and "Đoạn thân bài" not in text
    assert index.select("abbr[title='Hội đồng nhân dân']"), "abbreviation defined after the lead applies"
    assert index.select(".md-post__action a"), "the 'đọc tiếp' link stays"
    assert real is excerpt_source


def test_a_listings_posts_are_handed_out_once_for_all_its_pages() -> None:
    """Every page of a paginated listing holds the listing's whole list of posts."""
    from types import SimpleNamespace

    listings = excerpts.ListingPosts()
    everything = [SimpleNamespace(name=f"bai-{i}") for i in range(25)]
    pages = [SimpleNamespace(posts=everything) for _ in range(3)]  # trang 1, 2, 3
    archive = SimpleNamespace(posts=everything[:5])
    assert listings.new(pages[0]) == everything
    assert listings.new(pages[1]) == [] and listings.new(pages[2]) == []
    assert listings.new(archive) == everything[:5]  # another listing: its own list
    assert listings.new(SimpleNamespace(title="bài viết")) == []  # not a listing
    everything.append(SimpleNamespace(name="bai-25"))  # a list that changed is handed out again
    assert listings.new(pages[1]) == everything
