"""Check ≡ build: whatever the build refuses, ``microsite check`` refused first, in Vietnamese.

A property test on a tiny real site (``microsite init``: one article, one infographic, a
progress snapshot, the plan, the pages). Each example mutates several copies of the valid
article, one data file and one page at once (fields dropped, garbled, of the wrong type;
the ``<!-- more -->`` line and the front matter's ``---`` broken; dates broken; YAML broken),
checks the site in-process, takes back every mutation the check refused (each refusal must
be a Vietnamese problem naming the file), and builds what the check accepted (the preview
build: drafts too). The build must then succeed: a failure is a mutation the check let
through. One build per example keeps the run bounded; ``MUTATIONS`` counts what was tried.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from microsite.adapter.runner import BuildFailed, build, project_settings
from microsite.cli import main
from microsite.content.problems import Problem
from microsite.content.site import check_site

ARTICLES_PER_EXAMPLE = 6
EXAMPLES = 20
MUTATIONS = {"tried": 0, "refused": 0, "built": 0}
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
ENGINE_WORDS = re.compile(r"BuildError|Aborted|Couldn't|Error reading|Traceback|Exception|PluginError")

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.sampled_from(["", " ", "2023-02-30", "29/03/2023", "2023-03-29T18:11", "25:61",
                                           "2023-13-01 10:00", "draft", "approved", "review", "~", "-", "null"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=6)
DATE_BREAKS = ["2023-02-30 10:00", "2023-03-29", "29-03-2023 18:11", "2023/03/29 18:11", "2023-03-29 24:00",
               "2023-03-29T18:11:00Z", "ngày 29 tháng 3", "2099-01-01 00:00", "1899-12-31 23:59", ""]
RAW_BITS = ["\t", ":", ": :", "[", "]", "{", "}", "'", '"', "- ", "---", "--", "&a", "*a", "!!python/none", "#",
            "\n", "\n  ", "<!-- more -->", "<!--more-->", "::infographic khong-co", "<!-- microsite:tien-do -->",
            "[a](khong-co.md)", "![](anh/khong-co.jpg)", "<script>x</script>", "\x00", "\ufeff", "%"]


# -- mutations: (path in the data, operation, value) applied to parsed YAML or to the raw text --

def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in a YAML document (mapping keys and list items)."""
    found: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _set(data: Any, path: tuple[Any, ...], value: Any, drop: bool) -> None:
    *parents, last = path
    for part in parents:
        data = data[part]
    if drop:
        del data[last]
    else:
        data[last] = value


@st.composite
def structured(draw: st.DrawFn, data: Any) -> Any:
    """A copy of ``data`` with one to three values dropped or replaced."""
    data = yaml.safe_load(yaml.safe_dump(data))  # a deep copy
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["drop", "value", "date", "text"]))
        value = {"value": lambda: draw(values), "date": lambda: draw(st.sampled_from(DATE_BREAKS)),
                 "text": lambda: draw(st.text(min_size=0, max_size=30))}.get(kind, lambda: None)()
        _set(data, path, value, kind == "drop")
    return data


