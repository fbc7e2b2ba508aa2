"""Documents of the resolution section: number, date, issuing body, summary, link.

Kept as data (``docs/_data/van-ban.yml``) so the list is checked like any other
editor input and rendered in one consistent, citable form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content.datafile import read_data_file, validator
from ..content.problems import Problem
from .plan import DUE_HINT


@dataclass(frozen=True)
class Document:
    kind: str  # "Nghị quyết", "Chỉ thị", ...
    number: str  # "12-NQ/TU"
    date: date
    issuer: str
    summary: str
    url: str
    title: str | None = None  # the official abstract (trích yếu), only when quoted from the source
    url_label: str | None = None

    @property
    def citation(self) -> str:
        """``Nghị quyết số 12-NQ/TU ngày 5-6-2021 của Ban Thường vụ Tỉnh ủy``."""
        from ..text.press import short_date

        return f"{self.kind} số {self.number} ngày {short_date(self.date)} của {self.issuer}"


def load_documents(path: Path, shown: str) -> tuple[list[Document], list[Problem]]:
    """Documents sorted by date (absent file: none, no problem)."""
    if not path.is_file():
        return [], []
    doc, problems = read_data_file(path, shown, validator(__package__, "documents.schema.json"))
    if doc is None:
        return [], problems
    out = []
    for i, raw in enumerate(doc.data["documents"]):
        try:
            issued = date.fromisoformat(str(raw["date"]).strip())
        except ValueError:
            problems.append(doc.problem(("documents", i, "date"), f"Không đọc được ngày \"{raw['date']}\".", DUE_HINT))
            continue
        out.append(Document(raw["kind"].strip(), raw["number"].strip(), issued, raw["issuer"].strip(),
                            raw["summary"].strip(), raw["url"].strip(), raw.get("title"), raw.get("url_label")))
    return sorted(out, key=lambda d: d.date), problems
