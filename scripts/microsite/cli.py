"""``microsite``: the command editors run. Messages in Vietnamese; exit 1 on any error."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .content.clock import current_time
from .content.model import STATUS_LABELS, Status
from .content.scaffold import new_article
from .content.site import check_site
from .text.press import datetime_line

if TYPE_CHECKING:
    from .config import SiteSettings


def _settings(args: argparse.Namespace) -> SiteSettings:
    from .adapter.runner import project_settings

    return project_settings(Path(args.dir))


def cmd_new(args: argparse.Namespace) -> int:
    path = new_article(_settings(args), args.title)
    print("Đã tạo bài viết nháp (status: draft). Điền các trường rồi chạy: microsite check")
    print(path)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    content = check_site(_settings(args))
    report = content.report
    if report.problems:
        print(report.format(), file=sys.stderr if not report.ok else sys.stdout)
    if report.ok:
        print(f"Kiểm tra xong: {len(content.articles)} bài viết, không có lỗi.")
        return 0
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    from .adapter.runner import BuildFailed, build

    try:
        out = build(Path(args.dir), Path(args.output) if args.output else None, preview=args.preview, report=print)
    except BuildFailed as exc:
        print(str(exc), file=sys.stderr)
        print("Dựng trang thất bại; trang đã dựng trước đó được giữ nguyên.", file=sys.stderr)
        return 1
    kind = "bản xem trước (gồm cả bài chưa thẩm định)" if args.preview else "bản công khai"
    print(f"Đã dựng {kind} vào {out}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .adapter.runner import serve

    serve(Path(args.dir), dev_addr=args.addr, preview=not args.public)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    settings = _settings(args)
    content = check_site(settings)
    now = current_time(settings.now)  # scheduled articles: approved, not yet public
    for status in Status:
        items = [a for a in content.articles if a.status is status]
        print(f"== {STATUS_LABELS[status]} ({status.value}): {len(items)} bài")
        for art in items:
            reviewer = f" — thẩm định: {art.reviewer}" if art.reviewer else ""
            scheduled = " — hẹn giờ, chưa đăng" if art.is_approved() and not art.is_public(now) else ""
            if art.withdrawn:
                scheduled = f" — gỡ lúc {datetime_line(art.withdrawn.date)}: {art.withdrawn.reason}"
            print(f"  {datetime_line(art.date)} | {art.title}{reviewer}{scheduled}")
            print(f"      {art.rel_path}")
    if not content.report.ok:
        print(f"(Có {len(content.report.errors)} tệp lỗi không được liệt kê; chạy microsite check.)")
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    from .deploy.releases import DeployError, deploy, rollback

    target = Path(args.target)
    try:
        if args.rollback:
            done = rollback(target)
            print(f"Đã quay lại bản {done.release.name} (bản vừa gỡ: {done.previous.name if done.previous else '-'}).")
            return 0
        site = Path(args.site) if args.site else Path(args.dir) / "site"
        done = deploy(site, target, keep=args.keep)
    except (DeployError, OSError) as exc:
        print(f"Đăng trang thất bại, trang đang chạy được giữ nguyên: {exc}", file=sys.stderr)
        return 1
    print(f"Đã đăng bản {done.release.name}: {target / 'current'} -> {done.release}")
    if done.previous:
        print(f"Bản trước ({done.previous.name}) được giữ lại; quay lại bằng: microsite deploy {target} --rollback")
    return 0


def cmd_reach(args: argparse.Namespace) -> int:
    from .adapter.reach import project_reach
    from .reach.run import make_report, parse_day
    from .reach.stream import ReachError

    try:
        start, end = parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to")
        site, branding, reports = project_reach(Path(args.dir))
        report, out = make_report([Path(p) for p in args.logs], site, start=start, end=end,
                                  out=Path(args.output) if args.output else None, reports=reports,
                                  overwrite=args.overwrite, log_format=args.log_format, branding=branding,
                                  duckdb=args.duckdb)
    except (ReachError, OSError) as exc:
        print(f"Chưa lập được báo cáo: {exc}", file=sys.stderr)
        return 1
    s = report.summary
    print(f"Đã lập báo cáo truy cập vào {out}: {s['views']} lượt xem, {s['visitors']} khách trong ngày; "
          f"bỏ qua {s['bots']} yêu cầu của máy tự động, {s['malformed']} dòng sai định dạng.")
    for damaged in s["damaged_files"]:
        print(f"Cảnh báo: {damaged['file']}: tệp nén hỏng hoặc bị cắt ngang từ dòng {damaged['line']}; "
              "chỉ đếm phần đọc được.", file=sys.stderr)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .project.create import create_project, refuse_non_empty
    from .project.questions import Answers, ask_missing, refuse_missing
    from .project.spec import InitError, make_spec

    answers = Answers(args.title, args.organisation, args.url, args.description or "", args.channel or [],
                      args.category or [], args.resolution, args.resolution_date, args.resolution_issuer,
                      args.resolution_title)
    target = Path(args.target)
    try:
        refuse_non_empty(target)  # before any question
        if sys.stdin.isatty():
            ask_missing(answers)
        else:
            refuse_missing(answers)
        spec = make_spec(answers.title, answers.organisation, answers.url, description=answers.description,
                         channels=answers.channels, categories=answers.categories,
                         resolution=answers.resolution, resolution_date=answers.resolution_date,
                         resolution_issuer=answers.resolution_issuer, resolution_title=answers.resolution_title)
        written = create_project(target, spec)
    except (InitError, EOFError) as exc:
        print(str(exc) or "Đã dừng: chưa trả lời đủ câu hỏi.", file=sys.stderr)
        print("Chưa tạo dự án.", file=sys.stderr)
        return 1
    print(f"Đã tạo dự án \"{spec.title}\" ({len(written)} tệp) trong {target}.")
    print(f"Dựng trang: microsite build -d {target}    Xem trước: microsite serve -d {target}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="microsite", description="Dựng trang chuyên đề từ bài viết Markdown.")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("-d", "--dir", default=".", help="thư mục dự án (chứa mkdocs.yml); mặc định: thư mục hiện tại")
        p.set_defaults(handler=handler)
        return p

    add("new", cmd_new, "tạo bài viết nháp mới").add_argument("title", help="tiêu đề bài viết")
    add("check", cmd_check, "kiểm tra toàn bộ nội dung")
    b = add("build", cmd_build, "kiểm tra rồi dựng trang")
    b.add_argument("--preview", action="store_true", help="gồm cả bài nháp và bài chờ thẩm định (có nhãn cảnh báo)")
    b.add_argument("-o", "--output", help="thư mục kết quả; mặc định: site/ trong thư mục dự án")
    s = add("serve", cmd_serve, "xem trước trực tiếp khi soạn bài")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.add_argument("--public", action="store_true", help="chỉ hiện bài đã thẩm định")
    add("status", cmd_status, "liệt kê bài viết theo trạng thái thẩm định")
    dp = add("deploy", cmd_deploy, "đăng trang đã dựng vào thư mục máy chủ web (thay thế nguyên khối, giữ bản cũ)")
    dp.add_argument("target", help="thư mục đăng trang; máy chủ web phục vụ TARGET/current")
    dp.add_argument("--site", help="thư mục trang đã dựng; mặc định: site/ trong thư mục dự án")
    dp.add_argument("--keep", type=int, default=5, help="số bản phát hành giữ lại (tối thiểu 2)")
    dp.add_argument("--rollback", action="store_true", help="quay lại bản phát hành trước")
    r = add("reach", cmd_reach, "báo cáo truy cập từ nhật ký máy chủ web (không dùng công cụ theo dõi)")
    r.add_argument("logs", nargs="+", metavar="LOG", help="tệp nhật ký truy cập (thường hoặc .gz), nhiều tệp được")
    r.add_argument("-o", "--output", help="thư mục báo cáo; mặc định: bao-cao-truy-cap/<từ>_<đến>/ trong dự án")
    r.add_argument("--from", dest="date_from", metavar="NGÀY", help="ngày đầu kỳ (năm-tháng-ngày, giờ Việt Nam)")
    r.add_argument("--to", dest="date_to", metavar="NGÀY", help="ngày cuối kỳ, tính hết ngày (giờ Việt Nam)")
    r.add_argument("--dinh-dang", dest="log_format", metavar="CHUỖI",
                   help="định dạng dòng nhật ký (log_format của nginx hoặc LogFormat của Apache); mặc định: combined")
    r.add_argument("--ghi-de", dest="overwrite", action="store_true", help="thay báo cáo cũ trong thư mục báo cáo")
    r.add_argument("--duckdb", action="store_true",
                   help="đếm bằng DuckDB trên mọi lõi (nhật ký rất lớn, định dạng combined; cần microsite[duckdb])")
    ini = sub.add_parser("init", help="tạo dự án trang chuyên đề mới trong một thư mục trống")
    ini.set_defaults(handler=cmd_init)
    ini.add_argument("target", help="thư mục dự án (chưa có hoặc trống)")
    ini.add_argument("--title", help="tên trang chuyên đề")
    ini.add_argument("--organisation", help="tên cơ quan chủ quản (đơn vị xuất bản)")
    ini.add_argument("--url", help="địa chỉ đầy đủ của trang, https://...")
    ini.add_argument("--description", help="mô tả ngắn của trang")
    ini.add_argument("--channel", action="append", metavar="MÃ=TÊN|TÊN_NGẮN",
                     help="kênh thông tin (lặp lại được); mặc định: trang web của cơ quan")
    ini.add_argument("--category", action="append", help="chuyên mục (lặp lại được)")
    ini.add_argument("--resolution", help="số hiệu nghị quyết có chuyên mục riêng, ví dụ 43-NQ/TW")
    ini.add_argument("--resolution-date", help="ngày ban hành nghị quyết, năm-tháng-ngày")
    ini.add_argument("--resolution-issuer", help="cơ quan ban hành nghị quyết")
    ini.add_argument("--resolution-title", help="trích yếu nghị quyết")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except Exception as exc:  # the adapter's BuildFailed and friends
        from .adapter.runner import BuildFailed

        if isinstance(exc, (BuildFailed, ValueError)):
            print(str(exc), file=sys.stderr)
            return 1
        raise


def run() -> NoReturn:
    """The ``microsite`` command: ``main``, then a quick exit.

    A build leaves a large heap (480 MB after 2000 articles) that the interpreter would
    free object by object on its way out: 1.3 s of one core after everything is written
    and closed (the render cache commits in ``close``; files are written with ``with``).
    Log handlers and the output streams are flushed, then the process ends at once, as
    mypy does for the same reason. An exception still ends the normal way, with its
    traceback. ``main`` returns as usual, for tests and ``python -m microsite.cli``
    (which ``cProfile`` runs)."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
