"""Build-speed shortcuts in the MkDocs adapter change time, never output.

One Markdown parser reset between pages (``adapter.page_markdown``) and one for every
excerpt (``adapter.excerpt_markdown``), plain prose past the inline pass
(``markdown.plain_text``), the blog's post membership by identity
(``adapter.material_blog.PostsByIdentity``) and the navigation rendered once per
distinct result (``adapter.shared_nav``) must give the same site,
byte for byte, as MkDocs' and Material's own code paths. The articles below use
per-document state that a reused parser could leak from one page into the next:
abbreviations, footnotes, reference links, heading ids, stashed code blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import sitekit as site_helpers
from microsite.adapter import plugin as plugin_module
from microsite.adapter.excerpt_markdown import ExcerptParsers
from microsite.adapter.material_blog import PostsByIdentity
from microsite.adapter.page_markdown import SharedPageParser
from microsite.adapter.shared_nav import SharedNavigation
from microsite.adapter.translations import Translations
from microsite.adapter.render_cache import ENV_SWITCH
from microsite.markdown import site_extensions

WITH_STATE = """\
HĐND thành phố họp[^1] về [Nghị quyết 43][nq].

<!-- more -->

## Kết quả {: #ket-qua }

!!! note "Ghi chú"
    Nội dung ghi chú có HĐND.

```python
print("Đà Nẵng")
```

??? info "Chi tiết"
    Phần chi tiết.

| Quận | Việc |
|---|---:|
| Hải Châu | 3 |

<div markdown>
**Khối HTML** có Markdown.
</div>

[^1]: Chú thích cuối bài.

[nq]: ../../nghi-quyet-43/index.md "Trang Nghị quyết 43"

*[HĐND]: Hội đồng nhân dân
"""

WITHOUT_STATE = """\
Bài không định nghĩa gì: HĐND, [^1] và [nq] phải giữ nguyên chữ.

<!-- more -->

## Kết quả

Thân bài có một đoạn.
"""


class _NoExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        pass


def _footnote_counter(html: bytes) -> bytes:
    """Material converts an excerpt on the post's own parser without resetting it, so the
    footnote reference in a lead is ``fnref:1`` on the first listing rendered, ``fnref2:1``
    on the second, ``fnref3:1`` on the third (render order). The shared excerpt parser is
    reset for every document: always ``fnref:1``. Nothing links to these ids (the footnotes
    themselves are cut off with the rest of the post), so only the counter may differ."""
    return re.sub(rb'id="fnref\d*:', b'id="fnref:', html)


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.fixture
def stateful_project(project: Path) -> Path:
    for i in range(3):
        site_helpers.write_article(project, f"co-dinh-nghia-{i}", WITH_STATE, title=f"Bài có định nghĩa {i}",
                                   date=f"2023-03-2{i} 08:00")
        site_helpers.write_article(project, f"khong-dinh-nghia-{i}", WITHOUT_STATE,
                                   title=f"Bài không định nghĩa {i}", date=f"2023-03-2{i} 09:00")
    return project


def test_shared_parser_and_identity_membership_change_nothing(stateful_project: Path, build_site, monkeypatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_SWITCH, "0")  # every page really converted, in both builds
    navs: list[SharedNavigation] = []
    install = SharedNavigation.install
    monkeypatch.setattr(SharedNavigation, "install", lambda self, env: (navs.append(self), install(self, env))[1])
    tables: list[Translations] = []
    translate = Translations.install
    monkeypatch.setattr(Translations, "install", lambda self, env, config: (tables.append(self),
                                                                          translate(self, env, config))[1])
    fast = _pages(build_site(stateful_project, tmp_path / "fast"))
    assert tables and tables[-1].strings.get("tabs") == "Chuyên mục chính"  # looked up once, kept
    monkeypatch.setattr(Translations, "install", translate)
    articles = [name for name in fast if "dinh-nghia" in name]
    assert len(articles) == 6
    # The six articles share one sidebar and one tabs rendering.
    others = len(fast) - len(articles)
    assert navs[-1].rendered["partials/nav.html"] <= others + 1
    assert navs[-1].rendered["partials/tabs.html"] <= others + 1
    monkeypatch.setattr(SharedNavigation, "install", install)
    with monkeypatch.context() as m:
        m.setattr(SharedPageParser, "attach", lambda self, page: None)  # MkDocs' Page.render
        m.setattr(plugin_module, "index_posts_by_identity", lambda plugins: None)
        m.setattr(SharedNavigation, "install", lambda self, env: None)  # Material's partials as they are
        m.setattr(ExcerptParsers, "install", lambda self: None)  # a Markdown per excerpt, as Material does
        m.setattr(site_extensions, "PlainTextExtension", _NoExtension)  # the inline pass on every text
        m.setattr(Translations, "install", lambda self, env, config: None)  # the table on every page
        reference = _pages(build_site(stateful_project, tmp_path / "reference"))
    assert set(fast) == set(reference)
    for name in reference:
        assert _footnote_counter(fast[name]) == _footnote_counter(reference[name]), name
        if b'id="fnref' not in reference[name]:
            assert fast[name] == reference[name], name
    # The state above did not leak: the page without definitions has no abbreviation or footnote.
    plain = next(p for name, p in fast.items() if "khong-dinh-nghia-0" in name).decode()
    assert "<abbr" not in plain and "footnote" not in plain
    assert "<abbr" in next(p for name, p in fast.items() if "co-dinh-nghia-0" in name).decode()


def test_posts_by_identity_answers_like_a_list() -> None:
    a, b, c = object(), object(), object()
    posts = PostsByIdentity([a, b])
    assert a in posts and b in posts and c not in posts
    posts.append(c)  # the blog appends while resolving; the index follows the length
    assert c in posts
    posts.sort(key=id)
    assert {id(x) for x in posts} == {id(a), id(b), id(c)} and a in posts


def test_pages_in_the_navigation_share_tabs_but_not_their_sidebar() -> None:
    """A listing's page 2 carries its own table of contents in the sidebar; its tabs are the
    same as on any other page with the same active items and links."""
    from types import SimpleNamespace

    shared = SharedNavigation()
    blog = SimpleNamespace(url="tin-tuc/", active=True, children=None, pages=[])
    page_two = SimpleNamespace(url="tin-tuc/trang/2/", title="Tin tức")
    page_three = SimpleNamespace(url="tin-tuc/trang/3/", title="Tin tức")
    blog.pages += [blog, page_two, page_three]
    nav = SimpleNamespace(items=[SimpleNamespace(url="", active=False, children=None), blog])

    def key(page: object, name: str) -> object:
        return shared._key({"page": page, "nav": nav, "base_url": "../.."}, name)  # type: ignore[arg-type]

    assert key(page_two, "partials/nav.html") is None
    assert key(page_two, "partials/tabs.html") == key(page_three, "partials/tabs.html") is not None
    article = SimpleNamespace(url="tin-tuc/2023/03/29/bai/", title="Bài")
    assert key(article, "partials/nav.html") is not None
