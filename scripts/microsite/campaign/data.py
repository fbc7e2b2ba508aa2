"""All campaign data files of a site, loaded and checked in one call.

``content.site.check_site`` calls ``campaign_problems`` so that ``microsite check``
and every build refuse bad data with Vietnamese messages; the adapter calls
``load_campaign`` for the data itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import SiteSettings
from ..content.docs_files import markdown_files
from ..content.articles import display_path
from ..content.clock import current_time
from ..content.problems import Problem, Severity
from ..content.site_config import CONFIG_NAME
from .blocks import marker_problems
from .documents import Document, load_documents
from .home import HOME_FILE, MARKER as HOME_MARKER, HomeConfig, load_home
from .plan import Plan, load_plan
from .tracker import TRACKER_DIR, Snapshot, load_snapshots

DATA_DIR = "_data"  # excluded from the site in mkdocs.yml (exclude_docs)
PLAN_FILE = "ke-hoach-tuyen-truyen.yml"
DOCUMENTS_FILE = "van-ban.yml"


@dataclass
class CampaignData:
    snapshots: list[Snapshot] = field(default_factory=list)
    plan: Plan | None = None
    documents: list[Document] = field(default_factory=list)
    home: HomeConfig | None = None


def _page_markers(settings: SiteSettings, home: bool) -> list[Problem]:
    """Unknown markers, and the front page's marker without its data file (``home`` false)."""
    out: list[Problem] = []
    for path in markdown_files(settings.docs_dir, settings.max_article_kb):
        shown = display_path(path, settings)
        # Encoding problems are reported by the page check; markers are ASCII.
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        if "microsite:" in text:
            out += marker_problems(text, shown, resolutions=bool(settings.site.resolutions))
        if not home and f"microsite:{HOME_MARKER}" in text:
            out.append(Problem(shown, f"Trang có khối trang chủ nhưng chưa có tệp docs/{DATA_DIR}/{HOME_FILE}.",
                               text[: text.index(f"microsite:{HOME_MARKER}")].count("\n") + 1, None,
                               f"Tạo tệp docs/{DATA_DIR}/{HOME_FILE} với title (tên chiến dịch) và tagline "
                               "(một dòng giới thiệu), hoặc xoá dòng này."))
    return out


def _resolution_folders(settings: SiteSettings) -> list[Problem]:
    """A resolution section whose folder has no home page: its feed would point nowhere."""
    return [Problem(CONFIG_NAME, f"Mục nghị quyết {res.number}: chưa có trang docs/{res.folder}/index.md.", res.line,
                    "resolutions.dir", f"Tạo trang docs/{res.folder}/index.md (trang chính của mục) hoặc sửa dir.",
                    Severity.WARNING)
            for res in settings.site.resolutions if not (settings.docs_dir / res.folder / "index.md").is_file()]


def load_campaign(settings: SiteSettings) -> tuple[CampaignData, list[Problem]]:
    data_dir = settings.docs_dir / DATA_DIR
    now = current_time(settings.now)
    root = settings.docs_dir.resolve().parent
    snapshots, problems = load_snapshots((data_dir / TRACKER_DIR).resolve(), root, now)
    plan_path = data_dir / PLAN_FILE
    plan, found = load_plan(plan_path, display_path(plan_path, settings), settings.site.channels)
    problems += found
    docs_path = data_dir / DOCUMENTS_FILE
    documents, found = load_documents(docs_path, display_path(docs_path, settings))
    problems += found
    home_path = data_dir / HOME_FILE
    home, found = load_home(home_path, display_path(home_path, settings), settings.docs_dir)
    problems += found
    problems += _page_markers(settings, home=home_path.is_file())
    problems += _resolution_folders(settings)
    return CampaignData(snapshots, plan, documents, home), problems


def campaign_problems(settings: SiteSettings) -> list[Problem]:
    return load_campaign(settings)[1]
