"""Check all infographic data files and every ``::infographic`` embed of a site."""

from __future__ import annotations

from datetime import datetime

from ..config import SiteSettings
from ..campaign.tracker import TRACKER_DIR, Snapshot, load_snapshots
from ..content.docs_files import markdown_files
from ..content.articles import display_path
from ..content.clock import current_time
from ..content.problems import Problem
from ..markdown.infographic_embed import find_embeds
from ..text.press import TIMEZONE
from .loader import data_dir, data_files, load_infographic
from .model import Infographic


def load_all(settings: SiteSettings, now: datetime | None = None) -> tuple[list[Infographic], list[Problem]]:
    now = now or datetime.now(TIMEZONE)
    infos, problems = [], []
    snapshot, tracker_ok = latest_snapshot(settings, current_time(settings.now))  # as the tracker reads them
    for path in data_files(settings.docs_dir):
        info, found = load_infographic(path, display_path(path, settings), now, snapshot, tracker_ok)
        problems.extend(found)
        if info:
            infos.append(info)
    return infos, problems


def latest_snapshot(settings: SiteSettings, now: datetime) -> tuple[Snapshot | None, bool]:
    """The progress snapshot the tracker shows (the newest), for infographics drawn from it, and
    whether the snapshots are free of errors (their problems are the campaign check's to report:
    an infographic drawn from them then waits, unreported)."""
    folder = (settings.docs_dir / "_data" / TRACKER_DIR).resolve()
    snapshots, problems = load_snapshots(folder, settings.docs_dir.resolve().parent, now)
    return (snapshots[-1] if snapshots else None), not problems


def embed_problems(settings: SiteSettings, known: set[str], all_ids: set[str]) -> list[Problem]:
    """Unknown ids in Markdown pages, with file and line. Ids whose data file has errors are
    already reported there, so they are not reported twice."""
    problems = []
    folder = data_dir(settings.docs_dir)
    for path in markdown_files(settings.docs_dir, settings.max_article_kb):
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # the page check reports unreadable files
        for line, ident in find_embeds(text):
            if ident in known or ident in all_ids:
                continue
            problems.append(Problem(
                display_path(path, settings), f"Không có infographic mã \"{ident}\".", line, "::infographic",
                f"Tạo tệp {display_path(folder / (ident + '.yml'), settings)} hoặc sửa mã cho đúng "
                f"tên một tệp trong {display_path(folder, settings)} (không kèm .yml).",
            ))
    return problems


def check_infographics(settings: SiteSettings, now: datetime | None = None) -> tuple[list[Infographic], list[Problem]]:
    infos, problems = load_all(settings, now)
    all_ids = {p.stem for p in data_files(settings.docs_dir)}
    problems += embed_problems(settings, {i.id for i in infos}, all_ids)
    return infos, problems


