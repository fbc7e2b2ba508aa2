"""The content check reads a body with exactly the Markdown the build renders it with.

A project whose mkdocs.yml adds extensions (``pymdownx.mark``, ``def_list``) and options
(a custom fence whose formatter is a ``!!python/name:``) gets them in the check too: the
check's extensions, their options and every processor they register equal the build's
(apart from the one documented check option and the processors only one side needs),
and a body using them comes out the same in the check and in the page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build

from microsite.adapter.runner import load, project_settings
from microsite.config import SiteSettings
from microsite.validation.source import CHECK_OPTIONS, UNUSED_PROCESSORS, BodySource, CheckParser

from sitekit import copy_project, soup, write_article

ADDED = ["pymdownx.mark", "def_list"]
# An option whose value is a Python object (``!!python/name:``): a custom fence.
FENCES = """  - pymdownx.superfences:
      custom_fences:
        - name: so-do
          class: so-do
          format: !!python/name:pymdownx.superfences.fence_div_format
"""
BODY = """Mở đầu bài có ==chữ được đánh dấu== và *nghiêng*.

<!-- more -->

## Thuật ngữ {: #thuat-ngu }

Sơ kết
:   Đánh giá kết quả ==giữa nhiệm kỳ==.

Nghị quyết 43-NQ/TW
:   Về xây dựng và phát triển thành phố Đà Nẵng.

## Tổng quan

```so-do
Tổ chức --> Thực hiện
```

Đoạn cuối.
"""


def _extend(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    anchor = "  - pymdownx.superfences\n"
    assert anchor in text
    config.write_text(text.replace(anchor, FENCES + "".join(f"  - {name}\n" for name in ADDED)), "utf-8")


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path) -> tuple[Path, Any, Path]:
    """A project with extra extensions, built in this process: (project, its MkDocs config, site)."""
    root = tmp_path_factory.mktemp("extended")
    project = copy_project(root / "project", with_posts=False, warm=warm_cache)
    _extend(project)
    write_article(project, "thuat-ngu", BODY, title="Thuật ngữ của đợt sơ kết giữa nhiệm kỳ")
    config = load(project, site_dir=str(root / "site"))
    mkdocs_build(config)
    return project, config, root / "site"


def _settings(project: Path) -> SiteSettings:
    settings = project_settings(project)
    assert [name for name in ADDED if name in settings.markdown.extensions] == ADDED
    return settings


def _kinds(extensions: list[Any]) -> list[object]:
    return [ext if isinstance(ext, str) else type(ext) for ext in extensions]


def _processors(md: markdown.Markdown, skip: tuple[str, ...]) -> dict[str, list[str]]:
    """Every processor in every registry, by class, in the order Markdown runs them."""
    registries = {"preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
                  "inlinepatterns": md.inlinePatterns, "treeprocessors": md.treeprocessors,
                  "postprocessors": md.postprocessors}
    return {name: [f"{type(p).__module__}.{type(p).__qualname__}" for p in registry
                   if not type(p).__module__.startswith(skip)]
            for name, registry in registries.items()}


def _without_check_options(configs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {name: {key: value for key, value in options.items() if key not in CHECK_OPTIONS.get(name, {})}
           for name, options in configs.items()}
    return {name: options for name, options in out.items() if options or name not in CHECK_OPTIONS}


def test_check_extensions_equal_the_builds(extended: tuple[Path, Any, Path]) -> None:
    project, config, _ = extended
    check = CheckParser(_settings(project).markdown)
    assert _kinds(check.extensions) == _kinds(config.markdown_extensions)
    assert _without_check_options(check.configs) == config.mdx_configs
    # The parser MkDocs' Page.render builds for every page of that build, from the configuration
    # as the plugins' on_config left it.
    built = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    # MkDocs' per-page processors (links, anchors, title) are the build's; the id recorder is
    # the check's; the check leaves out processors that change no element.
    built_processors = _processors(built, ("mkdocs.",))
    for registry, name in UNUSED_PROCESSORS:
        unused = type(getattr(built, registry)[name])
        built_processors[registry].remove(f"{unused.__module__}.{unused.__qualname__}")
    assert _processors(check.md, ("microsite.validation.given_ids",)) == built_processors


def _unprettified(element: Any) -> str:
    """The element's HTML without the line breaks between tags the check leaves out ("prettify")."""
    return re.sub(r">\n+<", "><", str(element))


def _content(page: BeautifulSoup) -> BeautifulSoup:
    article = page.select_one("article.md-content__inner")
    assert article is not None
    return article


def test_body_using_added_extensions_reads_the_same_in_check_and_page(extended: tuple[Path, Any, Path]) -> None:
    project, _, site = extended
    settings = _settings(project)
    checked = BeautifulSoup(BodySource(project / "x.md", "docs/x.md", BODY, setup=settings.markdown).html, "lxml")
    page = _content(soup(next(site.glob("tin-tuc/2023/**/thuat-ngu-*/index.html"))))
    for tag in ("mark", "dl"):
        assert [_unprettified(el) for el in checked.find_all(tag)] == [_unprettified(el) for el in page.find_all(tag)]
    assert len(page.find_all("mark")) == 2 and len(page.find_all("dt")) == 2
    fences = [_unprettified(el) for el in checked.select("div.so-do")]
    assert fences == [_unprettified(el) for el in page.select("div.so-do")] and len(fences) == 1
    headings = [(h.name, h.get("id"), h.get_text()) for h in checked.find_all(["h2", "h3"])]
    assert headings == [(h.name, h.get("id"), h.get_text()) for h in page.find_all(["h2", "h3"])]
    assert headings[0][1] == "thuat-ngu" and headings[1][1] == "tong-quan"


def test_without_the_extension_the_check_reads_plain_text(extended: tuple[Path, Any, Path]) -> None:
    """The same body under the default mkdocs.yml: no marks, no definition list, in check and page alike."""
    settings = project_settings(copy_project(extended[0].parent / "plain", with_posts=False))
    checked = BeautifulSoup(BodySource(Path("/x.md"), "docs/x.md", BODY, setup=settings.markdown).html, "lxml")
    assert not checked.find_all("mark") and not checked.find_all("dl") and not checked.select("div.so-do")
    assert "==chữ được đánh dấu==" in checked.get_text()
