"""Every site-level option in one typed place.

The MkDocs adapter fills this from the plugin's options in ``mkdocs.yml``; the core
never reads MkDocs config objects, so a move to another site engine only has to
fill the same dataclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SiteSettings:
    docs_dir: Path
    site_name: str = "Sơ kết giữa nhiệm kỳ – Đảng bộ thành phố Đà Nẵng"
    site_url: str = ""
    blog_dir: str = "tin-tuc"
    categories: tuple[str, ...] = ()
    publisher: str = "Ban Tuyên giáo Thành ủy Đà Nẵng"
    licence: str = "CC BY 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"
    cache_dir: Path = field(default=Path(".cache/microsite"))
    # Injected "now" (plugin option `now` / MICROSITE_NOW); None = real time. See content/clock.py.
    now: datetime | None = None

    @property
    def posts_dir(self) -> Path:
        return self.docs_dir / self.blog_dir / "posts"

    @classmethod
    def from_options(cls, docs_dir: Path, options: dict[str, Any], **extra: Any) -> SiteSettings:
        """Build from a plain dict of options (unknown keys are the caller's concern)."""
        known = {k: v for k, v in options.items() if k in cls.__dataclass_fields__}
        if "categories" in known:
            known["categories"] = tuple(known["categories"])
        if "cache_dir" in known:
            known["cache_dir"] = Path(known["cache_dir"])
        return cls(docs_dir=Path(docs_dir), **known, **extra)
