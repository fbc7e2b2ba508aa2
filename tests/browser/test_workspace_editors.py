"""The workspace as editors meet it, in real Chromium against `microsite serve`: no save
overwrites another (two tabs, two editors, a text editor), typing survives a closed tab and
a restarted server, every word a reader or a screen reader meets is Vietnamese (in an
English browser too), saving is "Lưu", lists show status and date newest first, and
"Xem bản hoàn chỉnh" opens the page the site publishes for an article dated 03:15.

One server for the module (restarted once, on the same address); before and after numbers
go to tests/_artifacts/workspace/editors.json.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from microsite.content.frontmatter import parse
from microsite.text.slugs import slugify
from sitekit import copy_project
from workspacekit import COLLECT_TEXTS, Served, english_words, iso_dates, start

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "_artifacts" / "workspace"
PLAN = "ke-hoach-106-kh-tu-so-ket-giua-nhiem-ky"
PLAN_TITLE = "Kế hoạch 106-KH/TU: khung triển khai"
SNAPSHOT = "docs/_data/tien-do/2023-03-27.yml"
EARLY = "bai-dang-luc-ba-gio-sang"  # an article dated 03:15 Vietnam time (20:15 UTC the day before)
EARLY_TITLE = "Bài đăng lúc ba giờ sáng để thử đường dẫn"
EARLY_TEXT = f"""---
title: {EARLY_TITLE}
date: 2023-04-05 03:15
authors: [Ban Biên tập]
channels: [cong-ttdt]
categories: [Sơ kết giữa nhiệm kỳ]
tags: [Kế hoạch tuyên truyền]
summary: Bài thử đường dẫn của bài, tính theo ngày giờ Việt Nam chứ không theo giờ quốc tế UTC.
status: approved
reviewer: Tổ Biên tập
---

Đoạn mở đầu của bài thử đường dẫn theo giờ Việt Nam.

<!-- more -->

## Nội dung

Nội dung của bài thử.
"""
RESULTS: dict[str, object] = {}
SAVE_MENU = re.compile(r"^(Đã lưu|Lưu)$")  # "Đã lưu" while nothing changed


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_project(tmp_path_factory.mktemp("editors") / "project")
    (project / "docs" / "tin-tuc" / "posts" / f"{EARLY}.md").write_text(EARLY_TEXT, encoding="utf-8")
    server = start(project, project.parent / "serve.log")
    yield server
    server.stop()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "editors.json").write_text(json.dumps(RESULTS, ensure_ascii=False, indent=1), encoding="utf-8")


def _context(browser, locale: str = "vi-VN"):  # type: ignore[no-untyped-def]
    """A browser profile (one editor) that may reach 127.0.0.1 only."""
    context = browser.new_context(locale=locale, timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1400, "height": 1000})
    context.foreign = []  # type: ignore[attr-defined]
    context.errors = []  # type: ignore[attr-defined]

    def route(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(("data:", "blob:", "http://127.0.0.1:")):
            route.continue_()
        else:
            context.foreign.append(route.request.url)  # type: ignore[attr-defined]
            route.abort()

    context.route("**/*", route)
    context.set_default_timeout(60_000)  # eight builds share two cores while this runs
    return context


def _page(context, served: Served, path: str = ""):  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.on("pageerror", lambda exc: context.errors.append(str(exc)))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?": yes
    page.goto(served.url + "/admin/" + path)
    return page


def _login(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Bài viết").first.wait_for()


@pytest.fixture(scope="module")
def editor(browser, served: Served) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Editor 1: one profile, logged in (Decap keeps the login for the profile's tabs)."""
    context = _context(browser)
    _login(_page(context, served))
    yield context
    assert context.foreign == []
    context.close()


def _open(page, served: Served, path: str, ready: str = "Tiêu đề") -> None:  # type: ignore[no-untyped-def]
    """Open an entry by its address, as a bookmark would: after the workspace has started (a
    hash changed while Decap still starts is overridden by its own first route, the list)."""
    page.get_by_role("link", name="Bài viết").first.wait_for()
    page.goto(served.url + "/admin/#/" + path)
    page.get_by_label(ready, exact=True).first.wait_for()


