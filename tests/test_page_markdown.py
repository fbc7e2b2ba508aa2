"""Build-speed shortcuts in the MkDocs adapter change time, never output.

The blog's post membership by identity (``adapter.accel.material_blog.PostsByIdentity``) and
the navigation rendered once per distinct result (``adapter.accel.shared_nav``) must give the same site,
byte for byte, as MkDocs' and Material's own code paths (``MICROSITE_ACCEL=0``; the whole
default site and a large corpus are compared in ``test_accel_plain_path.py``). The articles below use
per-document state that a reused parser could leak from one document into the next:
abbreviations, footnotes, reference links, heading ids, stashed code blocks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sitekit as site_helpers
from microsite.adapter.accel.material_blog import PostsByIdentity
from microsite.adapter.accel.shared_nav import SharedNavigation
from microsite.adapter.accel.translations import Translations
from microsite.adapter.accel.render_cache import ENV_SWITCH
from microsite.background import ENV_ACCEL

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


def test_identity_membership_and_shared_navigation_change_nothing(stateful_project: Path, build_site, monkeypatch,
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
    monkeypatch.setenv(ENV_ACCEL, "0")  # MkDocs', Material's and Python-Markdown's own code paths
    reference = _pages(build_site(stateful_project, tmp_path / "reference"))
    assert set(fast) == set(reference)
    for name in reference:  # byte for byte, footnote references in excerpts included
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
