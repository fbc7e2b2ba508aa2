"""The editors' workspace end to end: `microsite serve` on a copy of the default site,
Decap CMS at /admin/ in real Chromium, files written by the CMS read back by our parser.

One scenario in order (each step builds on the files the previous one saved): create
an article with a picture, send it to appraisal, edit a progress snapshot's figure,
save an impossible date and see the Vietnamese error in the preview, fix it and see
the page again. No request may leave 127.0.0.1. The axe counts and the time from
pressing save to the preview showing the change go to tests/_artifacts/workspace/.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from PIL import Image

from microsite.cli import main as microsite
from microsite.content.datafile import load_data_file
from microsite.content.frontmatter import FrontMatterError, parse
from microsite.text.slugs import slugify
from sitekit import copy_project
from workspacekit import Served, alive, start

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "_artifacts" / "workspace"
TITLE = "Đà Nẵng đẩy mạnh tuyên truyền sơ kết giữa nhiệm kỳ ở cơ sở"
SUMMARY = "Các cấp ủy ở xã, phường mở chuyên mục riêng và tổ chức đối thoại với nhân dân về kết quả giữa nhiệm kỳ."
BODY = ("Ban Tuyên giáo Thành ủy hướng dẫn các xã, phường tuyên truyền kết quả sơ kết.\n\n<!-- more -->\n\n"
        "## Đối thoại ở khu dân cư\n\nNhiều phường tổ chức đối thoại, lắng nghe ý kiến của người dân.\n")
SNAPSHOT = "docs/_data/tien-do/2023-03-27.yml"
TIMELINE = "docs/_data/infographics/moc-thoi-gian-so-ket.yml"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    project = copy_project(tmp_path_factory.mktemp("workspace") / "project")
    server = start(project, project.parent / "serve.log")
    yield server
    kids = server.stop()
    assert kids, "decap-server should have run as a child of microsite serve"
    assert not [k for k in kids if alive(k)], "decap-server must stop with microsite serve"


@pytest.fixture(scope="module")
def admin(browser, served: Served) -> Iterator[tuple[object, list[str], list[str]]]:  # type: ignore[no-untyped-def]
    """One page on /admin/, logged in to the local backend; requests off 127.0.0.1 recorded and aborted."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": 1400, "height": 1000})
    foreign: list[str] = []
    errors: list[str] = []

    def route(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(("data:", "blob:", "http://127.0.0.1:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served.url + "/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Bài viết").first.wait_for()
    yield page, foreign, errors
    context.close()


def _jpeg(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (180, 30, 40)).save(buffer, "JPEG", quality=85)  # a lead: 1200 px wide or more
    path.write_bytes(buffer.getvalue())
    return path


def _pick(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose ``option`` in a Decap select (react-select) labelled ``label``."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.get_by_text(option, exact=True).last.click()


def _publish(page) -> float:  # type: ignore[no-untyped-def]
    """Press "Lưu" → "Lưu ngay"; return when (time.monotonic()) it was pressed."""
    page.get_by_role("button", name="Lưu", exact=True).first.click()
    pressed = time.monotonic()
    page.get_by_text("Lưu ngay", exact=True).click()
    page.get_by_text("Thay đổi đã được lưu").wait_for()  # Decap's own "saved" state
    return pressed


def _open_timeline(page, served: Served) -> None:  # type: ignore[no-untyped-def]
    page.goto(served.url + "/admin/#/collections/infographics")
    page.get_by_text("Các mốc chuẩn bị sơ kết giữa nhiệm kỳ 2020–2025", exact=False).first.click()
    page.get_by_label("Ngày (không bắt buộc)", exact=True).first.wait_for()


def _front_matter(path: Path) -> dict[str, object]:
    return parse(path.read_text(encoding="utf-8")).data


def _saved_status(path: Path) -> object:
    """The file's status, None while decap-server is still writing it (not atomic)."""
    try:
        return _front_matter(path).get("status")
    except FrontMatterError:
        return None


def _check_passes(project: Path) -> bool:
    return microsite(["check", "-d", str(project)]) == 0


def _article_url(served: Served, stem: str, date: str) -> str:
    day = date.split(" ")[0].replace("-", "/")
    return f"/tin-tuc/{day}/{stem}/"


def test_workspace_scenario(admin, served: Served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        _scenario(admin, served, tmp_path)
    except BaseException:
        admin[0].screenshot(path=str(ARTIFACTS / "failed.png"))  # what the editor saw
        print("requests aborted:", admin[1], "\npage errors:", admin[2])
        raise


def _scenario(admin, served: Served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, foreign, _ = admin
    project = served.project

    def wait(predicate, what: str):  # type: ignore[no-untyped-def]
        return served.wait_for(predicate, what=what, pause=lambda: page.wait_for_timeout(200))
    timings: dict[str, float] = {}

    # -- 1. a new article through the form ----------------------------------------------
    page.goto(served.url + "/admin/#/collections/articles/new")
    page.get_by_label("Tiêu đề", exact=True).fill(TITLE)
    # The reviewer is required once approved: its label never says "(không bắt buộc)".
    reviewer = page.locator("label[for^='reviewer-field']")
    served.wait_for(lambda: "bắt buộc khi Đã thẩm định" in (reviewer.text_content() or ""),
                    what="the reviewer's label", pause=lambda: page.wait_for_timeout(300))
    page.get_by_label("Ngày giờ đăng", exact=True).fill("05/04/2023 09:30")
    page.get_by_role("button", name="Thêm tác giả").click()
    page.locator("[id^='authors-field'] input, input[id^='item-field']").first.fill("Thu Hà")
    _pick(page, "Kênh đăng", "Báo Đà Nẵng")
    _pick(page, "Kênh đăng", "Đài Phát thanh – Truyền hình Đà Nẵng")
    _pick(page, "Chuyên mục", "Công tác tuyên truyền")
    page.get_by_label("Tóm tắt", exact=True).fill(SUMMARY)
    page.get_by_role("button", name="Chọn một hình").click()
    page.locator("input[type=file]").set_input_files(str(_jpeg(tmp_path / "doi-thoai.jpg")))
    page.get_by_text("doi-thoai.jpg").first.wait_for()  # uploaded and selected in the library
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_role("button", name="Chọn hình khác").wait_for()  # the picture is in the form
    page.get_by_label("Mô tả ảnh").fill("Người dân phát biểu tại buổi đối thoại ở phường")
    page.get_by_label("Tác giả ảnh").fill("THU HÀ")
    body = page.locator("label[for^='body-field']").locator("xpath=../..").locator("[contenteditable=true]")
    body.click()
    page.keyboard.type(BODY)
    pressed = _publish(page)

    stem = slugify(TITLE)
    article = project / "docs" / "tin-tuc" / "posts" / f"{stem}.md"
    wait(article.is_file, what=f"{article} written by the CMS")
    url = _article_url(served, stem, "2023-04-05 09:30")
    wait(lambda: TITLE in served.get(url)[1] and served.get(url)[0] == 200,
                    what="the article's preview page")
    timings["save_to_preview_new_article_s"] = round(time.monotonic() - pressed, 2)

    data = _front_matter(article)
    assert data["title"] == TITLE and data["date"] == "2023-04-05 09:30"
    assert data["channels"] == ["bao-da-nang", "drt"] and data["categories"] == ["Công tác tuyên truyền"]
    assert data["summary"] == SUMMARY and data["status"] == "draft" and data["authors"] == ["Thu Hà"]
    image = data["image"]
    assert isinstance(image, dict) and image["src"] == "anh/doi-thoai.jpg" and image["credit"] == "THU HÀ"
    assert (article.parent / "anh" / "doi-thoai.jpg").is_file()
    assert parse(article.read_text(encoding="utf-8")).body.strip() == BODY.strip()
    assert _check_passes(project)
    status, html = served.get(url)
    assert "Đối thoại ở khu dân cư" in html and "doi-thoai" in html  # the lead photo (its renditions)

    # -- 2. to appraisal ----------------------------------------------------------------
    _pick(page, "Trạng thái thẩm định", "Chờ thẩm định")
    _publish(page)
    wait(lambda: _saved_status(article) == "review", what="status: review")
    wait(lambda: any(w["file"].endswith(f"{stem}.md") for w in served.status()["waiting"]),
                    what="the article in the appraisal queue")
    page.get_by_text("Chờ thẩm định: ", exact=False).first.wait_for()
    assert parse(article.read_text(encoding="utf-8")).body.strip() == BODY.strip()  # two saves, same text

    # -- 3. a progress snapshot's figure ------------------------------------------------
    page.goto(served.url + "/admin/#/collections/tien-do")
    page.get_by_text("Số liệu đến 27/03/2023 17:00").click()
    done = page.get_by_label("Đã làm (không bắt buộc)", exact=True).first
    done.fill("15")
    before = yaml.safe_load((project / SNAPSHOT).read_text(encoding="utf-8"))
    pressed = _publish(page)
    wait(lambda: yaml.safe_load((project / SNAPSHOT).read_text(encoding="utf-8"))["indicators"][0]
                    .get("done") == 15, what="the snapshot saved")
    after = yaml.safe_load((project / SNAPSHOT).read_text(encoding="utf-8"))
    before["indicators"][0]["done"] = 15
    assert after == before  # nothing else changed, nothing dropped
    wait(lambda: "15/16" in served.get("/tien-do/")[1] or "15 / 16" in served.get("/tien-do/")[1],
                    what="the progress page showing 15 of 16")
    timings["save_to_preview_snapshot_s"] = round(time.monotonic() - pressed, 2)
    assert _check_passes(project)

    # -- 4. an impossible date, then the fix --------------------------------------------
    _open_timeline(page, served)
    first_date = page.get_by_label("Ngày (không bắt buộc)", exact=True).first
    first_date.fill("30/02/2023")
    pressed = _publish(page)
    wait(lambda: not served.status()["ok"], what="the failed check")
    status, html = served.get(url)  # another file is broken: this page stays up, with the banner
    assert status == 200 and TITLE in html
    assert "data-microsite-preview-error" in html and "moc-thoi-gian-so-ket.yml" in html and "không có thật" in html
    page.get_by_text("Kiểm tra nội dung: có lỗi", exact=False).wait_for()
    # The field at fault is marked in the form, and the banner never covers it.
    marked = page.locator("label.microsite-field-error").first
    marked.wait_for()
    assert "Ngày" in (marked.text_content() or "")
    control = page.locator(f"[id='{marked.get_attribute('for')}']")
    assert control.get_attribute("aria-invalid") == "true"
    control.scroll_into_view_if_needed()
    box, banner_box = control.bounding_box(), page.locator("#microsite-banner").bounding_box()
    assert box is not None and banner_box is not None and box["y"] + box["height"] <= banner_box["y"] + 1
    preview = page.context.new_page()
    preview.goto(served.url + url)
    preview.get_by_text("không có thật", exact=False).first.wait_for()
    page.bring_to_front()
    _open_timeline(page, served)
    first_date = page.get_by_label("Ngày (không bắt buộc)", exact=True).first
    assert first_date.input_value() == "30/02/2023"  # the CMS reads back what it saved (2023-02-30)
    first_date.fill("27/01/2023")
    pressed = _publish(page)
    # live reload, no restart: the page comes back without the banner
    preview.locator("[data-microsite-preview-error]").wait_for(state="detached", timeout=120_000)
    preview.get_by_role("heading", name=TITLE).wait_for()
    timings["save_fix_to_preview_s"] = round(time.monotonic() - pressed, 2)
    preview.close()
    wait(lambda: served.status()["ok"], what="the check passing again")  # the fallback page showed the heading already
    assert _check_passes(project)
    timeline, problems = load_data_file((project / TIMELINE).read_text(encoding="utf-8"), TIMELINE)
    assert timeline is not None and not problems and timeline.data["figures"][0]["date"] == "2023-01-27"

    # -- 5. a hand-written article saved by the CMS keeps every field and its body ----------
    hand = project / "docs" / "tin-tuc" / "posts" / "ke-hoach-106-kh-tu-so-ket-giua-nhiem-ky.md"
    before_text = hand.read_text(encoding="utf-8")
    page.goto(served.url + "/admin/#/collections/articles")
    page.get_by_text("Kế hoạch 106-KH/TU: khung triển khai", exact=False).first.click()
    summary = page.get_by_label("Tóm tắt", exact=True)
    summary.fill(str(_front_matter(hand)["summary"]) + " Cập nhật.")
    _publish(page)
    wait(lambda: hand.read_text(encoding="utf-8") != before_text and _saved_status(hand), what="the resave")
    old, new = parse(before_text), parse(hand.read_text(encoding="utf-8"))
    assert new.body == old.body
    assert new.data == {**old.data, "summary": str(old.data["summary"]) + " Cập nhật."}

    # -- 6. axe on the CMS (third-party UI: counted, not asserted) ------------------------
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(served.url + f"/admin/#/collections/articles/entries/{stem}")
    page.get_by_label("Tiêu đề", exact=True).wait_for()
    page.evaluate(AXE.read_text("utf-8") + "\n;0")
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                           "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']})")
    axe = {v["id"]: len(v["nodes"]) for v in result["violations"]}
    page.screenshot(path=str(ARTIFACTS / "editor.png"))
    (ARTIFACTS / "report.json").write_text(json.dumps({"timings": timings, "axe_violations": axe}, indent=1))
    print("workspace timings:", timings, "axe violations (rule: nodes):", axe)

    assert foreign == []
