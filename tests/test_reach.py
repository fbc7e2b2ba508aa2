"""Reach from access logs (microsite.reach): counts on generated logs with known answers.

Logs are written here line by line, so every number asserted is known in advance: views,
daily unique visitors, referrer groups, bots, malformed lines, Vietnam midnight, gzip and
plain files of two servers interleaved, the report's files, the refusal to overwrite.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from microsite.reach.logformat import parse_format
from microsite.reach.count import DAY
from microsite.reach.report import Report
from microsite.reach.run import make_report, read_views
from microsite.reach.sitemap import PageInfo, PlanRow, SiteMap
from microsite.reach.stream import ReachError

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
UPTIME = "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)"
FEEDER = "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 3 subscribers)"

A = "/tin-tuc/2023/04/01/bai-a/"
B = "/tin-tuc/2023/04/02/bai-b/"
R43 = "/nghi-quyet-43/ket-qua/"
GONE = "/tin-tuc/2023/03/30/bai-go/"
VN = timezone(timedelta(hours=7))


def site_map() -> SiteMap:
    pages = {
        A: PageInfo(A, "Bài A", "Tin tức", True, ("Sơ kết giữa nhiệm kỳ",), ("bao-da-nang", "dang-bo")),
        B: PageInfo(B, "Bài B", "Tin tức", True, ("Nghị quyết 43",), ("drt",), resolution=True),
        R43: PageInfo(R43, "Kết quả", "Nghị quyết 43", resolution=True),
        "/": PageInfo("/", "Trang chủ", "Trang chủ"),
    }
    return SiteMap(host="so-ket.example", pages=pages, sections={"tin-tuc": "Tin tức", "nghi-quyet-43": "Nghị quyết 43"},
                   channels={"bao-da-nang": "Báo Đà Nẵng", "dang-bo": "Trang TTĐT Đảng bộ", "drt": "DRT"},
                   channel_domains={"bao-da-nang": ("baodanang.vn",), "dang-bo": ("dangbo.danang.gov.vn",),
                                    "drt": ("drt.danang.vn",)},
                   partners=("bao-doi-tac.example",), resolution="Nghị quyết 43-NQ/TW", withdrawn=frozenset({GONE}),
                   plan=(PlanRow("bao-da-nang", "Mở chuyên mục", date(2023, 4, 15), "Đã đăng đúng hạn", A),
                         PlanRow("drt", "Phóng sự", date(2023, 5, 31), "Chưa đến hạn", None)))


def line(addr: str, when: datetime, path: str, status: int = 200, referer: str = "-", agent: str = BROWSER,
         method: str = "GET") -> str:
    stamp = when.strftime("%d/%b/%Y:%H:%M:%S %z")
    return f'{addr} - - [{stamp}] "{method} {path} HTTP/1.1" {status} 1234 "{referer}" "{agent}"\n'


def at(day: int, hour: int = 10, minute: int = 0, second: int = 0, tz: timezone = VN) -> datetime:
    return datetime(2023, 4, day, hour, minute, second, tzinfo=tz)


def write(path: Path, lines: list[str]) -> Path:
    data = "".join(lines).encode()
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def run(tmp_path: Path, logs: list[Path], **kw: object):  # type: ignore[no-untyped-def]
    out = tmp_path / kw.pop("name", "out")  # type: ignore[operator]
    report, _ = make_report(logs, site_map(), out=out, reports=tmp_path / "reports",
                            now=datetime(2023, 5, 1, 8, tzinfo=VN), **kw)  # type: ignore[arg-type]
    return report, out


def rows(report, key: str, by: str = "path") -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {r[by]: r for r in report.table(key).rows}


# -- one month of two servers, every kind of line ------------------------------------------
@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("reach")
    # Server 1 (gzip, rotated) and server 2 (plain) interleaved in time over two days.
    one = [
        line("10.0.0.1", at(1, 8), A, referer="https://www.google.com.vn/"),
        line("10.0.0.1", at(1, 9), A, referer="https://so-ket.example/"),  # inside the site: no entry
        line("10.0.0.2", at(1, 9, 30), A, referer="https://baodanang.vn/chinh-tri/bai.html"),
        line("10.0.0.3", at(1, 11), B, referer="https://dangbo.danang.gov.vn/tin"),
        line("10.0.0.9", at(1, 12), A, agent=GOOGLEBOT),
        line("10.0.0.9", at(1, 12), "/", agent=UPTIME, method="HEAD"),
        "this is not a log line\n",
        line("10.0.0.4", at(1, 13), "/nhung/tin-moi/", referer="https://bao-doi-tac.example/chuyen-trang?x=1"),
        line("10.0.0.5", at(1, 13), "/nhung/tin-moi/", referer="https://bao-doi-tac.example/chuyen-trang?x=2"),
        line("10.0.0.6", at(1, 14), "/feed.xml", agent=FEEDER),
        line("10.0.0.6", at(1, 15), "/feed.xml", agent=FEEDER),
        line("10.0.0.7", at(1, 15), "/so-lieu/kinh-te/kinh-te-print.png"),
        line("10.0.0.7", at(1, 15), "/so-lieu/kinh-te/kinh-te-web.webp"),
        line("10.0.0.7", at(1, 15), "/so-lieu/kinh-te/kinh-te.csv"),
        line("10.0.0.7", at(1, 15), A + "bai-viet.zip"),
        line("10.0.0.8", at(1, 16), GONE, status=410),
        line("10.0.0.8", at(1, 16), "/khong-co/", status=404),
        line("10.0.0.8", at(1, 16), "/assets/app.css"),
    ]
    two = [
        line("10.0.0.1", at(1, 8, 30), A),  # same reader, other server, same day: one visitor
        line("10.0.0.1", at(1, 8, 31), A, agent=PHONE),  # another device: another visitor
        line("10.0.0.3", at(1, 20), R43, referer="https://www.bing.com/search?q=43"),
        "garbage\n",
        line("10.0.0.5", at(1, 23, 30), A, status=500),
        line("10.0.0.6", at(2, 9), "/feed.xml", agent=FEEDER),
        line("10.0.0.1", at(2, 9), A, referer="https://www.facebook.com/"),  # next day: a new daily visitor
        line("10.0.0.2", at(2, 10), B, referer="https://other.example/page"),
        line("10.0.0.2", at(2, 10), B + "index.html?utm_source=zalo"),
    ]
    logs = [write(tmp / "s2-access.log", two), write(tmp / "s1-access.log.1.gz", one)]
    report, out = run(tmp, logs)
    return report, out, tmp


def test_views_and_daily_visitors(month) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = month
    articles = rows(report, "bai-viet")
    assert articles[A]["views"] == 6  # 3 on server 1, 2 on server 2 the same day, 1 the next day
    assert articles[A]["visitors"] == 3 + 1  # day 1: 10.0.0.1 (browser), 10.0.0.1 (phone), 10.0.0.2; day 2: 10.0.0.1
    assert articles[B]["views"] == 3 and articles[B]["visitors"] == 1 + 1
    assert articles[A]["channels"] == "Báo Đà Nẵng; Trang TTĐT Đảng bộ"
    days = rows(report, "theo-ngay", "day")
    assert days["2023-04-01"] == {"day": "2023-04-01", "views": 7, "visitors": 4}
    assert days["2023-04-02"] == {"day": "2023-04-02", "views": 3, "visitors": 2}
    assert report.summary["views"] == 10 and report.summary["visitors"] == 6
    assert report.period == (date(2023, 4, 1), date(2023, 4, 2))


def test_sections_categories_channels_and_resolution(month) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = month
    sections = rows(report, "muc", "name")
    assert sections["Tin tức"]["views"] == 9 and sections["Nghị quyết 43"]["views"] == 1
    # Tin tức, day 1: 10.0.0.1 x2 devices, 10.0.0.2, 10.0.0.3 (B); day 2: 10.0.0.1, 10.0.0.2
    assert sections["Tin tức"]["visitors"] == 4 + 2
    channels = rows(report, "kenh", "name")
    assert channels["DRT"]["views"] == 3 and channels["Báo Đà Nẵng"]["views"] == 6
    categories = rows(report, "chuyen-muc", "name")
    assert categories["Nghị quyết 43"]["views"] == 3
    resolution = rows(report, "nghi-quyet")
    assert set(resolution) == {B, R43}  # its folder's pages and its tagged articles only
    plan = report.table("ke-hoach").rows
    assert plan[0]["path"] == A and plan[0]["views"] == 6 and plan[0]["state"] == "Đã đăng đúng hạn"
    assert plan[1]["path"] == "" and plan[1]["views"] == 0


def test_referrers_grouped_by_channel_partner_and_engine(month) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = month
    entries = {(r["group"], r["name"]): r["entries"] for r in report.table("nguon-vao").rows}
    assert entries == {
        ("Công cụ tìm kiếm", "Google"): 1, ("Công cụ tìm kiếm", "Bing"): 1,
        ("Kênh truyền thông", "Báo Đà Nẵng"): 1, ("Kênh truyền thông", "Trang TTĐT Đảng bộ"): 1,
        ("Mạng xã hội", "Facebook"): 1, ("Trang khác", "other.example"): 1,
        ("Truy cập trực tiếp", "–"): 3,
    }
    boxes = report.table("hop-tin").rows
    assert boxes == [{"box": "/nhung/tin-moi/", "partner_page": "bao-doi-tac.example/chuyen-trang", "loads": 2}]


def test_bots_errors_withdrawn_malformed_apart(month) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = month
    s = report.summary
    assert s["bots"] == 2  # Googlebot, UptimeRobot: neither a view nor a visitor
    assert s["malformed"] == 2
    assert s["malformed_first"] == [{"file": str(month[2] / "s1-access.log.1.gz"), "line": 7},
                                    {"file": str(month[2] / "s2-access.log"), "line": 4}]
    assert s["withdrawn_410"] == 1 and s["errors"] == {"404": 1, "500": 1}
    assert rows(report, "bai-da-go")[GONE]["requests"] == 1
    assert s["lines"] == 18 + 9


def test_feeds_and_downloads(month) -> None:  # type: ignore[no-untyped-def]
    report, _, _ = month
    feeds = rows(report, "tin-rss-ninjs")
    assert feeds["/feed.xml"]["fetches"] == 3 and feeds["/feed.xml"]["readers"] == 2  # one reader, two days
    downloads = {(r["kind"], r["path"], r["rendition"]): r["downloads"] for r in report.table("tai-ve").rows}
    assert downloads == {("Ảnh infographic", "/so-lieu/kinh-te/", "print"): 1,
                         ("Ảnh infographic", "/so-lieu/kinh-te/", "web"): 1,
                         ("Số liệu CSV", "/so-lieu/kinh-te/", ""): 1,
                         ("Bộ tư liệu bài viết (ZIP)", A, ""): 1}


def test_report_files(month) -> None:  # type: ignore[no-untyped-def]
    report, out, tmp = month
    data = json.loads((out / "bao-cao.json").read_text("utf-8"))
    assert data["period"] == {"from": "2023-04-01", "to": "2023-04-02", "timezone": "UTC+07:00"}
    assert "10.0.0" not in (out / "bao-cao.json").read_text("utf-8")  # no address kept anywhere
    with (out / "bai-viet.csv").open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert table[0]["Đường dẫn"] == A and table[0]["Lượt xem"] == "6"
    html = BeautifulSoup((out / "bao-cao.html").read_text("utf-8"), "html.parser")
    assert html.html is not None and html.html["lang"] == "vi"
    assert "Báo cáo truy cập" in html.h1.get_text()
    images = html.find_all("img")
    assert len(images) >= 4 and all(img["alt"] for img in images)
    for img in images:
        with Image.open(out / img["src"]) as chart:
            assert chart.size == (1200, 630)
    assert read_views(tmp / "reports") == {A: 6, B: 3}


def test_midnight_vietnam_time(tmp_path: Path) -> None:
    """23:59:59 in Vietnam is 16:59:59 UTC the same day; one second later is the next day."""
    utc = UTC
    logs = [write(tmp_path / "a.log", [
        line("10.0.0.1", datetime(2023, 4, 1, 16, 59, 59, tzinfo=utc), A),
        line("10.0.0.1", datetime(2023, 4, 1, 17, 0, 0, tzinfo=utc), A),
        line("10.0.0.1", at(2, 23, 59, 59), A),
        line("10.0.0.1", at(3, 0, 0, 0), A),
    ])]
    report, _ = run(tmp_path, logs, start=date(2023, 4, 2), end=date(2023, 4, 2))
    assert report.summary["views"] == 2 and report.summary["visitors"] == 1
    assert report.summary["outside_period"] == 2
    assert [r["day"] for r in report.table("theo-ngay").rows] == ["2023-04-02"]


def test_refuses_other_format_and_overwrite(tmp_path: Path) -> None:
    log = write(tmp_path / "app.log", ['{"time": "2023-04-01T10:00:00", "path": "/"}\n'] * 3)
    with pytest.raises(ReachError) as exc:
        run(tmp_path, [log])
    assert "app.log" in str(exc.value) and "combined" in str(exc.value) and "--dinh-dang" in str(exc.value)
    good = write(tmp_path / "ok.log", [line("10.0.0.1", at(1), A)])
    run(tmp_path, [good])
    before = (tmp_path / "out" / "bao-cao.json").read_bytes()
    with pytest.raises(ReachError, match="--ghi-de"):
        run(tmp_path, [good, good])
    assert (tmp_path / "out" / "bao-cao.json").read_bytes() == before
    report, _ = run(tmp_path, [good, good], overwrite=True)
    assert report.summary["views"] == 2


def test_custom_format_with_prefetch(tmp_path: Path) -> None:
    fmt = '%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\" \\"%{Sec-Purpose}i\\"'
    assert parse_format(fmt).regex.pattern.startswith(b"^")
    logs = [write(tmp_path / "apache.log", [
        line("10.0.0.1", at(1), A).rstrip("\n") + ' "-"\n',
        line("10.0.0.2", at(1), A).rstrip("\n") + ' "prefetch;prerender"\n',
    ])]
    report, _ = run(tmp_path, logs, log_format=fmt)
    assert report.summary["views"] == 1 and report.summary["prefetches"] == 1
    with pytest.raises(ReachError, match="User-Agent"):
        run(tmp_path, logs, log_format="%h %t %r %>s", name="other")


def test_views_file_missing_or_broken(tmp_path: Path) -> None:
    """The build reads views from here: nothing there or garbage is no views, never an error."""
    assert read_views(tmp_path / "none") == {}
    (tmp_path / "luot-xem.json").write_text("{not json", encoding="utf-8")
    assert read_views(tmp_path) == {}


def _same_report(ours: Report, theirs: Report) -> None:
    """Every table row for row, and every count of the summary."""
    assert [t.key for t in theirs.tables] == [t.key for t in ours.tables]
    for table in ours.tables:
        assert theirs.table(table.key).rows == table.rows, table.key
    apart = {"malformed_first", "damaged_files"}  # line numbers: the streaming engine's alone
    assert {k: v for k, v in theirs.summary.items() if k not in apart} == \
        {k: v for k, v in ours.summary.items() if k not in apart}


def test_duckdb_gives_the_same_report(month) -> None:  # type: ignore[no-untyped-def]
    """The path for logs too large for one machine: DuckDB over the same files, every table."""
    report, _, tmp = month
    logs = sorted(tmp.glob("s*-access.log*"))
    duck, _ = run(tmp, logs, name="duck", duckdb=True)
    _same_report(report, duck)
    assert duck.summary["bots"] == 2 and duck.summary["malformed"] == 2 and duck.summary["withdrawn_410"] == 1
    with pytest.raises(ReachError, match="combined"):
        run(tmp, logs, name="duck-fmt", duckdb=True,
            log_format='%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\" \\"%{Sec-Purpose}i\\"')


def test_duckdb_same_on_generated_logs(tmp_path: Path) -> None:
    """A few thousand random lines of every kind over two servers and a week: same report."""
    rng = random.Random(43)
    targets = [A, B, R43, "/", GONE, B + "index.html?utm_source=zalo", "/nhung/tin-moi/", "/feed.xml",
               "/api/ninjs/a.json", "/so-lieu/kinh-te/kinh-te-print.png", "/so-lieu/kinh-te/kinh-te.csv",
               A + "bai-viet.zip", "/assets/app.css", "/khong-co/", "/tin-tuc/"]
    referers = ["-", "https://www.google.com.vn/", "https://so-ket.example/", "https://baodanang.vn/a.html",
                "https://dangbo.danang.gov.vn/tin", "https://drt.danang.vn/", "https://bao-doi-tac.example/p?x=1",
                "https://bao-doi-tac.example/q", "https://m.facebook.com/", "https://zalo.me/x", "https://other.example/"]
    agents = [BROWSER, PHONE, GOOGLEBOT, UPTIME, FEEDER, "-"]
    statuses = [200] * 12 + [304, 301, 404, 410, 500]
    logs = []
    for server in (1, 2):
        stamps = sorted(at(1) + timedelta(seconds=rng.randrange(7 * DAY)) for _ in range(1500))
        lines = [line(f"10.0.{rng.randrange(3)}.{rng.randrange(40)}", when, rng.choice(targets), rng.choice(statuses),
                      rng.choice(referers), rng.choice(agents), rng.choice(["GET"] * 9 + ["HEAD"]))
                 for when in stamps]
        lines.insert(700, "not a log line\n")
        garbage = [line("10.0.0.9", stamps[900], "").replace('"GET  HTTP/1.1" 200', f'"{req}" {status}')
                   for req, status in (("-", 400), ("GET", 200), ("\\x16\\x03\\x01", 400))]
        lines[900:900] = garbage + [line("10.0.0.9", stamps[900], A, agent='Mozilla/5.0 \\"quoted\\"')]
        logs.append(write(tmp_path / (f"s{server}-access.log" + (".gz" if server == 1 else "")), lines))
    now = datetime(2023, 5, 1, 8, tzinfo=VN)
    for start, end in ((None, None), (date(2023, 4, 2), date(2023, 4, 5))):
        ours, _ = make_report(logs, site_map(), start=start, end=end, out=tmp_path / f"ours-{start}", now=now)
        duck, _ = make_report(logs, site_map(), start=start, end=end, out=tmp_path / f"duck-{start}", now=now,
                              duckdb=True)
        _same_report(ours, duck)
        if start is None:  # the garbage requests: refused ones are errors, the rest malformed
            assert (ours.summary["errors"]["400"], ours.summary["malformed"]) == (4, 4)
        assert all(ours.table(k).rows for k in ("nguon-vao", "hop-tin", "tin-rss-ninjs", "tai-ve", "loi", "bai-da-go",
                                                "muc", "chuyen-muc", "kenh", "nghi-quyet"))


# -- the command on a real project, and the next build's "Lượt xem" ------------------------------
@pytest.fixture(scope="module")
def reached(tmp_path_factory: pytest.TempPathFactory, warm_cache: Path):  # type: ignore[no-untyped-def]
    from microsite.adapter.reach import project_reach
    from microsite.cli import main
    from sitekit import copy_project

    tmp = tmp_path_factory.mktemp("reach-project")
    project = copy_project(tmp / "project", warm=warm_cache)
    site, _, _ = project_reach(project)
    articles = sorted(p for p, info in site.pages.items() if info.article)
    popular, read_once = articles[0], articles[1]
    lines = [line(f"10.2.{i // 250}.{i % 250}", at(3, 8) + timedelta(seconds=i), popular,
                  referer="https://baodanang.vn/") for i in range(1234)]
    lines.append(line("10.3.0.1", at(3, 9), read_once, referer="https://dangbo.danang.gov.vn/tin"))
    log = write(tmp / "access.log.gz", lines)
    code = main(["reach", "-d", str(project), str(log), "--from", "2023-04-01", "--to", "2023-04-30"])
    return project, log, code, popular, read_once, site


def test_command_writes_the_report_and_refuses_to_overwrite(reached, capsys) -> None:  # type: ignore[no-untyped-def]
    from microsite.cli import main

    project, log, code, popular, read_once, site = reached
    assert code == 0
    folder = project / "bao-cao-truy-cap" / "2023-04-01_2023-04-30"
    data = json.loads((folder / "bao-cao.json").read_text("utf-8"))
    views = {r["path"]: r for r in data["tables"]["bai-viet"]}
    assert views[popular]["views"] == 1234 and views[popular]["title"] == site.pages[popular].title
    entries = {(r["group"], r["name"]): r["entries"] for r in data["tables"]["nguon-vao"]}
    assert entries[("Kênh truyền thông", "Báo Đà Nẵng")] == 1234
    assert entries[("Kênh truyền thông", "Trang thông tin điện tử Đảng bộ thành phố")] == 1  # not danang.gov.vn's
    assert data["tables"]["ke-hoach"]  # the default site's plan, item by item
    capsys.readouterr()
    assert main(["reach", "-d", str(project), str(log), "--from", "2023-04-01", "--to", "2023-04-30"]) == 1
    err = capsys.readouterr().err
    assert "không ghi đè" in err and "--ghi-de" in err and "Traceback" not in err
    assert main(["reach", "-d", str(project), str(log), "--from", "2023-04-31"]) == 1
    assert "năm-tháng-ngày" in capsys.readouterr().err


def test_next_build_shows_views(reached) -> None:  # type: ignore[no-untyped-def]
    from microsite.adapter.runner import build
    from sitekit import soup

    project, _, _, popular, read_once, site = reached
    out = build(project)
    shown = soup(out / popular.strip("/") / "index.html").select_one(".ms-dateline .ms-views")
    assert shown is not None and shown.get_text() == "Lượt xem: 1.234"
    assert soup(out / read_once.strip("/") / "index.html").select_one(".ms-views").get_text() == "Lượt xem: 1"
    unread = next(p for p, info in site.pages.items() if info.article and p not in (popular, read_once))
    assert soup(out / unread.strip("/") / "index.html").select_one(".ms-views") is None


def test_free_form_values_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spam referrers and scanners' paths never end: past the bound they count as one row."""
    from microsite.reach import count

    monkeypatch.setattr(count, "DISTINCT", 2)
    logs = [write(tmp_path / "a.log", [line("10.0.0.1", at(1), A, referer=f"https://spam{i}.example/")
                                       for i in range(5)] +
                  [line("10.0.0.1", at(1), f"/wp-{i}.php", status=404) for i in range(4)])]
    report, _ = run(tmp_path, logs)
    entries = {(r["group"], r["name"]): r["entries"] for r in report.table("nguon-vao").rows}
    assert entries == {("Trang khác", "spam0.example"): 1, ("Trang khác", "spam1.example"): 1,
                       ("Trang khác", count.OTHERS): 3}
    assert sum(r["requests"] for r in report.table("loi").rows) == 4 and len(report.table("loi").rows) == 3


def test_gzip_cut_short_is_counted_up_to_the_damage(tmp_path: Path) -> None:
    whole = gzip.compress("".join(line(f"10.0.0.{i}", at(1, 8) + timedelta(seconds=i), A) for i in range(200)).encode())
    (tmp_path / "cut.log.gz").write_bytes(whole[:len(whole) // 2])
    (tmp_path / "junk.log.gz").write_bytes(b"\x1f\x8bnot really gzip")
    report, _ = run(tmp_path, [tmp_path / "cut.log.gz", tmp_path / "junk.log.gz"])
    assert 0 < report.summary["views"] < 200
    assert [d["file"] for d in report.summary["damaged_files"]] == [str(tmp_path / "junk.log.gz"),
                                                                    str(tmp_path / "cut.log.gz")]
