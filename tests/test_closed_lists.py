"""Closed lists live in one place each, and everything that depends on one agrees with it.

Chart kinds (``infographics.model.CHART_KINDS``): the type, the schema's enum and its per-kind
figure rules, the drawers, the workspace's choices, the loader, the alt text and the table.
Feed formats (``syndication.feeds.FEED_FORMATS``): the file names, the writer (also the patch
path's), the ``<link rel="alternate">`` tags, the announced documents and the check's outputs.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import get_args

import pytest
from lxml import etree

from infographic_helpers import default_infographics, load, write_data
from microsite.infographics import model
from microsite.infographics.alt import alt_text
from microsite.infographics.charts import DRAWERS
from microsite.infographics.schema import validator
from microsite.infographics.tabular import table
from microsite.syndication import feeds
from microsite.workspace import labels
from syndication_helpers import IDENTITY, errors, jsonfeed_validator, sample_entry

REFS = {"fraction": "#/$defs/fraction", "quantity": "#/$defs/quantity_item", "milestone": "#/$defs/milestone"}


def test_chart_kinds_are_one_list_the_schema_drawers_and_labels_agree_with() -> None:
    assert model.KINDS == get_args(model.Kind) == tuple(k.name for k in model.CHART_KINDS)
    assert list(DRAWERS) == list(model.KINDS)
    assert labels.CHART_KINDS == model.KIND_LABELS
    schema = validator().schema
    assert schema["properties"]["kind"]["enum"] == list(model.KINDS)
    rules = {rule["if"]["properties"]["kind"]["const"]: rule["then"] for rule in schema["allOf"]
             if "kind" in rule["if"].get("properties", {})}
    assert list(rules) == list(model.KINDS)
    for kind in model.CHART_KINDS:
        then = rules[kind.name]
        assert then["properties"]["figures"]["items"]["$ref"] == REFS[kind.figures], kind.name
        assert ("target" in then.get("required", [])) is kind.target, kind.name


def test_every_chart_kind_is_loaded_described_and_tabulated_by_its_shape() -> None:
    """The default site shows every kind (a new kind brings its example)."""
    infographics = default_infographics()
    assert {info.kind for info in infographics} == set(model.KINDS)
    for info in infographics:
        kind = model.chart_kind(info.kind)
        counts = {"fraction": len(info.fractions), "quantity": len(info.figures), "milestone": len(info.milestones)}
        assert counts[kind.figures] > 0 and sum(counts.values()) == counts[kind.figures], info.id
        assert (info.target is not None) is kind.target, info.id
        headers, rows = table(info)
        assert len(rows) == counts[kind.figures] + kind.target and all(len(r) == len(headers) for r in rows)
        assert info.as_of_text() in alt_text(info)


def test_an_unknown_chart_kind_is_refused_never_drawn_as_another(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pie"):
        model.chart_kind("pie")
    path = write_data(tmp_path, "banh", """
        title: Cơ cấu kinh tế năm 2023
        kind: pie
        as_of: "2023-03-27"
        source: "Nguồn: Cục Thống kê"
        figures:
          - label: Dịch vụ
            value: 65
        """)
    info, problems = load(path)
    assert info is None and problems and all(p.message.isprintable() for p in problems)
    assert any("kind" in (p.field or "") or "loại" in p.message.lower() for p in problems)


def test_feed_formats_are_one_list_every_feed_is_written_linked_and_announced_in(tmp_path: Path) -> None:
    from microsite.adapter.syndication import _feed_links

    kinds = [f.kind for f in feeds.FEED_FORMATS]
    assert len(set(kinds)) == len(kinds) and len({f.name for f in feeds.FEED_FORMATS}) == len(kinds)
    specs = feeds.feed_specs(IDENTITY)
    links = _feed_links(IDENTITY, specs)
    assert [(link.path, link.media_type) for link in links] == [
        (spec.file(f.kind), f.media_type) for spec in specs for f in feeds.FEED_FORMATS]
    entry = sample_entry()
    spec = specs[0]
    for f in feeds.FEED_FORMATS:  # each format's bytes are its format
        data = f.render(spec, [entry], IDENTITY, datetime(2023, 3, 29, tzinfo=entry.published.tzinfo))
        if f.media_type.endswith("json"):
            assert errors(jsonfeed_validator(), json.loads(data)) == []
        else:
            assert etree.fromstring(data).tag.endswith(("rss", "feed"))
