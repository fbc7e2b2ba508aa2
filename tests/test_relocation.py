"""``adapter.accel.relocation``: HTML made for one listing stands for another only when every
relative URL in it reads the same from there (the rule behind reusing blog excerpts)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from microsite.adapter.accel.relocation import relative_paths, relinked, same_on

POST = "tin-tuc/2023/03/29/bai-viet/"


def excerpt_for(listing: str, *targets: str) -> str:
    """HTML as MkDocs and the blog would write it on ``listing``: relative links to ``targets``."""
    links = "".join(f'<a href="{get_relative_url(t, listing)}">x</a>' for t in targets)
    return (f'<h2 id="t"><a href="{get_relative_url(POST, listing)}">Tiêu đề</a></h2>'
            f'<p>{links}<a href="https://example.org/">ngoài</a><a href="#fn:1">1</a>'
            f'<img alt="" src="/assets/logo.svg"></p>')


def test_relative_paths_skip_absolute_urls_and_fragments() -> None:
    html = excerpt_for("tin-tuc/trang/2/", "nghi-quyet-43/", "tin-tuc/anh/a.jpg")
    assert relative_paths(html) == {"../../2023/03/29/bai-viet/", "../../../nghi-quyet-43/", "../../anh/a.jpg"}
    assert relative_paths("<a href='../x/?a=1&amp;b=2#m'>", '<img src=anh.png>') == {"../x/", "anh.png"}


def test_listings_at_the_same_depth_share_an_excerpt() -> None:
    a, b = "tin-tuc/luu-tru/2023/", "tin-tuc/chuyen-muc/nghi-quyet-43/"
    paths = relative_paths(excerpt_for(a, "nghi-quyet-43/", "tin-tuc/anh/a.jpg", "tin-tuc/2022/01/01/khac/"))
    assert same_on(paths, a, b)
    assert excerpt_for(a, "nghi-quyet-43/") == excerpt_for(b, "nghi-quyet-43/")


def test_other_depths_and_links_into_a_listing_do_not() -> None:
    a = "tin-tuc/luu-tru/2023/"
    assert not same_on(relative_paths(excerpt_for(a)), a, "tin-tuc/")
    assert not same_on(relative_paths(excerpt_for(a)), a, "tin-tuc/chuyen-muc/x/trang/2/")
    # The lead links to one of the listings itself: "./" there, "../../luu-tru/2023/" elsewhere.
    linking = relative_paths(excerpt_for(a, a))
    assert not same_on(linking, a, "tin-tuc/chuyen-muc/x/")


def test_a_path_not_written_by_mkdocs_is_never_trusted() -> None:
    """Raw HTML keeps what the editor typed; if it does not round-trip, no reuse."""
    a = "tin-tuc/luu-tru/2023/"
    assert not same_on(frozenset({"./././x"}), a, "tin-tuc/chuyen-muc/x/")


segments = st.lists(st.sampled_from(["tin-tuc", "trang", "2", "luu-tru", "2023", "chuyen-muc", "a", "b.html"]),
                    min_size=0, max_size=4)


@given(segments, segments, st.lists(segments, max_size=4))
def test_reuse_is_granted_only_when_every_link_is_spelled_the_same(listing_a: list[str], listing_b: list[str],
                                                                  targets: list[list[str]]) -> None:
    a = "/".join(listing_a) + "/" if listing_a else ""
    b = "/".join(listing_b) + "/" if listing_b else ""
    urls = ["/".join(t) + ("/" if t and "." not in t[-1] else "") for t in targets]
    html_a = excerpt_for(a or ".", *urls)
    html_b = excerpt_for(b or ".", *urls)
    if same_on(relative_paths(html_a), a or ".", b or "."):
        assert html_a == html_b


def only_post_links(listing: str) -> str:
    """An excerpt whose only relative URLs are the blog's links to its post (headline, anchors)."""
    link = get_relative_url(POST, listing)
    return (f'<h2 id="t"><a class="toclink" href="{link}">Tiêu đề</a></h2>'
            f'<p>Chữ<sup id="fnref:1"><a class="footnote-ref" href="{link}#fn:1">1</a></sup> '
            f'<a href="https://example.org/">ngoài</a><img alt="" src="/assets/logo.svg"></p>')


def test_the_blogs_own_link_to_the_post_is_spelled_from_the_other_listing() -> None:
    a, b = "tin-tuc/trang/3/", "tin-tuc/chuyen-muc/nghi-quyet-43/trang/2/"
    html = only_post_links(a)
    paths = relative_paths(html)
    assert not same_on(paths, a, b)  # another depth: the headline link reads differently
    assert relinked((html, ""), paths, 2, POST, a, b) == (only_post_links(b), "")


def test_no_relink_unless_every_occurrence_is_the_blogs() -> None:
    a, b = "tin-tuc/trang/3/", "tin-tuc/chuyen-muc/x/trang/2/"
    html = only_post_links(a)
    paths = relative_paths(html)
    assert relinked((html,), paths, None, POST, a, b) is None  # count unknown (cached by an older build)
    assert relinked((html,), paths, 1, POST, a, b) is None  # one of the two was typed by the editor
    typed = html + f'<a href="{get_relative_url("nghi-quyet-43/", a)}">NQ43</a>'
    assert relinked((typed,), relative_paths(typed), 2, POST, a, b) is None  # another relative URL
    escaped = html.replace('href="../../', 'href="&#46;./../', 1)  # same path, not spelled as the blog does
    assert relinked((escaped,), relative_paths(escaped), 2, POST, a, b) is None


@given(segments, segments)
def test_relinking_gives_what_a_render_for_the_other_listing_gives(listing_a: list[str],
                                                                   listing_b: list[str]) -> None:
    a = "/".join(listing_a) + "/" if listing_a else "."
    b = "/".join(listing_b) + "/" if listing_b else "."
    html = only_post_links(a)
    assert relinked((html,), relative_paths(html), 2, POST, a, b) == (only_post_links(b),)
