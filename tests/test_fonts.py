"""Web-font subsets are a function of the font files alone.

They are cached and reused by later builds (``assets.fonts``), so they must not carry
anything of the build that made them, such as its date (``SOURCE_DATE_EPOCH``, which the
build sets from the newest article): a warm build would otherwise differ from a cold one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from microsite.assets import fonts


def test_a_subset_does_not_depend_on_the_build_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    face = fonts.WEB_FACES[0]
    made = []
    for epoch in ("0", "1680000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        dest = tmp_path / f"{epoch}.woff2"
        fonts._subset(fonts.ttf_path(face.ttf_name), dest)
        made.append(dest.read_bytes())
    assert made[0] == made[1] and len(made[0]) > 10_000
