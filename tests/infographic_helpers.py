"""Helpers for the infographic tests: write data files and load them like the check does."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path

import yaml

from microsite.campaign.tracker import TRACKER_DIR, load_snapshots
from microsite.content.problems import Problem
from microsite.infographics.loader import load_infographic
from microsite.infographics.model import Infographic
from microsite.text.press import TIMEZONE

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "docs" / "_data" / "infographics"
NOW = datetime(2026, 1, 1, tzinfo=TIMEZONE)


def write_data(folder: Path, name: str, yaml_text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(textwrap.dedent(yaml_text).lstrip("\n"), encoding="utf-8")
    return path


def load(path: Path, now: datetime = NOW) -> tuple[Infographic | None, list[Problem]]:
    """As the check loads it: progress figures named by indicator from the default site's latest
    snapshot (infographics/tracker_figures.py)."""
    snapshots, _ = load_snapshots(ROOT / "docs" / "_data" / TRACKER_DIR, ROOT, now)
    return load_infographic(path, path.name, now, snapshots[-1] if snapshots else None)


def default_infographics() -> list[Infographic]:
    out = []
    for path in sorted(DATA_DIR.glob("*.yml")):
        info, problems = load(path)
        assert info is not None, [p.format() for p in problems]
        out.append(info)
    return out


LONG_TITLE = ("Kiểm tra, đôn đốc tiến độ chuẩn bị nội dung sơ kết giữa nhiệm kỳ thực hiện Nghị quyết "
              "Đại hội lần thứ XIII của Đảng và Nghị quyết Đại hội XXII Đảng bộ thành phố")


def stress_infographics(folder: Path) -> list[Infographic]:
    """Worst cases an editor can write within the schema: long titles, many items."""
    # Every text at the schema's maximum length: the layout must hold whatever passes the check.
    long_label = ("Đảng ủy trực thuộc Thành ủy đã ban hành kế hoạch triển khai sơ kết giữa nhiệm kỳ "
                  "ở cơ sở xã")[:90]
    long_detail = (long_label + " và báo cáo Ban Thường vụ Thành ủy đúng hạn")[:120]
    long_note = (long_detail + " theo Kế hoạch số 106-KH/TU ngày 27-1-2023 của Ban Thường vụ")[:160]
    source = ("Nguồn: Văn phòng Thành ủy, báo cáo tổng hợp tiến độ của Tổ Biên tập sơ kết giữa nhiệm kỳ, "
              "Trang thông tin điện tử Đảng bộ thành phố Đà Nẵng, ngày 29-3-2023, Báo Đà Nẵng và Cổng thông tin")[:160]
    assert len(long_label) == 90 and len(long_detail) == 120 and len(long_note) == 160 and len(source) == 160
    common = {"title": LONG_TITLE, "as_of": "2024-03-13", "source": source, "notes": [long_note] * 2}
    docs = {
        "p": {**common, "subtitle": (LONG_TITLE + " " + LONG_TITLE)[:220], "kind": "progress", "style": "ring",
              "figures": [{"label": long_label, "done": i, "total": 10 + i} for i in range(4)]},
        "pb": {**common, "kind": "progress", "style": "bar",
               "figures": [{"label": long_label, "done": 1000 + i, "total": 1200} for i in range(4)]},
        "n": {**common, "kind": "numbers", "figures": [
            {"label": long_label, "value": 5000, "max": 5500, "unit": "USD/người", "note": long_label}
            for _ in range(4)]},  # equal items written out: editors' files have no YAML aliases
        "t": {**common, "kind": "timeline", "figures": [
            {"date": f"2023-0{i + 1}-2{i}", "label": long_label, "detail": long_detail} for i in range(6)]},
        "b": {**common, "kind": "bars", "unit": "nhiệm vụ", "figures": [
            {"label": long_label, "value": 525 - i * 90, "note": "74,3%"} for i in range(6)]},
        "g": {**common, "kind": "target", "unit": "%/năm", "target": {"label": long_label, "value": 9, "max": 10},
              "figures": [{"label": long_label, "value": 3.48 + i} for i in range(4)]},
    }
    out = []
    for name, text in docs.items():
        info, problems = load(write_data(folder, name, yaml.safe_dump(text, allow_unicode=True)))
        assert info is not None, [p.format() for p in problems]
        out.append(info)
    return out