def _save(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Lưu", exact=True).first.click()
    page.get_by_text("Lưu ngay", exact=True).click()


def _saved(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text("Thay đổi đã được lưu").wait_for()


def _refused(page) -> str:  # type: ignore[no-untyped-def]
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for()
    text: str = dialog.inner_text()
    return text


# -- 1. no silent overwrite ------------------------------------------------------------------
def test_a_save_over_a_newer_file_is_refused_and_the_typing_stays(browser, editor, served: Served) -> None:  # type: ignore[no-untyped-def]
    article = served.project / "docs" / "tin-tuc" / "posts" / f"{PLAN}.md"
    tab_a, tab_b = _page(editor, served), _page(editor, served)
    for tab in (tab_a, tab_b):
        _open(tab, served, f"collections/articles/entries/{PLAN}")
    summary = "Tóm tắt mới của thẻ thứ nhất, lưu trước: không được mất khi thẻ thứ hai lưu."
    tab_a.bring_to_front()
    tab_a.get_by_label("Tóm tắt", exact=True).fill(summary)
    _save(tab_a)
    _saved(tab_a)
    tab_b.bring_to_front()
    tab_b.get_by_label("Tiêu đề", exact=True).fill("Tiêu đề sửa ở thẻ thứ hai, chưa tải lại")
    _save(tab_b)
    refusal = _refused(tab_b)
    assert "đã lưu" in refusal and re.search(r"lúc \d{2}:\d{2} ngày \d{1,2}-\d{1,2}-\d{4}", refusal)
    assert tab_b.get_by_label("Tiêu đề", exact=True).input_value() == "Tiêu đề sửa ở thẻ thứ hai, chưa tải lại"
    on_disk = parse(article.read_text(encoding="utf-8")).data
    overwrites = int(on_disk["summary"] != summary) + int("thẻ thứ hai" in str(on_disk["title"]))
    RESULTS["two_tab_overwrites"] = {"before": 1, "after": overwrites}
    assert overwrites == 0
    tab_b.get_by_role("button", name="Tải bản mới").click()  # the offered reload shows the other save
    tab_b.get_by_label("Tóm tắt", exact=True).wait_for()
    served.wait_for(lambda: tab_b.get_by_label("Tóm tắt", exact=True).input_value() == summary,
                    what="the reloaded form", pause=lambda: tab_b.wait_for_timeout(200))
    tab_a.close()
    tab_b.close()

    # two editors (two profiles), and a text editor changing the file under both
    other = _context(browser)
    second = _page(other, served)
    _login(second)
    _open(second, served, "collections/tien-do/entries/2023-03-27", ready="Nguồn số liệu")
    snapshot = served.project / SNAPSHOT
    edited = snapshot.read_text(encoding="utf-8").replace("source:", "# sửa bằng trình soạn thảo\nsource:", 1)
    snapshot.write_text(edited, encoding="utf-8")
    second.get_by_label("Nguồn số liệu", exact=True).fill("Nguồn: Văn phòng Thành ủy (bản của người thứ hai)")
    _save(second)
    assert "đã lưu" in _refused(second)
    assert snapshot.read_text(encoding="utf-8") == edited
    # a delete over the newer file is refused the same way
    second.get_by_role("button", name="Để tôi chép lại nội dung trước").click()
    second.get_by_role("button", name="Xóa mục này").click()
    assert "xóa" in _refused(second).lower() and snapshot.read_text(encoding="utf-8") == edited
    assert other.foreign == [] and not [e for e in other.errors if "Cannot read" in e]
    other.close()


# -- 2. no lost typing -------------------------------------------------------------------------
def test_typing_comes_back_after_a_closed_tab_and_a_restarted_server(editor, served: Served) -> None:  # type: ignore[no-untyped-def]
    title = "Bài đang viết dở khi đóng thẻ trình duyệt"
    body = "Đoạn mở đầu đang gõ dở, chưa lưu lần nào."
    page = _page(editor, served, "#/collections/articles/new")
    page.get_by_label("Tiêu đề", exact=True).fill(title)
    page.get_by_label("Tóm tắt", exact=True).fill(body)
    page.wait_for_timeout(700)  # the autosave runs 0.3 s after the last key
    page.close()
    reopened = _page(editor, served, "#/collections/articles/new")
    served.wait_for(lambda: reopened.get_by_label("Tiêu đề", exact=True).input_value() == title,
                    what="the restored title", pause=lambda: reopened.wait_for_timeout(200))
    assert reopened.get_by_label("Tóm tắt", exact=True).input_value() == body
    assert reopened.get_by_role("status").filter(has_text="Đã khôi phục").count() == 1
    RESULTS["text_kept_after_closed_tab"] = {"before": "", "after": title}

    port = int(served.url.rsplit(":", 1)[1])
    reopened.close()
    served.stop()
    restarted = start(served.project, served.project.parent / "serve-2.log", port=port)
    served.process = restarted.process  # the module's server from now on
    again = _page(editor, served, "#/collections/articles/new")
    served.wait_for(lambda: again.get_by_label("Tiêu đề", exact=True).input_value() == title,
                    what="the title after a restart", pause=lambda: again.wait_for_timeout(200))
    assert not [e for e in editor.errors if "Cannot read" in e]
    again.get_by_role("button", name="Bỏ phần viết dở").click()  # the editor may drop it
    again.get_by_label("Tiêu đề", exact=True).wait_for()
    served.wait_for(lambda: again.get_by_label("Tiêu đề", exact=True).input_value() == "", what="an empty form",
                    pause=lambda: again.wait_for_timeout(200))
    again.close()


# -- 3. Vietnamese everywhere, in an English browser too --------------------------------------
SCREENS = ("collections/articles", f"collections/articles/entries/{PLAN}", "collections/articles/new",
           "collections/infographics", "collections/infographics/entries/moc-thoi-gian-so-ket",
           "collections/tien-do", "collections/tien-do/entries/2023-03-27", "collections/chien-dich",
           "collections/chien-dich/entries/ke-hoach", "collections/nghi-quyet", "collections/phong-su-anh",
           "collections/phong-su-anh/entries/tin-tuc-posts-anh-chuyen-muc-bon-kenh-chu-thich-yml", "media")


def test_no_english_word_where_an_editor_or_a_screen_reader_looks(browser, served: Served) -> None:  # type: ignore[no-untyped-def]
    context = _context(browser, locale="en-US")
    page = _page(context, served)
    page.get_by_role("button", name="Đăng nhập").wait_for()
    logo = page.locator("img[src$='assets/images/logo.svg']")
    assert logo.count() >= 1 and served.get("/assets/images/logo.svg")[0] == 200  # the site's own logo
    found = page.evaluate(COLLECT_TEXTS)
    _login(page)
    for screen in SCREENS:
        page.goto(served.url + "/admin/#/" + screen)
        page.wait_for_timeout(1500)
        found += page.evaluate(COLLECT_TEXTS)
        if screen == f"collections/articles/entries/{PLAN}":
            found += _opened_controls(page)
    english = english_words(found)
    shown_iso = iso_dates(found)
    RESULTS["english_strings"] = {"before": 36, "after": sorted(t for _, t in english)}
    context.close()
    assert english == set(), english
    assert shown_iso == set(), shown_iso


def _opened_controls(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """What a select, the drag handle of a list and the save menu say once used."""
    found: list[list[str]] = []
    channels = page.get_by_label("Kênh đăng", exact=True)
    channels.click()
    page.keyboard.press("ArrowDown")
    found += page.evaluate(COLLECT_TEXTS)
    page.keyboard.press("Escape")
    page.get_by_role("button", name=SAVE_MENU).first.click()
    found += page.evaluate(COLLECT_TEXTS)
    page.keyboard.press("Escape")
    date = page.get_by_label("Ngày giờ đăng", exact=True)
    assert date.input_value() == "30/03/2023 08:30"  # ngày/tháng/năm, 24 h, in an English browser
    return found


# -- 4. words that follow the appraisal flow ----------------------------------------------------
def test_lists_show_status_and_date_newest_first_and_saving_is_luu(editor, served: Served) -> None:  # type: ignore[no-untyped-def]
    page = _page(editor, served, "#/collections/articles")
    page.get_by_text(" · Đã thẩm định · ", exact=False).first.wait_for()
    cards = page.locator("h2").filter(has_text=" · ").all_inner_texts()
    dates = [datetime.strptime(c.rsplit(" · ", 1)[1].strip(), "%d/%m/%Y %H:%M") for c in cards]
    statuses = {c.split(" · ")[-2] for c in cards}
    assert len(cards) >= 5 and dates == sorted(dates, reverse=True)
    assert statuses <= {"Bản nháp", "Chờ thẩm định", "Đã thẩm định", "Đã gỡ"}
    _open(page, served, f"collections/articles/entries/{PLAN}")
    page.get_by_label("Nguồn (không bắt buộc)", exact=True).press("End")
    page.keyboard.type(" ")  # a change: the save menu offers every way to save
    page.get_by_role("button", name="Lưu", exact=True).first.click()
    page.get_by_text("Lưu rồi nhân bản bài", exact=True).wait_for()
    buttons = [b.strip() for b in page.get_by_role("button").all_inner_texts() + page.get_by_role("menuitem").all_inner_texts()]
    assert not [b for b in buttons if "công bố" in b.lower() or b.lower().startswith("đăng ")], buttons
    page.keyboard.press("Escape")
    page.close()


# -- 7a. "Xem bản hoàn chỉnh" opens the published page, dated in Vietnam time -----------------------
def test_full_view_link_uses_the_vietnam_date(editor, served: Served) -> None:  # type: ignore[no-untyped-def]
    page = _page(editor, served, f"#/collections/articles/entries/{EARLY}")
    link = page.get_by_role("link", name="Xem bản hoàn chỉnh")
    link.wait_for()
    href = link.get_attribute("href") or ""
    expected = f"/tin-tuc/2023/04/05/{slugify(EARLY_TITLE)}/"  # the date in Vietnam time, the slug of the title

    def landed() -> str | None:
        try:
            with urllib.request.urlopen(href, timeout=30) as reply:  # follows the server's redirect
                return str(reply.geturl()) if reply.status == 200 else None
        except urllib.error.HTTPError:
            return None

    final = served.wait_for(landed, what="the published page", pause=lambda: page.wait_for_timeout(300))
    assert final == served.url + expected
    assert EARLY_TITLE in served.get(expected)[1]
    page.close()


# -- 7b. a photo story's captions have their form ---------------------------------------------------
GALLERY = "tin-tuc/posts/anh/chuyen-muc-bon-kenh/chu-thich.yml"
GALLERY_ARTICLE = "chuyen-muc-rieng-tren-bon-kenh-tuyen-truyen"


def test_a_photo_story_caption_is_edited_in_its_form(editor, served: Served) -> None:  # type: ignore[no-untyped-def]
    """The editor changes the third photo's caption in "Phóng sự ảnh", saves, and the article's
    photo story shows it after the rebuild; the photo is chosen among the folder's files."""
    page = _page(editor, served, "#/collections/phong-su-anh")
    page.get_by_text("Phóng sự ảnh: anh/chuyen-muc-bon-kenh").click()
    captions = page.get_by_label("Chú thích", exact=True)
    captions.nth(3).wait_for()
    assert captions.count() == 4
    caption = "Chuyên mục của DRT trên sóng phát thanh và truyền hình, ảnh mẫu đã sửa chú thích."
    captions.nth(2).fill(caption)
    _save(page)
    _saved(page)
    saved = yaml.safe_load((served.project / "docs" / GALLERY).read_text("utf-8"))["photos"]
    assert [p["file"] for p in saved] == ["01-bao-da-nang.png", "02-trang-dang-bo.png", "03-drt.png", "04-cong-ttdt.png"]
    assert saved[2]["caption"] == caption

    def shown() -> bool:
        status, html = served.get(f"/_workspace/xem/{GALLERY_ARTICLE}/")
        return status == 200 and caption in html

    served.wait_for(shown, what="the new caption on the article", pause=lambda: page.wait_for_timeout(300))
    page.close()
