"""Material's navigation (sidebar and tabs) rendered once per distinct result, not per page.

Material's ``base.html`` renders the whole site navigation twice for every page: the
sidebar (``partials/nav.html``) and the tabs (``partials/tabs.html``). That was 19% of
a 2000-article build, and the result is the same for almost every article: the
navigation lists sections and listings, never the 2000 posts, so an article changes
it only through which items are active and through the links' relative form.

So both partials are served by a stub that renders Material's original once per key
and reuses the HTML. The key holds everything the output depends on: which items are
active, the relative URL of every item from this page and the page's ``base_url``.
A page that appears in the navigation itself (a section's index, a blog listing and each
of its pages) gets its own sidebar, where its item carries its table of contents; the
tabs show no table of contents, so they are shared for these pages too. ``tests/test_page_markdown.py`` builds
a site with and without this and compares every page byte for byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import get_relative_url

SIDEBAR = "partials/nav.html"
SHARED_PARTIALS = (SIDEBAR, "partials/tabs.html")
ORIGINAL = "microsite-original"  # prefix under which the theme's own partials stay reachable
_GLOBAL = "microsite_shared_partial"


def _items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


class SharedNavigation:
    """Per build: the rendered partials, by key."""

    def __init__(self) -> None:
        self.html: dict[tuple[Any, ...], Markup] = {}
        self.rendered: Counter[str] = Counter()  # distinct renders of each partial, for the tests
        # What both partials of the page being rendered share: (page, navigation, key part);
        # objects, not ids: an id may be reused by the next build of `microsite serve`.
        self._page_key: tuple[Any, Any, tuple[Any, ...]] | None = None
        self._nav_items: tuple[Any, list[Any], list[Any], frozenset[int]] | None = None

    def install(self, env: Environment) -> None:
        stubs = {name: "{{ %s(%r) }}" % (_GLOBAL, name) for name in SHARED_PARTIALS}
        original = env.loader
        assert original is not None
        env.loader = ChoiceLoader([DictLoader(stubs), PrefixLoader({ORIGINAL: original}), original])
        env.globals[_GLOBAL] = pass_context(lambda context, name: self._render(context, name))

    def _render(self, context: Context, name: str) -> Markup:
        template = context.environment.get_template(f"{ORIGINAL}/{name}")
        key = self._key(context, name)
        if key is not None and key in self.html:
            return self.html[key]
        self.rendered[name] += 1
        html = Markup(template.render(context.get_all()))
        if key is not None:
            self.html[key] = html
        return html

    def _items(self, nav: Any) -> tuple[list[Any], frozenset[int]]:
        """Every item of the navigation, depth first, and the ids of the pages the items hold
        as their own (a blog listing's pages 2, 3...): the same for every page."""
        if self._nav_items is None or self._nav_items[0] is not nav:
            items = list(_items(nav.items))
            held = [p for item in items for p in getattr(item, "pages", None) or ()]
            self._nav_items = (nav, items, held, frozenset(id(p) for p in held))  # `held` keeps ids unique
        return self._nav_items[1], self._nav_items[3]

    def _key(self, context: Context, name: str) -> tuple[Any, ...] | None:
        page, nav = context.get("page"), context.get("nav")
        url = getattr(page, "url", None)
        if page is None or nav is None or url is None:
            return None
        cached = self._page_key
        if cached is None or cached[0] is not page or cached[1] is not nav:
            cached = self._page_key = (page, nav, self._page_part(page, url, *self._items(nav)))
        in_nav, *part = cached[2]
        if in_nav and name == SIDEBAR:
            return None
        return (name, context.get("base_url"), *part)

    @staticmethod
    def _page_part(page: Any, url: str, items: list[Any], held: frozenset[int]) -> tuple[Any, ...]:
        """Whether the page is in the navigation itself (the sidebar renders its own item for it,
        with its table of contents; the tabs do not), which items are active and how each is
        linked from ``page``."""
        in_nav = id(page) in held or any(item is page or getattr(item, "url", None) == url for item in items)
        active = tuple(i for i, item in enumerate(items) if getattr(item, "active", False))
        links = tuple(get_relative_url(item.url, url) if getattr(item, "url", None) is not None else None
                      for item in items)
        return in_nav, active, links
