"""Domain objects: what an article *is*, independent of how a site engine renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path

from .site_config import Channel


class Status(str, Enum):
    """Appraisal workflow: only approved articles with a reviewer reach the public.

    ``withdrawn`` (gỡ bài) is the end of a published article's life: like approval it
    needs a reviewer, and it leaves only a notice at the article's address."""

    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    Status.DRAFT: "Bản nháp",
    Status.REVIEW: "Chờ thẩm định",
    Status.APPROVED: "Đã thẩm định",
    Status.WITHDRAWN: "Đã gỡ",
}


class UpdateKind(str, Enum):
    """What a dated note after publication is: new facts, or a fix of a wrong one."""

    UPDATE = "cap-nhat"
    CORRECTION = "dinh-chinh"


UPDATE_LABELS = {
    UpdateKind.UPDATE: "Cập nhật",
    UpdateKind.CORRECTION: "Đính chính",
}


@dataclass(frozen=True)
class Update:
    """One entry of ``updates:``: readers see it on the page, partners as the modified time."""

    date: datetime
    kind: UpdateKind
    note: str

    @property
    def label(self) -> str:
        return UPDATE_LABELS[self.kind]


@dataclass(frozen=True)
class ImageRef:
    """The lead photo (front matter ``image:``): shown above the text, in listings, to partners."""

    src: str
    alt: str
    credit: str
    caption: str = ""  # shown under the photo with the credit
    focus: str | None = None  # "30% 40%": where the subject is, for crops (photos.process.Focus)


@dataclass(frozen=True)
class Withdrawal:
    """When and why a published article was taken down (front matter ``withdrawn:``)."""

    date: datetime
    reason: str


@dataclass
class Article:
    """One news article, as the editor wrote it (NFC-normalised)."""

    path: Path  # absolute source file
    rel_path: str  # posix path relative to docs_dir
    title: str
    date: datetime  # timezone-aware, Asia/Ho_Chi_Minh
    authors: list[str]
    channels: list[str]
    categories: list[str]
    tags: list[str]
    summary: str
    status: Status
    slug: str
    body: str
    reviewer: str | None = None
    image: ImageRef | None = None
    source: str | None = None
    updated: datetime | None = None
    pin: bool = False
    updates: list[Update] = field(default_factory=list)  # oldest first
    withdrawn: Withdrawal | None = None
    meta: dict[str, object] = field(default_factory=dict)  # the front matter as written
    body_line: int = 1  # file line where the body starts (for problems found in the body)
    # File lines of the fields checked against other articles once all are loaded (``related``)
    field_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    # The channels named in ``channels``, as the site configures them (filled by the loader)
    channel_info: tuple[Channel, ...] = ()

    @property
    def channel_objects(self) -> list[Channel]:
        return list(self.channel_info)

    @property
    def byline(self) -> str:
        """Authors in capitals, as Vietnamese papers print them: ``THANH THẢO``."""
        return ", ".join(a.upper() for a in self.authors)

    def is_approved(self) -> bool:
        return self.status is Status.APPROVED and bool(self.reviewer)

    def is_withdrawn(self) -> bool:
        """Taken down by a reviewer: a notice page and a canceled ninjs entry, nothing else."""
        return self.status is Status.WITHDRAWN and bool(self.reviewer) and self.withdrawn is not None

    def is_public(self, now: datetime) -> bool:
        """Approved and its publication time has come (future dates are scheduled)."""
        return self.is_approved() and self.date <= now