@st.composite
def raw_edit(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three bits inserted, lines deleted or duplicated."""
    lines = text.split("\n")
    for _ in range(draw(st.sampled_from([1, 1, 2, 3]))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "replace"]))
        bit = draw(st.one_of(st.sampled_from(RAW_BITS), st.text(max_size=6)))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "replace":
            lines[i] = bit
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + bit + lines[i][at:]
    return "\n".join(lines)


def split_article(text: str) -> tuple[dict[str, Any], str]:
    _, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


@st.composite
def article_text(draw: st.DrawFn, base: str) -> str:
    header, body = split_article(base)
    kind = draw(st.sampled_from(["fields", "fields", "raw", "separator", "body"]))
    if kind == "fields":
        dumped = yaml.safe_dump(draw(structured(header)), allow_unicode=True, sort_keys=False)
        return f"---\n{dumped}---\n{body}"
    if kind == "separator":
        return base.replace("<!-- more -->", draw(st.sampled_from(["", "<!--more-->", "<!-- more --", "<!-- MORE -->",
                                                                    "<!-- more -->\n<!-- more -->"])))
    if kind == "body":
        return f"---\n{yaml.safe_dump(header, allow_unicode=True, sort_keys=False)}---\n" + draw(raw_edit(body))
    return str(draw(raw_edit(base)))


PAGE_KEYS = ["title", "description", "template", "hide", "search", "icon", "tags", "subtitle", "x"]
page_meta = st.dictionaries(st.sampled_from(PAGE_KEYS), st.one_of(values, st.sampled_from(
    ["main.html", "khong-co.html", ["toc"], ["navigation", "khong-co"], {"exclude": True}, {"boost": "x"},
     "material/home", "khong-co/bieu-tuong"])), min_size=1, max_size=3)


@st.composite
def page_text(draw: st.DrawFn, base: str) -> str:
    """A page with front matter (the keys the theme reads) or with its text edited."""
    if draw(st.booleans()):
        header = yaml.safe_dump(draw(page_meta), allow_unicode=True)
        return f"---\n{header}---\n\n" + (split_article(base)[1] if base.startswith("---") else base)
    return str(draw(raw_edit(base)))


@st.composite
def data_text(draw: st.DrawFn, base: str) -> str:
    if draw(st.booleans()):
        return yaml.safe_dump(draw(structured(yaml.safe_load(base))), allow_unicode=True, sort_keys=False)
    return str(draw(raw_edit(base)))


# -- the tiny site ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``microsite init``'s project, built once (the infographic drawn into its cache)."""
    project = tmp_path_factory.mktemp("check-build") / "du-an"
    assert main(["init", str(project), "--title", "Trang thử kiểm tra và dựng trang",
                 "--organisation", "Sở Thử nghiệm", "--url", "https://thu.example/"]) == 0
    build(project, project / "site", preview=True)
    yield project
    print(f"\ncheck ≡ build: {MUTATIONS['tried']} mutations tried, {MUTATIONS['refused']} refused by the check, "
          f"{MUTATIONS['built']} accepted and built")


def originals(project: Path) -> dict[Path, str]:
    docs = project / "docs"
    return {path: path.read_text("utf-8") for path in sorted(docs.rglob("*")) if path.suffix in (".md", ".yml")}


def vietnamese(problem: Problem) -> bool:
    text = problem.format()
    return bool(VIETNAMESE.search(problem.message)) and not ENGINE_WORDS.search(text)


def refused_files(project: Path) -> dict[str, list[Problem]]:
    report = check_site(project_settings(project)).report
    by_file: dict[str, list[Problem]] = {}
    for problem in report.errors:
        by_file.setdefault(problem.file, []).append(problem)
    return by_file


EXAMPLE = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                          HealthCheck.data_too_large])


@EXAMPLE
@given(data=st.data())
def test_what_the_build_refuses_the_check_refused_first_in_vietnamese(tiny: Path, data: st.DataObject,
                                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    good = originals(tiny)
    posts = tiny / "docs" / "tin-tuc" / "posts"
    (article,) = [p for p in good if p.parent == posts]
    data_files = [p for p in good if p.suffix == ".yml"]
    pages = [p for p in good if p.suffix == ".md" and p.parent != posts]
    written: dict[Path, str] = {}
    for i in range(ARTICLES_PER_EXAMPLE):  # each its own title: copies must not share one address
        base = re.sub(r"(?m)^title: .*$", f'title: "Bài thử đột biến số {i} của trang"', good[article], count=1)
        written[posts / f"dot-bien-{i}.md"] = data.draw(article_text(base), label=f"bài {i}")
    data_file = data.draw(st.sampled_from(data_files), label="tệp số liệu")
    written[data_file] = data.draw(data_text(good[data_file]), label=data_file.name)
    page = data.draw(st.sampled_from(pages), label="trang")
    written[page] = data.draw(page_text(good[page]), label=page.name)
    MUTATIONS["tried"] += len(written)
    try:
        for path, text in written.items():
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        # Take back what the check refuses (each refusal Vietnamese, naming the file), until it passes.
        for _ in range(len(written) + 1):
            refused = refused_files(tiny)
            if not refused:
                break
            for shown, problems in refused.items():
                assert all(vietnamese(p) for p in problems), "\n".join(p.format() for p in problems)
                path = tiny / shown
                assert path in written, f"a mutation elsewhere made {shown} fail:\n" + \
                    "\n".join(p.format() for p in problems)
                MUTATIONS["refused"] += 1
                if path in good:
                    path.write_text(good[path], encoding="utf-8")
                else:
                    path.unlink()
                del written[path]
        assert not refused_files(tiny)
        MUTATIONS["built"] += len(written)
        try:
            build(tiny, tmp_path_factory.mktemp("site"), preview=True)
        except (BuildFailed, ValueError) as exc:  # ValueError: the feed writer on what the check let through
            accepted = "\n\n".join(f"== {p.relative_to(tiny)}\n{t}" for p, t in written.items())
            pytest.fail(f"the check accepted what the build refused:\n{exc}\n\naccepted mutations:\n{accepted}")
    finally:
        for path in list(written):
            if path in good:
                path.write_text(good[path], encoding="utf-8")
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(tiny / "site", ignore_errors=True)
