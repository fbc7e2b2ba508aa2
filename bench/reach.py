"""``microsite reach`` on a year of generated access logs, against GoAccess on the same files.

Generates the logs of a 2000-article site over ``--days`` days on ``--servers`` web servers,
rotated daily the way logrotate leaves them (``access.log``, ``access.log.1`` plain, older
ones ``access.log.N.gz``), with page views, assets, bots, monitors, feeds, ninjs, news boxes,
downloads, errors, withdrawn articles' 410s and a few malformed lines. Then, each in its own
process (peak memory is the child's own): our count and report over every file and over the
first quarter of the days (memory must not grow with the lines), and GoAccess 1.7
(``zcat -f … | goaccess -``, Debian's ``goaccess``; bench only) over every file.

    .venv/bin/python bench/reach.py --lines 1000000
    .venv/bin/python bench/reach.py --lines 10000000 --keep bench/_out/reach-logs
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from isal import igzip

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

VN = timezone(timedelta(hours=7))
START = date(2023, 1, 1)
BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/{v}.0 "
    "Chrome/118.0 Safari/537.36",
]
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "python-requests/2.31.0",
]
FEEDERS = ["Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers)", "Tiny Tiny RSS/23.04"]
REFERERS = ["-"] * 6 + ["https://www.google.com/", "https://www.google.com.vn/", "https://coccoc.com/search",
                        "https://baodanang.vn/chinh-tri/", "https://dangbo.danang.gov.vn/tin-tuc",
                        "https://drt.danang.vn/", "https://danang.gov.vn/", "https://www.facebook.com/",
                        "https://zalo.me/", "https://bao-doi-tac.example/chuyen-trang"]
CATEGORIES = ["Sơ kết giữa nhiệm kỳ", "Nghị quyết 43", "Công tác tuyên truyền", "Chỉ đạo – điều hành"]
CHANNELS = {"bao-da-nang": "Báo Đà Nẵng", "dang-bo": "Trang TTĐT Đảng bộ", "drt": "DRT", "cong-ttdt": "Cổng TTĐT"}
INFOGRAPHICS = [f"so-lieu-{i}" for i in range(40)]
N_ARTICLES = 2000


def article_path(i: int) -> str:
    day = START + timedelta(days=i * 365 // N_ARTICLES)
    return f"/tin-tuc/{day:%Y/%m/%d}/bai-viet-so-{i}/"


def site_map():  # type: ignore[no-untyped-def]
    from microsite.reach.sitemap import PageInfo, SiteMap

    pages = {}
    for i in range(N_ARTICLES):
        path = article_path(i)
        pages[path] = PageInfo(path, f"Bài viết số {i}", "Tin tức", True, (CATEGORIES[i % 4],),
                               tuple(list(CHANNELS)[i % 4: i % 4 + 2]), resolution=i % 4 == 1)
    return SiteMap("so-ket.example", pages, {"tin-tuc": "Tin tức", "nghi-quyet-43": "Nghị quyết 43"}, CHANNELS,
                   {"bao-da-nang": ("baodanang.vn",), "dang-bo": ("dangbo.danang.gov.vn",),
                    "drt": ("drt.danang.vn",), "cong-ttdt": ("danang.gov.vn",)},
                   ("bao-doi-tac.example",), "Nghị quyết 43-NQ/TW",
                   frozenset(article_path(i) for i in range(0, N_ARTICLES, 97)))


def _request(rng: random.Random, day_index: int) -> tuple[str, int, str, bool]:
    """(target, status, agent kind, feed) of one request."""
    r = rng.random()
    newest = min(N_ARTICLES - 1, (day_index + 1) * N_ARTICLES // 365)
    art = article_path(max(0, newest - int(rng.paretovariate(1.2))) if rng.random() < 0.7
                       else rng.randrange(newest + 1))
    if r < 0.40:
        return art, 200, "browser", False
    if r < 0.72:
        return rng.choice(["/assets/stylesheets/microsite.css", "/assets/javascripts/search.js",
                           "/assets/fonts/be-vietnam-pro.woff2", art + "og.png"]), 200, "browser", False
    if r < 0.80:
        return art, 200, "bot", False
    if r < 0.83:
        return rng.choice(["/feed.xml", "/feed.json", "/api/ninjs/index.json", art + "ninjs.json"]), 200, "feed", True
    if r < 0.85:
        info = rng.choice(INFOGRAPHICS)
        return rng.choice([f"/so-lieu/{info}/{info}-print.png", f"/so-lieu/{info}/{info}-web.webp",
                           f"/so-lieu/{info}/{info}.csv", art + "bai-viet.zip"]), 200, "browser", False
    if r < 0.87:
        return "/nhung/tin-moi/", 200, "browser", False
    if r < 0.895:
        return f"/wp-login.php?{rng.randrange(99)}", 404, "bot", False
    if r < 0.90:
        return article_path(rng.randrange(0, N_ARTICLES, 97)), 410, "browser", False
    if r < 0.91:
        return art.rstrip("/"), 301, "browser", False
    return art + "?utm_source=zalo", 304, "browser", False


def generate(folder: Path, lines: int, days: int, servers: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    per_day = max(1, lines // (days * servers))
    visitors = max(50, per_day // 4)
    files = []
    for server in range(servers):
        logdir = folder / f"web{server + 1}"
        logdir.mkdir(parents=True, exist_ok=True)
        for d in range(days):
            age = days - 1 - d  # logrotate: .1 is yesterday, older ones compressed
            name = "access.log" if age == 0 else f"access.log.{age}" + (".gz" if age >= 2 else "")
            stamp = f"{START + timedelta(days=d):%d/%b/%Y}"
            out = []
            for k in range(per_day):
                sec = k * 86_400 // per_day + server
                when = f"{stamp}:{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d} +0700"
                target, status, agent_kind, _ = _request(rng, d)
                who = rng.randrange(visitors)
                addr = f"{(who * 7919 + server) % 223 + 1}.{who % 251}.{(who >> 8) % 251}.{who % 97 + 1}"
                agent = (BROWSERS[who % 4].format(v=100 + who % 30) if agent_kind == "browser"
                         else rng.choice(BOTS) if agent_kind == "bot" else rng.choice(FEEDERS))
                if k == per_day // 2 and d % 30 == 0:
                    out.append("\\x16\\x03\\x01 garbage from a TLS scanner\n")  # malformed
                out.append(f'{addr} - - [{when}] "GET {target} HTTP/1.1" {status} '
                           f'{rng.randrange(200, 90_000)} "{rng.choice(REFERERS)}" "{agent}"\n')
            data = "".join(out).encode()
            path = logdir / name
            if name.endswith(".gz"):
                with igzip.open(path, "wb", compresslevel=1) as f:
                    f.write(data)
            else:
                path.write_bytes(data)
            files.append(path)
    return files


def _run(cmd: list[str], stdin: int | None = None) -> tuple[float, float, int, bytes]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the child, its output. On a shared
    machine the CPU seconds compare better than the wall clock."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out


def child(files: list[str], out: str) -> None:
    """In its own process: count and write the report; print timings as JSON."""
    from microsite.reach.count import Tally
    from microsite.reach.logformat import parse_format
    from microsite.reach.referrers import Referrers
    from microsite.reach.report import build_report, write_report
    from microsite.reach.stream import count_logs

    site = site_map()
    tally = Tally(site, Referrers(site.host, {CHANNELS[k]: v for k, v in site.channel_domains.items()},
                                  site.partners))
    t0 = time.perf_counter()
    count_logs([Path(f) for f in files], parse_format(), tally)
    t1 = time.perf_counter()
    days = sorted(tally.day_views)
    from microsite.reach.report import day_date

    report = build_report(tally, (day_date(days[0]), day_date(days[-1])), datetime.now(VN), "Bench")
    write_report(report, Path(out), "Bench", "Bench")
    t2 = time.perf_counter()
    print(json.dumps({"lines": tally.lines, "count_s": t1 - t0, "report_s": t2 - t1,
                      "views": report.summary["views"], "visitors": report.summary["visitors"],
                      "bots": report.summary["bots"], "malformed": report.summary["malformed"]}))


def duck_child(files: list[str]) -> None:
    from microsite.reach.count import Tally
    from microsite.reach.duck import duck_tally
    from microsite.reach.referrers import Referrers

    site = site_map()
    t0 = time.perf_counter()
    tally = duck_tally([Path(f) for f in files], Tally(site, Referrers(
        site.host, {CHANNELS[k]: v for k, v in site.channel_domains.items()}, site.partners)))
    print(json.dumps({"s": time.perf_counter() - t0, "views": sum(tally.views.values()),
                      "visitors": sum(tally.day_uniques.values())}))


def ours(files: list[Path], out: Path) -> dict[str, float]:
    wall, cpu, rss, text = _run([sys.executable, __file__, "--child", str(out), *map(str, files)])
    result = json.loads(text)
    result.update(wall_s=wall, cpu_s=cpu, peak_mb=rss, lines_per_s=result["lines"] / result["count_s"])
    return result


def goaccess(files: list[Path], out: Path) -> dict[str, float] | None:
    if not shutil.which("goaccess"):
        return None
    # GoAccess reads gzip only through a pipe; zcat -f passes plain files through.
    start = time.perf_counter()
    cat = subprocess.Popen(["zcat", "-f", *map(str, files)], stdout=subprocess.PIPE)
    wall, cpu, rss, _ = _run(["goaccess", "-", "--log-format=COMBINED", "--no-global-config", "--ignore-crawlers",
                              "--no-progress", "-o", str(out / "goaccess.json")],
                             stdin=cat.stdout.fileno() if cat.stdout else None)
    _, _, usage = os.wait4(cat.pid, 0)
    return {"wall_s": time.perf_counter() - start, "goaccess_s": wall, "cpu_s": cpu,
            "zcat_cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this folder")
    parser.add_argument("--no-goaccess", action="store_true")
    parser.add_argument("--duckdb", action="store_true", help="also count every table by DuckDB")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--duck-child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[1:], args.child[0])
        return
    if args.duck_child:
        duck_child(args.duck_child)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="reach-bench-"))
    files = sorted(folder.rglob("access.log*")) if args.keep and folder.is_dir() else []
    if not files:
        start = time.perf_counter()
        files = generate(folder, args.lines, args.days, args.servers)
        print(f"generated {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB on disk "
              f"in {time.perf_counter() - start:.0f} s")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    quarter = [f for f in files if int((f.name.split(".") + ["0", "0"])[2] or 0) >= args.days * 3 // 4]
    total = 0
    for label, subset in (("microsite reach, all days", files), ("microsite reach, first quarter", quarter)):
        out = Path(tempfile.mkdtemp(prefix="reach-report-"))
        r = ours(subset, out)
        total = total or int(r["lines"])
        print(f"{label}: {r['lines']:,} lines, count {r['count_s']:.1f} s = {r['lines_per_s']:,.0f} lines/s, "
              f"report {r['report_s']:.1f} s, CPU {r['cpu_s']:.1f} s = {r['lines'] / r['cpu_s']:,.0f} lines per "
              f"CPU second, peak {r['peak_mb']} MB; views {r['views']:,}, "
              f"daily visitors {r['visitors']:,}, bots {r['bots']:,}, malformed {r['malformed']}")
        shutil.rmtree(out)
    if args.duckdb:
        wall, cpu, rss, text = _run([sys.executable, __file__, "--duck-child", *map(str, files)])
        d = json.loads(text)
        print(f"duckdb: views {d['views']:,}, daily visitors {d['visitors']:,} in {d['s']:.1f} s, CPU {cpu:.1f} s, "
              f"peak {rss} MB")
    if not args.no_goaccess:
        out = Path(tempfile.mkdtemp(prefix="reach-goaccess-"))
        g = goaccess(files, out)
        if g is None:
            print("goaccess: not installed (apt-get install goaccess)")
        else:
            print(f"goaccess 1.7: {total:,} lines, {g['goaccess_s']:.1f} s = {total / g['goaccess_s']:,.0f} lines/s, "
                  f"CPU {g['cpu_s']:.1f} s (+ zcat {g['zcat_cpu_s']:.1f} s) = "
                  f"{total / (g['cpu_s'] + g['zcat_cpu_s']):,.0f} lines per CPU second, peak {g['peak_mb']} MB")
        shutil.rmtree(out)
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
