"""CSV download of an infographic's figures, with its source and as-of date on every row.

UTF-8 with BOM so spreadsheet programs on Vietnamese Windows show diacritics; raw
values (dot decimals) so the numbers can be recomputed and checked.
"""

from __future__ import annotations

import csv
import io

from .model import Infographic
from .tabular import table


def to_csv(info: Infographic) -> str:
    headers, rows = table(info)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers + ["Tính đến", "Nguồn"])
    for row in rows:
        writer.writerow([c.raw for c in row] + [info.as_of.isoformat(), info.source])
    return out.getvalue()
